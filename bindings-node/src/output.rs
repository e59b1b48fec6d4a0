//! Results → JavaScript. Two ways across the boundary were measured (see `bench/`):
//! building the objects from Rust, or handing V8 the result's JSON text for `JSON.parse`.
//! Both give the same objects, with keys in SPEC §4's order; the exports use [`parse_json`],
//! which was faster.

use std::ffi::c_char;
use std::ptr;

use napi::{sys, Env, Unknown};
use serde::Serialize;

use crate::error::Failure;

/// `JSON.parse(text)`, with `text` the compact JSON the core wrote.
pub fn parse_json(env: sys::napi_env, text: &str) -> Result<sys::napi_value, Failure> {
    let fail = || Failure::internal("could not hand the result to JSON.parse");
    // SAFETY: env is the current call's env; every value is created in this call.
    unsafe {
        let (mut global, mut json, mut parse, mut string, mut result) = (
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null_mut(),
        );
        let ok = sys::napi_get_global(env, &mut global) == sys::Status::napi_ok
            && sys::napi_get_named_property(env, global, c"JSON".as_ptr(), &mut json)
                == sys::Status::napi_ok
            && sys::napi_get_named_property(env, json, c"parse".as_ptr(), &mut parse)
                == sys::Status::napi_ok
            && sys::napi_create_string_utf8(
                env,
                text.as_ptr() as *const c_char,
                text.len() as isize,
                &mut string,
            ) == sys::Status::napi_ok
            && sys::napi_call_function(env, json, parse, 1, &string, &mut result)
                == sys::Status::napi_ok;
        if ok {
            Ok(result)
        } else {
            Err(fail())
        }
    }
}

/// The other way: the objects built from Rust through napi's serde serializer.
pub fn build_objects<'env, T: Serialize>(
    env: &'env Env,
    value: &T,
) -> Result<Unknown<'env>, Failure> {
    env.to_js_value(value)
        .map_err(|e| Failure::internal(format!("could not build the result: {e}")))
}

/// The compact JSON of a core result (its typed serializer, never a `serde_json::Value`'s).
pub fn json_text<T: Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string(value)
        .map_err(|e| Failure::internal(format!("could not write the result: {e}")))
}
