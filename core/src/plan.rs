//! The plan: output types, their JSON, ordering and summary (§4, R24).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diff::ConflictKind;
use crate::instant::Instant;
use crate::occurrence::Window;
use crate::status::SessionStatus;

/// An id or other string of the plan, shared between the entries that repeat it (a class's
/// id appears in every one of its sessions) so that planning does not copy it each time.
/// Serializes as a plain JSON string.
pub type Id = Arc<str>;

/// The plan format's version. Terraform's rule: a minor bump only adds fields (readers ignore
/// unknown ones), a major bump breaks.
pub const FORMAT_VERSION: &str = "1.1";

/// What planning found: sessions to create, existing ones preserved, conflicts, skipped
/// weeks, warnings and errors in the data, and a summary (docs/plan.md).
///
/// Serializes to exactly the JSON of docs/plan.md: keys in the order shown there, `null` for fields
/// that do not apply, UTC instants with milliseconds, money as 2-decimal strings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Plan {
    /// [`FORMAT_VERSION`]: `"1.1"` (1.1 added `moves` and `summary.legacyMoves`).
    pub format_version: String,
    /// The window planned.
    pub window: Window,
    /// Sessions to create, by (classId, scheduledStart, timeSlotId).
    pub create: Vec<Create>,
    /// Occurrences that already exist, by (classId, scheduledStart, timeSlotId, sessionId).
    pub existing: Vec<Existing>,
    /// Rows the old generator stored at an occurrence's legacy instants, to move to the
    /// occurrence's (§3.9, R28); same order as `existing`. Empty unless `legacyTimezone` is set.
    pub moves: Vec<Move>,
    /// Occurrences blocked by an overlapping existing session, same order as `existing`.
    pub conflicts: Vec<Conflict>,
    /// Cancelled occurrences, by (classId, scheduledStart, timeSlotId).
    pub skipped: Vec<Skipped>,
    /// Warnings, by (classId, timeSlotId, code, assignmentId, tutorId), de-duplicated.
    pub warnings: Vec<Warning>,
    /// Errors in the data, by (classId, timeSlotId, code).
    pub errors: Vec<DataError>,
    /// Counts.
    pub summary: Summary,
    /// Every planned session a tutor warning is about (R19, R25, R26), before `warnings`
    /// joins them per (class, slot, code, assignment, tutor): what a person needs to act on
    /// each one. Not part of the plan's JSON.
    #[serde(skip)]
    pub findings: Vec<Finding>,
}

/// One planned session a tutor warning is about (see [`Plan::findings`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Finding {
    /// `TUTOR_NOT_FOUND`, `TUTOR_DOUBLE_BOOKED` or `TUTOR_UNAVAILABLE`.
    pub code: WarningCode,
    /// Class.
    pub class_id: Id,
    /// Slot.
    pub time_slot_id: Id,
    /// The session's start.
    pub scheduled_start: Instant,
    /// The session's end.
    pub scheduled_end: Instant,
    /// The claiming assignment.
    pub assignment_id: Option<Id>,
    /// The tutor (the claimed one for `TUTOR_NOT_FOUND`).
    pub tutor_id: Option<Id>,
}

impl Finding {
    /// The finding of `code` about a planned session, naming `tutor`.
    pub fn of(code: WarningCode, c: &Create, tutor: Option<Id>) -> Finding {
        Finding {
            code,
            class_id: Arc::clone(&c.class_id),
            time_slot_id: Arc::clone(&c.time_slot_id),
            scheduled_start: c.scheduled_start,
            scheduled_end: c.scheduled_end,
            assignment_id: c.assignment_id.clone(),
            tutor_id: tutor,
        }
    }
}

/// A session to create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Create {
    /// Class.
    pub class_id: Id,
    /// Slot it was generated from.
    pub time_slot_id: Id,
    /// The slot's subject.
    pub subject: Id,
    /// Start (UTC).
    pub scheduled_start: Instant,
    /// End (UTC).
    pub scheduled_end: Instant,
    /// The tutor, `null` when unassigned (or the claimed tutor is unknown, R19).
    pub tutor_id: Option<Id>,
    /// The claiming assignment, if any.
    pub assignment_id: Option<Id>,
    /// `CONFIRMED` with a tutor, else `PENDING`.
    pub status: SessionStatus,
    /// Exact price with two decimals.
    pub price: Id,
    /// `k` when a ROUND_ROBIN or CONSECUTIVE_DAYS assignment claimed, else `null`.
    pub ordinal: Option<i64>,
}

/// An occurrence that already exists as a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Existing {
    /// The matching session (the smallest id of the exact matches).
    pub session_id: Id,
    /// Class.
    pub class_id: Id,
    /// Slot.
    pub time_slot_id: Id,
    /// The occurrence's start.
    pub scheduled_start: Instant,
}

/// A row the old generator stored at an occurrence's legacy instants, and where it belongs
/// (R28 step 3). Applying it changes only the row's `scheduledStart` and `scheduledEnd` (R30).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Move {
    /// The row to move.
    pub session_id: Id,
    /// Class.
    pub class_id: Id,
    /// The slot whose occurrence the row is.
    pub time_slot_id: Id,
    /// The row's stored start (the occurrence's legacy start).
    pub from_start: Instant,
    /// The row's stored end (the occurrence's legacy end).
    pub from_end: Instant,
    /// The occurrence's start: where the row belongs.
    pub scheduled_start: Instant,
    /// The occurrence's end.
    pub scheduled_end: Instant,
}

/// An occurrence blocked by an overlapping existing session; one entry per session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Conflict {
    /// Why it conflicts.
    pub kind: ConflictKind,
    /// Class.
    pub class_id: Id,
    /// Slot.
    pub time_slot_id: Id,
    /// The occurrence's start.
    pub scheduled_start: Instant,
    /// The occurrence's end.
    pub scheduled_end: Instant,
    /// The existing session.
    pub session_id: Id,
    /// Free text for people.
    pub detail: String,
}

/// Why an occurrence was skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum SkipReason {
    /// A slot cancellation names its week (§3.2).
    SlotCancelled,
}

/// A cancelled occurrence (R13).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Skipped {
    /// Class.
    pub class_id: Id,
    /// Slot.
    pub time_slot_id: Id,
    /// The occurrence's start.
    pub scheduled_start: Instant,
    /// `SLOT_CANCELLED`.
    pub reason: SkipReason,
    /// The cancellation (the smallest id when several name it, R12).
    pub cancellation_id: Id,
}

/// Warning codes (§4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum WarningCode {
    /// R16: an assignment's config is missing or malformed.
    InvalidRecurrenceConfig,
    /// R16: an assignment's pattern is not one of the four.
    UnknownRecurrencePattern,
    /// R19: the claiming assignment's tutor is not in `tutors`.
    TutorNotFound,
    /// R25: the tutor has another overlapping session.
    TutorDoubleBooked,
    /// R26: the tutor's availability does not cover the session.
    TutorUnavailable,
}

impl WarningCode {
    /// The code as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::InvalidRecurrenceConfig => "INVALID_RECURRENCE_CONFIG",
            WarningCode::UnknownRecurrencePattern => "UNKNOWN_RECURRENCE_PATTERN",
            WarningCode::TutorNotFound => "TUTOR_NOT_FOUND",
            WarningCode::TutorDoubleBooked => "TUTOR_DOUBLE_BOOKED",
            WarningCode::TutorUnavailable => "TUTOR_UNAVAILABLE",
        }
    }
}

/// A warning: the plan is still complete.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Warning {
    /// What.
    pub code: WarningCode,
    /// Free text for people.
    pub message: String,
    /// Class.
    pub class_id: Id,
    /// Slot, when the warning is about one (R24).
    pub time_slot_id: Option<Id>,
    /// Assignment.
    pub assignment_id: Option<Id>,
    /// Tutor.
    pub tutor_id: Option<Id>,
}

/// Error codes of problems in the data (§4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum DataErrorCode {
    /// R6: the class's zone is not an IANA name.
    UnknownTimezone,
    /// R8: the slot's day or times are invalid.
    InvalidSlot,
}

impl DataErrorCode {
    /// The code as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DataErrorCode::UnknownTimezone => "UNKNOWN_TIMEZONE",
            DataErrorCode::InvalidSlot => "INVALID_SLOT",
        }
    }
}

/// A problem in one class or slot: it produced nothing, everything else was planned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct DataError {
    /// What.
    pub code: DataErrorCode,
    /// Free text for people, naming the value at fault.
    pub message: String,
    /// Class.
    pub class_id: Id,
    /// Slot, `null` for a class-level error.
    pub time_slot_id: Option<Id>,
}

/// Counts: list lengths and classes (R5, R24).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Summary {
    /// Active classes with active slots and a known zone.
    pub classes_processed: u64,
    /// Active classes without an active slot.
    pub classes_skipped: u64,
    /// Length of `create`.
    pub sessions_to_create: u64,
    /// Length of `existing`.
    pub existing_preserved: u64,
    /// Length of `moves` (not counted in `existingPreserved`, R30).
    pub legacy_moves: u64,
    /// Length of `conflicts` (entries, not occurrences).
    pub conflicts: u64,
    /// Length of `skipped`.
    pub skipped_cancelled: u64,
    /// Length of `warnings` after de-duplication.
    pub warnings: u64,
    /// Length of `errors`.
    pub errors: u64,
}

impl Plan {
    /// An empty plan of a window.
    pub fn empty(window: Window) -> Plan {
        Plan {
            format_version: FORMAT_VERSION.to_owned(),
            window,
            create: Vec::new(),
            existing: Vec::new(),
            moves: Vec::new(),
            conflicts: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
            summary: Summary::default(),
            findings: Vec::new(),
        }
    }

    /// Puts every list in SPEC §4's order, de-duplicates warnings (the first kept, R24) and
    /// fills in the summary's list lengths. Sorts are stable.
    pub fn finish(&mut self) {
        /// Ids compared by text; one shared id (a class's, in each of its sessions) is not
        /// read through.
        fn key_order(a: &Id, b: &Id) -> std::cmp::Ordering {
            if Arc::ptr_eq(a, b) {
                std::cmp::Ordering::Equal
            } else {
                a.cmp(b)
            }
        }
        self.create.sort_by(|a, b| {
            key_order(&a.class_id, &b.class_id)
                .then(a.scheduled_start.cmp(&b.scheduled_start))
                .then_with(|| key_order(&a.time_slot_id, &b.time_slot_id))
        });
        self.skipped.sort_by(|a, b| {
            key_order(&a.class_id, &b.class_id)
                .then(a.scheduled_start.cmp(&b.scheduled_start))
                .then_with(|| key_order(&a.time_slot_id, &b.time_slot_id))
        });
        // §4: existing, moves and conflicts by (classId, scheduledStart, timeSlotId, sessionId).
        fn by_row<T>(items: &mut [T], key: impl Fn(&T) -> (&str, Instant, &str, &str)) {
            items.sort_by(|a, b| key(a).cmp(&key(b)));
        }
        by_row(&mut self.existing, |e| {
            (
                &e.class_id,
                e.scheduled_start,
                &e.time_slot_id,
                &e.session_id,
            )
        });
        by_row(&mut self.moves, |m| {
            (
                &m.class_id,
                m.scheduled_start,
                &m.time_slot_id,
                &m.session_id,
            )
        });
        by_row(&mut self.conflicts, |c| {
            (
                &c.class_id,
                c.scheduled_start,
                &c.time_slot_id,
                &c.session_id,
            )
        });
        let warning_key = |w: &Warning| {
            (
                Arc::clone(&w.class_id),
                w.time_slot_id.clone(),
                w.code.as_str(),
                w.assignment_id.clone(),
                w.tutor_id.clone(),
            )
        };
        self.warnings.sort_by_cached_key(warning_key);
        self.warnings
            .dedup_by(|b, a| warning_key(a) == warning_key(b));
        self.errors.sort_by(|a, b| {
            (&a.class_id, &a.time_slot_id, a.code.as_str()).cmp(&(
                &b.class_id,
                &b.time_slot_id,
                b.code.as_str(),
            ))
        });
        self.findings.sort_by(|a, b| {
            (
                &a.class_id,
                a.scheduled_start,
                &a.time_slot_id,
                a.code.as_str(),
            )
                .cmp(&(
                    &b.class_id,
                    b.scheduled_start,
                    &b.time_slot_id,
                    b.code.as_str(),
                ))
        });
        self.findings.dedup();
        let s = &mut self.summary;
        s.sessions_to_create = self.create.len() as u64;
        s.existing_preserved = self.existing.len() as u64;
        s.legacy_moves = self.moves.len() as u64;
        s.conflicts = self.conflicts.len() as u64;
        s.skipped_cancelled = self.skipped.len() as u64;
        s.warnings = self.warnings.len() as u64;
        s.errors = self.errors.len() as u64;
    }

    /// The plan as compact JSON followed by one newline: the bytes every surface prints
    /// (SPEC §6).
    pub fn to_json_line(&self) -> String {
        self.json_text(crate::plan_json::Text::Utf8)
    }

    /// The JSON line as a string, written in one buffer.
    fn json_text(&self, text: crate::plan_json::Text) -> String {
        // Room for the usual size up front (a `create` entry takes about 260 bytes), so the
        // text is not copied as it grows.
        let mut out = Vec::with_capacity(self.create.len() * 272 + 4096);
        // Writing to a vector fails on nothing; the text is UTF-8 (JSON of `str`s).
        let _ = crate::plan_json::write_plan_line(self, &mut out, text);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the bytes of [`Plan::to_json_line`] to `out` as they are made, without building
    /// them whole (the CLI streams a 60 MB plan this way). Give it a buffered writer.
    ///
    /// ```
    /// # use genova_sessions_core::{Instant, Plan, Window};
    /// let plan = Plan::empty(Window::new(Instant::parse("2026-11-30T00:00:00Z").unwrap(), 1));
    /// let mut bytes = Vec::new();
    /// plan.write_json_line(&mut bytes).unwrap();
    /// assert_eq!(bytes, plan.to_json_line().into_bytes());
    /// ```
    pub fn write_json_line<W: std::io::Write>(&self, mut out: W) -> std::io::Result<()> {
        crate::plan_json::write_plan_line(self, &mut out, crate::plan_json::Text::Utf8)
    }

    /// [`Plan::to_json_line`] with every character beyond ASCII escaped (`é` as `\u00e9`):
    /// the same JSON values, in a text JS engines hold as a one-byte string, decoded and
    /// parsed faster — what the JS surfaces hand to `JSON.parse`.
    ///
    /// ```
    /// # use genova_sessions_core::{Instant, Plan, Window};
    /// let plan = Plan::empty(Window::new(Instant::parse("2026-11-30T00:00:00Z").unwrap(), 1));
    /// let text = plan.to_json_ascii();
    /// assert!(text.is_ascii());
    /// let values = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    /// assert_eq!(values(&text), values(&plan.to_json_line()));
    /// ```
    pub fn to_json_ascii(&self) -> String {
        self.json_text(crate::plan_json::Text::Ascii)
    }
}
