//! # genova-sessions-node
//!
//! The Node addon (napi-rs) of the Genova sessions engine, published as
//! `@genova/sessions-native`. Each export is one call into `genova-sessions-js`, which reads
//! the JS values, checks them in SPEC §5's order, runs the core and writes the result's JSON;
//! this crate only says how napi reads a value, throws an `Error` and parses the JSON
//! (`host.rs`). The TypeScript declarations of the types come from the same Rust types as the
//! WebAssembly build's (`index.d.ts`'s header, written by `npm run build`).

#![deny(missing_docs)]

mod host;
mod task;

use genova_sessions_js as js;
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::host::{raw, run, JsRaw};
pub use crate::task::PlanTask;

/// Plans sessions for a snapshot and options `{ now, weeks, defaultTimezone?, legacyTimezone? }`.
///
/// Values may be as Prisma returns them: `Date`s for instants, `Decimal`s, numbers or strings
/// for money (the platform's rows in this shape: `loadSnapshot` of `@genova/sessions-native/prisma`).
/// `JSON.stringify(plan(s, o))` followed by a newline is what `genova-sessions plan --input`
/// prints for the same input. Throws an `Error` with a `code` (`INPUT_TOO_LARGE`,
/// `INVALID_OPTION`, `INVALID_FIELD`) for unreadable input.
#[napi(
    ts_args_type = "snapshot: Snapshot, options: PlanOptions",
    ts_return_type = "Plan"
)]
pub fn plan(env: Env, snapshot: Unknown, options: Unknown) -> napi::Result<JsRaw> {
    run(&env, |h| js::plan(h, raw(&snapshot), raw(&options)))
}

/// Plans from snapshot JSON text: the CLI's path, so numbers keep their exact JSON types
/// (`1.0` is not an integer there). Also throws `INVALID_JSON`.
#[napi(
    ts_args_type = "text: string, options: PlanOptions",
    ts_return_type = "Plan"
)]
pub fn plan_json(env: Env, text: Unknown, options: Unknown) -> napi::Result<JsRaw> {
    run(&env, |h| js::plan_json(h, raw(&text), raw(&options)))
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
    let input = js::caught(|| host::plan_input(&env, &snapshot, &options));
    napi::bindgen_prelude::AsyncTask::new(PlanTask::new(input))
}

/// The tutors who could take a session: `{ tutorIds }`, sorted. Throws `NOT_FOUND` for an
/// unknown class.
#[napi(
    ts_args_type = "snapshot: Snapshot, request: AvailableTutorsRequest, options?: FunctionOptions | null",
    ts_return_type = "AvailableTutors"
)]
pub fn available_tutors(
    env: Env,
    snapshot: Unknown,
    request: Unknown,
    options: Unknown,
) -> napi::Result<JsRaw> {
    run(&env, |h| {
        js::available_tutors(h, raw(&snapshot), raw(&request), Some(raw(&options)))
    })
}

/// The sessions to cancel when a time slot is deactivated: `{ cancel }`. Throws `NOT_FOUND`
/// for an unknown slot.
#[napi(
    ts_args_type = "snapshot: Snapshot, request: SlotDeactivatedRequest, options?: FunctionOptions | null",
    ts_return_type = "Cancel"
)]
pub fn cascade_slot_deactivated(
    env: Env,
    snapshot: Unknown,
    request: Unknown,
    options: Unknown,
) -> napi::Result<JsRaw> {
    run(&env, |h| {
        js::cascade_slot_deactivated(h, raw(&snapshot), raw(&request), Some(raw(&options)))
    })
}

/// The sessions to cancel when one week of a slot is cancelled: `{ cancel }`. Throws
/// `NOT_FOUND` for an unknown cancellation.
#[napi(
    ts_args_type = "snapshot: Snapshot, request: WeekCancelledRequest, options?: FunctionOptions | null",
    ts_return_type = "Cancel"
)]
pub fn cascade_week_cancelled(
    env: Env,
    snapshot: Unknown,
    request: Unknown,
    options: Unknown,
) -> napi::Result<JsRaw> {
    run(&env, |h| {
        js::cascade_week_cancelled(h, raw(&snapshot), raw(&request), Some(raw(&options)))
    })
}

/// The new prices of a tutor's future `PENDING` sessions after a rate change: `{ updates }`.
/// Throws `NOT_FOUND` for an unknown tutor.
#[napi(
    ts_args_type = "snapshot: Snapshot, request: RepriceRequest, options?: FunctionOptions | null",
    ts_return_type = "Reprice"
)]
pub fn reprice_tutor(
    env: Env,
    snapshot: Unknown,
    request: Unknown,
    options: Unknown,
) -> napi::Result<JsRaw> {
    run(&env, |h| {
        js::reprice_tutor(h, raw(&snapshot), raw(&request), Some(raw(&options)))
    })
}

/// The version of the IANA time zone database compiled in (e.g. `2025b`), the same on
/// every surface.
#[napi]
pub fn tzdb_version() -> &'static str {
    js::tzdb_version()
}

/// Joins the plans of disjoint groups of classes planned for the same window (the core's
/// `merge`): lists concatenated and ordered, summary recounted, and R25's double bookings
/// checked across the groups and against `tutorSessions` (existing sessions of any class,
/// read as a snapshot's `existingSessions`). What a caller planning a batch at a time uses,
/// as the CLI does. Throws `INVALID_FIELD` for a part that is not a plan, or parts of
/// different windows.
#[napi(
    ts_args_type = "parts: Plan[], tutorSessions: ExistingSession[]",
    ts_return_type = "Plan"
)]
pub fn merge_plans(env: Env, parts: Unknown, tutor_sessions: Unknown) -> napi::Result<JsRaw> {
    run(&env, |h| {
        js::merge_plans(h, raw(&parts), raw(&tutor_sessions))
    })
}

/// `plan` with the result built as JS objects from Rust instead of parsed from JSON text:
/// the other way across the boundary, for the benchmark only (`--features bench`, built by
/// `npm run bench` into `bench/.addon/`; never in the published addon or its types).
#[cfg(feature = "bench")]
#[napi(
    ts_args_type = "snapshot: Snapshot, options: PlanOptions",
    ts_return_type = "Plan"
)]
pub fn plan_building_objects(env: Env, snapshot: Unknown, options: Unknown) -> napi::Result<JsRaw> {
    let plan = js::caught(|| host::plan_input(&env, &snapshot, &options)?.plan_typed());
    let plan = plan.map_err(|f| host::throw(env.raw(), f))?;
    env.to_js_value(&plan).map(|v| JsRaw(raw(&v)))
}
