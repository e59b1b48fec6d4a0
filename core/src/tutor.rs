//! Tutor checks: double booking, availability, and the tutors available for a range
//! (§3.7, §3.8 `availableTutors`, R22, R25, R26).

use chrono::{Duration, NaiveDate};

use crate::calendar::{day_of_week, local_date, nearest_date};
use crate::diff::SessionIndex;
use crate::error::Error;
use crate::index::Index;
use crate::instant::Instant;
use crate::occurrence::wall_range_on;
use crate::options::default_zone;
use crate::request::{AvailableTutors, AvailableTutorsRequest};
use crate::snapshot::Snapshot;
use crate::snapshot::Tutor;
use crate::status::AssignmentStatus;
use crate::wall::WallRange;
use crate::zone::Zone;

/// Whether a tutor has at least one active availability entry; only then is availability
/// checked (R26: no active entry means always available).
pub fn has_active_availability(tutor: &Tutor) -> bool {
    tutor.availability.iter().any(|a| a.is_active)
}

/// A tutor's availability read in one class zone, ready to check many sessions (R26).
#[derive(Clone, Debug, Default)]
pub struct TutorAvailability {
    /// Whether the tutor has at least one active entry (only then is availability checked).
    checked: bool,
    /// Active one-time entries with well-formed times, by the R10 date they name.
    one_time: Vec<(NaiveDate, WallRange)>,
    /// Active recurring entries with well-formed times, by weekday (0 = Sunday).
    recurring: [Vec<WallRange>; 7],
}

impl TutorAvailability {
    /// Reads a tutor's active entries in `zone`; entries with malformed times are ignored.
    pub fn new(tutor: &Tutor, zone: Zone) -> TutorAvailability {
        let mut out = TutorAvailability {
            checked: has_active_availability(tutor),
            ..TutorAvailability::default()
        };
        for a in tutor.availability.iter().filter(|a| a.is_active) {
            let Ok(range) = WallRange::parse(&a.start_time, &a.end_time) else {
                continue;
            };
            if !a.is_recurring {
                if let Some(date) = a.specific_date {
                    out.one_time.push((nearest_date(zone, date), range));
                }
            } else if let Some(day) = a.day_of_week.and_then(|d| usize::try_from(d).ok()) {
                if let Some(list) = out.recurring.get_mut(day) {
                    list.push(range);
                }
            }
        }
        out
    }

    /// Whether availability is checked at all: the tutor has an active entry (R26).
    pub fn is_checked(&self) -> bool {
        self.checked
    }

    /// Pushes the windows of one local date: its one-time entries if any, else the recurring
    /// ones of its weekday.
    fn push_windows(&self, zone: Zone, date: NaiveDate, windows: &mut Vec<(Instant, Instant)>) {
        let before = windows.len();
        for (_, range) in self.one_time.iter().filter(|(d, _)| *d == date) {
            windows.push(wall_range_on(zone, *range, date));
        }
        if windows.len() == before {
            let weekday = usize::from(day_of_week(date));
            windows.extend(
                self.recurring[weekday]
                    .iter()
                    .map(|r| wall_range_on(zone, *r, date)),
            );
        }
    }

    /// Whether one window of the local date `date` holds `[start, end)`.
    fn one_window_holds(&self, zone: Zone, date: NaiveDate, start: Instant, end: Instant) -> bool {
        let holds = |range: &WallRange| {
            let (from, to) = wall_range_on(zone, *range, date);
            from <= start && end <= to
        };
        let mut one_time = self.one_time.iter().filter(|(d, _)| *d == date).peekable();
        if one_time.peek().is_some() {
            one_time.any(|(_, range)| holds(range))
        } else {
            self.recurring[usize::from(day_of_week(date))]
                .iter()
                .any(holds)
        }
    }

    /// Whether `[start, end)` lies inside the union of the windows of the local dates from
    /// (start date − 1) to (end date + 1), each date's windows being its one-time entries if
    /// any, else the recurring ones of its weekday, resolved in `zone` like a slot (R9, R26).
    /// A zero-length range is always covered.
    pub fn covers(&self, zone: Zone, start: Instant, end: Instant) -> bool {
        if start == end {
            return true;
        }
        // Most sessions lie inside one window of their own date: try that date alone first,
        // without collecting anything.
        let start_date = local_date(zone, start);
        if self.one_window_holds(zone, start_date, start, end) {
            return true;
        }
        let mut windows: Vec<(Instant, Instant)> = Vec::new();
        let last = local_date(zone, end) + Duration::days(1);
        let mut date = start_date - Duration::days(1);
        while date <= last {
            self.push_windows(zone, date, &mut windows);
            date += Duration::days(1);
        }
        windows.sort_unstable();
        let mut covered_until = start;
        for (from, to) in windows {
            if from > covered_until {
                break;
            }
            covered_until = covered_until.max(to);
            if covered_until >= end {
                return true;
            }
        }
        false
    }
}

/// Whether the tutor's availability covers `[start, end)` in `zone` (R26): see
/// [`TutorAvailability::covers`]. A tutor without an active entry is always available.
pub fn covers(tutor: &Tutor, zone: Zone, start: Instant, end: Instant) -> bool {
    let availability = TutorAvailability::new(tutor, zone);
    !availability.is_checked() || availability.covers(zone, start, end)
}

/// Which of the given planned sessions are double-booked (R25): they share a tutor with
/// another planned session or a non-cancelled existing session (any class) overlapping them.
///
/// `planned` holds (tutor rank, start, end) per planned session, a rank being any number that
/// identifies the tutor; the result is one flag per entry. `busy` gives the index of a
/// tutor's non-cancelled existing sessions.
pub fn double_booked<'a>(
    planned: &[(u32, Instant, Instant)],
    busy: impl Fn(u32) -> &'a SessionIndex<'a>,
) -> Vec<bool> {
    let mut flags = vec![false; planned.len()];
    // Positions grouped by tutor (a counting sort on the ranks), then each tutor's by start;
    // ties stay in position order.
    let ranks = planned.iter().map(|p| p.0 as usize + 1).max().unwrap_or(0);
    let mut offsets = vec![0usize; ranks + 1];
    for p in planned {
        offsets[p.0 as usize + 1] += 1;
    }
    for r in 1..=ranks {
        offsets[r] += offsets[r - 1];
    }
    let mut order = vec![(Instant::from_utc(chrono::NaiveDateTime::MIN), 0usize); planned.len()];
    let mut next = offsets.clone();
    for (i, p) in planned.iter().enumerate() {
        order[next[p.0 as usize]] = (p.1, i);
        next[p.0 as usize] += 1;
    }
    for (rank, bounds) in offsets.windows(2).enumerate() {
        let run = &mut order[bounds[0]..bounds[1]];
        if run.is_empty() {
            continue;
        }
        // (start, position) pairs are distinct: no stable sort needed for ties.
        run.sort_unstable();
        let run = &*run;
        // Among one tutor's planned sessions, sorted by start: an entry overlaps an earlier
        // one when it starts before the latest earlier end (or at the same start), and a
        // later one when the next entry starts before its end (or at the same start).
        let mut latest_end: Option<Instant> = None;
        for (pos, &(start, i)) in run.iter().enumerate() {
            let end = planned[i].2;
            let after_previous = pos > 0 && run[pos - 1].0 == start;
            let before_next = run
                .get(pos + 1)
                .is_some_and(|&(next, _)| next < end || next == start);
            if after_previous || before_next || latest_end.is_some_and(|e| e > start) {
                flags[i] = true;
            }
            latest_end = Some(latest_end.map_or(end, |e| e.max(end)));
        }
        // The others against the tutor's existing sessions, in start order.
        let rank = u32::try_from(rank).unwrap_or(u32::MAX);
        let mut sweep = busy(rank).sweep();
        for &(start, i) in run {
            if !flags[i] {
                flags[i] = sweep.overlapping(start, planned[i].2).next().is_some();
            }
        }
    }
    flags
}

/// Whether a tutor has a non-cancelled existing session overlapping `[start, end)` (R22),
/// given the index of their non-cancelled sessions.
pub fn is_busy(index: &SessionIndex<'_>, start: Instant, end: Instant) -> bool {
    index.overlapping(start, end).next().is_some()
}

/// `availableTutors` (§3.8): the tutors of active, `ACCEPTED` assignments of the class and
/// subject (slot-level or subject-level, any pattern, dates and configs ignored), present in
/// `tutors`, whose availability covers the range (R26) and who have no non-cancelled existing
/// session overlapping it in any class (R22). Sorted, without duplicates.
///
/// An unknown class is [`Error::NotFound`]. A class whose zone is unknown (R6) has no
/// available tutor: the list is empty.
pub fn available_tutors(
    snapshot: &Snapshot,
    request: &AvailableTutorsRequest,
    default_timezone: &str,
) -> Result<AvailableTutors, Error> {
    let index = Index::new(snapshot, default_zone(default_timezone)?);
    let class = index.class(&request.class_id).ok_or_else(|| {
        Error::NotFound(format!(
            "class {:?} is not in the snapshot",
            request.class_id
        ))
    })?;
    // §3.8: nothing can be placed in a class whose zone is unknown (R6), so no tutor is
    // available there, not even one without availability entries.
    let Ok(zone) = index.zone_of(class) else {
        return Ok(AvailableTutors {
            tutor_ids: Vec::new(),
        });
    };
    let (start, end) = (request.scheduled_start, request.scheduled_end);
    let mut tutor_ids: Vec<String> = index
        .assignments_of(&class.id)
        .iter()
        .filter(|a| {
            a.is_active && a.status == AssignmentStatus::Accepted && a.subject == request.subject
        })
        .filter_map(|a| index.tutor_ranked(&a.tutor_id))
        .filter(|(_, t)| !has_active_availability(t) || covers(t, zone, start, end))
        .filter(|(rank, _)| !is_busy(index.busy(*rank), start, end))
        .map(|(_, t)| t.id.clone())
        .collect();
    tutor_ids.sort();
    tutor_ids.dedup();
    Ok(AvailableTutors { tutor_ids })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Availability;

    fn entry(
        day: Option<i64>,
        date: Option<&str>,
        start: &str,
        end: &str,
        recurring: bool,
    ) -> Availability {
        Availability {
            day_of_week: day,
            specific_date: date.map(|d| Instant::parse(d).unwrap()),
            start_time: start.into(),
            end_time: end.into(),
            is_recurring: recurring,
            is_active: true,
        }
    }

    fn tutor(availability: Vec<Availability>) -> Tutor {
        Tutor {
            id: "t1".into(),
            hourly_rate: crate::money::Money::parse_str("10").unwrap(),
            availability,
        }
    }

    fn t(s: &str) -> Instant {
        Instant::parse(s).unwrap()
    }

    #[test]
    fn recurring_and_one_time() {
        let paris = Zone::named("Europe/Paris").unwrap(); // +1 in December
                                                          // Mondays 08:00–18:00 local = 07:00Z–17:00Z
        let tu = tutor(vec![entry(Some(1), None, "08:00", "18:00", true)]);
        assert!(covers(
            &tu,
            paris,
            t("2026-11-30T13:00:00Z"),
            t("2026-11-30T15:00:00Z")
        ));
        assert!(!covers(
            &tu,
            paris,
            t("2026-11-30T16:00:00Z"),
            t("2026-11-30T17:30:00Z")
        ));
        // A one-time entry on Monday Dec 7 replaces the recurring ones that day.
        let tu = tutor(vec![
            entry(Some(1), None, "08:00", "18:00", true),
            entry(None, Some("2026-12-07T00:00:00Z"), "16:00", "17:00", false),
        ]);
        assert!(!covers(
            &tu,
            paris,
            t("2026-12-07T13:00:00Z"),
            t("2026-12-07T15:00:00Z")
        ));
        assert!(covers(
            &tu,
            paris,
            t("2026-12-07T15:00:00Z"),
            t("2026-12-07T16:00:00Z")
        ));
        assert!(covers(
            &tu,
            paris,
            t("2026-11-30T13:00:00Z"),
            t("2026-11-30T15:00:00Z")
        ));
    }

    #[test]
    fn windows_across_midnight_join() {
        let utc = Zone::utc();
        // Sunday 20:00–02:00 and Monday 02:00–04:00 cover Sunday 23:00 → Monday 03:00.
        let tu = tutor(vec![
            entry(Some(0), None, "20:00", "02:00", true),
            entry(Some(1), None, "02:00", "04:00", true),
        ]);
        assert!(covers(
            &tu,
            utc,
            t("2026-12-06T23:00:00Z"),
            t("2026-12-07T03:00:00Z")
        ));
        assert!(!covers(
            &tu,
            utc,
            t("2026-12-06T23:00:00Z"),
            t("2026-12-07T04:30:00Z")
        ));
    }

    #[test]
    fn double_booking_flags_both_sides() {
        let p = [
            (1, t("2026-11-30T13:00:00Z"), t("2026-11-30T15:00:00Z")),
            (2, t("2026-11-30T13:00:00Z"), t("2026-11-30T15:00:00Z")),
            (1, t("2026-11-30T14:00:00Z"), t("2026-11-30T16:00:00Z")),
            (1, t("2026-11-30T16:00:00Z"), t("2026-11-30T17:00:00Z")),
            (3, t("2026-11-30T16:00:00Z"), t("2026-11-30T17:00:00Z")),
            (3, t("2026-11-30T16:00:00Z"), t("2026-11-30T16:00:00Z")),
        ];
        let none = SessionIndex::default();
        assert_eq!(
            double_booked(&p, |_| &none),
            [true, false, true, false, true, true]
        );
    }
}

#[cfg(test)]
mod available_tutors_tests {
    use super::*;

    #[test]
    fn unknown_zone_lists_no_tutor_even_without_availability() {
        let snapshot = Snapshot::from_value(&serde_json::json!({
            "classes": [
                { "id": "c1", "isActive": true, "timezone": "Mars/Olympus" },
                { "id": "c2", "isActive": true, "timezone": "Africa/Douala" }
            ],
            "tutorAssignments": [
                { "id": "a1", "classId": "c1", "subject": "Maths", "tutorId": "t1",
                  "recurrencePattern": "MANUAL", "status": "ACCEPTED", "isActive": true,
                  "createdAt": "2026-11-01T00:00:00Z" },
                { "id": "a2", "classId": "c2", "subject": "Maths", "tutorId": "t1",
                  "recurrencePattern": "MANUAL", "status": "ACCEPTED", "isActive": true,
                  "createdAt": "2026-11-01T00:00:00Z" }
            ],
            "tutors": [{ "id": "t1", "hourlyRate": "10" }]
        }))
        .unwrap();
        let request = |class: &str| AvailableTutorsRequest {
            class_id: class.into(),
            subject: "Maths".into(),
            scheduled_start: Instant::parse("2026-11-30T13:00:00Z").unwrap(),
            scheduled_end: Instant::parse("2026-11-30T14:00:00Z").unwrap(),
        };
        let ids = |class: &str| {
            available_tutors(&snapshot, &request(class), "UTC")
                .unwrap()
                .tutor_ids
        };
        assert_eq!(ids("c1"), Vec::<String>::new());
        assert_eq!(ids("c2"), ["t1"]);
    }
}
