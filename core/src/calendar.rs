//! Local dates and weeks from instants (R10, R11, R14).
//!
//! Every date the engine compares — cancellations, start/end bounds, WEEKLY week numbers,
//! ordinals — is a local calendar date in the class's zone; for an occurrence it is the
//! *generating date* `d` the slot was expanded for, even when a DST gap moves the start past
//! midnight (R14).

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};

use crate::instant::Instant;
use crate::zone::Zone;

/// The local date of an instant: the floor of its wall time (used for `createdAt`, R10).
pub fn local_date(zone: Zone, instant: Instant) -> NaiveDate {
    zone.local(instant).date()
}

/// The local date a date-valued field names (`startDate`, `endDate`, `specificDate`): the
/// nearest date to its wall time, so a wall time at or after 12:00 names the next date (R10).
///
/// ```
/// use genova_sessions_core::{calendar::nearest_date, Instant, Zone};
/// let paris = Zone::named("Europe/Paris").unwrap();
/// // Written as UTC midnight of Dec 7: 01:00 in Paris, still Dec 7.
/// let t = Instant::parse("2026-12-07T00:00:00Z").unwrap();
/// assert_eq!(nearest_date(paris, t).to_string(), "2026-12-07");
/// // Written as Paris midnight of Dec 7 in New York: 18:00 on Dec 6 there → Dec 7.
/// let ny = Zone::named("America/New_York").unwrap();
/// let t = Instant::parse("2026-12-07T00:00:00+01:00").unwrap();
/// assert_eq!(nearest_date(ny, t).to_string(), "2026-12-07");
/// ```
pub fn nearest_date(zone: Zone, instant: Instant) -> NaiveDate {
    let wall = zone.local(instant);
    if wall.time() >= NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN) {
        wall.date().succ_opt().unwrap_or(wall.date())
    } else {
        wall.date()
    }
}

/// The Monday of the Monday–Sunday week holding `date`.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The Monday a `weekStart` names: the Monday 00:00 nearest to its local wall time, a tie
/// (Thursday 12:00) going to the later Monday (R11).
///
/// ```
/// use genova_sessions_core::{calendar::nearest_monday, Instant, Zone};
/// let douala = Zone::named("Africa/Douala").unwrap(); // UTC+1
/// // Monday 2026-12-07 00:00 written in UTC−5 is 06:00 on Monday in Douala.
/// let t = Instant::parse("2026-12-07T05:00:00Z").unwrap();
/// assert_eq!(nearest_monday(douala, t).to_string(), "2026-12-07");
/// // Written in UTC+14 it is Sunday 11:00 in Douala: still nearest to Monday Dec 7.
/// let t = Instant::parse("2026-12-07T00:00:00+14:00").unwrap();
/// assert_eq!(nearest_monday(douala, t).to_string(), "2026-12-07");
/// ```
pub fn nearest_monday(zone: Zone, instant: Instant) -> NaiveDate {
    let wall = zone.local(instant);
    let monday = monday_of(wall.date());
    let since_monday = wall - monday.and_time(NaiveTime::MIN);
    if since_monday >= Duration::hours(84) {
        monday + Duration::days(7)
    } else {
        monday
    }
}

/// The date of the week starting `monday` that falls on `day_of_week` (0 = Sunday … 6 =
/// Saturday, the week running Monday to Sunday).
pub fn date_in_week(monday: NaiveDate, day_of_week: u8) -> NaiveDate {
    monday + Duration::days((i64::from(day_of_week) + 6) % 7)
}

/// The weekday as the platform numbers it: 0 = Sunday … 6 = Saturday (JS `getDay`).
pub fn day_of_week(date: NaiveDate) -> u8 {
    date.weekday().num_days_from_sunday() as u8
}

/// The first date on or after `date` falling on `day_of_week` (0 = Sunday).
pub fn first_on_or_after(date: NaiveDate, day_of_week: u8) -> NaiveDate {
    let ahead = (i64::from(day_of_week) - i64::from(self::day_of_week(date))).rem_euclid(7);
    date + Duration::days(ahead)
}

/// Whether a weekday number is a valid `dayOfWeek` (0..=6).
pub fn weekday_from_number(n: i64) -> Option<Weekday> {
    match n {
        0 => Some(Weekday::Sun),
        1 => Some(Weekday::Mon),
        2 => Some(Weekday::Tue),
        3 => Some(Weekday::Wed),
        4 => Some(Weekday::Thu),
        5 => Some(Weekday::Fri),
        6 => Some(Weekday::Sat),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn r11_tie_goes_to_later_monday() {
        let utc = Zone::utc();
        let at = |s: &str| nearest_monday(utc, Instant::parse(s).unwrap()).to_string();
        assert_eq!(at("2026-12-10T11:59:59Z"), "2026-12-07"); // Thursday before noon
        assert_eq!(at("2026-12-10T12:00:00Z"), "2026-12-14"); // Thursday noon: tie
        assert_eq!(at("2026-12-13T23:00:00Z"), "2026-12-14"); // Sunday 23:00
        assert_eq!(at("2026-12-07T00:00:00Z"), "2026-12-07");
    }

    #[test]
    fn week_arithmetic() {
        assert_eq!(monday_of(date("2026-12-13")), date("2026-12-07")); // Sunday
        assert_eq!(monday_of(date("2026-12-07")), date("2026-12-07"));
        assert_eq!(date_in_week(date("2026-12-07"), 0), date("2026-12-13"));
        assert_eq!(date_in_week(date("2026-12-07"), 1), date("2026-12-07"));
        assert_eq!(date_in_week(date("2026-12-07"), 6), date("2026-12-12"));
        assert_eq!(first_on_or_after(date("2026-12-07"), 1), date("2026-12-07"));
        assert_eq!(first_on_or_after(date("2026-12-08"), 1), date("2026-12-14"));
        assert_eq!(day_of_week(date("2026-12-13")), 0);
    }

    #[test]
    fn r10_rounds_at_noon() {
        let utc = Zone::utc();
        let at = |s: &str| nearest_date(utc, Instant::parse(s).unwrap()).to_string();
        assert_eq!(at("2026-12-07T11:59:59.999Z"), "2026-12-07");
        assert_eq!(at("2026-12-07T12:00:00Z"), "2026-12-08");
    }
}
