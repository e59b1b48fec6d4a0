//! What differs in Node: how a JS value is asked what it is (napi calls), how a failure is
//! thrown (a JS `Error` with a `code`), and how a result's JSON text becomes JS objects
//! (`JSON.parse`). The walk, SPEC §5's order and the exports' bodies are
//! `genova-sessions-js`'s.

use std::ffi::c_char;
use std::ptr;

use genova_sessions_js::{self as js, caught, Failure, Host, HostError, Kind, PlanInput};
use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{sys, Env, Unknown, ValueType};

/// Checks a napi status; a pending JS exception (a throwing getter or proxy) is
/// [`HostError::Threw`], anything else a bug.
macro_rules! call {
    ($self:ident, $e:expr) => {
        // SAFETY: every napi call here gets the call's env and values created in this call.
        if unsafe { $e } != sys::Status::napi_ok {
            return Err($self.napi_failure());
        }
    };
}

/// The JS values of one call, read through napi.
pub struct Napi {
    env: sys::napi_env,
    object_prototype: sys::napi_value,
    object_to_string: sys::napi_value,
    buf: Vec<u8>,
}

impl Napi {
    fn new(env: sys::napi_env) -> Result<Self, Failure> {
        let mut host = Napi {
            env,
            object_prototype: ptr::null_mut(),
            object_to_string: ptr::null_mut(),
            buf: vec![0; 256],
        };
        host.globals()
            .map_err(|_| Failure::internal("cannot read Object.prototype"))?;
        Ok(host)
    }

    fn globals(&mut self) -> Result<(), HostError> {
        let env = self.env;
        let (mut global, mut object) = (ptr::null_mut(), ptr::null_mut());
        call!(self, sys::napi_get_global(env, &mut global));
        call!(
            self,
            sys::napi_get_named_property(env, global, c"Object".as_ptr(), &mut object)
        );
        call!(
            self,
            sys::napi_get_named_property(
                env,
                object,
                c"prototype".as_ptr(),
                &mut self.object_prototype
            )
        );
        call!(
            self,
            sys::napi_get_named_property(
                env,
                self.object_prototype,
                c"toString".as_ptr(),
                &mut self.object_to_string
            )
        );
        Ok(())
    }

    /// `String(value)`.
    fn coerce_to_string(&mut self, raw: sys::napi_value) -> Result<String, HostError> {
        let mut s = ptr::null_mut();
        call!(self, sys::napi_coerce_to_string(self.env, raw, &mut s));
        self.string(s)
    }

    /// The UTF-8 text of a JS string (lone surrogates become U+FFFD).
    fn string(&mut self, raw: sys::napi_value) -> Result<String, HostError> {
        let mut len = 0usize;
        let cap = self.buf.len();
        let buf = self.buf.as_mut_ptr() as *mut c_char;
        call!(
            self,
            sys::napi_get_value_string_utf8(self.env, raw, buf, cap, &mut len)
        );
        if len + 4 >= cap {
            // Possibly cut short (napi stops before a character that does not fit whole, so
            // up to 3 bytes may be left unused): ask for the length, then read it whole.
            call!(
                self,
                sys::napi_get_value_string_utf8(self.env, raw, ptr::null_mut(), 0, &mut len)
            );
            self.buf.resize(len + 1, 0);
            let cap = self.buf.len();
            let buf = self.buf.as_mut_ptr() as *mut c_char;
            call!(
                self,
                sys::napi_get_value_string_utf8(self.env, raw, buf, cap, &mut len)
            );
        }
        // napi writes valid UTF-8; a lossy read only guards against a broken engine.
        let s = String::from_utf8_lossy(&self.buf[..len]).into_owned();
        if self.buf.len() > 4096 {
            self.buf.truncate(256);
            self.buf.shrink_to_fit();
        }
        Ok(s)
    }

    fn strict_equals(&mut self, a: sys::napi_value, b: sys::napi_value) -> Result<bool, HostError> {
        let mut same = false;
        call!(self, sys::napi_strict_equals(self.env, a, b, &mut same));
        Ok(same)
    }

    /// The error of a napi call that did not succeed: the pending JS exception's text, or a bug.
    fn napi_failure(&mut self) -> HostError {
        let env = self.env;
        let mut pending = false;
        // SAFETY: env is the current call's env.
        unsafe {
            if sys::napi_is_exception_pending(env, &mut pending) != sys::Status::napi_ok || !pending
            {
                return HostError::Internal("a napi call failed while reading the input".into());
            }
            let mut exception = ptr::null_mut();
            let mut text = ptr::null_mut();
            let mut message = "an exception".to_owned();
            if sys::napi_get_and_clear_last_exception(env, &mut exception) == sys::Status::napi_ok
                && sys::napi_coerce_to_string(env, exception, &mut text) == sys::Status::napi_ok
            {
                let mut len = 0usize;
                if sys::napi_get_value_string_utf8(env, text, ptr::null_mut(), 0, &mut len)
                    == sys::Status::napi_ok
                {
                    let mut buf = vec![0u8; len + 1];
                    let mut got = 0usize;
                    let ptr = buf.as_mut_ptr() as *mut c_char;
                    if sys::napi_get_value_string_utf8(env, text, ptr, len + 1, &mut got)
                        == sys::Status::napi_ok
                    {
                        message = String::from_utf8_lossy(&buf[..got]).into_owned();
                    }
                }
            }
            HostError::Threw(message)
        }
    }
}

impl Host for Napi {
    type Value = sys::napi_value;
    type Keys = sys::napi_value;

    fn kind(
        &mut self,
        raw: sys::napi_value,
    ) -> Result<Kind<sys::napi_value, sys::napi_value>, HostError> {
        let env = self.env;
        let mut kind = 0;
        call!(self, sys::napi_typeof(env, raw, &mut kind));
        use sys::ValueType as T;
        Ok(match kind {
            T::napi_null => Kind::Null,
            T::napi_boolean => {
                let mut b = false;
                call!(self, sys::napi_get_value_bool(env, raw, &mut b));
                Kind::Bool(b)
            }
            T::napi_number => {
                let mut n = 0.0;
                call!(self, sys::napi_get_value_double(env, raw, &mut n));
                Kind::Number(n)
            }
            T::napi_string => Kind::String(self.string(raw)?),
            T::napi_bigint => Kind::BigInt(self.coerce_to_string(raw)?),
            T::napi_object => {
                let mut yes = false;
                call!(self, sys::napi_is_array(env, raw, &mut yes));
                if yes {
                    let mut len = 0;
                    call!(self, sys::napi_get_array_length(env, raw, &mut len));
                    return Ok(Kind::Array(raw, u64::from(len)));
                }
                call!(self, sys::napi_is_date(env, raw, &mut yes));
                if yes {
                    let mut ms = 0.0;
                    call!(self, sys::napi_get_date_value(env, raw, &mut ms));
                    return Ok(Kind::Date(ms));
                }
                let mut proto = ptr::null_mut();
                call!(self, sys::napi_get_prototype(env, raw, &mut proto));
                let mut proto_kind = 0;
                call!(self, sys::napi_typeof(env, proto, &mut proto_kind));
                let plain = proto_kind == T::napi_null
                    || self.strict_equals(proto, self.object_prototype)?;
                if !plain {
                    let mut to_string = ptr::null_mut();
                    call!(
                        self,
                        sys::napi_get_named_property(
                            env,
                            raw,
                            c"toString".as_ptr(),
                            &mut to_string
                        )
                    );
                    let mut kind = 0;
                    call!(self, sys::napi_typeof(env, to_string, &mut kind));
                    if kind == T::napi_function
                        && !self.strict_equals(to_string, self.object_to_string)?
                    {
                        return Ok(Kind::Text(self.coerce_to_string(raw)?));
                    }
                }
                let mut keys = ptr::null_mut();
                call!(
                    self,
                    sys::napi_get_all_property_names(
                        env,
                        raw,
                        sys::KeyCollectionMode::own_only,
                        sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                        sys::KeyConversion::numbers_to_strings,
                        &mut keys,
                    )
                );
                let mut len = 0;
                call!(self, sys::napi_get_array_length(env, keys, &mut len));
                Kind::Object(raw, keys, len)
            }
            _ => Kind::Skip,
        })
    }

    fn item(&mut self, array: &sys::napi_value, i: u32) -> Result<sys::napi_value, HostError> {
        let mut child = ptr::null_mut();
        call!(self, sys::napi_get_element(self.env, *array, i, &mut child));
        Ok(child)
    }

    fn key(
        &mut self,
        keys: &sys::napi_value,
        i: u32,
    ) -> Result<(String, sys::napi_value), HostError> {
        let mut key = ptr::null_mut();
        call!(self, sys::napi_get_element(self.env, *keys, i, &mut key));
        Ok((self.string(key)?, key))
    }

    fn get(
        &mut self,
        object: &sys::napi_value,
        key: &sys::napi_value,
    ) -> Result<sys::napi_value, HostError> {
        let mut child = ptr::null_mut();
        call!(
            self,
            sys::napi_get_property(self.env, *object, *key, &mut child)
        );
        Ok(child)
    }

    fn same(&mut self, a: &sys::napi_value, b: &sys::napi_value) -> Result<bool, HostError> {
        self.strict_equals(*a, *b)
    }

    fn text(&mut self, value: &sys::napi_value) -> Result<Option<String>, HostError> {
        let mut kind = 0;
        call!(self, sys::napi_typeof(self.env, *value, &mut kind));
        if kind != sys::ValueType::napi_string {
            return Ok(None);
        }
        self.string(*value).map(Some)
    }
}

/// A JS value made by this call, handed back to napi-rs as it is.
pub struct JsRaw(pub sys::napi_value);

impl TypeName for JsRaw {
    fn type_name() -> &'static str {
        "unknown"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for JsRaw {
    unsafe fn to_napi_value(_env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        Ok(val.0)
    }
}

/// The raw handle of an argument.
pub fn raw(value: &Unknown) -> sys::napi_value {
    napi::JsValue::raw(value)
}

/// Reads `plan`'s arguments ([`js::plan_input`]), for `planAsync`.
pub fn plan_input(env: &Env, snapshot: &Unknown, options: &Unknown) -> Result<PlanInput, Failure> {
    let mut host = Napi::new(env.raw())?;
    js::plan_input(&mut host, raw(snapshot), raw(options))
}

/// Runs an export's body on this call's values: a [`Failure`] or a panic becomes a thrown
/// `Error`, the JSON text a JS value (`JSON.parse`).
pub fn run(
    env: &Env,
    body: impl FnOnce(&mut Napi) -> Result<String, Failure>,
) -> napi::Result<JsRaw> {
    caught(|| {
        let mut host = Napi::new(env.raw())?;
        let text = body(&mut host)?;
        parse_json(env.raw(), &text).map(JsRaw)
    })
    .map_err(|f| throw(env.raw(), f))
}

/// Builds the JS `Error` (with its `code` property) for napi-rs to throw or to reject a
/// Promise with.
pub fn throw(env: sys::napi_env, failure: Failure) -> napi::Error {
    // SAFETY: `env` is the live env of the current call; every value is created here.
    unsafe {
        let (mut code, mut message, mut error) =
            (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        let ok = sys::napi_create_string_utf8(
            env,
            failure.code.as_ptr() as *const c_char,
            failure.code.len() as isize,
            &mut code,
        ) == sys::Status::napi_ok
            && sys::napi_create_string_utf8(
                env,
                failure.message.as_ptr() as *const c_char,
                failure.message.len() as isize,
                &mut message,
            ) == sys::Status::napi_ok
            && sys::napi_create_error(env, code, message, &mut error) == sys::Status::napi_ok;
        if ok {
            // Kept by reference, so the thrown (or rejected) value is this very `Error` with its
            // `code`: `From<Unknown>` keeps only the message on wasm32 (the WASI build), where
            // napi-rs then rebuilds an `Error` whose `code` is `GenericFailure`.
            napi::Error::from_unknown_without_coercion(Unknown::from_raw_unchecked(env, error))
        } else {
            napi::Error::new(
                napi::Status::GenericFailure,
                format!("{}: {}", failure.code, failure.message),
            )
        }
    }
}

/// `JSON.parse(text)`, with `text` the compact JSON the core wrote: one string across the
/// boundary (faster than building the objects from Rust: `npm run bench`).
pub fn parse_json(env: sys::napi_env, text: &str) -> Result<sys::napi_value, Failure> {
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
            Err(Failure::internal("could not hand the result to JSON.parse"))
        }
    }
}
