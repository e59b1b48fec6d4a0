//! The plan of a database run: the core's plan and, in one list with the core's errors, the
//! errors only the CLI reports (`PRICE_OUT_OF_RANGE`, `INVALID_INPUT`: docs/errors.md). It
//! serializes as the core's plan does (docs/plan.md), byte for byte, and reads back from a
//! saved plan file.

use std::io::{self, Write};
use std::sync::Arc;

use genova_sessions_core::{
    Conflict, Create, DataError, DataErrorCode, Existing, Move, Plan, Skipped, Summary, Warning,
    Window,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The code of an entry of a run's `errors`: the core's, or one of the CLI's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A problem in the data the core found (`UNKNOWN_TIMEZONE`, `INVALID_SLOT`).
    Core(DataErrorCode),
    /// A planned price does not fit the database's price column (`DECIMAL(10,2)`); nothing is
    /// written for the class.
    PriceOutOfRange,
    /// One class's rows are unreadable input (SPEC §5) while the other classes still plan; the
    /// message starts with the §5 code.
    InvalidInput,
}

impl ErrorCode {
    /// The code as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Core(code) => code.as_str(),
            ErrorCode::PriceOutOfRange => "PRICE_OUT_OF_RANGE",
            ErrorCode::InvalidInput => "INVALID_INPUT",
        }
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// An entry of a run's `errors`: a problem in one class or slot; it produced nothing, everything
/// else was planned. The JSON of the core's [`DataError`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassError {
    /// What.
    pub code: ErrorCode,
    /// Free text for people, naming the value at fault.
    pub message: String,
    /// Class.
    pub class_id: Arc<str>,
    /// Slot, `null` for a class-level error.
    pub time_slot_id: Option<Arc<str>>,
}

impl From<DataError> for ClassError {
    fn from(e: DataError) -> Self {
        ClassError {
            code: ErrorCode::Core(e.code),
            message: e.message,
            class_id: e.class_id,
            time_slot_id: e.time_slot_id,
        }
    }
}

/// A run's plan: the core's lists and summary, and every error — the core's and the CLI's — in
/// one list.
#[derive(Clone, Debug)]
pub struct RunPlan {
    /// The core's plan; its `errors` are empty (they are in `errors`) and its summary counts
    /// every error.
    plan: Plan,
    /// In SPEC §4's order: by (classId, timeSlotId, code).
    errors: Vec<ClassError>,
}

impl RunPlan {
    /// The core's `plan` with the CLI's errors about its classes (in any order).
    pub fn new(mut plan: Plan, cli_errors: Vec<ClassError>) -> RunPlan {
        let mut errors: Vec<ClassError> = std::mem::take(&mut plan.errors)
            .into_iter()
            .map(ClassError::from)
            .chain(cli_errors)
            .collect();
        // Stable, as the core's own sort: equal keys are errors of one code, kept in order.
        errors.sort_by(|a, b| {
            (&a.class_id, &a.time_slot_id, a.code.as_str()).cmp(&(
                &b.class_id,
                &b.time_slot_id,
                b.code.as_str(),
            ))
        });
        plan.summary.errors = errors.len() as u64;
        RunPlan { plan, errors }
    }

    /// An empty plan of a window.
    pub fn empty(window: Window) -> RunPlan {
        RunPlan::new(Plan::empty(window), Vec::new())
    }

    /// The plan's lists but `errors` (empty here: see [`RunPlan::errors`]) and its summary,
    /// which counts every error.
    pub fn core(&self) -> &Plan {
        &self.plan
    }

    /// Every error, the core's and the CLI's, by (classId, timeSlotId, code).
    pub fn errors(&self) -> &[ClassError] {
        &self.errors
    }

    /// The plan as compact JSON followed by one newline, written as it is made.
    pub fn write_json_line<W: Write>(&self, mut out: W) -> io::Result<()> {
        serde_json::to_writer(&mut out, self)?;
        out.write_all(b"\n")
    }
}

/// The plan's JSON, borrowed: the core plan's keys in their order, `errors` from the run.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanOut<'a> {
    format_version: &'a str,
    window: &'a Window,
    create: &'a [Create],
    existing: &'a [Existing],
    moves: &'a [Move],
    conflicts: &'a [Conflict],
    skipped: &'a [Skipped],
    warnings: &'a [Warning],
    errors: &'a [ClassError],
    summary: &'a Summary,
}

impl Serialize for RunPlan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = &self.plan;
        PlanOut {
            format_version: &p.format_version,
            window: &p.window,
            create: &p.create,
            existing: &p.existing,
            moves: &p.moves,
            conflicts: &p.conflicts,
            skipped: &p.skipped,
            warnings: &p.warnings,
            errors: &self.errors,
            summary: &p.summary,
        }
        .serialize(s)
    }
}

/// The plan's JSON as a plan file holds it: the core's types with the CLI's codes, under the
/// core's names so that serde words its messages about a file that is not a plan alike.
mod saved {
    use std::sync::Arc;

    use genova_sessions_core::{
        Conflict, Create, Existing, Move, Skipped, Summary, Warning, Window,
    };
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub(super) struct Plan {
        pub format_version: String,
        pub window: Window,
        pub create: Vec<Create>,
        pub existing: Vec<Existing>,
        pub moves: Vec<Move>,
        pub conflicts: Vec<Conflict>,
        pub skipped: Vec<Skipped>,
        pub warnings: Vec<Warning>,
        pub errors: Vec<DataError>,
        pub summary: Summary,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub(super) struct DataError {
        pub code: DataErrorCode,
        pub message: String,
        pub class_id: Arc<str>,
        pub time_slot_id: Option<Arc<str>>,
    }

    #[derive(Clone, Copy, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub(super) enum DataErrorCode {
        UnknownTimezone,
        InvalidSlot,
        PriceOutOfRange,
        InvalidInput,
    }
}

impl From<saved::DataErrorCode> for ErrorCode {
    fn from(code: saved::DataErrorCode) -> Self {
        match code {
            saved::DataErrorCode::UnknownTimezone => {
                ErrorCode::Core(DataErrorCode::UnknownTimezone)
            }
            saved::DataErrorCode::InvalidSlot => ErrorCode::Core(DataErrorCode::InvalidSlot),
            saved::DataErrorCode::PriceOutOfRange => ErrorCode::PriceOutOfRange,
            saved::DataErrorCode::InvalidInput => ErrorCode::InvalidInput,
        }
    }
}

impl<'de> Deserialize<'de> for RunPlan {
    /// A saved plan exactly as written: lists in the file's order, its summary as it is.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let p = saved::Plan::deserialize(d)?;
        let errors = p
            .errors
            .into_iter()
            .map(|e| ClassError {
                code: e.code.into(),
                message: e.message,
                class_id: e.class_id,
                time_slot_id: e.time_slot_id,
            })
            .collect();
        Ok(RunPlan {
            plan: Plan {
                format_version: p.format_version,
                window: p.window,
                create: p.create,
                existing: p.existing,
                moves: p.moves,
                conflicts: p.conflicts,
                skipped: p.skipped,
                warnings: p.warnings,
                errors: Vec::new(),
                summary: p.summary,
                findings: Vec::new(),
            },
            errors,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use genova_sessions_core::plan_json;

    /// A plan with a create, a warning and both core error codes.
    fn core_plan() -> Plan {
        let snapshot = r#"{
          "classes": [{ "id": "c1", "isActive": true, "timezone": "Africa/Douala" },
                      { "id": "c2", "isActive": true, "timezone": "Mars/Olympus" },
                      { "id": "c3", "isActive": true }],
          "timeSlots": [
            { "id": "s1", "classId": "c1", "subject": "Maths", "dayOfWeek": 1,
              "startTime": "14:00", "endTime": "16:00", "isActive": true },
            { "id": "s2", "classId": "c1", "subject": "Maths", "dayOfWeek": 9,
              "startTime": "14:00", "endTime": "16:00", "isActive": true },
            { "id": "s3", "classId": "c2", "subject": "Maths", "dayOfWeek": 2,
              "startTime": "14:00", "endTime": "16:00", "isActive": true },
            { "id": "s4", "classId": "c3", "subject": "Maths", "dayOfWeek": 3,
              "startTime": "09:00", "endTime": "10:00", "isActive": true }],
          "tutorAssignments": [{ "id": "a1", "classId": "c3", "timeSlotId": null,
            "subject": "Maths", "tutorId": "t9", "recurrencePattern": "WEEKLY",
            "recurrenceConfig": { "weeks": "x" }, "status": "ACCEPTED", "isActive": true,
            "createdAt": "2026-11-01T00:00:00Z" }]
        }"#;
        let options = serde_json::json!({ "now": "2026-11-30T00:00:00Z", "weeks": 2 });
        let plan = plan_json(snapshot, &options).unwrap();
        assert_eq!(plan.errors.len(), 2, "{:?}", plan.errors);
        assert!(!plan.create.is_empty() && !plan.warnings.is_empty());
        plan
    }

    fn cli_error(code: ErrorCode, class: &str, slot: Option<&str>) -> ClassError {
        ClassError {
            code,
            message: format!("{class} failed"),
            class_id: class.into(),
            time_slot_id: slot.map(Into::into),
        }
    }

    #[test]
    fn a_plan_without_cli_errors_is_the_core_plan_byte_for_byte() {
        let plan = core_plan();
        let mut bytes = Vec::new();
        RunPlan::new(plan.clone(), Vec::new())
            .write_json_line(&mut bytes)
            .unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), plan.to_json_line());
    }

    #[test]
    fn cli_errors_join_the_core_errors_in_order_and_round_trip() {
        let plan = core_plan();
        let cli = vec![
            cli_error(ErrorCode::PriceOutOfRange, "c1", Some("s1")),
            cli_error(ErrorCode::InvalidInput, "c0", None),
        ];
        let run = RunPlan::new(plan.clone(), cli.clone());
        let codes: Vec<(&str, &str)> = run
            .errors()
            .iter()
            .map(|e| (&*e.class_id, e.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("c0", "INVALID_INPUT"),
                ("c1", "PRICE_OUT_OF_RANGE"),
                ("c1", "INVALID_SLOT"),
                ("c2", "UNKNOWN_TIMEZONE")
            ]
        );
        assert_eq!(run.core().summary.errors, 4);
        assert!(run.core().errors.is_empty());
        // What the core's plan would print if it held the CLI's errors itself.
        let json = serde_json::to_string(&run).unwrap();
        let core_errors = serde_json::to_string(&plan.errors).unwrap();
        let all_errors = serde_json::to_string(run.errors()).unwrap();
        let expected = plan
            .to_json_line()
            .replace(
                &format!(r#""errors":{core_errors}"#),
                &format!(r#""errors":{all_errors}"#),
            )
            .replace(r#""errors":2}"#, r#""errors":4}"#);
        assert_eq!(format!("{json}\n"), expected);
        let read: RunPlan = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), json);
        assert_eq!(read.errors(), run.errors());
    }

    #[test]
    fn unknown_codes_are_refused_naming_every_code() {
        let read = |json: &str| serde_json::from_str::<saved::DataError>(json).err();
        // As serde's derive words it for the core's code, where the code ends.
        assert_eq!(
            read(r#"{"code": "NOPE"}"#).unwrap().to_string(),
            "unknown variant `NOPE`, expected one of `UNKNOWN_TIMEZONE`, `INVALID_SLOT`, \
             `PRICE_OUT_OF_RANGE`, `INVALID_INPUT` at line 1 column 15"
        );
        // Every code reads back, the core's included (a new core code fails to compile here).
        let saved = |code: DataErrorCode| match code {
            DataErrorCode::UnknownTimezone => "UNKNOWN_TIMEZONE",
            DataErrorCode::InvalidSlot => "INVALID_SLOT",
        };
        let core = [DataErrorCode::UnknownTimezone, DataErrorCode::InvalidSlot];
        let cli = [ErrorCode::PriceOutOfRange, ErrorCode::InvalidInput];
        for code in core.map(ErrorCode::Core).into_iter().chain(cli) {
            if let ErrorCode::Core(c) = code {
                assert_eq!(code.as_str(), saved(c));
            }
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("{:?}", code.as_str()));
            let entry =
                format!(r#"{{"code":{json},"message":"","classId":"c","timeSlotId":null}}"#);
            assert!(read(&entry).is_none(), "{entry}");
            let e: saved::DataError = serde_json::from_str(&entry).unwrap();
            assert_eq!(ErrorCode::from(e.code), code);
        }
    }
}
