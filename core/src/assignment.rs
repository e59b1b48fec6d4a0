//! Which assignments apply to an occurrence, and what their patterns say (§3.3, §3.4, R16).

use chrono::NaiveDate;
use serde_json::Value;

use crate::calendar::{local_date, nearest_date};
use crate::json::{integer_value, is_integer_literal};
use crate::plan::WarningCode;
use crate::snapshot::{TimeSlot, TutorAssignment};
use crate::status::AssignmentStatus;
use crate::zone::Zone;

/// A usable recurrence pattern with its configuration (§3.4, R16).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// `ROUND_ROBIN`: the group's members take turns.
    RoundRobin,
    /// `CONSECUTIVE_DAYS` with `consecutiveDays` (≥ 1; saturated to `u64`).
    ConsecutiveDays(u64),
    /// `WEEKLY`: the listed week numbers, counted from the assignment's own reference week.
    Weekly(WeeklyWeeks),
    /// `MANUAL`: claims nothing.
    Manual,
}

/// The weeks a `WEEKLY` assignment claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WeeklyWeeks {
    /// `{ "weeks": [1, 3, 5] }`: exactly these weeks (not cyclic).
    Listed(Vec<i64>),
    /// `{ "pattern": "alternating", "startWeek": s }`: weeks `s, s+2, s+4, …`.
    Alternating {
        /// The first week claimed, ≥ 1.
        start_week: i64,
    },
}

/// Why an assignment's pattern is unusable (R16): it claims nothing and the plan warns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternFault {
    /// `INVALID_RECURRENCE_CONFIG`: a missing or malformed config.
    InvalidConfig,
    /// `UNKNOWN_RECURRENCE_PATTERN`: not one of the four patterns.
    UnknownPattern,
}

impl PatternFault {
    /// The warning code of this fault.
    pub fn code(self) -> WarningCode {
        match self {
            PatternFault::InvalidConfig => WarningCode::InvalidRecurrenceConfig,
            PatternFault::UnknownPattern => WarningCode::UnknownRecurrencePattern,
        }
    }

    /// The warning message, naming the assignment and the value at fault.
    pub fn message(self, a: &TutorAssignment) -> String {
        match self {
            PatternFault::InvalidConfig => format!(
                "assignment {}: recurrence config is not valid for {}",
                a.id, a.recurrence_pattern
            ),
            PatternFault::UnknownPattern => format!(
                "assignment {}: recurrence pattern {:?} is unknown",
                a.id, a.recurrence_pattern
            ),
        }
    }
}

impl Pattern {
    /// Reads an assignment's pattern and config as R16 says.
    ///
    /// ```
    /// use genova_sessions_core::{Pattern, PatternFault, WeeklyWeeks};
    /// use serde_json::json;
    /// assert_eq!(Pattern::read("ROUND_ROBIN", Some(&json!("ignored"))), Ok(Pattern::RoundRobin));
    /// assert_eq!(Pattern::read("CONSECUTIVE_DAYS", Some(&json!({ "consecutiveDays": 2 }))),
    ///            Ok(Pattern::ConsecutiveDays(2)));
    /// assert_eq!(Pattern::read("CONSECUTIVE_DAYS", None), Err(PatternFault::InvalidConfig));
    /// assert_eq!(Pattern::read("WEEKLY", Some(&json!({ "weeks": [1, 3] }))),
    ///            Ok(Pattern::Weekly(WeeklyWeeks::Listed(vec![1, 3]))));
    /// assert_eq!(Pattern::read("DAILY", None), Err(PatternFault::UnknownPattern));
    /// ```
    pub fn read(pattern: &str, config: Option<&Value>) -> Result<Pattern, PatternFault> {
        match pattern {
            "ROUND_ROBIN" => Ok(Pattern::RoundRobin),
            "MANUAL" => Ok(Pattern::Manual),
            "CONSECUTIVE_DAYS" => config
                .and_then(Value::as_object)
                .and_then(|c| c.get("consecutiveDays"))
                .and_then(positive_integer)
                .map(|n| Pattern::ConsecutiveDays(u64::try_from(n).unwrap_or(u64::MAX)))
                .ok_or(PatternFault::InvalidConfig),
            "WEEKLY" => weekly(config.and_then(Value::as_object))
                .map(Pattern::Weekly)
                .ok_or(PatternFault::InvalidConfig),
            _ => Err(PatternFault::UnknownPattern),
        }
    }
}

fn weekly(config: Option<&serde_json::Map<String, Value>>) -> Option<WeeklyWeeks> {
    let config = config?;
    if let Some(weeks) = config.get("weeks") {
        // When the key is present it alone decides.
        let list = weeks.as_array().filter(|l| !l.is_empty())?;
        return list
            .iter()
            .map(positive_integer)
            .collect::<Option<Vec<i64>>>()
            .map(WeeklyWeeks::Listed);
    }
    if config.get("pattern").and_then(Value::as_str) != Some("alternating") {
        return None;
    }
    let start_week = config.get("startWeek").and_then(positive_integer)?;
    Some(WeeklyWeeks::Alternating { start_week })
}

/// A JSON integer ≥ 1, saturated to `i64`.
fn positive_integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) if is_integer_literal(n) => Some(integer_value(n)).filter(|&i| i >= 1),
        _ => None,
    }
}

impl WeeklyWeeks {
    /// Whether week number `week` (1 = the reference week) is claimed (R18): listed, or
    /// `startWeek + 2j` for some j ≥ 0. Weeks ≤ 0 never match.
    pub fn claims(&self, week: i64) -> bool {
        if week <= 0 {
            return false;
        }
        match self {
            WeeklyWeeks::Listed(weeks) => weeks.contains(&week),
            WeeklyWeeks::Alternating { start_week } => {
                week >= *start_week && (week - start_week) % 2 == 0
            }
        }
    }
}

/// Whether an assignment is a candidate for a slot's occurrences, dates aside (§3.3): active,
/// `ACCEPTED`, same class, and naming the slot or (with no slot) its subject.
pub fn is_candidate(a: &TutorAssignment, slot: &TimeSlot) -> bool {
    a.is_active
        && a.status == AssignmentStatus::Accepted
        && match &a.time_slot_id {
            Some(id) => *id == slot.id,
            None => a.subject == slot.subject,
        }
        && a.class_id == slot.class_id
}

/// An assignment read in its class's zone: its pattern and its dates.
#[derive(Clone, Debug)]
pub struct Candidate<'a> {
    /// The assignment.
    pub assignment: &'a TutorAssignment,
    /// Its usable pattern, or why it is unusable.
    pub pattern: Result<Pattern, PatternFault>,
    /// First local date it applies to (R10 date of `startDate`).
    pub from: Option<NaiveDate>,
    /// Last local date it applies to (R10 date of `endDate`).
    pub until: Option<NaiveDate>,
    /// Reference date: the R10 date of `startDate`, else the local date of `createdAt` (R17).
    pub reference: NaiveDate,
}

impl<'a> Candidate<'a> {
    /// Reads an assignment's pattern and dates in `zone`.
    pub fn new(assignment: &'a TutorAssignment, zone: Zone) -> Candidate<'a> {
        let from = assignment.start_date.map(|t| nearest_date(zone, t));
        Candidate {
            assignment,
            pattern: Pattern::read(
                &assignment.recurrence_pattern,
                assignment.recurrence_config.as_ref(),
            ),
            from,
            until: assignment.end_date.map(|t| nearest_date(zone, t)),
            reference: from.unwrap_or_else(|| local_date(zone, assignment.created_at)),
        }
    }

    /// Whether the generating date `d` lies within `startDate..=endDate` (§3.3, R14).
    pub fn applies_on(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.until.is_none_or(|u| d <= u)
    }
}

/// Sorts candidates in claim order: by `createdAt`, then `id` (§3.3).
pub fn sort_in_claim_order(candidates: &mut [Candidate<'_>]) {
    candidates.sort_by(|a, b| {
        (a.assignment.created_at, &a.assignment.id)
            .cmp(&(b.assignment.created_at, &b.assignment.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(p: &str, c: Value) -> Result<Pattern, PatternFault> {
        Pattern::read(p, Some(&c))
    }

    #[test]
    fn r16_configs() {
        use PatternFault::*;
        assert_eq!(
            read("CONSECUTIVE_DAYS", json!({ "consecutiveDays": 0 })),
            Err(InvalidConfig)
        );
        assert_eq!(
            read("CONSECUTIVE_DAYS", json!({ "consecutiveDays": "2" })),
            Err(InvalidConfig)
        );
        let float: Value = serde_json::from_str(r#"{ "consecutiveDays": 2.0 }"#).unwrap();
        assert_eq!(read("CONSECUTIVE_DAYS", float), Err(InvalidConfig));
        assert_eq!(read("CONSECUTIVE_DAYS", json!([2])), Err(InvalidConfig));
        assert_eq!(read("WEEKLY", json!({ "weeks": [] })), Err(InvalidConfig));
        assert_eq!(
            read("WEEKLY", json!({ "weeks": [1, 0] })),
            Err(InvalidConfig)
        );
        // `weeks` present decides alone, even next to a good alternating config
        assert_eq!(
            read(
                "WEEKLY",
                json!({ "weeks": null, "pattern": "alternating", "startWeek": 1 })
            ),
            Err(InvalidConfig)
        );
        assert_eq!(
            read(
                "WEEKLY",
                json!({ "pattern": "alternating", "startWeek": 2 })
            ),
            Ok(Pattern::Weekly(WeeklyWeeks::Alternating { start_week: 2 }))
        );
        assert_eq!(
            read("WEEKLY", json!({ "pattern": "alternating" })),
            Err(InvalidConfig)
        );
        assert_eq!(read("MANUAL", json!(null)), Ok(Pattern::Manual));
        assert_eq!(read("round_robin", json!(null)), Err(UnknownPattern));
    }

    #[test]
    fn weekly_claims() {
        let alt = WeeklyWeeks::Alternating { start_week: 2 };
        let claimed: Vec<i64> = (-2..9).filter(|w| alt.claims(*w)).collect();
        assert_eq!(claimed, [2, 4, 6, 8]);
        let listed = WeeklyWeeks::Listed(vec![1, 3]);
        let claimed: Vec<i64> = (-2..9).filter(|w| listed.claims(*w)).collect();
        assert_eq!(claimed, [1, 3]);
    }
}
