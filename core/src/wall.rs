//! Wall-clock times `HH:MM` and the wall-clock range of a slot or an availability entry (R8).

use std::fmt;

/// Minutes in a day; `24:00` is this many minutes after midnight.
pub const MINUTES_PER_DAY: u16 = 1440;

/// A local time of day in whole minutes, `00:00` (0) to `24:00` (1440).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WallTime(u16);

impl WallTime {
    /// Parses exactly `HH:MM` with `HH` 00–23 and `MM` 00–59 (R8). `"9:5"`, `"24:00"` and
    /// `"12:00:00"` are rejected.
    ///
    /// ```
    /// use genova_sessions_core::WallTime;
    /// assert_eq!(WallTime::parse("14:30").unwrap().minutes(), 870);
    /// assert!(WallTime::parse("9:5").is_none());
    /// assert!(WallTime::parse("24:00").is_none());
    /// assert_eq!(WallTime::parse_end("24:00").unwrap().minutes(), 1440);
    /// ```
    pub fn parse(text: &str) -> Option<WallTime> {
        let b = text.as_bytes();
        if b.len() != 5 || b[2] != b':' || ![0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit()) {
            return None;
        }
        let h = u16::from(b[0] - b'0') * 10 + u16::from(b[1] - b'0');
        let m = u16::from(b[3] - b'0') * 10 + u16::from(b[4] - b'0');
        (h <= 23 && m <= 59).then_some(WallTime(h * 60 + m))
    }

    /// Parses an end time: `HH:MM` as [`WallTime::parse`], or exactly `24:00`.
    pub fn parse_end(text: &str) -> Option<WallTime> {
        if text == "24:00" {
            Some(WallTime(MINUTES_PER_DAY))
        } else {
            WallTime::parse(text)
        }
    }

    /// Minutes since local midnight (0..=1440).
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl fmt::Display for WallTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Why a start/end pair is not a valid wall-clock range, in R8's order of checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeFault {
    /// The start is not `HH:MM`.
    Start,
    /// The end is not `HH:MM` or `24:00`.
    End,
    /// Both are the same minute of the day.
    Equal,
}

/// A local wall-clock range: a start time and an end time that may fall on the next day.
///
/// An end at or before the start, or `24:00`, falls on the next day (`22:00`–`01:00` is three
/// hours; `00:00`–`24:00` is 24 hours). Equal times are invalid (R8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WallRange {
    start: WallTime,
    end: WallTime,
}

impl WallRange {
    /// Checks a start and end as R8 does, returning the first failing check.
    ///
    /// ```
    /// use genova_sessions_core::{WallRange, RangeFault};
    /// let night = WallRange::parse("22:00", "01:00").unwrap();
    /// assert_eq!(night.nominal_minutes(), 180);
    /// assert!(night.ends_next_day());
    /// assert_eq!(WallRange::parse("10:00", "10:00"), Err(RangeFault::Equal));
    /// assert_eq!(WallRange::parse("10:00", "25:00"), Err(RangeFault::End));
    /// ```
    pub fn parse(start: &str, end: &str) -> Result<WallRange, RangeFault> {
        let start = WallTime::parse(start).ok_or(RangeFault::Start)?;
        let end = WallTime::parse_end(end).ok_or(RangeFault::End)?;
        if start == end {
            return Err(RangeFault::Equal);
        }
        Ok(WallRange { start, end })
    }

    /// The start time of day.
    pub fn start(self) -> WallTime {
        self.start
    }

    /// The end time of day (`24:00` possible).
    pub fn end(self) -> WallTime {
        self.end
    }

    /// `end − start` when the end is later, else `end + 1440 − start` (R8).
    pub fn nominal_minutes(self) -> i64 {
        let (s, e) = (i64::from(self.start.0), i64::from(self.end.0));
        if e > s {
            e - s
        } else {
            e + i64::from(MINUTES_PER_DAY) - s
        }
    }

    /// Whether the end's wall date is the day after the start's: when `end ≤ start` or the
    /// end is `24:00` (R8).
    pub fn ends_next_day(self) -> bool {
        self.end <= self.start || self.end.0 == MINUTES_PER_DAY
    }

    /// The end as (days after the start date, minutes after that day's midnight).
    pub fn end_offset(self) -> (i64, u16) {
        if self.end.0 == MINUTES_PER_DAY {
            (1, 0)
        } else {
            (i64::from(self.ends_next_day()), self.end.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r8_times() {
        for bad in [
            "9:5", "09:5", "9:05", "24:00", "23:60", "ab:cd", "", "12:00:00", "-1:00", "1200",
        ] {
            assert!(WallTime::parse(bad).is_none(), "{bad}");
        }
        assert!(WallTime::parse_end("24:01").is_none());
        assert_eq!(WallTime::parse("00:00").unwrap().minutes(), 0);
        assert_eq!(WallTime::parse("23:59").unwrap().minutes(), 1439);
    }

    #[test]
    fn r8_order_of_checks() {
        assert_eq!(WallRange::parse("9:5", "25:00"), Err(RangeFault::Start));
        assert_eq!(WallRange::parse("09:05", "25:00"), Err(RangeFault::End));
        assert_eq!(WallRange::parse("00:00", "00:00"), Err(RangeFault::Equal));
    }

    #[test]
    fn nominal_lengths() {
        let full = WallRange::parse("00:00", "24:00").unwrap();
        assert_eq!(full.nominal_minutes(), 1440);
        assert_eq!(full.end_offset(), (1, 0));
        let late = WallRange::parse("10:00", "24:00").unwrap();
        assert_eq!(late.nominal_minutes(), 840);
        let day = WallRange::parse("14:00", "16:00").unwrap();
        assert_eq!(day.nominal_minutes(), 120);
        assert_eq!(day.end_offset(), (0, 960));
        let night = WallRange::parse("23:00", "00:00").unwrap();
        assert_eq!(night.nominal_minutes(), 60);
        assert_eq!(night.end_offset(), (1, 0));
    }
}
