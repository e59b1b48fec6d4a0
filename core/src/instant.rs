//! UTC instants: the RFC 3339 subset SPEC R2 accepts, and the output format.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time, held as a UTC date and time with nanosecond precision.
///
/// Input follows SPEC R2: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, `T`/`t` and `Z`/`z`
/// accepted, any number of fraction digits (digits past nanoseconds are dropped), seconds `60`
/// and offsets beyond ±23:59 rejected. Output ([`Display`](fmt::Display), serde) is always
/// UTC with milliseconds, truncated: `2026-11-30T13:00:00.000Z`.
///
/// ```
/// use genova_sessions_core::Instant;
/// let t = Instant::parse("2026-11-30T14:00:00.1239+01:00").unwrap();
/// assert_eq!(t.to_string(), "2026-11-30T13:00:00.123Z");
/// assert!(Instant::parse("2026-11-30T14:00:60Z").is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Instant(NaiveDateTime);

impl Instant {
    /// Parses an RFC 3339 instant as SPEC R2 describes; `None` when malformed.
    pub fn parse(text: &str) -> Option<Instant> {
        let b = text.as_bytes();
        if b.len() < 20 {
            return None;
        }
        let year = digits(&b[0..4])?;
        if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
            return None;
        }
        if b[13] != b':' || b[16] != b':' {
            return None;
        }
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        let hour = digits(&b[11..13])?;
        let minute = digits(&b[14..16])?;
        let second = digits(&b[17..19])?;
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let mut i = 19;
        let mut nanos: u32 = 0;
        if b[i] == b'.' {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                if i - start < 9 {
                    nanos = nanos * 10 + u32::from(b[i] - b'0');
                }
                i += 1;
            }
            let n = i - start;
            if n == 0 {
                return None;
            }
            for _ in n..9 {
                nanos *= 10;
            }
        }
        let offset_minutes: i64 = match b.get(i)? {
            b'Z' | b'z' if i + 1 == b.len() => 0,
            sign @ (b'+' | b'-') if i + 6 == b.len() => {
                if b[i + 3] != b':' {
                    return None;
                }
                let oh = digits(&b[i + 1..i + 3])?;
                let om = digits(&b[i + 4..i + 6])?;
                if oh > 23 || om > 59 {
                    return None;
                }
                let m = i64::from(oh * 60 + om);
                if *sign == b'-' {
                    -m
                } else {
                    m
                }
            }
            _ => return None,
        };
        let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
        let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
        Some(Instant(
            date.and_time(time) - Duration::minutes(offset_minutes),
        ))
    }

    /// The instant whose UTC date and time is `utc`.
    pub fn from_utc(utc: NaiveDateTime) -> Instant {
        Instant(utc)
    }

    /// The UTC date and time of this instant.
    pub fn utc(self) -> NaiveDateTime {
        self.0
    }

    /// This instant with everything below the millisecond dropped (SPEC R2: the window starts
    /// at `now` truncated to milliseconds).
    pub fn truncate_to_millis(self) -> Instant {
        let nanos = self.0.nanosecond();
        Instant(
            self.0
                .with_nanosecond(nanos - nanos % 1_000_000)
                .unwrap_or(self.0),
        )
    }

    /// The instant `d` later, or `None` beyond chrono's range.
    pub fn checked_add(self, d: Duration) -> Option<Instant> {
        self.0.checked_add_signed(d).map(Instant)
    }

    /// The signed time from `earlier` to `self`.
    pub fn since(self, earlier: Instant) -> Duration {
        self.0 - earlier.0
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

impl Instant {
    /// The output form in a fixed buffer when the year has four digits (0000–9999), so that
    /// writing an instant formats nothing through `fmt` and allocates nothing.
    pub(crate) fn four_digit_form(self) -> Option<[u8; 24]> {
        let d = self.0;
        let year = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
        let mut buf = *b"0000-00-00T00:00:00.000Z";
        put(&mut buf[0..4], year);
        put(&mut buf[5..7], d.month());
        put(&mut buf[8..10], d.day());
        put(&mut buf[11..13], d.hour());
        put(&mut buf[14..16], d.minute());
        put(&mut buf[17..19], d.second());
        put(&mut buf[20..23], d.nanosecond() / 1_000_000 % 1000);
        Some(buf)
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        let year = d.year();
        let millis = d.nanosecond() / 1_000_000 % 1000;
        if let Some(buf) = self.four_digit_form() {
            // The buffer holds ASCII digits and separators only.
            f.write_str(std::str::from_utf8(&buf).map_err(|_| fmt::Error)?)
        } else {
            write!(
                f,
                "{:+05}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                year,
                d.month(),
                d.day(),
                d.hour(),
                d.minute(),
                d.second(),
                millis
            )
        }
    }
}

fn put(out: &mut [u8], mut v: u32) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.four_digit_form() {
            // ASCII only: the same text `Display` writes.
            Some(buf) => {
                s.serialize_str(std::str::from_utf8(&buf).map_err(serde::ser::Error::custom)?)
            }
            None => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Instant::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not an RFC 3339 instant")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_r2_forms() {
        for (text, utc) in [
            ("2026-11-30T13:00:00Z", "2026-11-30T13:00:00.000Z"),
            ("2026-11-30t13:00:00z", "2026-11-30T13:00:00.000Z"),
            ("2026-11-30T14:00:00+01:00", "2026-11-30T13:00:00.000Z"),
            ("2026-11-30T08:00:00.5-05:00", "2026-11-30T13:00:00.500Z"),
            ("2026-12-01T00:00:00+23:59", "2026-11-30T00:01:00.000Z"),
            (
                "2026-11-30T13:00:00.123456789123Z",
                "2026-11-30T13:00:00.123Z",
            ),
            ("0000-01-01T00:00:00+00:01", "-0001-12-31T23:59:00.000Z"),
        ] {
            assert_eq!(Instant::parse(text).unwrap().to_string(), utc, "{text}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for text in [
            "",
            "2026-11-30",
            "2026-11-30 13:00:00Z",
            "2026-11-30T13:00:60Z",
            "2026-11-30T24:00:00Z",
            "2026-11-31T13:00:00Z",
            "2026-11-30T13:00:00",
            "2026-11-30T13:00:00.Z",
            "2026-11-30T13:00:00+24:00",
            "2026-11-30T13:00:00+01:60",
            "2026-11-30T13:00:00+0100",
            "2026-11-30T13:00:00Zjunk",
            "+2026-11-30T13:00:00Z",
            "2026-1-30T13:00:00Z",
        ] {
            assert!(Instant::parse(text).is_none(), "{text}");
        }
    }

    #[test]
    fn truncates_to_millis() {
        let t = Instant::parse("2026-11-30T13:00:00.987654Z").unwrap();
        assert_eq!(
            t.truncate_to_millis(),
            Instant::parse("2026-11-30T13:00:00.987Z").unwrap()
        );
    }
}
