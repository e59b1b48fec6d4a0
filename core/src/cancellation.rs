//! Which occurrences are cancelled (§3.2, R11, R12, R13).

use chrono::NaiveDate;

use crate::calendar::{date_in_week, nearest_monday};
use crate::snapshot::SlotCancellation;
use crate::zone::Zone;

/// The cancelled generating dates of one slot, each with the cancellation that names it.
#[derive(Clone, Debug, Default)]
pub struct Cancellations<'a> {
    /// Sorted by date, one entry per date, holding the smallest cancellation id (R12).
    dates: Vec<(NaiveDate, &'a str)>,
}

/// The generating date a cancellation names for a slot on `day_of_week`: the slot's date in
/// the Monday–Sunday week whose Monday 00:00 is nearest to `weekStart`'s wall time (R11).
pub fn cancelled_date(zone: Zone, cancellation: &SlotCancellation, day_of_week: u8) -> NaiveDate {
    date_in_week(nearest_monday(zone, cancellation.week_start), day_of_week)
}

impl<'a> Cancellations<'a> {
    /// The cancellations of one slot (those naming it), read in the class's zone.
    pub fn new(
        cancellations: impl IntoIterator<Item = &'a SlotCancellation>,
        zone: Zone,
        day_of_week: u8,
    ) -> Cancellations<'a> {
        let mut dates: Vec<(NaiveDate, &'a str)> = cancellations
            .into_iter()
            .map(|c| (cancelled_date(zone, c, day_of_week), c.id.as_str()))
            .collect();
        dates.sort_unstable();
        dates.dedup_by_key(|(d, _)| *d);
        Cancellations { dates }
    }

    /// The id of the cancellation of the occurrence generated on `d`, if any (R12: the
    /// smallest id when several name it).
    pub fn of(&self, d: NaiveDate) -> Option<&'a str> {
        self.dates
            .binary_search_by_key(&d, |(date, _)| *date)
            .ok()
            .map(|i| self.dates[i].1)
    }

    /// How many cancelled dates lie in `[from, to)` (R13: they do not count in ordinals).
    pub fn count_in(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let lo = self.dates.partition_point(|(d, _)| *d < from);
        let hi = self.dates.partition_point(|(d, _)| *d < to);
        hi.saturating_sub(lo) as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instant::Instant;

    fn cancel(id: &str, week_start: &str) -> SlotCancellation {
        SlotCancellation {
            id: id.into(),
            time_slot_id: "s1".into(),
            week_start: Instant::parse(week_start).unwrap(),
            reason: None,
        }
    }

    #[test]
    fn monday_midnight_in_any_offset_names_the_same_week() {
        let paris = Zone::named("Europe/Paris").unwrap();
        let list = [
            cancel("x3", "2026-12-07T00:00:00Z"),
            cancel("x2", "2026-12-06T23:00:00Z"), // Monday 00:00 in UTC+1
            cancel("x1", "2026-12-07T05:00:00Z"), // Monday 00:00 in UTC−5
            cancel("x9", "2026-12-06T10:00:00Z"), // Monday 00:00 in UTC+14
        ];
        let c = Cancellations::new(&list, paris, 3);
        let wednesday: NaiveDate = "2026-12-09".parse().unwrap();
        assert_eq!(c.of(wednesday), Some("x1"));
        assert_eq!(c.count_in("2026-12-01".parse().unwrap(), wednesday), 0);
        assert_eq!(c.count_in(wednesday, "2026-12-10".parse().unwrap()), 1);
    }
}
