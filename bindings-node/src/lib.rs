//! # genova-sessions-node
//!
//! The Node addon (napi-rs) of the Genova sessions engine, published as
//! `@genova/sessions-native`. It only converts types and errors: JS values become
//! `serde_json::Value`s by the `convert` module's rules, the core plans, and the result goes back as
//! SPEC §4's JSON objects. Bad input throws a JS `Error` whose `code` is SPEC §5's code;
//! problems inside the data come back in the plan's `errors` and `warnings`. No rule of the
//! SPEC lives here.

#![deny(missing_docs)]

mod convert;
mod error;
mod output;
mod task;
mod types;

use genova_sessions_core as core;
use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{sys, Env, JsValue, Unknown, ValueType};
use napi_derive::napi;
use serde::Serialize;
use serde_json::Value;

use crate::convert::Converted;
use crate::error::{guard, Failure};
pub use crate::task::PlanTask;

/// A JS value made by this call, handed back to napi-rs as it is.
pub struct JsRaw(sys::napi_value);

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

fn read(env: &Env, value: &Unknown, prefix: &str) -> Result<Converted, Failure> {
    convert::to_json(env.raw(), value.raw(), prefix)
}

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

/// Reads `plan`'s arguments, reporting problems in SPEC §5's order: the limits (while
/// converting), the options, then non-finite numbers in the snapshot; the core reports the
/// rest in the same order.
fn plan_input(env: &Env, snapshot: &Unknown, options: &Unknown) -> Result<(Value, Value), Failure> {
    let snapshot = read(env, snapshot, "")?;
    let options = read(env, options, "options")?;
    options_first(&options)?;
    core::Options::from_value(&options.value)?;
    field(&snapshot)?;
    Ok((snapshot.value, options.value))
}

fn to_js<T: Serialize>(env: &Env, result: &T) -> Result<JsRaw, Failure> {
    output::parse_json(env.raw(), &output::json_text(result)?).map(JsRaw)
}

/// Plans sessions for a snapshot (SPEC §2) and options `{ now, weeks, defaultTimezone? }`.
///
/// Values may be as Prisma returns them: `Date`s for instants, `Decimal`s, numbers or strings
/// for money (the platform's rows in this shape: `loadSnapshot` of `@genova/sessions-native/prisma`). Returns SPEC §4's plan: `JSON.stringify(plan(s, o))` followed by a
/// newline is what `genova-sessions plan --input` prints for the same input. Throws an `Error` with a
/// `code` (`INPUT_TOO_LARGE`, `INVALID_OPTION`, `INVALID_FIELD`) for unreadable input.
#[napi(
    ts_args_type = "snapshot: Snapshot, options: PlanOptions",
    ts_return_type = "Plan"
)]
pub fn plan(env: Env, snapshot: Unknown, options: Unknown) -> napi::Result<JsRaw> {
    guard(&env, || {
        let (snapshot, options) = plan_input(&env, &snapshot, &options)?;
        to_js(&env, &core::plan_value(&snapshot, &options)?)
    })
}

/// `plan` with the result built as JS objects from Rust instead of parsed from JSON text:
/// the other way across the boundary, kept so the benchmark can compare the two. Same result.
#[napi(
    ts_args_type = "snapshot: Snapshot, options: PlanOptions",
    ts_return_type = "Plan"
)]
pub fn plan_building_objects(env: Env, snapshot: Unknown, options: Unknown) -> napi::Result<JsRaw> {
    guard(&env, || {
        let (snapshot, options) = plan_input(&env, &snapshot, &options)?;
        let plan = core::plan_value(&snapshot, &options)?;
        output::build_objects(&env, &plan).map(|v| JsRaw(v.raw()))
    })
}

/// Plans from snapshot JSON text: the CLI's path, so numbers keep their exact JSON types
/// (`1.0` is not an integer there). Also reports `INVALID_JSON`.
#[napi(
    ts_args_type = "text: string, options: PlanOptions",
    ts_return_type = "Plan"
)]
pub fn plan_json(env: Env, text: Unknown, options: Unknown) -> napi::Result<JsRaw> {
    guard(&env, || {
        let Some(text) = convert::string_value(env.raw(), text.raw())? else {
            return Err(Failure::new(
                "INVALID_JSON",
                "text: expected a string of JSON",
            ));
        };
        let options = read(&env, &options, "options")?;
        if options.non_finite.is_some() {
            // The text's own problems (INPUT_TOO_LARGE, INVALID_JSON) come first.
            core::json::parse(&text)?;
            options_first(&options)?;
        }
        to_js(&env, &core::plan_json(&text, &options.value)?)
    })
}

/// `plan` off the main thread: the arguments are read on the call, the planning runs on
/// libuv's thread pool, and the Promise settles with the plan or rejects with the `Error`
/// `plan` would throw.
#[napi(
    ts_args_type = "snapshot: Snapshot, options: PlanOptions",
    ts_return_type = "Promise<Plan>"
)]
pub fn plan_async(
    env: Env,
    snapshot: Unknown,
    options: Unknown,
) -> napi::bindgen_prelude::AsyncTask<PlanTask> {
    let input = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        plan_input(&env, &snapshot, &options)
    }))
    .unwrap_or_else(|p| Err(error::panicked(p)));
    napi::bindgen_prelude::AsyncTask::new(PlanTask::new(input))
}

/// Runs one of SPEC §3.8's functions on JS values.
fn function<T: Serialize>(
    env: &Env,
    snapshot: &Unknown,
    request: &Unknown,
    options: &Unknown,
    run: fn(&Value, &Value, Option<&Value>) -> Result<T, core::Error>,
) -> napi::Result<JsRaw> {
    guard(env, || {
        let snapshot = read(env, snapshot, "")?;
        let request = read(env, request, "request")?;
        let options = read(env, options, "options")?;
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
        to_js(
            env,
            &run(&snapshot.value, &request.value, Some(&options.value))?,
        )
    })
}

/// The tutors who could take a session (SPEC §3.8): `{ tutorIds }`, sorted.
/// Throws `NOT_FOUND` for an unknown class.
#[napi(
    ts_args_type = "snapshot: Snapshot, request: AvailableTutorsRequest, options?: FunctionOptions",
    ts_return_type = "AvailableTutorsResult"
)]
pub fn available_tutors(
    env: Env,
    snapshot: Unknown,
    request: Unknown,
    options: Unknown,
) -> napi::Result<JsRaw> {
    function(
        &env,
        &snapshot,
        &request,
        &options,
        core::available_tutors_value,
    )
}

/// The sessions to cancel when a time slot is deactivated (SPEC §3.8): `{ cancel }`.
/// Throws `NOT_FOUND` for an unknown slot.
#[napi(
    ts_args_type = "snapshot: Snapshot, request: SlotDeactivatedRequest, options?: FunctionOptions",
    ts_return_type = "CancelResult"
)]
pub fn cascade_slot_deactivated(
    env: Env,
    snapshot: Unknown,
    request: Unknown,
    options: Unknown,
) -> napi::Result<JsRaw> {
    function(
        &env,
        &snapshot,
        &request,
        &options,
        core::cascade_slot_deactivated_value,
    )
}

/// The sessions to cancel when one week of a slot is cancelled (SPEC §3.8): `{ cancel }`.
/// Throws `NOT_FOUND` for an unknown cancellation.
#[napi(
    ts_args_type = "snapshot: Snapshot, request: WeekCancelledRequest, options?: FunctionOptions",
    ts_return_type = "CancelResult"
)]
pub fn cascade_week_cancelled(
    env: Env,
    snapshot: Unknown,
    request: Unknown,
    options: Unknown,
) -> napi::Result<JsRaw> {
    function(
        &env,
        &snapshot,
        &request,
        &options,
        core::cascade_week_cancelled_value,
    )
}

/// The new prices of a tutor's future `PENDING` sessions after a rate change (SPEC §3.8):
/// `{ updates }`. Throws `NOT_FOUND` for an unknown tutor.
#[napi(
    ts_args_type = "snapshot: Snapshot, request: RepriceRequest, options?: FunctionOptions",
    ts_return_type = "RepriceResult"
)]
pub fn reprice_tutor(
    env: Env,
    snapshot: Unknown,
    request: Unknown,
    options: Unknown,
) -> napi::Result<JsRaw> {
    function(
        &env,
        &snapshot,
        &request,
        &options,
        core::reprice_tutor_value,
    )
}

/// The version of the IANA time zone database compiled in (e.g. `2025b`), the same on
/// every surface.
#[napi]
pub fn tzdb_version() -> &'static str {
    core::TZDB_VERSION
}

/// Joins the plans of disjoint groups of classes planned for the same window (the core's
/// `merge`): lists concatenated and ordered, summary recounted, and R25's double bookings
/// checked across the groups and against `tutorSessions` (existing sessions of any class,
/// read as a snapshot's `existingSessions`). What a caller planning a batch at a time uses,
/// as the CLI does. Throws `INVALID_FIELD` for a part that is not a plan, or parts of
/// different windows.
#[napi(
    ts_args_type = "parts: Plan[], tutorSessions: ExistingSessionRow[]",
    ts_return_type = "Plan"
)]
pub fn merge_plans(env: Env, parts: Unknown, tutor_sessions: Unknown) -> napi::Result<JsRaw> {
    guard(&env, || {
        let parts = read(&env, &parts, "parts")?;
        field(&parts)?;
        let parts: Vec<core::Plan> = serde_json::from_value(parts.value)
            .map_err(|e| Failure::new("INVALID_FIELD", format!("parts: {e}")))?;
        let Some(window) = parts.first().map(|p| p.window) else {
            return Err(Failure::new(
                "INVALID_FIELD",
                "parts: expected at least one plan",
            ));
        };
        if parts.iter().any(|p| p.window != window) {
            return Err(Failure::new(
                "INVALID_FIELD",
                "parts: plans of different windows",
            ));
        }
        let sessions = read(&env, &tutor_sessions, "tutorSessions")?;
        field(&sessions)?;
        let sessions = serde_json::json!({ "existingSessions": sessions.value });
        let snapshot = core::Snapshot::from_value(&sessions)?;
        to_js(
            &env,
            &core::merge(window, parts, &snapshot.existing_sessions),
        )
    })
}
