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

use std::panic::{catch_unwind, AssertUnwindSafe};
#[cfg(all(target_arch = "wasm32", panic = "abort"))]
use std::sync::Once;

use genova_sessions_core as core;
use wasm_bindgen::JsValue;

/// The code of an error that is a bug, not bad input (a panic).
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

    /// The JS `Error` to throw: `message` as its message, `code` as an own property.
    pub fn into_js(self) -> JsValue {
        let error = js_sys::Error::new(&self.message);
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &self.code.into());
        error.into()
    }
}

impl From<core::Error> for Failure {
    fn from(e: core::Error) -> Failure {
        Failure::new(e.code().as_str(), e.to_string())
    }
}

/// The message of a panic, as thrown to JS.
pub fn panic_message(what: &str) -> String {
    format!("internal error (a bug in genova-sessions): {what}")
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
            wasm_bindgen::throw_val(failure.into_js());
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
    let result = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(Failure::new(INTERNAL, panic_message(&what)))
    });
    result.map_err(Failure::into_js)
}
