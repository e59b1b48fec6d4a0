//! What differs in the browser: how a JS value is asked what it is (`js_sys` calls that
//! return JS exceptions as `Err`, so no exception unwinds through WebAssembly frames), how a
//! failure is thrown (a JS `Error` with a `code`), and how a result's JSON text becomes JS
//! objects (`JSON.parse`). The walk, SPEC §5's order and the exports' bodies are
//! `genova-sessions-js`'s.

use genova_sessions_js::{Failure, Host, HostError, Kind};
use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray(v)` (throws for a revoked proxy).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Reflect.getPrototypeOf(v)`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = getPrototypeOf)]
    fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `Object.keys(v)`: own enumerable string keys, in `JSON.stringify`'s order.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;

    /// `Reflect.get(target, key)`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `Reflect.get(target, index)`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn get_index(target: &JsValue, index: u32) -> Result<JsValue, JsValue>;

    /// `Reflect.apply(f, this, args)`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = apply)]
    fn apply(f: &Function, this: &JsValue, args: &Array) -> Result<JsValue, JsValue>;

    /// `String(v)`.
    #[wasm_bindgen(catch, js_name = String)]
    fn to_js_string(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `JSON.parse(text)`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

/// The JS values of one call, read through `js_sys`.
pub struct Browser {
    object_prototype: JsValue,
    object_to_string: JsValue,
    date_get_time: Function,
    no_args: Array,
    length_key: JsValue,
    to_string_key: JsValue,
}

fn threw(exception: JsValue) -> HostError {
    HostError::Threw(
        to_js_string(&exception)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| "an exception".to_owned()),
    )
}

impl Browser {
    /// The globals the questions need, looked up once per call.
    pub fn new() -> Result<Self, Failure> {
        let global = js_sys::global();
        let lookup = |target: &JsValue, key: &str| {
            get(target, &JsValue::from_str(key))
                .map_err(|_| Failure::internal(format!("cannot read the global {key}")))
        };
        let object = lookup(&global, "Object")?;
        let object_prototype = lookup(&object, "prototype")?;
        let object_to_string = lookup(&object_prototype, "toString")?;
        let date = lookup(&global, "Date")?;
        let date_get_time = lookup(&lookup(&date, "prototype")?, "getTime")?;
        Ok(Browser {
            object_prototype,
            object_to_string,
            date_get_time: date_get_time.unchecked_into(),
            no_args: Array::new(),
            length_key: JsValue::from_str("length"),
            to_string_key: JsValue::from_str("toString"),
        })
    }

    fn string_of(&self, v: &JsValue) -> Result<String, HostError> {
        let s = to_js_string(v).map_err(threw)?;
        Ok(s.as_string().unwrap_or_default())
    }
}

impl Host for Browser {
    type Value = JsValue;
    type Keys = Array;

    fn kind(&mut self, v: JsValue) -> Result<Kind<JsValue, Array>, HostError> {
        if let Some(s) = v.as_string() {
            return Ok(Kind::String(s));
        }
        if let Some(b) = v.as_bool() {
            return Ok(Kind::Bool(b));
        }
        if let Some(n) = v.as_f64() {
            return Ok(Kind::Number(n));
        }
        if v.is_null() {
            return Ok(Kind::Null);
        }
        if v.is_bigint() {
            return Ok(Kind::BigInt(self.string_of(&v)?));
        }
        if !v.is_object() {
            // undefined, a function, a symbol
            return Ok(Kind::Skip);
        }
        if is_array(&v).map_err(threw)? {
            let len = get(&v, &self.length_key)
                .map_err(threw)?
                .as_f64()
                .unwrap_or(0.0);
            return Ok(Kind::Array(v, len as u64));
        }
        let proto = prototype_of(&v).map_err(threw)?;
        if !(proto.is_null() || proto == self.object_prototype) {
            // Date.prototype.getTime succeeds exactly on Date objects (their internal slot).
            if let Ok(ms) = apply(&self.date_get_time, &v, &self.no_args) {
                return Ok(Kind::Date(ms.as_f64().unwrap_or(f64::NAN)));
            }
            let to_string = get(&v, &self.to_string_key).map_err(threw)?;
            if to_string.is_function() && to_string != self.object_to_string {
                return Ok(Kind::Text(self.string_of(&v)?));
            }
        }
        let keys = object_keys(&v).map_err(threw)?;
        let len = keys.length();
        Ok(Kind::Object(v, keys, len))
    }

    fn item(&mut self, array: &JsValue, i: u32) -> Result<JsValue, HostError> {
        get_index(array, i).map_err(threw)
    }

    fn key(&mut self, keys: &Array, i: u32) -> Result<(String, JsValue), HostError> {
        let key = keys.get(i);
        // Object.keys gives strings only.
        Ok((key.as_string().unwrap_or_default(), key))
    }

    fn get(&mut self, object: &JsValue, key: &JsValue) -> Result<JsValue, HostError> {
        get(object, key).map_err(threw)
    }

    fn same(&mut self, a: &JsValue, b: &JsValue) -> Result<bool, HostError> {
        Ok(a == b)
    }

    fn text(&mut self, value: &JsValue) -> Result<Option<String>, HostError> {
        Ok(value.as_string())
    }
}

/// `JSON.parse(text)` of a result's JSON text: one string across the boundary instead of a
/// call per object and key (faster: see README.md, "Speed").
pub fn parse(text: &str) -> Result<JsValue, Failure> {
    json_parse(text).map_err(|_| Failure::internal("could not hand the result to JSON.parse"))
}
