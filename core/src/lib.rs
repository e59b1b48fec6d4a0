//! # genova-sessions-core
//!
//! The storage-agnostic heart of the Genova scheduling engine: it turns weekly class time
//! slots into concrete tutoring sessions, rotates tutors by per-assignment patterns, prices
//! the sessions and diffs them against the sessions that already exist. It does no I/O and
//! reads no clock — `now` is an input — so the CLI, the Node addon and the WebAssembly build
//! give byte-identical answers from the same input.
//!
//! The contract is `SPEC.md`; each module's first doc line names the rules it implements:
//!
//! | idea | module | SPEC |
//! | --- | --- | --- |
//! | input snapshot, fatal input | [`snapshot`](Snapshot), [`json`], [`Options`] | §2, §5, R1–R3 |
//! | statuses read and written | [`ExistingStatus`], [`AssignmentStatus`], [`SessionStatus`] | §3.3, §3.5, R22 |
//! | wall times `HH:MM` | [`WallTime`], [`WallRange`] | R8 |
//! | zones, the compatible DST rule | [`Zone`] | §3.1, R6, R9 |
//! | local dates and weeks | [`calendar`] | R10, R11, R14 |
//! | weekly expansion in the window | [`SlotShape`], [`Window`] | §3.1 |
//! | cancelled weeks | [`Cancellations`] | §3.2, R11–R13 |
//! | applicable assignments, configs | [`Pattern`], [`Candidate`] | §3.3, R16 |
//! | anchors, ordinals, claims | [`ordinal`], [`claim`] | §3.4, R17–R19 |
//! | prices | [`price_cents`] | §3.5, R20, R21 |
//! | diff against existing sessions | [`diff()`], [`overlaps`] | §3.6, R22 |
//! | the old generator's rows: legacy instants, moves | [`legacy_instants`], [`diff_class`] | §3.9, R27–R30 |
//! | tutor checks | [`covers`], [`available_tutors`] | §3.7, R25, R26 |
//! | cascades, repricing | [`cascade_slot_deactivated`], [`reprice_tutor`] | §3.8 |
//! | the plan, its order and summary | [`Plan`] | §4, R24 |
//! | plans of batches of classes joined | [`merge()`] | §4, R25 |
//!
//! ## Recipes
//!
//! **Plan four weeks for one class** — build a [`Snapshot`] (or read one from JSON with
//! [`plan_json`]) and call [`plan()`]; see the example there.
//!
//! **Why a 02:30 session moves in March** — a local start that does not exist (the
//! spring-forward gap) is read with the offset in force before the change, so it moves
//! forward by the gap and keeps its length; an ambiguous one (fall-back) takes the earlier
//! instant. See [`Zone::resolve`].
//!
//! ```
//! use genova_sessions_core::plan_json;
//! let snapshot = r#"{
//!   "classes": [{ "id": "c1", "isActive": true, "timezone": "America/New_York" }],
//!   "timeSlots": [{ "id": "s1", "classId": "c1", "subject": "Maths", "dayOfWeek": 0,
//!                   "startTime": "02:30", "endTime": "03:00", "isActive": true }]
//! }"#;
//! let options = serde_json::json!({ "now": "2026-03-02T00:00:00Z", "weeks": 2 });
//! let plan = plan_json(snapshot, &options).unwrap();
//! let starts: Vec<String> = plan.create.iter().map(|c| c.scheduled_start.to_string()).collect();
//! // 02:30 on 2026-03-08 does not exist: read with EST it is 07:30Z; a week later EDT applies.
//! assert_eq!(starts, ["2026-03-08T07:30:00.000Z", "2026-03-15T06:30:00.000Z"]);
//! ```

#![warn(missing_docs)]

mod assignment;
pub mod calendar;
mod cancellation;
mod cascade;
mod diff;
mod error;
mod index;
mod instant;
pub mod js;
pub mod json;
mod legacy;
mod merge;
mod money;
mod occurrence;
mod options;
mod plan;
mod plan_json;
mod planner;
mod price;
mod request;
mod rotation;
mod snapshot;
mod snapshot_text;
mod status;
mod tutor;
mod tzdata;
mod wall;
mod zone;
mod zone_table;

use serde_json::Value;

pub use assignment::{
    is_candidate, sort_in_claim_order, Candidate, Pattern, PatternFault, WeeklyWeeks,
};
pub use cancellation::{cancelled_date, Cancellations};
pub use cascade::{belongs_to, cascade_slot_deactivated, cascade_week_cancelled, reprice_tutor};
pub use diff::{diff, overlaps, ConflictKind, Match, SessionIndex, Sweep};
pub use error::{Error, ErrorCode};
pub use instant::Instant;
pub use legacy::{diff_class, legacy_instants, Diffed, Outcome};
pub use merge::merge;
pub use money::{format_cents, Money};
pub use occurrence::{wall_range_on, Occurrence, SlotFault, SlotShape, Window, WEEK_SECONDS};
pub use options::{Options, MAX_WEEKS, MIN_WEEKS};
pub use plan::{
    Conflict, Create, DataError, DataErrorCode, Existing, Move, Plan, SkipReason, Skipped, Summary,
    Warning, WarningCode, FORMAT_VERSION,
};
pub use planner::plan;
pub use price::{price_cents, price_text};
pub use request::{
    AvailableTutors, AvailableTutorsRequest, Cancel, CancelSession, PriceUpdate, Reprice,
    RepriceRequest, SlotDeactivatedRequest, WeekCancelledRequest,
};
pub use rotation::{claim, ordinal, Claim};
pub use snapshot::{
    Availability, Class, ExistingSession, SlotCancellation, Snapshot, TimeSlot, Tutor,
    TutorAssignment,
};
pub use snapshot_text::{regular_snapshot, regular_snapshot_file, SnapshotFile, SnapshotText};
pub use status::{AssignmentStatus, ExistingStatus, SessionStatus};
pub use tutor::{
    available_tutors, covers, double_booked, has_active_availability, TutorAvailability,
};
pub use wall::{RangeFault, WallRange, WallTime};
pub use zone::{Resolved, Zone, TZDB_VERSION};

/// Re-exported so callers can build money values and read prices exactly.
pub use bigdecimal;

/// Plans from snapshot JSON text and options given as JSON.
///
/// Reports the first problem in SPEC §5's order: `INPUT_TOO_LARGE`, `INVALID_JSON`,
/// `INVALID_OPTION`, `INVALID_FIELD`.
///
/// ```
/// use genova_sessions_core::{plan_json, ErrorCode};
/// let options = serde_json::json!({ "now": "2026-11-30T00:00:00Z", "weeks": 0 });
/// // Bad options are reported before bad fields.
/// let err = plan_json(r#"{ "classes": 1 }"#, &options).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::InvalidOption);
/// ```
pub fn plan_json(snapshot_text: &str, options: &Value) -> Result<Plan, Error> {
    SnapshotText::read(snapshot_text)?.plan(options)
}

/// Plans a snapshot read by [`regular_snapshot`] with options given as JSON, in SPEC §5's
/// order: the options, then R1's unique ids (which `regular_snapshot` leaves to its caller).
pub fn plan_regular(snapshot: &Snapshot, options: &Value) -> Result<Plan, Error> {
    let options = Options::from_value(options)?;
    snapshot.check_unique_ids()?;
    plan(snapshot, &options)
}

/// Plans from a snapshot and options already held as JSON values (the JS surfaces' path).
///
/// The snapshot is held to the same §5 limits as text (nesting, list sizes).
pub fn plan_value(snapshot: &Value, options: &Value) -> Result<Plan, Error> {
    json::check_value_limits(snapshot, json::MAX_DEPTH)?;
    let options = Options::from_value(options)?;
    plan(&Snapshot::from_value(snapshot)?, &options)
}

/// The `defaultTimezone` of §3.8's optional options (`"UTC"` when absent or `null`).
fn function_timezone(options: Option<&Value>) -> Result<String, Error> {
    match options {
        None | Some(Value::Null) => Ok("UTC".to_owned()),
        Some(Value::Object(map)) => options::default_timezone(map),
        Some(other) => Err(Error::InvalidOption(format!(
            "options: expected an object, found {}",
            snapshot::describe(other)
        ))),
    }
}

/// Runs a §3.8 function on JSON values, reporting problems in SPEC §5's order: limits,
/// options, the snapshot and request fields, then `NOT_FOUND`.
fn run_function<R, T>(
    snapshot: &Value,
    request: &Value,
    options: Option<&Value>,
    read: impl FnOnce(&Value) -> Result<R, Error>,
    run: impl FnOnce(&Snapshot, &R, &str) -> Result<T, Error>,
) -> Result<T, Error> {
    json::check_value_limits(snapshot, json::MAX_DEPTH)?;
    json::check_value_limits(request, json::MAX_DEPTH)?;
    let zone = function_timezone(options)?;
    let snapshot = Snapshot::from_value(snapshot)?;
    let request = read(request)?;
    run(&snapshot, &request, &zone)
}

/// [`available_tutors`] on JSON values: `(snapshot, { classId, subject, scheduledStart,
/// scheduledEnd }, options?)` → `{ "tutorIds": [...] }`.
pub fn available_tutors_value(
    snapshot: &Value,
    request: &Value,
    options: Option<&Value>,
) -> Result<AvailableTutors, Error> {
    run_function(
        snapshot,
        request,
        options,
        AvailableTutorsRequest::from_value,
        available_tutors,
    )
}

/// [`cascade_slot_deactivated`] on JSON values: `(snapshot, { timeSlotId, now }, options?)` →
/// `{ "cancel": [...] }`.
pub fn cascade_slot_deactivated_value(
    snapshot: &Value,
    request: &Value,
    options: Option<&Value>,
) -> Result<Cancel, Error> {
    run_function(
        snapshot,
        request,
        options,
        SlotDeactivatedRequest::from_value,
        cascade_slot_deactivated,
    )
}

/// [`cascade_week_cancelled`] on JSON values: `(snapshot, { cancellationId, now }, options?)`
/// → `{ "cancel": [...] }`.
pub fn cascade_week_cancelled_value(
    snapshot: &Value,
    request: &Value,
    options: Option<&Value>,
) -> Result<Cancel, Error> {
    run_function(
        snapshot,
        request,
        options,
        WeekCancelledRequest::from_value,
        cascade_week_cancelled,
    )
}

/// [`reprice_tutor`] on JSON values: `(snapshot, { tutorId, hourlyRate, now }, options?)` →
/// `{ "updates": [...] }`.
pub fn reprice_tutor_value(
    snapshot: &Value,
    request: &Value,
    options: Option<&Value>,
) -> Result<Reprice, Error> {
    run_function(
        snapshot,
        request,
        options,
        RepriceRequest::from_value,
        reprice_tutor,
    )
}
