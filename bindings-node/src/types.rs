//! TypeScript declarations of the inputs and results, generated into `index.d.ts` by
//! napi-rs. They only describe the shapes (SPEC §2, §3.8, §4): values are converted by
//! `convert` and the results come from the core's own types, so these structs are never
//! built at run time.

#![allow(dead_code)]

use napi_derive::napi;

/// Everything one computation reads (SPEC §2), values as Prisma returns them (`Date`, `Decimal`); the platform's rows in this shape come from `loadSnapshot` of `@genova/sessions-native/prisma`. An absent or `null` list is empty; unknown fields are ignored.
#[napi(object)]
pub struct Snapshot {
    /// Classes (`classes` table; `timezone` from the creator's country).
    #[napi(ts_type = "Array<ClassRow> | null")]
    pub classes: Option<String>,
    /// Weekly time slots (`class_time_slots`).
    #[napi(ts_type = "Array<TimeSlotRow> | null")]
    pub time_slots: Option<String>,
    /// Cancelled weeks of a slot (`class_slot_cancellations`).
    #[napi(ts_type = "Array<SlotCancellationRow> | null")]
    pub slot_cancellations: Option<String>,
    /// Tutor assignments with their recurrence pattern (`class_tutor_assignments`).
    #[napi(ts_type = "Array<TutorAssignmentRow> | null")]
    pub tutor_assignments: Option<String>,
    /// Tutors: the assignment's `tutorId` (users.id), rate and availability.
    #[napi(ts_type = "Array<TutorRow> | null")]
    pub tutors: Option<String>,
    /// Sessions already stored (`tutoring_sessions`).
    #[napi(ts_type = "Array<ExistingSessionRow> | null")]
    pub existing_sessions: Option<String>,
}

/// A class.
#[napi(object)]
pub struct ClassRow {
    /// Class id.
    #[napi(ts_type = "string")]
    pub id: String,
    /// Name (not used in planning).
    #[napi(ts_type = "string | null")]
    pub name: Option<String>,
    /// Only active classes are planned.
    #[napi(ts_type = "boolean")]
    pub is_active: String,
    /// IANA zone; absent or `null` = `options.defaultTimezone`.
    #[napi(ts_type = "string | null")]
    pub timezone: Option<String>,
    /// Active members (an integer); prices are per member, at least one.
    #[napi(ts_type = "number | null")]
    pub member_count: Option<String>,
    /// Hourly rate of sessions without a tutor; absent = price `0.00`.
    #[napi(ts_type = "string | number | { toString(): string } | null")]
    pub default_hourly_rate: Option<String>,
}

/// A weekly time slot, in the class's local time.
#[napi(object)]
pub struct TimeSlotRow {
    /// Slot id.
    #[napi(ts_type = "string")]
    pub id: String,
    /// Its class.
    #[napi(ts_type = "string")]
    pub class_id: String,
    /// Subject name (the session's `subject`).
    #[napi(ts_type = "string")]
    pub subject: String,
    /// 0 = Sunday ... 6 = Saturday (an integer).
    #[napi(ts_type = "number")]
    pub day_of_week: String,
    /// `HH:MM`, local.
    #[napi(ts_type = "string")]
    pub start_time: String,
    /// `HH:MM` or `24:00`; earlier than the start = ends the next day.
    #[napi(ts_type = "string")]
    pub end_time: String,
    /// Only active slots are planned.
    #[napi(ts_type = "boolean")]
    pub is_active: String,
    /// Not used in planning.
    #[napi(ts_type = "string | Date | null")]
    pub created_at: Option<String>,
}

/// One cancelled week of a slot.
#[napi(object)]
pub struct SlotCancellationRow {
    /// Cancellation id.
    #[napi(ts_type = "string")]
    pub id: String,
    /// The slot.
    #[napi(ts_type = "string")]
    pub time_slot_id: String,
    /// A Monday 00:00 in some zone: names the nearest local Monday–Sunday week.
    #[napi(ts_type = "string | Date")]
    pub week_start: String,
    /// Why (used in the cascade's reason).
    #[napi(ts_type = "string | null")]
    pub reason: Option<String>,
}

/// A tutor's assignment to a slot, or to every slot of a subject in the class.
#[napi(object)]
pub struct TutorAssignmentRow {
    /// Assignment id.
    #[napi(ts_type = "string")]
    pub id: String,
    /// Its class.
    #[napi(ts_type = "string")]
    pub class_id: String,
    /// The slot; `null` = every slot of `subject` in the class.
    #[napi(ts_type = "string | null")]
    pub time_slot_id: Option<String>,
    /// Subject name.
    #[napi(ts_type = "string")]
    pub subject: String,
    /// The tutor (users.id).
    #[napi(ts_type = "string")]
    pub tutor_id: String,
    /// How it takes turns; anything else is a warning.
    #[napi(ts_type = "'ROUND_ROBIN' | 'WEEKLY' | 'CONSECUTIVE_DAYS' | 'MANUAL' | (string & {})")]
    pub recurrence_pattern: String,
    /// Free JSON: `{ consecutiveDays }`, `{ weeks }` or `{ pattern: 'alternating', startWeek }`.
    #[napi(ts_type = "unknown")]
    pub recurrence_config: Option<String>,
    /// First local date it applies (nearest date).
    #[napi(ts_type = "string | Date | null")]
    pub start_date: Option<String>,
    /// Last local date it applies (nearest date).
    #[napi(ts_type = "string | Date | null")]
    pub end_date: Option<String>,
    /// Only `ACCEPTED` applies.
    #[napi(ts_type = "string")]
    pub status: String,
    /// Only active assignments apply.
    #[napi(ts_type = "boolean")]
    pub is_active: String,
    /// Orders the assignments (then `id`).
    #[napi(ts_type = "string | Date")]
    pub created_at: String,
}

/// A tutor (the first row of an id wins).
#[napi(object)]
pub struct TutorRow {
    /// users.id.
    #[napi(ts_type = "string")]
    pub id: String,
    /// Hourly rate: a decimal string, a number or a Prisma `Decimal`.
    #[napi(ts_type = "string | number | { toString(): string }")]
    pub hourly_rate: String,
    /// Availability; none active = always available.
    #[napi(ts_type = "Array<AvailabilityRow> | null")]
    pub availability: Option<String>,
}

/// One availability window of a tutor.
#[napi(object)]
pub struct AvailabilityRow {
    /// Weekday of a recurring entry.
    #[napi(ts_type = "number | null")]
    pub day_of_week: Option<String>,
    /// Date of a one-time entry (overrides that date's recurring ones).
    #[napi(ts_type = "string | Date | null")]
    pub specific_date: Option<String>,
    /// `HH:MM`, in the session's class zone.
    #[napi(ts_type = "string")]
    pub start_time: String,
    /// `HH:MM`.
    #[napi(ts_type = "string")]
    pub end_time: String,
    /// Weekly (`true`) or one-time.
    #[napi(ts_type = "boolean")]
    pub is_recurring: String,
    /// Inactive entries are ignored.
    #[napi(ts_type = "boolean")]
    pub is_active: String,
}

/// A stored session.
#[napi(object)]
pub struct ExistingSessionRow {
    /// Session id.
    #[napi(ts_type = "string")]
    pub id: String,
    /// Its class.
    #[napi(ts_type = "string")]
    pub class_id: String,
    /// Its tutor.
    #[napi(ts_type = "string | null")]
    pub tutor_id: Option<String>,
    /// Subject name.
    #[napi(ts_type = "string")]
    pub subject: String,
    /// Start instant.
    #[napi(ts_type = "string | Date")]
    pub scheduled_start: String,
    /// End instant.
    #[napi(ts_type = "string | Date")]
    pub scheduled_end: String,
    /// `PENDING`, `CONFIRMED`, `COMPLETED` or `CANCELLED`.
    #[napi(ts_type = "string")]
    pub status: String,
    /// Stored price.
    #[napi(ts_type = "string | number | { toString(): string } | null")]
    pub price: Option<String>,
    /// Why it was cancelled.
    #[napi(ts_type = "string | null")]
    pub cancellation_reason: Option<String>,
}

/// What to plan: the window `[now, now + weeks × 7 days)`.
#[napi(object)]
pub struct PlanOptions {
    /// The planning instant (the engine reads no clock).
    #[napi(ts_type = "string | Date")]
    pub now: String,
    /// 1..=52 weeks (an integer).
    #[napi(ts_type = "number")]
    pub weeks: String,
    /// Zone of classes without one; `UTC` by default.
    #[napi(ts_type = "string | null")]
    pub default_timezone: Option<String>,
}

/// Options of the §3.8 functions.
#[napi(object)]
pub struct FunctionOptions {
    /// Zone of classes without one; `UTC` by default.
    #[napi(ts_type = "string | null")]
    pub default_timezone: Option<String>,
}

/// Which tutors could take this session?
#[napi(object)]
pub struct AvailableTutorsRequest {
    /// The class.
    #[napi(ts_type = "string")]
    pub class_id: String,
    /// The subject.
    #[napi(ts_type = "string")]
    pub subject: String,
    /// Start.
    #[napi(ts_type = "string | Date")]
    pub scheduled_start: String,
    /// End (not before the start).
    #[napi(ts_type = "string | Date")]
    pub scheduled_end: String,
}

/// A slot was deactivated.
#[napi(object)]
pub struct SlotDeactivatedRequest {
    /// The slot.
    #[napi(ts_type = "string")]
    pub time_slot_id: String,
    /// Sessions starting at or after it are cancelled.
    #[napi(ts_type = "string | Date")]
    pub now: String,
}

/// One week of a slot was cancelled.
#[napi(object)]
pub struct WeekCancelledRequest {
    /// The `class_slot_cancellations` row.
    #[napi(ts_type = "string")]
    pub cancellation_id: String,
    /// Sessions starting at or after it are cancelled.
    #[napi(ts_type = "string | Date")]
    pub now: String,
}

/// A tutor's hourly rate changed.
#[napi(object)]
pub struct RepriceRequest {
    /// The tutor.
    #[napi(ts_type = "string")]
    pub tutor_id: String,
    /// The new rate.
    #[napi(ts_type = "string | number | { toString(): string }")]
    pub hourly_rate: String,
    /// Sessions starting at or after it are repriced.
    #[napi(ts_type = "string | Date")]
    pub now: String,
}

/// SPEC §4's plan. Keys in this order; every field present, `null` when it does not apply.
#[napi(object)]
pub struct Plan {
    /// `1.0`: a minor bump only adds fields.
    #[napi(ts_type = "string")]
    pub format_version: String,
    /// The planned window.
    #[napi(ts_type = "PlanWindow")]
    pub window: String,
    /// Sessions to create, by (classId, scheduledStart, timeSlotId).
    #[napi(ts_type = "Array<PlanCreate>")]
    pub create: String,
    /// Occurrences already stored exactly.
    #[napi(ts_type = "Array<PlanExisting>")]
    pub existing: String,
    /// Occurrences overlapping another stored session: nothing is created.
    #[napi(ts_type = "Array<PlanConflict>")]
    pub conflicts: String,
    /// Occurrences in a cancelled week.
    #[napi(ts_type = "Array<PlanSkipped>")]
    pub skipped: String,
    /// Problems that did not stop planning.
    #[napi(ts_type = "Array<PlanWarning>")]
    pub warnings: String,
    /// Classes or slots that produced nothing (bad zone, bad slot).
    #[napi(ts_type = "Array<PlanError>")]
    pub errors: String,
    /// The lengths of the lists, and classes processed and skipped.
    #[napi(ts_type = "PlanSummary")]
    pub summary: String,
}

/// `[start, end)`, UTC instants with milliseconds.
#[napi(object)]
pub struct PlanWindow {
    /// `now` truncated to milliseconds.
    #[napi(ts_type = "string")]
    pub start: String,
    /// `start` + weeks × 7 days.
    #[napi(ts_type = "string")]
    pub end: String,
}

/// A session to create (the columns of a `tutoring_sessions` row, plus where it came from).
#[napi(object)]
pub struct PlanCreate {
    /// Class.
    #[napi(ts_type = "string")]
    pub class_id: String,
    /// Slot it came from.
    #[napi(ts_type = "string")]
    pub time_slot_id: String,
    /// Subject.
    #[napi(ts_type = "string")]
    pub subject: String,
    /// Start, UTC `...Z`.
    #[napi(ts_type = "string")]
    pub scheduled_start: String,
    /// End, UTC `...Z`.
    #[napi(ts_type = "string")]
    pub scheduled_end: String,
    /// Assigned tutor.
    #[napi(ts_type = "string | null")]
    pub tutor_id: String,
    /// The assignment that claimed it.
    #[napi(ts_type = "string | null")]
    pub assignment_id: String,
    /// `CONFIRMED` with a tutor.
    #[napi(ts_type = "'PENDING' | 'CONFIRMED'")]
    pub status: String,
    /// Exact, two decimals: `"1234.50"`.
    #[napi(ts_type = "string")]
    pub price: String,
    /// The rotation ordinal `k` (ROUND_ROBIN, CONSECUTIVE_DAYS).
    #[napi(ts_type = "number | null")]
    pub ordinal: String,
}

/// An occurrence already stored.
#[napi(object)]
pub struct PlanExisting {
    /// The stored row.
    #[napi(ts_type = "string")]
    pub session_id: String,
    /// Class.
    #[napi(ts_type = "string")]
    pub class_id: String,
    /// Slot.
    #[napi(ts_type = "string")]
    pub time_slot_id: String,
    /// Start.
    #[napi(ts_type = "string")]
    pub scheduled_start: String,
}

/// An occurrence overlapping a stored session that is not its exact match.
#[napi(object)]
pub struct PlanConflict {
    /// Why it is not a match.
    #[napi(ts_type = "'CANCELLED_SESSION' | 'OTHER_SUBJECT' | 'OTHER_TIMES'")]
    pub kind: String,
    /// Class.
    #[napi(ts_type = "string")]
    pub class_id: String,
    /// Slot.
    #[napi(ts_type = "string")]
    pub time_slot_id: String,
    /// The occurrence's start.
    #[napi(ts_type = "string")]
    pub scheduled_start: String,
    /// The occurrence's end.
    #[napi(ts_type = "string")]
    pub scheduled_end: String,
    /// The stored row.
    #[napi(ts_type = "string")]
    pub session_id: String,
    /// For people.
    #[napi(ts_type = "string")]
    pub detail: String,
}

/// An occurrence in a cancelled week.
#[napi(object)]
pub struct PlanSkipped {
    /// Class.
    #[napi(ts_type = "string")]
    pub class_id: String,
    /// Slot.
    #[napi(ts_type = "string")]
    pub time_slot_id: String,
    /// Start.
    #[napi(ts_type = "string")]
    pub scheduled_start: String,
    /// Why.
    #[napi(ts_type = "'SLOT_CANCELLED'")]
    pub reason: String,
    /// The cancellation (the smallest id).
    #[napi(ts_type = "string")]
    pub cancellation_id: String,
}

/// A warning: the plan is still complete.
#[napi(object)]
pub struct PlanWarning {
    /// What.
    #[napi(
        ts_type = "'INVALID_RECURRENCE_CONFIG' | 'UNKNOWN_RECURRENCE_PATTERN' | 'TUTOR_NOT_FOUND' | 'TUTOR_DOUBLE_BOOKED' | 'TUTOR_UNAVAILABLE'"
    )]
    pub code: String,
    /// For people.
    #[napi(ts_type = "string")]
    pub message: String,
    /// Class.
    #[napi(ts_type = "string")]
    pub class_id: String,
    /// Slot.
    #[napi(ts_type = "string | null")]
    pub time_slot_id: String,
    /// Assignment.
    #[napi(ts_type = "string | null")]
    pub assignment_id: String,
    /// Tutor.
    #[napi(ts_type = "string | null")]
    pub tutor_id: String,
}

/// A class or slot that produced nothing; everything else was planned.
#[napi(object)]
pub struct PlanError {
    /// What.
    #[napi(ts_type = "'UNKNOWN_TIMEZONE' | 'INVALID_SLOT'")]
    pub code: String,
    /// For people.
    #[napi(ts_type = "string")]
    pub message: String,
    /// Class.
    #[napi(ts_type = "string")]
    pub class_id: String,
    /// Slot (`null` for a class's zone).
    #[napi(ts_type = "string | null")]
    pub time_slot_id: String,
}

/// Counts.
#[napi(object)]
pub struct PlanSummary {
    /// Active classes with active slots and a known zone.
    #[napi(ts_type = "number")]
    pub classes_processed: String,
    /// Active classes without active slots.
    #[napi(ts_type = "number")]
    pub classes_skipped: String,
    /// `create.length`.
    #[napi(ts_type = "number")]
    pub sessions_to_create: String,
    /// `existing.length`.
    #[napi(ts_type = "number")]
    pub existing_preserved: String,
    /// `conflicts.length`.
    #[napi(ts_type = "number")]
    pub conflicts: String,
    /// `skipped.length`.
    #[napi(ts_type = "number")]
    pub skipped_cancelled: String,
    /// `warnings.length`.
    #[napi(ts_type = "number")]
    pub warnings: String,
    /// `errors.length`.
    #[napi(ts_type = "number")]
    pub errors: String,
}

/// Result of `availableTutors`.
#[napi(object)]
pub struct AvailableTutorsResult {
    /// Sorted tutor ids.
    #[napi(ts_type = "Array<string>")]
    pub tutor_ids: String,
}

/// Result of the cascades.
#[napi(object)]
pub struct CancelResult {
    /// Sessions to cancel, by id.
    #[napi(ts_type = "Array<CancelEntry>")]
    pub cancel: String,
}

/// A session to cancel.
#[napi(object)]
pub struct CancelEntry {
    /// The row.
    #[napi(ts_type = "string")]
    pub session_id: String,
    /// The reason to store.
    #[napi(ts_type = "string")]
    pub cancellation_reason: String,
}

/// Result of `repriceTutor`.
#[napi(object)]
pub struct RepriceResult {
    /// New prices, by session id.
    #[napi(ts_type = "Array<PriceUpdate>")]
    pub updates: String,
}

/// A session's new price.
#[napi(object)]
pub struct PriceUpdate {
    /// The row.
    #[napi(ts_type = "string")]
    pub session_id: String,
    /// Exact, two decimals.
    #[napi(ts_type = "string")]
    pub price: String,
}
