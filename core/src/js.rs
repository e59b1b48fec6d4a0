//! How JavaScript values read as JSON (SPEC §2, §5): the rules the Node addon and the
//! WebAssembly build share while they walk a JS value — numbers as `String(n)` writes them,
//! `Date`s as `toISOString()`, and the path of each value for messages — and the check of
//! the §3.8 functions' options on its own, so the JS surfaces can report a bad option before
//! a bad field (SPEC §5's order) without running a function. The walk over JS values is the
//! `genova-sessions-js` crate's; the napi and `js_sys` calls stay in the bindings.

use serde_json::{Map, Value};

use crate::error::Error;

/// Checks the optional options of the four §3.8 functions (`{ defaultTimezone? }`, absent or
/// `null` allowed) exactly as the functions read them: `INVALID_OPTION` for anything else.
///
/// ```
/// use genova_sessions_core::js::check_function_options;
/// assert!(check_function_options(None).is_ok());
/// assert!(check_function_options(Some(&serde_json::json!({ "defaultTimezone": "Africa/Douala" }))).is_ok());
/// let bad = check_function_options(Some(&serde_json::json!({ "defaultTimezone": 1 }))).unwrap_err();
/// assert_eq!(bad.code().as_str(), "INVALID_OPTION");
/// ```
pub fn check_function_options(options: Option<&Value>) -> Result<(), Error> {
    crate::function_timezone(options).map(|_| ())
}

/// Where a value sits in its parent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// The value passed in.
    Root,
    /// An object's member.
    Key(String),
    /// An array's item.
    Index(u32),
}

/// An array or object being filled.
#[derive(Debug)]
pub enum Container {
    /// An array's items so far.
    Array(Vec<Value>),
    /// An object's members so far.
    Object(Map<String, Value>),
}

impl Container {
    /// Puts a finished child in: an array appends it, an object stores it under its key (a
    /// child without a key cannot belong to an object and is left out).
    pub fn attach(&mut self, seg: Seg, value: Value) {
        match (self, seg) {
            (Container::Array(items), _) => items.push(value),
            (Container::Object(map), Seg::Key(key)) => {
                map.insert(key, value);
            }
            (Container::Object(_), _) => {}
        }
    }

    /// The finished array or object.
    pub fn finish(self) -> Value {
        match self {
            Container::Array(items) => Value::Array(items),
            Container::Object(map) => Value::Object(map),
        }
    }
}

/// The path of a value for messages, e.g. `timeSlots[3].dayOfWeek`, or `request.now` with
/// the prefix `request`; `input` for the root itself without a prefix.
///
/// ```
/// use genova_sessions_core::js::{path, Seg};
/// let segs = [Seg::Root, Seg::Key("timeSlots".into()), Seg::Index(3), Seg::Key("dayOfWeek".into())];
/// assert_eq!(path("", &segs), "timeSlots[3].dayOfWeek");
/// assert_eq!(path("request", &[Seg::Root, Seg::Key("now".into())]), "request.now");
/// assert_eq!(path("", &[Seg::Root]), "input");
/// ```
pub fn path<'a>(prefix: &str, segs: impl IntoIterator<Item = &'a Seg>) -> String {
    let mut path = prefix.to_owned();
    for seg in segs {
        match seg {
            Seg::Root => {}
            Seg::Key(k) if path.is_empty() => path.push_str(k),
            Seg::Key(k) => {
                path.push('.');
                path.push_str(k);
            }
            Seg::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    if path.is_empty() {
        "input".to_owned()
    } else {
        path
    }
}

/// The JSON literal of a finite number as `String(n)` writes it, integral numbers with all
/// their digits (`1e21` → `1000000000000000000000`); `None` for NaN and ±Infinity.
pub fn number_literal(n: f64) -> Option<String> {
    if !n.is_finite() {
        return None;
    }
    if n == 0.0 {
        return Some("0".to_owned()); // -0 too, as String(-0)
    }
    if n.fract() == 0.0 {
        // `{:.0}` prints a double's exact integral value.
        return Some(format!("{n:.0}"));
    }
    // Rust prints the shortest round-trip digits, as JS does; JS switches to an exponent
    // below 1e-6 (non-integral numbers are all below 2^53, so never need one above).
    Some(if n.abs() < 1e-6 {
        format!("{n:e}")
    } else {
        format!("{n}")
    })
}

/// How JS writes a non-finite number: `NaN`, `Infinity`, `-Infinity`.
pub fn non_finite_name(n: f64) -> &'static str {
    if n.is_nan() {
        "NaN"
    } else if n > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}

/// `Date.prototype.toISOString()` of a time value in milliseconds; an invalid `Date` gives
/// `"Invalid Date"`, which is not an instant.
pub fn iso_string(ms: f64) -> String {
    if !ms.is_finite() {
        return "Invalid Date".to_owned();
    }
    let Some(t) = chrono::DateTime::from_timestamp_millis(ms as i64) else {
        return "Invalid Date".to_owned();
    };
    use chrono::{Datelike, Timelike};
    let year = t.year();
    let year = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else if year < 0 {
        format!("-{:06}", -year)
    } else {
        format!("+{year:06}")
    };
    format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.timestamp_subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_string_n_writes_them() {
        let cases: [(f64, &str); 12] = [
            (7.5, "7.5"),
            (0.1, "0.1"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (-0.0, "0"),
            (42.0, "42"),
            (-3.0, "-3"),
            (1e21, "1000000000000000000000"),
            (9007199254740993.0, "9007199254740992"),
            (123456.789, "123456.789"),
            (-0.25, "-0.25"),
        ];
        for (n, text) in cases {
            assert_eq!(number_literal(n).as_deref(), Some(text), "{n}");
        }
        assert_eq!(number_literal(f64::NAN), None);
        assert_eq!(number_literal(f64::NEG_INFINITY), None);
        assert_eq!(non_finite_name(f64::NAN), "NaN");
        assert_eq!(non_finite_name(f64::NEG_INFINITY), "-Infinity");
    }

    #[test]
    fn dates_are_written_as_to_iso_string_writes_them() {
        assert_eq!(iso_string(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_string(1_796_000_000_123.0), "2026-11-30T00:53:20.123Z");
        assert_eq!(
            iso_string(-62_198_755_200_000.0),
            "-000001-01-01T00:00:00.000Z"
        );
        assert_eq!(
            iso_string(253_402_300_800_000.0),
            "+010000-01-01T00:00:00.000Z"
        );
        assert_eq!(iso_string(f64::NAN), "Invalid Date");
    }

    #[test]
    fn containers_attach_and_finish() {
        let mut a = Container::Array(Vec::new());
        a.attach(Seg::Index(0), Value::Null);
        assert_eq!(a.finish(), serde_json::json!([null]));
        let mut o = Container::Object(Map::new());
        o.attach(Seg::Key("k".into()), Value::Bool(true));
        o.attach(Seg::Index(1), Value::Null);
        assert_eq!(o.finish(), serde_json::json!({ "k": true }));
    }
}
