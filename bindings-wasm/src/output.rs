//! Results → JavaScript: the core's typed results (never a `serde_json::Value`) through
//! serde-wasm-bindgen's JSON-compatible serializer, so `None` is `null`, maps are plain
//! objects and keys come in SPEC §4's order. `JSON.stringify(result) + "\n"` is then the
//! line `genova-sessions plan --input` prints.

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;

use crate::error::Failure;

/// Builds the JS value of a core result.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Failure> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Failure::new("INTERNAL", format!("could not build the result: {e}")))
}

/// [`to_js`], typed for the TypeScript declarations.
pub fn to_ts<T: Serialize + Tsify>(value: &T) -> Result<Ts<T>, Failure> {
    to_js(value).map(Ts::new_unchecked)
}
