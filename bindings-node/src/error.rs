//! Errors thrown to JavaScript: a JS `Error` whose `code` is the SPEC §5 code.
//!
//! Every export runs its body through [`guard`], so a panic in the core or in the binding
//! becomes a thrown `Error` (code `INTERNAL`) instead of taking the Node process down.

use std::any::Any;
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use genova_sessions_core as core;
use napi::{sys, Env, Unknown};

/// The code of an error that is a bug, not bad input (a caught panic, a failed napi call).
pub const INTERNAL: &str = "INTERNAL";

/// Why a call failed: a SPEC §5 code (or [`INTERNAL`]) and a message naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// `INVALID_FIELD`, `INVALID_OPTION`, ..., or [`INTERNAL`].
    pub code: &'static str,
    /// What is wrong, e.g. `timeSlots[3].dayOfWeek: expected an integer, found "1"`.
    pub message: String,
}

impl Failure {
    /// A failure with this code and message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }

    /// A bug: a napi call that should not fail did.
    pub fn internal(message: impl Into<String>) -> Failure {
        Failure::new(INTERNAL, message)
    }

    /// Builds the JS `Error` (with its `code` property) and wraps it for napi-rs to throw
    /// or to reject a Promise with.
    pub fn into_napi(self, env: sys::napi_env) -> napi::Error {
        // SAFETY: `env` is the live env of the current call; every value is created here.
        unsafe {
            let (mut code, mut message, mut error) =
                (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
            let ok = sys::napi_create_string_utf8(
                env,
                self.code.as_ptr() as *const c_char,
                self.code.len() as isize,
                &mut code,
            ) == sys::Status::napi_ok
                && sys::napi_create_string_utf8(
                    env,
                    self.message.as_ptr() as *const c_char,
                    self.message.len() as isize,
                    &mut message,
                ) == sys::Status::napi_ok
                && sys::napi_create_error(env, code, message, &mut error) == sys::Status::napi_ok;
            if ok {
                napi::Error::from(Unknown::from_raw_unchecked(env, error))
            } else {
                napi::Error::new(
                    napi::Status::GenericFailure,
                    format!("{}: {}", self.code, self.message),
                )
            }
        }
    }
}

impl From<core::Error> for Failure {
    fn from(e: core::Error) -> Failure {
        Failure::new(e.code().as_str(), e.to_string())
    }
}

/// Runs an export's body, turning a [`Failure`] or a panic into a thrown JS `Error`.
pub fn guard<T>(env: &Env, body: impl FnOnce() -> Result<T, Failure>) -> napi::Result<T> {
    caught(body).map_err(|f| f.into_napi(env.raw()))
}

/// Runs `body`; a panic inside it becomes an [`INTERNAL`] failure instead of unwinding.
pub fn caught<T>(body: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|panic| Err(panicked(panic)))
}

/// The failure a caught panic becomes.
pub fn panicked(panic: Box<dyn Any + Send>) -> Failure {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    Failure::internal(format!("internal error (a bug in genova-sessions): {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_failure_not_an_unwind() {
        let failure = caught(|| -> Result<(), Failure> { panic!("slot {} broke", 3) }).unwrap_err();
        assert_eq!(failure.code, INTERNAL);
        assert_eq!(
            failure.message,
            "internal error (a bug in genova-sessions): slot 3 broke"
        );
        let failure = caught(|| -> Result<(), Failure> { std::panic::panic_any(7u8) }).unwrap_err();
        assert!(failure.message.ends_with("unknown panic"));
    }

    #[test]
    fn failures_and_values_pass_through() {
        assert_eq!(caught(|| Ok::<_, Failure>(5)), Ok(5));
        let bad = Failure::new("INVALID_FIELD", "classes[0].id: expected a string");
        assert_eq!(caught(|| Err::<(), _>(bad.clone())), Err(bad));
    }
}
