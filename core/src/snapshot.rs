//! The input snapshot of SPEC §2 and the checks that make input readable or fatal (R1–R3).
//!
//! Decoding is strict about JSON *types* (a wrong type is a fatal [`Error::InvalidField`]
//! naming the path) and lenient about *content*: a string that is not `HH:MM`, an unknown time
//! zone or a malformed recurrence config is kept as given and becomes an entry in the plan's
//! `errors` or `warnings` later (R6, R8, R16).
//!
//! With the `tsify` feature the types also derive `tsify::Tsify` for the WebAssembly build's
//! TypeScript declarations; there `serde(default)` marks the fields a row may omit (the
//! snapshot is never deserialized through serde, so it changes nothing else).

use std::collections::HashSet;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::instant::Instant;
use crate::json::{integer_value, is_integer_literal};
use crate::money::Money;
use crate::status::{AssignmentStatus, ExistingStatus};

/// Everything a computation reads: plain data shaped like the platform's Prisma rows.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Snapshot {
    /// Classes (`classes`).
    #[cfg_attr(feature = "tsify", serde(default))]
    pub classes: Vec<Class>,
    /// Weekly time slots (`timeSlots`).
    #[cfg_attr(feature = "tsify", serde(default))]
    pub time_slots: Vec<TimeSlot>,
    /// Cancelled weeks of slots (`slotCancellations`).
    #[cfg_attr(feature = "tsify", serde(default))]
    pub slot_cancellations: Vec<SlotCancellation>,
    /// Tutor assignments with their recurrence patterns (`tutorAssignments`).
    #[cfg_attr(feature = "tsify", serde(default))]
    pub tutor_assignments: Vec<TutorAssignment>,
    /// Tutors with their rates and availability (`tutors`); the first row of an id wins.
    #[cfg_attr(feature = "tsify", serde(default))]
    pub tutors: Vec<Tutor>,
    /// Sessions already in the database (`existingSessions`).
    #[cfg_attr(feature = "tsify", serde(default))]
    pub existing_sessions: Vec<ExistingSession>,
}

/// A class.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Class {
    /// Unique id.
    pub id: String,
    /// Display name (not used by the rules).
    #[cfg_attr(feature = "tsify", serde(default))]
    pub name: Option<String>,
    /// Only active classes produce sessions.
    pub is_active: bool,
    /// IANA zone of the class's wall times; `None` means the options' `defaultTimezone`.
    #[cfg_attr(feature = "tsify", serde(default))]
    pub timezone: Option<String>,
    /// Active members; prices multiply by `max(memberCount, 1)`. Absent is 0. Integers beyond
    /// the `i64` range are saturated.
    #[cfg_attr(feature = "tsify", serde(default))]
    pub member_count: i64,
    /// Hourly rate of sessions without a tutor; `None` prices them `0.00`.
    #[cfg_attr(feature = "tsify", serde(default))]
    pub default_hourly_rate: Option<Money>,
}

/// A weekly time slot of a class.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct TimeSlot {
    /// Unique id.
    pub id: String,
    /// The class it belongs to.
    pub class_id: String,
    /// Subject name; sessions carry it.
    pub subject: String,
    /// 0 = Sunday … 6 = Saturday; anything else makes the slot invalid (R8). Saturated to
    /// the `i64` range.
    pub day_of_week: i64,
    /// Local start time, `HH:MM` when valid.
    pub start_time: String,
    /// Local end time, `HH:MM` or `24:00` when valid.
    pub end_time: String,
    /// Only active slots produce sessions.
    pub is_active: bool,
    /// Creation time; it has no effect on planning (R15).
    #[cfg_attr(
        feature = "tsify",
        serde(default),
        tsify(type = "Instant | Date | null")
    )]
    pub created_at: Option<Instant>,
}

/// One cancelled week of one slot.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SlotCancellation {
    /// Unique id.
    pub id: String,
    /// The slot whose occurrence is cancelled.
    pub time_slot_id: String,
    /// A Monday 00:00 written in some offset; names the week nearest to it (R11).
    #[cfg_attr(feature = "tsify", tsify(type = "Instant | Date"))]
    pub week_start: Instant,
    /// Why (used in `cascadeWeekCancelled`'s reason).
    #[cfg_attr(feature = "tsify", serde(default))]
    pub reason: Option<String>,
}

/// A tutor assignment: who may take a slot's (or a subject's) sessions, and by which pattern.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct TutorAssignment {
    /// Unique id; breaks `createdAt` ties.
    pub id: String,
    /// The class it belongs to.
    pub class_id: String,
    /// The slot it names, or `None` for every slot of `subject` in the class.
    #[cfg_attr(feature = "tsify", serde(default))]
    pub time_slot_id: Option<String>,
    /// Subject (matched against slots when `timeSlotId` is `None`).
    pub subject: String,
    /// The tutor's user id.
    pub tutor_id: String,
    /// `ROUND_ROBIN`, `WEEKLY`, `CONSECUTIVE_DAYS` or `MANUAL`; anything else is reported.
    pub recurrence_pattern: String,
    /// Free JSON configuration of the pattern (§3.4, R16).
    #[cfg_attr(feature = "tsify", serde(default), tsify(type = "unknown"))]
    pub recurrence_config: Option<Value>,
    /// First local date it applies to (R10), if bounded.
    #[cfg_attr(
        feature = "tsify",
        serde(default),
        tsify(type = "Instant | Date | null")
    )]
    pub start_date: Option<Instant>,
    /// Last local date it applies to (R10), if bounded.
    #[cfg_attr(
        feature = "tsify",
        serde(default),
        tsify(type = "Instant | Date | null")
    )]
    pub end_date: Option<Instant>,
    /// Only `ACCEPTED` assignments apply.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub status: AssignmentStatus,
    /// Only active assignments apply.
    pub is_active: bool,
    /// Orders applicable assignments (then `id`).
    #[cfg_attr(feature = "tsify", tsify(type = "Instant | Date"))]
    pub created_at: Instant,
}

/// A tutor and the rate they charge.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Tutor {
    /// The tutor's user id.
    pub id: String,
    /// Hourly rate.
    pub hourly_rate: Money,
    /// When the tutor can teach; no active entry means always.
    #[cfg_attr(feature = "tsify", serde(default))]
    pub availability: Vec<Availability>,
}

/// One availability entry of a tutor: recurring on a weekday, or one-time on a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Availability {
    /// Weekday of a recurring entry (0 = Sunday).
    #[cfg_attr(feature = "tsify", serde(default))]
    pub day_of_week: Option<i64>,
    /// Date of a one-time entry (R10).
    #[cfg_attr(
        feature = "tsify",
        serde(default),
        tsify(type = "Instant | Date | null")
    )]
    pub specific_date: Option<Instant>,
    /// Local start, `HH:MM`.
    pub start_time: String,
    /// Local end, `HH:MM` or `24:00`; at or before the start it is on the next day.
    pub end_time: String,
    /// Recurring weekly (`true`) or one-time (`false`).
    pub is_recurring: bool,
    /// Inactive entries are ignored.
    pub is_active: bool,
}

/// A session already stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ExistingSession {
    /// Unique id.
    pub id: String,
    /// Its class.
    pub class_id: String,
    /// Its tutor, if any.
    #[cfg_attr(feature = "tsify", serde(default))]
    pub tutor_id: Option<String>,
    /// Subject.
    pub subject: String,
    /// Start instant.
    #[cfg_attr(feature = "tsify", tsify(type = "Instant | Date"))]
    pub scheduled_start: Instant,
    /// End instant.
    #[cfg_attr(feature = "tsify", tsify(type = "Instant | Date"))]
    pub scheduled_end: Instant,
    /// `PENDING`, `CONFIRMED`, `COMPLETED`, `CANCELLED` (other strings match none of them).
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub status: ExistingStatus,
    /// Stored price.
    #[cfg_attr(feature = "tsify", serde(default))]
    pub price: Option<Money>,
    /// Stored cancellation reason.
    #[cfg_attr(feature = "tsify", serde(default))]
    pub cancellation_reason: Option<String>,
}

impl Snapshot {
    /// Reads a snapshot from a JSON value, applying R1: the top level must be an object; an
    /// absent or `null` list is empty; each list must be an array of objects; required fields
    /// must be present with the right JSON type; instants and money must be well formed; ids
    /// must be unique within a list (except `tutors`). Unknown fields are ignored.
    ///
    /// Does not check the §5 size limits; [`crate::json::parse`] and
    /// [`crate::json::check_value_limits`] do.
    ///
    /// ```
    /// use genova_sessions_core::{Snapshot, ErrorCode};
    /// let ok = serde_json::json!({ "classes": [{ "id": "c1", "isActive": true }] });
    /// assert_eq!(Snapshot::from_value(&ok).unwrap().classes[0].member_count, 0);
    /// let bad = serde_json::json!({ "timeSlots": [{ "id": "s1", "dayOfWeek": "1" }] });
    /// let err = Snapshot::from_value(&bad).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidField);
    /// ```
    pub fn from_value(value: &Value) -> Result<Snapshot, Error> {
        let root = value.as_object().ok_or_else(|| {
            Error::field(
                "snapshot",
                format!("expected an object, found {}", describe(value)),
            )
        })?;
        let snapshot = Snapshot {
            classes: rows(root, "classes", |r| {
                Ok(Class {
                    id: r.string("id")?,
                    name: r.opt_string("name")?,
                    is_active: r.boolean("isActive")?,
                    timezone: r.opt_string("timezone")?,
                    member_count: r.opt_integer("memberCount")?.unwrap_or(0),
                    default_hourly_rate: r.opt_money("defaultHourlyRate")?,
                })
            })?,
            time_slots: rows(root, "timeSlots", |r| {
                Ok(TimeSlot {
                    id: r.string("id")?,
                    class_id: r.string("classId")?,
                    subject: r.string("subject")?,
                    day_of_week: r.integer("dayOfWeek")?,
                    start_time: r.string("startTime")?,
                    end_time: r.string("endTime")?,
                    is_active: r.boolean("isActive")?,
                    created_at: r.opt_instant("createdAt")?,
                })
            })?,
            slot_cancellations: rows(root, "slotCancellations", |r| {
                Ok(SlotCancellation {
                    id: r.string("id")?,
                    time_slot_id: r.string("timeSlotId")?,
                    week_start: r.instant("weekStart")?,
                    reason: r.get("reason").and_then(Value::as_str).map(str::to_owned),
                })
            })?,
            tutor_assignments: rows(root, "tutorAssignments", |r| {
                Ok(TutorAssignment {
                    id: r.string("id")?,
                    class_id: r.string("classId")?,
                    time_slot_id: r.opt_string("timeSlotId")?,
                    subject: r.string("subject")?,
                    tutor_id: r.string("tutorId")?,
                    recurrence_pattern: r.string("recurrencePattern")?,
                    recurrence_config: r.get("recurrenceConfig").cloned(),
                    start_date: r.opt_instant("startDate")?,
                    end_date: r.opt_instant("endDate")?,
                    status: r.string("status")?.into(),
                    is_active: r.boolean("isActive")?,
                    created_at: r.instant("createdAt")?,
                })
            })?,
            tutors: rows(root, "tutors", |r| {
                let path = r.path("availability");
                Ok(Tutor {
                    id: r.string("id")?,
                    hourly_rate: r.money("hourlyRate")?,
                    availability: match r.get("availability") {
                        None => Vec::new(),
                        Some(list) => list_rows(list, &path, |a| {
                            Ok(Availability {
                                day_of_week: a.opt_integer("dayOfWeek")?,
                                specific_date: a.opt_instant("specificDate")?,
                                start_time: a.string("startTime")?,
                                end_time: a.string("endTime")?,
                                is_recurring: a.boolean("isRecurring")?,
                                is_active: a.boolean("isActive")?,
                            })
                        })?,
                    },
                })
            })?,
            existing_sessions: rows(root, "existingSessions", |r| {
                Ok(ExistingSession {
                    id: r.string("id")?,
                    class_id: r.string("classId")?,
                    tutor_id: r.opt_string("tutorId")?,
                    subject: r.string("subject")?,
                    scheduled_start: r.instant("scheduledStart")?,
                    scheduled_end: r.instant("scheduledEnd")?,
                    status: r.string("status")?.into(),
                    price: r.opt_money("price")?,
                    cancellation_reason: r
                        .get("cancellationReason")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                })
            })?,
        };
        check_unique_ids(&snapshot)?;
        Ok(snapshot)
    }
}

impl Snapshot {
    /// R1's check that ids are unique within each list but `tutors` (the first repeated id is
    /// fatal), for a snapshot built without [`Snapshot::from_value`], which checks it.
    pub fn check_unique_ids(&self) -> Result<(), Error> {
        check_unique_ids(self)
    }
}

fn check_unique_ids(snapshot: &Snapshot) -> Result<(), Error> {
    unique_ids("classes", snapshot.classes.iter().map(|c| &c.id))?;
    unique_ids("timeSlots", snapshot.time_slots.iter().map(|s| &s.id))?;
    unique_ids(
        "slotCancellations",
        snapshot.slot_cancellations.iter().map(|c| &c.id),
    )?;
    unique_ids(
        "tutorAssignments",
        snapshot.tutor_assignments.iter().map(|a| &a.id),
    )?;
    unique_ids(
        "existingSessions",
        snapshot.existing_sessions.iter().map(|e| &e.id),
    )?;
    Ok(())
}

/// R1: two rows with the same id in one list are fatal.
fn unique_ids<'a>(list: &str, ids: impl Iterator<Item = &'a String>) -> Result<(), Error> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id.as_str()) {
            return Err(Error::field(
                format!("{list}[{i}].id"),
                format!("duplicate id {id:?}"),
            ));
        }
    }
    Ok(())
}

/// Decodes the list `key` of `root` row by row; absent or `null` is empty.
fn rows<T>(
    root: &Map<String, Value>,
    key: &str,
    decode: impl FnMut(&Row<'_>) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    match root.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(list) => list_rows(list, key, decode),
    }
}

fn list_rows<T>(
    list: &Value,
    path: &str,
    mut decode: impl FnMut(&Row<'_>) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let items = match list {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        other => {
            return Err(Error::field(
                path,
                format!("expected an array, found {}", describe(other)),
            ))
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let map = item.as_object().ok_or_else(|| {
            Error::field(
                format!("{path}[{index}]"),
                format!("expected an object, found {}", describe(item)),
            )
        })?;
        out.push(decode(&Row { map, path, index })?);
    }
    Ok(out)
}

/// One object of a list, with the path used in error messages.
pub(crate) struct Row<'a> {
    pub(crate) map: &'a Map<String, Value>,
    pub(crate) path: &'a str,
    pub(crate) index: usize,
}

impl<'a> Row<'a> {
    pub(crate) fn path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else if self.index == usize::MAX {
            format!("{}.{key}", self.path)
        } else {
            format!("{}[{}].{key}", self.path, self.index)
        }
    }

    /// The field, `None` when absent or `null`.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn wrong(&self, key: &str, expected: &str) -> Error {
        let found = self.map.get(key).map_or("nothing".to_owned(), describe);
        Error::field(
            self.path(key),
            format!("expected {expected}, found {found}"),
        )
    }

    fn required(&self, key: &str, expected: &str) -> Result<&'a Value, Error> {
        match self.map.get(key) {
            None => Err(Error::field(self.path(key), "is required")),
            Some(v) => Ok(v).and_then(|v| {
                if v.is_null() {
                    Err(self.wrong(key, expected))
                } else {
                    Ok(v)
                }
            }),
        }
    }

    pub(crate) fn string(&self, key: &str) -> Result<String, Error> {
        match self.required(key, "a string")? {
            Value::String(s) => Ok(s.clone()),
            _ => Err(self.wrong(key, "a string")),
        }
    }

    pub(crate) fn opt_string(&self, key: &str) -> Result<Option<String>, Error> {
        self.get(key)
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                _ => Err(self.wrong(key, "a string or null")),
            })
            .transpose()
    }

    pub(crate) fn boolean(&self, key: &str) -> Result<bool, Error> {
        match self.required(key, "a boolean")? {
            Value::Bool(b) => Ok(*b),
            _ => Err(self.wrong(key, "a boolean")),
        }
    }

    fn as_integer(&self, key: &str, v: &Value) -> Result<i64, Error> {
        match v {
            Value::Number(n) if is_integer_literal(n) => Ok(integer_value(n)),
            _ => Err(self.wrong(key, "an integer")),
        }
    }

    pub(crate) fn integer(&self, key: &str) -> Result<i64, Error> {
        let v = self.required(key, "an integer")?;
        self.as_integer(key, v)
    }

    pub(crate) fn opt_integer(&self, key: &str) -> Result<Option<i64>, Error> {
        self.get(key).map(|v| self.as_integer(key, v)).transpose()
    }

    fn as_instant(&self, key: &str, v: &Value) -> Result<Instant, Error> {
        match v {
            Value::String(s) => Instant::parse(s).ok_or_else(|| {
                Error::field(
                    self.path(key),
                    format!("{} is not an RFC 3339 instant", quote(s)),
                )
            }),
            _ => Err(self.wrong(key, "an RFC 3339 instant string")),
        }
    }

    pub(crate) fn instant(&self, key: &str) -> Result<Instant, Error> {
        let v = self.required(key, "an RFC 3339 instant string")?;
        self.as_instant(key, v)
    }

    pub(crate) fn opt_instant(&self, key: &str) -> Result<Option<Instant>, Error> {
        self.get(key).map(|v| self.as_instant(key, v)).transpose()
    }

    fn as_money(&self, key: &str, v: &Value) -> Result<Money, Error> {
        let parsed = match v {
            Value::String(s) => Money::parse_str(s),
            Value::Number(n) => Money::parse_number(n.as_str()),
            _ => return Err(self.wrong(key, "a decimal string or number")),
        };
        parsed.ok_or_else(|| {
            Error::field(
                self.path(key),
                format!("{} is not a decimal amount", describe(v)),
            )
        })
    }

    pub(crate) fn money(&self, key: &str) -> Result<Money, Error> {
        let v = self.required(key, "a decimal string or number")?;
        self.as_money(key, v)
    }

    pub(crate) fn opt_money(&self, key: &str) -> Result<Option<Money>, Error> {
        self.get(key).map(|v| self.as_money(key, v)).transpose()
    }
}

/// A short description of a JSON value for error messages: its type, and its text when it
/// is a short scalar.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => quote_short(n.as_str(), false),
        Value::String(s) => quote_short(s, true),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn quote_short(s: &str, quoted: bool) -> String {
    const MAX: usize = 40;
    let short: String = s.chars().take(MAX).collect();
    let ellipsis = if short.len() < s.len() { "…" } else { "" };
    if quoted {
        format!("{short:?}{ellipsis}")
    } else {
        format!("{short}{ellipsis}")
    }
}

/// A string value quoted for a message, shortened when long.
pub(crate) fn quote(s: &str) -> String {
    quote_short(s, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use serde_json::json;

    fn field_error(v: Value) -> String {
        match Snapshot::from_value(&v).unwrap_err() {
            Error::InvalidField { path, .. } => path,
            other => panic!("expected INVALID_FIELD, got {other:?}"),
        }
    }

    fn slot() -> Value {
        json!({ "id": "s1", "classId": "c1", "subject": "Maths", "dayOfWeek": 1,
                "startTime": "14:00", "endTime": "16:00", "isActive": true })
    }

    #[test]
    fn r1_wrong_types_name_the_path() {
        let mut s = slot();
        s["dayOfWeek"] = json!("1");
        assert_eq!(
            field_error(json!({ "timeSlots": [slot(), s] })),
            "timeSlots[1].dayOfWeek"
        );
        let mut s = slot();
        s["dayOfWeek"] = serde_json::from_str("1.0").unwrap();
        assert_eq!(
            field_error(json!({ "timeSlots": [s] })),
            "timeSlots[0].dayOfWeek"
        );
        let mut s = slot();
        s.as_object_mut().unwrap().remove("isActive");
        assert_eq!(
            field_error(json!({ "timeSlots": [s] })),
            "timeSlots[0].isActive"
        );
        assert_eq!(field_error(json!({ "timeSlots": {} })), "timeSlots");
        assert_eq!(field_error(json!({ "timeSlots": [1] })), "timeSlots[0]");
        assert_eq!(field_error(json!([])), "snapshot");
    }

    #[test]
    fn r1_duplicates_and_first_tutor_wins() {
        assert_eq!(
            field_error(json!({ "timeSlots": [slot(), slot()] })),
            "timeSlots[1].id"
        );
        let t = json!({ "id": "t1", "hourlyRate": "10" });
        assert!(Snapshot::from_value(&json!({ "tutors": [t, t] })).is_ok());
    }

    #[test]
    fn r1_optional_and_unknown_fields() {
        let v = json!({ "classes": [{ "id": "c1", "isActive": true, "timezone": null,
                                      "memberCount": null, "extra": [1, 2] }],
                        "tutors": null });
        let s = Snapshot::from_value(&v).unwrap();
        assert_eq!(s.classes[0].timezone, None);
        assert!(s.tutors.is_empty());
        let v = json!({ "classes": [{ "id": "c1", "isActive": true, "memberCount": "3" }] });
        assert_eq!(field_error(v), "classes[0].memberCount");
    }

    #[test]
    fn r2_r3_malformed_values_are_fatal() {
        let t = json!({ "id": "t1", "hourlyRate": "1e3" });
        assert_eq!(
            field_error(json!({ "tutors": [t] })),
            "tutors[0].hourlyRate"
        );
        let t = json!({ "id": "t1", "hourlyRate": "10", "availability": [
            { "startTime": "08:00", "endTime": "09:00", "isRecurring": true, "isActive": true,
              "specificDate": "2026-02-30T00:00:00Z" }] });
        assert_eq!(
            field_error(json!({ "tutors": [t] })),
            "tutors[0].availability[0].specificDate"
        );
        let err = Snapshot::from_value(&json!({ "classes": [{ "id": 1, "isActive": true }] }))
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidField);
        assert_eq!(err.to_string(), "classes[0].id: expected a string, found 1");
    }

    #[test]
    fn bad_content_of_the_right_type_is_kept() {
        let mut s = slot();
        s["dayOfWeek"] = json!(9);
        s["startTime"] = json!("25:00");
        let snap = Snapshot::from_value(&json!({ "timeSlots": [s] })).unwrap();
        assert_eq!(snap.time_slots[0].day_of_week, 9);
    }
}
