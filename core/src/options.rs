//! The options of a computation: `now`, `weeks`, `defaultTimezone`, `legacyTimezone` (§2, §3.9,
//! §5 `INVALID_OPTION`).

use serde_json::Value;

use crate::error::Error;
use crate::instant::Instant;
use crate::json::{integer_value, is_integer_literal};
use crate::snapshot::describe;
use crate::zone::Zone;

/// The fewest weeks a plan may cover.
pub const MIN_WEEKS: i64 = 1;
/// The most weeks a plan may cover (the old migration script's bound).
pub const MAX_WEEKS: i64 = 52;

/// What to plan: the window `[now, now + weeks × 7 days)` and the zone of classes without one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The planning instant; the engine never reads a clock.
    pub now: Instant,
    /// Length of the window in weeks, 1..=52.
    pub weeks: i64,
    /// IANA zone of classes whose `timezone` is absent or `null`; `"UTC"` by default.
    pub default_timezone: String,
    /// IANA zone the old generator ran in (§3.9, R27–R30); `None` = off, the default.
    pub legacy_timezone: Option<String>,
}

impl Options {
    /// Options for `weeks` weeks from `now`, with classes defaulting to UTC.
    pub fn new(now: Instant, weeks: i64) -> Options {
        Options {
            now,
            weeks,
            default_timezone: "UTC".to_owned(),
            legacy_timezone: None,
        }
    }

    /// Reads options from JSON: `{ "now": RFC 3339, "weeks": integer, "defaultTimezone"?: IANA,
    /// "legacyTimezone"?: IANA | null }`.
    /// Every fault is [`Error::InvalidOption`].
    ///
    /// ```
    /// use genova_sessions_core::{Options, ErrorCode};
    /// let o = Options::from_value(&serde_json::json!({ "now": "2026-11-30T00:00:00Z", "weeks": 4 })).unwrap();
    /// assert_eq!(o.default_timezone, "UTC");
    /// let err = Options::from_value(&serde_json::json!({ "now": "2026-11-30T00:00:00Z", "weeks": 53 })).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidOption);
    /// ```
    pub fn from_value(value: &Value) -> Result<Options, Error> {
        let map = value.as_object().ok_or_else(|| {
            Error::InvalidOption(format!(
                "options: expected an object, found {}",
                describe(value)
            ))
        })?;
        let now = match map.get("now") {
            Some(Value::String(s)) => Instant::parse(s).ok_or_else(|| {
                Error::InvalidOption(format!("now: {s:?} is not an RFC 3339 instant"))
            })?,
            Some(other) => {
                return Err(Error::InvalidOption(format!(
                    "now: expected an RFC 3339 instant string, found {}",
                    describe(other)
                )))
            }
            None => return Err(Error::InvalidOption("now: is required".to_owned())),
        };
        let weeks = match map.get("weeks") {
            Some(Value::Number(n)) if is_integer_literal(n) => integer_value(n),
            Some(other) => {
                return Err(Error::InvalidOption(format!(
                    "weeks: expected an integer in {MIN_WEEKS}..={MAX_WEEKS}, found {}",
                    describe(other)
                )))
            }
            None => return Err(Error::InvalidOption("weeks: is required".to_owned())),
        };
        let options = Options {
            now,
            weeks,
            default_timezone: default_timezone(map)?,
            legacy_timezone: legacy_timezone(map)?,
        };
        options.validate()?;
        Ok(options)
    }

    /// Checks `weeks` is in 1..=52 and `defaultTimezone` is an IANA name; returns the zone.
    pub fn validate(&self) -> Result<Zone, Error> {
        if !(MIN_WEEKS..=MAX_WEEKS).contains(&self.weeks) {
            return Err(Error::InvalidOption(format!(
                "weeks: {} is not in {MIN_WEEKS}..={MAX_WEEKS}",
                self.weeks
            )));
        }
        self.legacy_zone()?;
        default_zone(&self.default_timezone)
    }

    /// The zone of `legacyTimezone`: `None` when off, [`Error::InvalidOption`] when it names no
    /// IANA zone (`""` included: only `null` or absence turns it off).
    pub fn legacy_zone(&self) -> Result<Option<Zone>, Error> {
        self.legacy_timezone.as_deref().map(legacy_zone).transpose()
    }
}

/// Reads the optional `defaultTimezone` of an options object (`"UTC"` when absent or null).
pub(crate) fn default_timezone(map: &serde_json::Map<String, Value>) -> Result<String, Error> {
    match map.get("defaultTimezone") {
        None | Some(Value::Null) => Ok("UTC".to_owned()),
        Some(Value::String(s)) => {
            default_zone(s)?;
            Ok(s.clone())
        }
        Some(other) => Err(Error::InvalidOption(format!(
            "defaultTimezone: expected an IANA time zone name, found {}",
            describe(other)
        ))),
    }
}

/// Reads the optional `legacyTimezone` of an options object (`None` when absent or null).
fn legacy_timezone(map: &serde_json::Map<String, Value>) -> Result<Option<String>, Error> {
    match map.get("legacyTimezone") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            legacy_zone(s)?;
            Ok(Some(s.clone()))
        }
        Some(other) => Err(Error::InvalidOption(format!(
            "legacyTimezone: expected an IANA time zone name or null, found {}",
            describe(other)
        ))),
    }
}

/// The zone named by `legacyTimezone`, or [`Error::InvalidOption`].
fn legacy_zone(name: &str) -> Result<Zone, Error> {
    Zone::named(name).ok_or_else(|| {
        Error::InvalidOption(format!(
            "legacyTimezone: time zone {name:?} is not in the IANA database"
        ))
    })
}

/// The zone named by `defaultTimezone`, or [`Error::InvalidOption`].
pub(crate) fn default_zone(name: &str) -> Result<Zone, Error> {
    Zone::named(name).ok_or_else(|| {
        Error::InvalidOption(format!(
            "defaultTimezone: time zone {name:?} is not in the IANA database"
        ))
    })
}
