//! A snapshot read straight from JSON text into its typed rows, with no `serde_json::Value`
//! tree in between — for input in its regular shape.
//!
//! R1 has one reading of every input, and [`Snapshot::from_value`] is it: it decides what is
//! fatal, and its messages name the first problem in SPEC §5's order. This module is only a
//! faster road to the same result: serde decodes each row into its type, and the first thing
//! that is not plainly regular — a wrong type, a missing field, a `null` where a value is
//! required, a field given twice, a row that is not an object, a malformed instant or amount,
//! a non-integer where R1 wants an integer, a value nested deeper than §5 allows — makes it
//! give up (`None`) without saying why. The caller then reads the text the general way, which
//! reports the problem. So whenever this module returns a snapshot, it is the snapshot
//! `from_value` returns for the same text (a property test holds the two together).
//!
//! It reads the fields `from_value` reads and skips the others, as R1 wants; `reason` and
//! `cancellationReason` keep only strings, as there.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, value::MapAccessDeserializer, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

use crate::error::Error;
use crate::instant::Instant;
use crate::json::{self, integer_value, is_integer_literal, MAX_DEPTH};
use crate::money::Money;
use crate::plan::Plan;
use crate::snapshot::{
    Availability, Class, ExistingSession, SlotCancellation, Snapshot, TimeSlot, Tutor,
    TutorAssignment,
};

impl Snapshot {
    /// Reads a snapshot from JSON text: §5's limits, then R1 — the same snapshot, or the same
    /// first error, as [`json::parse`] followed by [`Snapshot::from_value`], in less time and
    /// memory for input in its regular shape (no JSON tree is built).
    ///
    /// ```
    /// use genova_sessions_core::{ErrorCode, Snapshot};
    /// let s = Snapshot::from_json_str(r#"{ "classes": [{ "id": "c1", "isActive": true }] }"#);
    /// assert_eq!(s.unwrap().classes[0].member_count, 0);
    /// let bad = Snapshot::from_json_str(r#"{ "timeSlots": [{ "id": "s1", "dayOfWeek": "1" }] }"#);
    /// assert_eq!(bad.unwrap_err().code(), ErrorCode::InvalidField);
    /// ```
    pub fn from_json_str(text: &str) -> Result<Snapshot, Error> {
        SnapshotText::read(text)?.into_snapshot()
    }
}

/// Snapshot JSON text after its own checks (§5's limits, then `INVALID_JSON`): read straight
/// into the typed rows when it has the regular shape, else parsed, for R1's general reading.
/// What comes after — the options, R1's fields and unique ids — is in §5's order either way.
#[derive(Debug)]
pub enum SnapshotText {
    /// The regular shape, read by [`regular_snapshot`] (unique ids not checked yet).
    Regular(Snapshot),
    /// Anything else, as a JSON value.
    Parsed(Value),
}

impl SnapshotText {
    /// Checks the text's limits and reads it; fails only with `INPUT_TOO_LARGE` or
    /// `INVALID_JSON`.
    pub fn read(text: &str) -> Result<SnapshotText, Error> {
        json::check_text_limits(text, MAX_DEPTH)?;
        Ok(match regular_snapshot(text) {
            Some(snapshot) => SnapshotText::Regular(snapshot),
            None => SnapshotText::Parsed(json::parse(text)?),
        })
    }

    /// The snapshot, by R1 (the unique ids, or `Snapshot::from_value`).
    pub fn into_snapshot(self) -> Result<Snapshot, Error> {
        match self {
            SnapshotText::Regular(snapshot) => snapshot.check_unique_ids().map(|()| snapshot),
            SnapshotText::Parsed(value) => Snapshot::from_value(&value),
        }
    }

    /// Plans it with options given as JSON, reporting the options' problems before the
    /// snapshot's (§5's order).
    pub fn plan(&self, options: &Value) -> Result<Plan, Error> {
        match self {
            SnapshotText::Regular(snapshot) => crate::plan_regular(snapshot, options),
            SnapshotText::Parsed(value) => crate::plan_value(value, options),
        }
    }
}

/// The snapshot of JSON text in its regular shape, or `None` when anything in it is not
/// plainly regular (see the module's documentation). The caller has checked §5's limits with
/// [`json::check_text_limits`] at [`MAX_DEPTH`], and checks R1's unique ids after, as
/// [`Snapshot::from_json_str`] does.
pub fn regular_snapshot(text: &str) -> Option<Snapshot> {
    let rows: Obj<Rows> = serde_json::from_str(text).ok()?;
    Some(rows.0.into_snapshot())
}

/// A snapshot file's content read the regular way: a bare snapshot, or
/// `{ "snapshot": …, "options": … }` (a file with a `snapshot` key).
#[derive(Debug)]
pub struct SnapshotFile {
    /// The snapshot.
    pub snapshot: Snapshot,
    /// The options the file carries: empty when absent or `null`.
    pub options: Map<String, Value>,
}

/// [`regular_snapshot`] for a snapshot file, whose text may nest one level deeper than a
/// snapshot (the wrapper); `deepest` is the text's nesting, from
/// [`json::scan_text_limits`]. `None` when anything is not plainly regular, including
/// options that are neither an object nor `null`. R1's unique ids are the caller's to check.
pub fn regular_snapshot_file(text: &str, deepest: usize) -> Option<SnapshotFile> {
    let top: Obj<Rows> = serde_json::from_str(text).ok()?;
    let mut top = top.0;
    match std::mem::take(&mut top.snapshot) {
        // A bare snapshot: its `options`, if any, is a field R1 ignores.
        Field::Absent if deepest <= MAX_DEPTH => Some(SnapshotFile {
            snapshot: top.into_snapshot(),
            options: Map::new(),
        }),
        Field::Given(Obj(rows)) => Some(SnapshotFile {
            snapshot: rows.into_snapshot(),
            options: top.options.unwrap_or_default(),
        }),
        Field::Absent | Field::Null => None,
    }
}

/// A snapshot's lists (an absent or `null` list is empty), and beside them a snapshot file's
/// wrapper keys: R1 ignores `snapshot` and `options` in a snapshot, and the lists beside a
/// wrapper's `snapshot`, so one shape reads both.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Rows {
    #[serde(default)]
    snapshot: Field<Obj<Box<Rows>>>,
    #[serde(default)]
    options: Option<Map<String, Value>>,
    #[serde(default)]
    classes: Option<Vec<Obj<ClassRow>>>,
    #[serde(default)]
    time_slots: Option<Vec<Obj<SlotRow>>>,
    #[serde(default)]
    slot_cancellations: Option<Vec<Obj<CancellationRow>>>,
    #[serde(default)]
    tutor_assignments: Option<Vec<Obj<AssignmentRow>>>,
    #[serde(default)]
    tutors: Option<Vec<Obj<TutorRow>>>,
    #[serde(default)]
    existing_sessions: Option<Vec<Obj<SessionRow>>>,
}

impl Rows {
    fn into_snapshot(self) -> Snapshot {
        fn list<R, T>(rows: Option<Vec<Obj<R>>>, f: impl FnMut(R) -> T) -> Vec<T> {
            rows.unwrap_or_default()
                .into_iter()
                .map(|o| o.0)
                .map(f)
                .collect()
        }
        Snapshot {
            classes: list(self.classes, ClassRow::typed),
            time_slots: list(self.time_slots, SlotRow::typed),
            slot_cancellations: list(self.slot_cancellations, CancellationRow::typed),
            tutor_assignments: list(self.tutor_assignments, AssignmentRow::typed),
            tutors: list(self.tutors, TutorRow::typed),
            existing_sessions: list(self.existing_sessions, SessionRow::typed),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClassRow {
    id: String,
    #[serde(default)]
    name: Option<String>,
    is_active: bool,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    member_count: Option<Integer>,
    #[serde(default)]
    default_hourly_rate: Option<Amount>,
}

impl ClassRow {
    fn typed(self) -> Class {
        Class {
            id: self.id,
            name: self.name,
            is_active: self.is_active,
            timezone: self.timezone,
            member_count: self.member_count.map_or(0, |n| n.0),
            default_hourly_rate: self.default_hourly_rate.map(|a| a.0),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SlotRow {
    id: String,
    class_id: String,
    subject: String,
    day_of_week: Integer,
    start_time: String,
    end_time: String,
    is_active: bool,
    #[serde(default)]
    created_at: Option<At>,
}

impl SlotRow {
    fn typed(self) -> TimeSlot {
        TimeSlot {
            id: self.id,
            class_id: self.class_id,
            subject: self.subject,
            day_of_week: self.day_of_week.0,
            start_time: self.start_time,
            end_time: self.end_time,
            is_active: self.is_active,
            created_at: self.created_at.map(|a| a.0),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CancellationRow {
    id: String,
    time_slot_id: String,
    week_start: At,
    #[serde(default)]
    reason: Option<Loose>,
}

impl CancellationRow {
    fn typed(self) -> SlotCancellation {
        SlotCancellation {
            id: self.id,
            time_slot_id: self.time_slot_id,
            week_start: self.week_start.0,
            reason: self.reason.and_then(|r| r.0),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AssignmentRow {
    id: String,
    class_id: String,
    #[serde(default)]
    time_slot_id: Option<String>,
    subject: String,
    tutor_id: String,
    recurrence_pattern: String,
    #[serde(default)]
    recurrence_config: Option<Value>,
    #[serde(default)]
    start_date: Option<At>,
    #[serde(default)]
    end_date: Option<At>,
    status: String,
    is_active: bool,
    created_at: At,
}

impl AssignmentRow {
    fn typed(self) -> TutorAssignment {
        TutorAssignment {
            id: self.id,
            class_id: self.class_id,
            time_slot_id: self.time_slot_id,
            subject: self.subject,
            tutor_id: self.tutor_id,
            recurrence_pattern: self.recurrence_pattern,
            recurrence_config: self.recurrence_config,
            start_date: self.start_date.map(|a| a.0),
            end_date: self.end_date.map(|a| a.0),
            status: self.status.as_str().into(),
            is_active: self.is_active,
            created_at: self.created_at.0,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TutorRow {
    id: String,
    hourly_rate: Amount,
    #[serde(default)]
    availability: Option<Vec<Obj<AvailabilityRow>>>,
}

impl TutorRow {
    fn typed(self) -> Tutor {
        Tutor {
            id: self.id,
            hourly_rate: self.hourly_rate.0,
            availability: self
                .availability
                .unwrap_or_default()
                .into_iter()
                .map(|a| a.0.typed())
                .collect(),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AvailabilityRow {
    #[serde(default)]
    day_of_week: Option<Integer>,
    #[serde(default)]
    specific_date: Option<At>,
    start_time: String,
    end_time: String,
    is_recurring: bool,
    is_active: bool,
}

impl AvailabilityRow {
    fn typed(self) -> Availability {
        Availability {
            day_of_week: self.day_of_week.map(|n| n.0),
            specific_date: self.specific_date.map(|a| a.0),
            start_time: self.start_time,
            end_time: self.end_time,
            is_recurring: self.is_recurring,
            is_active: self.is_active,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionRow {
    id: String,
    class_id: String,
    #[serde(default)]
    tutor_id: Option<String>,
    subject: String,
    scheduled_start: At,
    scheduled_end: At,
    status: String,
    #[serde(default)]
    price: Option<Amount>,
    #[serde(default)]
    cancellation_reason: Option<Loose>,
}

impl SessionRow {
    fn typed(self) -> ExistingSession {
        ExistingSession {
            id: self.id,
            class_id: self.class_id,
            tutor_id: self.tutor_id,
            subject: self.subject,
            scheduled_start: self.scheduled_start.0,
            scheduled_end: self.scheduled_end.0,
            status: self.status.as_str().into(),
            price: self.price.map(|a| a.0),
            cancellation_reason: self.cancellation_reason.and_then(|r| r.0),
        }
    }
}

/// A JSON object decoded as `T` — never an array: serde's derived structs would also read
/// their fields from an array in order, which R1 does not allow.
struct Obj<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Only<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Only<T> {
            type Value = Obj<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Obj<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Obj)
            }
        }
        deserializer.deserialize_map(Only(PhantomData))
    }
}

/// A key that may be absent, `null` or given (the wrapper's `snapshot`).
#[derive(Default)]
enum Field<T> {
    #[default]
    Absent,
    Null,
    Given(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Field::Null, Field::Given))
    }
}

/// An integer literal (R1: no fraction, no exponent), saturated to the `i64` range.
struct Integer(i64);

impl<'de> Deserialize<'de> for Integer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = Number::deserialize(deserializer)?;
        if is_integer_literal(&n) {
            Ok(Integer(integer_value(&n)))
        } else {
            Err(de::Error::custom("not an integer literal"))
        }
    }
}

/// A decimal amount, from a string or a number (R3).
struct Amount(Money);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let money = match Value::deserialize(deserializer)? {
            Value::String(s) => Money::parse_str(&s),
            Value::Number(n) => Money::parse_number(n.as_str()),
            _ => None,
        };
        money
            .map(Amount)
            .ok_or_else(|| de::Error::custom("not an amount"))
    }
}

/// An RFC 3339 instant string (R2).
struct At(Instant);

impl<'de> Deserialize<'de> for At {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = At;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an RFC 3339 instant string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<At, E> {
                Instant::parse(s)
                    .map(At)
                    .ok_or_else(|| E::custom("not an instant"))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

/// Any JSON value, of which only a string is kept (`reason`, `cancellationReason`).
struct Loose(Option<String>);

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Loose(match Value::deserialize(deserializer)? {
            Value::String(s) => Some(s),
            _ => None,
        }))
    }
}
