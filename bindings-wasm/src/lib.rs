//! # genova-sessions-wasm
//!
//! The WebAssembly build (wasm-bindgen) of the Genova sessions engine, for the browser's
//! dry-run previews of how sessions and tutors will fall. It exports the same functions as
//! the Node addon — `plan`, `planJson`, `availableTutors`, `cascadeSlotDeactivated`,
//! `cascadeWeekCancelled`, `repriceTutor`, `tzdbVersion` — taking and returning plain JS
//! values. It only converts types and errors: JS values become `serde_json::Value`s by the
//! [`convert`] module's rules, the core computes, and the typed result goes back through
//! serde-wasm-bindgen's JSON-compatible serializer. Bad input throws a JS `Error` whose
//! `code` is SPEC §5's code; problems inside the data come back in the plan's `errors` and
//! `warnings`. No rule of the SPEC lives here. TypeScript declarations come from the Rust
//! types (tsify).

#![deny(missing_docs)]

pub mod convert;
pub mod error;
mod output;
pub mod types;

use genova_sessions_core as core;
use serde::Serialize;
use serde_json::Value;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::convert::Converted;
use crate::error::{guard, Failure};
use crate::types::{FunctionOptions, PlanOptions};
use core::{
    AvailableTutors, AvailableTutorsRequest, Cancel, Plan, Reprice, RepriceRequest,
    SlotDeactivatedRequest, Snapshot, WeekCancelledRequest,
};

/// A non-finite number in the options is a bad option.
fn options_first(options: &Converted) -> Result<(), Failure> {
    match &options.non_finite {
        Some(message) => Err(Failure::new("INVALID_OPTION", message.clone())),
        None => Ok(()),
    }
}

/// A non-finite number in the snapshot or request is a bad field.
fn field(converted: &Converted) -> Result<(), Failure> {
    match &converted.non_finite {
        Some(message) => Err(Failure::new("INVALID_FIELD", message.clone())),
        None => Ok(()),
    }
}

/// Plans sessions for a snapshot (SPEC §2) and options `{ now, weeks, defaultTimezone? }`.
///
/// Returns SPEC §4's plan as plain objects: `JSON.stringify(plan(s, o)) + "\n"` is what
/// `genova-sessions plan --input` prints for the same input. Throws an `Error` with a `code`
/// (`INPUT_TOO_LARGE`, `INVALID_OPTION`, `INVALID_FIELD`) when the input cannot be read.
#[wasm_bindgen(js_name = plan)]
pub fn plan(snapshot: Ts<Snapshot>, options: Ts<PlanOptions>) -> Result<Ts<Plan>, JsValue> {
    guard(|| {
        // SPEC §5's order: the limits (while converting), the options, then the fields.
        let snapshot = convert::to_json(&snapshot.js_value(), "")?;
        let options = convert::to_json(&options.js_value(), "options")?;
        options_first(&options)?;
        core::Options::from_value(&options.value)?;
        field(&snapshot)?;
        output::to_ts(&core::plan_value(&snapshot.value, &options.value)?)
    })
}

/// Plans from snapshot JSON text: the CLI's path, so numbers keep their JSON types
/// (`1.0` is not an integer there). Also reports `INVALID_JSON`.
#[wasm_bindgen(js_name = planJson)]
pub fn plan_json(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    options: Ts<PlanOptions>,
) -> Result<Ts<Plan>, JsValue> {
    guard(|| {
        let options = convert::to_json(&options.js_value(), "options")?;
        let Some(text) = text.as_string() else {
            return Err(Failure::new(
                "INVALID_JSON",
                "text: expected a string of JSON",
            ));
        };
        if options.non_finite.is_some() {
            // The text's own problems (INPUT_TOO_LARGE, INVALID_JSON) come first.
            core::json::parse(&text)?;
            options_first(&options)?;
        }
        output::to_ts(&core::plan_json(&text, &options.value)?)
    })
}

/// Runs one of SPEC §3.8's functions on JS values, reporting problems in SPEC §5's order.
fn function<T: Serialize + Tsify>(
    snapshot: &JsValue,
    request: &JsValue,
    options: Option<&JsValue>,
    run: fn(&Value, &Value, Option<&Value>) -> Result<T, core::Error>,
) -> Result<Ts<T>, JsValue> {
    guard(|| {
        let snapshot = convert::to_json(snapshot, "")?;
        let request = convert::to_json(request, "request")?;
        let options = match options {
            Some(options) => convert::to_json(options, "options")?,
            None => Converted {
                value: Value::Null,
                non_finite: None,
            },
        };
        options_first(&options)?;
        if snapshot.non_finite.is_some() || request.non_finite.is_some() {
            // Let the core report a bad option first (it checks options before fields).
            let empty = Value::Object(Default::default());
            if let Err(e) = run(&empty, &empty, Some(&options.value)) {
                if e.code() == core::ErrorCode::InvalidOption {
                    return Err(e.into());
                }
            }
            field(&snapshot)?;
            field(&request)?;
        }
        output::to_ts(&run(&snapshot.value, &request.value, Some(&options.value))?)
    })
}

/// The tutors who could take a session (SPEC §3.8): `{ tutorIds }`, sorted.
/// Throws `NOT_FOUND` for an unknown class.
#[wasm_bindgen(js_name = availableTutors)]
pub fn available_tutors(
    snapshot: Ts<Snapshot>,
    request: Ts<AvailableTutorsRequest>,
    options: Option<Ts<FunctionOptions>>,
) -> Result<Ts<AvailableTutors>, JsValue> {
    function(
        &snapshot.js_value(),
        &request.js_value(),
        options.map(|o| o.js_value()).as_ref(),
        core::available_tutors_value,
    )
}

/// The sessions to cancel when a time slot is deactivated (SPEC §3.8): `{ cancel }`.
/// Throws `NOT_FOUND` for an unknown slot.
#[wasm_bindgen(js_name = cascadeSlotDeactivated)]
pub fn cascade_slot_deactivated(
    snapshot: Ts<Snapshot>,
    request: Ts<SlotDeactivatedRequest>,
    options: Option<Ts<FunctionOptions>>,
) -> Result<Ts<Cancel>, JsValue> {
    function(
        &snapshot.js_value(),
        &request.js_value(),
        options.map(|o| o.js_value()).as_ref(),
        core::cascade_slot_deactivated_value,
    )
}

/// The sessions to cancel when one week of a slot is cancelled (SPEC §3.8): `{ cancel }`.
/// Throws `NOT_FOUND` for an unknown cancellation.
#[wasm_bindgen(js_name = cascadeWeekCancelled)]
pub fn cascade_week_cancelled(
    snapshot: Ts<Snapshot>,
    request: Ts<WeekCancelledRequest>,
    options: Option<Ts<FunctionOptions>>,
) -> Result<Ts<Cancel>, JsValue> {
    function(
        &snapshot.js_value(),
        &request.js_value(),
        options.map(|o| o.js_value()).as_ref(),
        core::cascade_week_cancelled_value,
    )
}

/// The new prices of a tutor's future `PENDING` sessions after a rate change (SPEC §3.8):
/// `{ updates }`. Throws `NOT_FOUND` for an unknown tutor.
#[wasm_bindgen(js_name = repriceTutor)]
pub fn reprice_tutor(
    snapshot: Ts<Snapshot>,
    request: Ts<RepriceRequest>,
    options: Option<Ts<FunctionOptions>>,
) -> Result<Ts<Reprice>, JsValue> {
    function(
        &snapshot.js_value(),
        &request.js_value(),
        options.map(|o| o.js_value()).as_ref(),
        core::reprice_tutor_value,
    )
}

/// The version of the IANA time zone database compiled in (e.g. `2025b`), the same on
/// every surface.
#[wasm_bindgen(js_name = tzdbVersion)]
pub fn tzdb_version() -> String {
    core::TZDB_VERSION.to_owned()
}

/// Panics on purpose, so the tests can check that a panic becomes a thrown `Error` with
/// code `INTERNAL` and that the next call works. Not part of the API (no TypeScript
/// declaration).
#[wasm_bindgen(js_name = __panicForTests, skip_typescript)]
pub fn panic_for_tests() -> Result<(), JsValue> {
    guard(|| -> Result<(), Failure> { panic!("the test asked for a panic") })
}
