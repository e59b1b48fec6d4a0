//! # genova-sessions-wasm
//!
//! The WebAssembly build (wasm-bindgen) of the Genova sessions engine, for the browser's
//! dry-run previews of how sessions and tutors will fall. Each export is one call into
//! `genova-sessions-js` — the same code as the Node addon's, which reads the JS values,
//! checks them in SPEC §5's order, runs the core and writes the result's JSON; this crate only
//! says how `js_sys` reads a value, throws an `Error` and parses the JSON ([`host`], [`error`]).
//! TypeScript declarations come from the Rust types (tsify), the same as the Node addon's.

#![deny(missing_docs)]

pub mod error;
pub mod host;

use genova_sessions_core::{
    AvailableTutors, AvailableTutorsRequest, Cancel, Plan, Reprice, RepriceRequest,
    SlotDeactivatedRequest, Snapshot, WeekCancelledRequest,
};
use genova_sessions_js::{self as js, FunctionOptions, PlanOptions};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::error::run;

/// Plans sessions for a snapshot and options `{ now, weeks, defaultTimezone?, legacyTimezone? }`.
///
/// Returns the plan as plain objects: `JSON.stringify(plan(s, o)) + "\n"` is what
/// `genova-sessions plan --input` prints for the same input. Throws an `Error` with a `code`
/// (`INPUT_TOO_LARGE`, `INVALID_OPTION`, `INVALID_FIELD`) when the input cannot be read.
#[wasm_bindgen(js_name = plan)]
pub fn plan(snapshot: Ts<Snapshot>, options: Ts<PlanOptions>) -> Result<Ts<Plan>, JsValue> {
    run(|h| js::plan(h, snapshot.js_value(), options.js_value()))
}

/// Plans from snapshot JSON text: the CLI's path, so numbers keep their JSON types
/// (`1.0` is not an integer there). Also throws `INVALID_JSON`.
#[wasm_bindgen(js_name = planJson)]
pub fn plan_json(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    options: Ts<PlanOptions>,
) -> Result<Ts<Plan>, JsValue> {
    run(|h| js::plan_json(h, text, options.js_value()))
}

/// The tutors who could take a session: `{ tutorIds }`, sorted. Throws `NOT_FOUND` for an
/// unknown class.
#[wasm_bindgen(js_name = availableTutors)]
pub fn available_tutors(
    snapshot: Ts<Snapshot>,
    request: Ts<AvailableTutorsRequest>,
    options: Option<Ts<FunctionOptions>>,
) -> Result<Ts<AvailableTutors>, JsValue> {
    run(|h| {
        js::available_tutors(
            h,
            snapshot.js_value(),
            request.js_value(),
            options.map(|o| o.js_value()),
        )
    })
}

/// The sessions to cancel when a time slot is deactivated: `{ cancel }`. Throws `NOT_FOUND`
/// for an unknown slot.
#[wasm_bindgen(js_name = cascadeSlotDeactivated)]
pub fn cascade_slot_deactivated(
    snapshot: Ts<Snapshot>,
    request: Ts<SlotDeactivatedRequest>,
    options: Option<Ts<FunctionOptions>>,
) -> Result<Ts<Cancel>, JsValue> {
    run(|h| {
        js::cascade_slot_deactivated(
            h,
            snapshot.js_value(),
            request.js_value(),
            options.map(|o| o.js_value()),
        )
    })
}

/// The sessions to cancel when one week of a slot is cancelled: `{ cancel }`. Throws
/// `NOT_FOUND` for an unknown cancellation.
#[wasm_bindgen(js_name = cascadeWeekCancelled)]
pub fn cascade_week_cancelled(
    snapshot: Ts<Snapshot>,
    request: Ts<WeekCancelledRequest>,
    options: Option<Ts<FunctionOptions>>,
) -> Result<Ts<Cancel>, JsValue> {
    run(|h| {
        js::cascade_week_cancelled(
            h,
            snapshot.js_value(),
            request.js_value(),
            options.map(|o| o.js_value()),
        )
    })
}

/// The new prices of a tutor's future `PENDING` sessions after a rate change: `{ updates }`.
/// Throws `NOT_FOUND` for an unknown tutor.
#[wasm_bindgen(js_name = repriceTutor)]
pub fn reprice_tutor(
    snapshot: Ts<Snapshot>,
    request: Ts<RepriceRequest>,
    options: Option<Ts<FunctionOptions>>,
) -> Result<Ts<Reprice>, JsValue> {
    run(|h| {
        js::reprice_tutor(
            h,
            snapshot.js_value(),
            request.js_value(),
            options.map(|o| o.js_value()),
        )
    })
}

/// The version of the IANA time zone database compiled in (e.g. `2025b`), the same on
/// every surface.
#[wasm_bindgen(js_name = tzdbVersion)]
pub fn tzdb_version() -> String {
    js::tzdb_version().to_owned()
}

/// Panics on purpose, so the tests can check that a panic becomes a thrown `Error` with
/// code `INTERNAL` and that the next call works. Only in the tests' build (feature
/// `test-hooks`, `pkg/hooks/`): never in the published packages or their types.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = __panicForTests, skip_typescript)]
pub fn panic_for_tests() -> Result<(), JsValue> {
    error::guard(|| -> Result<(), js::Failure> { panic!("the test asked for a panic") })
}
