//! The error thrown to JavaScript, before it is a JS value: SPEC §5's code (or `INTERNAL`)
//! and a message naming the field. Each binding only turns it into its own `Error` object.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use genova_sessions_core as core;

/// The code of an error that is a bug, not bad input (a caught panic, a failed engine call).
pub const INTERNAL: &str = "INTERNAL";

/// Why a call failed: the JS `Error`'s `code` and `message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// `INPUT_TOO_LARGE`, `INVALID_JSON`, `INVALID_OPTION`, `INVALID_FIELD`, `NOT_FOUND`, or
    /// [`INTERNAL`].
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

    /// A bug: something that cannot fail did.
    pub fn internal(message: impl Into<String>) -> Failure {
        Failure::new(INTERNAL, message)
    }
}

impl From<core::Error> for Failure {
    fn from(e: core::Error) -> Failure {
        Failure::new(e.code().as_str(), e.to_string())
    }
}

/// Runs an export's body; a panic inside it becomes an [`INTERNAL`] failure instead of
/// unwinding across the FFI boundary (where unwinding exists: see the WebAssembly build for
/// `panic = "abort"`).
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
    Failure::internal(panic_message(&what))
}

/// The message of a panic, as thrown to JS.
pub fn panic_message(what: &str) -> String {
    format!("internal error (a bug in genova-sessions): {what}")
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
