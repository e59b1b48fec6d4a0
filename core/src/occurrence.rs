//! Weekly expansion of a slot inside the window (§3.1, R8, R9, R14).
//!
//! Occurrences are expanded as local calendar dates and wall times, and each one is then
//! resolved in the class's zone by the compatible rule — never by adding 7 × 24 h to an
//! instant, which is exactly what goes wrong on DST days.

use chrono::{Duration, NaiveDate};

use crate::calendar::{first_on_or_after, local_date};
use crate::instant::Instant;
use crate::snapshot::TimeSlot;
use crate::wall::{RangeFault, WallRange};
use crate::zone::Zone;

/// Seconds in a week: the window is `weeks × 604,800 s` long.
pub const WEEK_SECONDS: i64 = 604_800;

/// The planning window: the absolute interval `[start, end)` (§3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Window {
    /// `now` truncated to milliseconds (R2).
    pub start: Instant,
    /// `start + weeks × 604,800 s`.
    pub end: Instant,
}

impl Window {
    /// The window of `weeks` weeks from `now`.
    ///
    /// ```
    /// use genova_sessions_core::{Instant, Window};
    /// let w = Window::new(Instant::parse("2026-11-30T10:00:00.1234Z").unwrap(), 4);
    /// assert_eq!(w.start.to_string(), "2026-11-30T10:00:00.123Z");
    /// assert_eq!(w.end.to_string(), "2026-12-28T10:00:00.123Z");
    /// ```
    pub fn new(now: Instant, weeks: i64) -> Window {
        let start = now.truncate_to_millis();
        let end = start
            .checked_add(Duration::seconds(weeks.saturating_mul(WEEK_SECONDS)))
            .unwrap_or(start);
        Window { start, end }
    }

    /// Whether an instant lies in `[start, end)`.
    pub fn contains(&self, t: Instant) -> bool {
        self.start <= t && t < self.end
    }
}

/// Why a slot is invalid, in R8's order of checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotFault {
    /// `dayOfWeek` is not 0..=6.
    DayOfWeek(i64),
    /// `startTime`/`endTime` fault.
    Times(RangeFault),
}

impl SlotFault {
    /// The `INVALID_SLOT` message: the first failing check, naming the value.
    pub fn message(self, slot: &TimeSlot) -> String {
        let id = &slot.id;
        match self {
            SlotFault::DayOfWeek(n) => format!("slot {id}: day of week {n} is not 0..6"),
            SlotFault::Times(RangeFault::Start) => {
                format!("slot {id}: start time {:?} is not HH:MM", slot.start_time)
            }
            SlotFault::Times(RangeFault::End) => {
                format!("slot {id}: end time {:?} is not HH:MM", slot.end_time)
            }
            SlotFault::Times(RangeFault::Equal) => {
                format!(
                    "slot {id}: start and end time are both {:?}",
                    slot.start_time
                )
            }
        }
    }
}

/// A valid slot's weekly shape: its weekday and wall-clock range (R8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotShape {
    /// 0 = Sunday … 6 = Saturday.
    pub day_of_week: u8,
    /// Local start and end.
    pub range: WallRange,
}

/// One occurrence of a slot: the local date it was generated for and its instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The generating date `d` (R14).
    pub date: NaiveDate,
    /// Start instant (R9).
    pub start: Instant,
    /// End instant, always after the start (R9).
    pub end: Instant,
}

impl SlotShape {
    /// Checks a slot as R8 does.
    ///
    /// ```
    /// use genova_sessions_core::{SlotShape, SlotFault, TimeSlot};
    /// let slot = TimeSlot { id: "s3".into(), class_id: "c1".into(), subject: "Maths".into(),
    ///     day_of_week: 1, start_time: "14:00".into(), end_time: "25:00".into(),
    ///     is_active: true, created_at: None };
    /// let fault = SlotShape::check(&slot).unwrap_err();
    /// assert_eq!(fault.message(&slot), "slot s3: end time \"25:00\" is not HH:MM");
    /// ```
    pub fn check(slot: &TimeSlot) -> Result<SlotShape, SlotFault> {
        let day_of_week = u8::try_from(slot.day_of_week)
            .ok()
            .filter(|d| *d <= 6)
            .ok_or(SlotFault::DayOfWeek(slot.day_of_week))?;
        let range = WallRange::parse(&slot.start_time, &slot.end_time).map_err(SlotFault::Times)?;
        Ok(SlotShape { day_of_week, range })
    }

    /// Nominal length in milliseconds, from the wall-clock times (§3.5: a DST night does not
    /// change it).
    pub fn nominal_millis(&self) -> i64 {
        self.range.nominal_minutes() * 60_000
    }

    /// The occurrence this slot produces on the local date `d` in `zone` (R8, R9).
    pub fn on(&self, zone: Zone, d: NaiveDate) -> Occurrence {
        let (start, end) = wall_range_on(zone, self.range, d);
        Occurrence {
            date: d,
            start,
            end,
        }
    }

    /// Every occurrence whose start lies in the window, in date order (§3.1).
    pub fn occurrences(&self, zone: Zone, window: &Window) -> Vec<Occurrence> {
        // A start instant is its wall time minus an offset of at most ±14 h (plus a gap), so
        // its generating date lies within a day of the window's local dates.
        let first = local_date(zone, window.start) - Duration::days(2);
        let last = local_date(zone, window.end) + Duration::days(2);
        let mut out = Vec::new();
        let mut d = first_on_or_after(first, self.day_of_week);
        while d <= last {
            let occ = self.on(zone, d);
            if window.contains(occ.start) {
                out.push(occ);
            }
            d += Duration::days(7);
        }
        out
    }
}

/// Resolves a wall-clock range on the local date `d` (R8's end date, R9's rule).
pub fn wall_range_on(zone: Zone, range: WallRange, d: NaiveDate) -> (Instant, Instant) {
    // Minutes since midnight: below 1440 for both (`24:00` is 00:00 the next day).
    let at = |day: NaiveDate, minutes: u16| {
        let time =
            chrono::NaiveTime::from_num_seconds_from_midnight_opt(u32::from(minutes) * 60, 0);
        match time {
            Some(time) => day.and_time(time),
            None => day.and_time(chrono::NaiveTime::MIN) + Duration::minutes(minutes.into()),
        }
    };
    let start_wall = at(d, range.start().minutes());
    let (days, minutes) = range.end_offset();
    let end_day = if days == 0 {
        d
    } else {
        d + Duration::days(days)
    };
    let end_wall = at(end_day, minutes);
    zone.resolve_range(
        start_wall,
        end_wall,
        Duration::minutes(range.nominal_minutes()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(day: u8, start: &str, end: &str) -> SlotShape {
        SlotShape {
            day_of_week: day,
            range: WallRange::parse(start, end).unwrap(),
        }
    }

    fn starts(zone: &str, s: SlotShape, now: &str, weeks: i64) -> Vec<String> {
        let w = Window::new(Instant::parse(now).unwrap(), weeks);
        s.occurrences(Zone::named(zone).unwrap(), &w)
            .iter()
            .map(|o| format!("{} {}", o.start, o.end))
            .collect()
    }

    #[test]
    fn weekly_in_douala() {
        // Africa/Douala is UTC+1 all year: Monday 14:00–16:00 is 13:00Z–15:00Z.
        let got = starts(
            "Africa/Douala",
            shape(1, "14:00", "16:00"),
            "2026-11-30T00:00:00Z",
            2,
        );
        assert_eq!(
            got,
            [
                "2026-11-30T13:00:00.000Z 2026-11-30T15:00:00.000Z",
                "2026-12-07T13:00:00.000Z 2026-12-07T15:00:00.000Z"
            ]
        );
    }

    #[test]
    fn window_is_half_open() {
        // now exactly at an occurrence's start: included; the one a week×weeks later: excluded.
        let got = starts("UTC", shape(1, "13:00", "14:00"), "2026-11-30T13:00:00Z", 1);
        assert_eq!(got, ["2026-11-30T13:00:00.000Z 2026-11-30T14:00:00.000Z"]);
    }

    #[test]
    fn crossing_midnight_and_24_00() {
        let got = starts("UTC", shape(6, "22:00", "01:00"), "2026-11-30T00:00:00Z", 1);
        assert_eq!(got, ["2026-12-05T22:00:00.000Z 2026-12-06T01:00:00.000Z"]);
        let got = starts("UTC", shape(6, "20:00", "24:00"), "2026-11-30T00:00:00Z", 1);
        assert_eq!(got, ["2026-12-05T20:00:00.000Z 2026-12-06T00:00:00.000Z"]);
    }

    #[test]
    fn new_york_spring_forward_gap() {
        // 2026-03-08 is a Sunday; 02:30 does not exist in New York (EST −5 → EDT −4 at 02:00).
        let got = starts(
            "America/New_York",
            shape(0, "02:30", "03:00"),
            "2026-03-02T00:00:00Z",
            2,
        );
        assert_eq!(
            got,
            [
                "2026-03-08T07:30:00.000Z 2026-03-08T08:00:00.000Z",
                "2026-03-15T06:30:00.000Z 2026-03-15T07:00:00.000Z"
            ]
        );
    }
}
