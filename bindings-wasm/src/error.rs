//! Errors thrown to JavaScript: a JS `Error` whose `code` is the SPEC §5 code, and what
//! happens on a panic.
//!
//! `wasm32-unknown-unknown` is built with `panic = "abort"` (stable Rust has no unwinding
//! there), so `catch_unwind` cannot stop a panic. What we do instead:
//!
//! 1. inputs cannot reach a panic: every JS value is read with calls that report JS
//!    exceptions as `Err` (a throwing getter or proxy becomes `INVALID_FIELD`), and the core
//!    is checked by the fuzz targets and the replays;
//! 2. should a panic happen anyway, the hook installed by [`guard`] asks wasm-bindgen to
//!    build a fresh WebAssembly instance before the next call (`schedule_reinit`), then throws
//!    a JS `Error` with code `INTERNAL` naming the panic. The caller gets an ordinary
//!    exception and the next call runs on clean memory: the page stays up;
//! 3. in a build with `panic = "unwind"` (not available on stable for wasm32 today) the
//!    same `guard` catches the panic with `catch_unwind` and throws the same `Error`.

#[cfg(all(target_arch = "wasm32", panic = "abort"))]
use std::sync::Once;

use genova_sessions_js::{caught, Failure};
#[cfg(all(target_arch = "wasm32", panic = "abort"))]
use genova_sessions_js::{panic_message, INTERNAL};
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;

use crate::host::{self, Browser};

/// The JS `Error` to throw: `message` as its message, `code` as an own property.
pub fn into_js(failure: Failure) -> JsValue {
    let error = js_sys::Error::new(&failure.message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &failure.code.into());
    error.into()
}

/// Installs the panic hook of this instance (see the module docs); idempotent.
#[cfg(all(target_arch = "wasm32", panic = "abort"))]
fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            // The instance cannot continue after this call: have wasm-bindgen replace it
            // before the next call, and leave by throwing instead of trapping.
            wasm_bindgen::handler::schedule_reinit();
            let failure = Failure::new(INTERNAL, panic_message(&info.to_string()));
            wasm_bindgen::throw_val(into_js(failure));
        }));
    });
}

/// Where panics unwind, [`guard`]'s `catch_unwind` does the work.
#[cfg(not(all(target_arch = "wasm32", panic = "abort")))]
fn install_hook() {}

/// Runs an export's body: installs the panic hook, catches a panic where unwinding exists,
/// and turns a [`Failure`] into the thrown JS `Error`.
pub fn guard<T>(body: impl FnOnce() -> Result<T, Failure>) -> Result<T, JsValue> {
    install_hook();
    caught(body).map_err(into_js)
}

/// Runs an export's body on this call's values: the JSON text it returns becomes the JS
/// result (`JSON.parse`), a failure or a panic a thrown `Error`.
pub fn run<T: Tsify>(
    body: impl FnOnce(&mut Browser) -> Result<String, Failure>,
) -> Result<Ts<T>, JsValue> {
    guard(|| {
        let mut browser = Browser::new()?;
        let text = body(&mut browser)?;
        host::parse(&text).map(Ts::new_unchecked)
    })
}
