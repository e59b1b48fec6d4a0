//! Rows the old generator wrote at server-time positions (§3.9, R27–R30): legacy instants,
//! the pairing of such rows with occurrences, moves and legacy duplicates — and, with the
//! option off, the plain diff of every occurrence (R22).
//!
//! The old TypeScript generator read a slot's wall times in its server's zone, so its rows sit
//! at the *legacy instants* of the occurrences they stand for. With `legacyTimezone` set, the
//! diff of a class recognises them, in R28's five steps:
//!
//! 1. exact matches first (→ `existing`); a row exactly matching any occurrence is never a
//!    legacy row;
//! 2. each other occurrence with legacy instants, by (start, slot), takes the smallest-id
//!    unpaired row of its subject sitting exactly at them (any status);
//! 3. a `PENDING`/`CONFIRMED` row whose occurrence's real range overlaps no other row (paired
//!    rows aside) becomes a move;
//! 4. a `CANCELLED` row stands as a `CANCELLED_SESSION` conflict; other pairs dissolve;
//! 5. every other occurrence is diffed by R22, leaving out the rows of steps 3 and 4.
//!
//! R29 then names, beside an `existing` entry, the old generator's unpaired copy of the same
//! booking (`LEGACY_DUPLICATE`).

use std::collections::HashSet;

use crate::diff::{diff_except, is_exact, judge, ConflictKind, Match, SessionIndex};
use crate::instant::Instant;
use crate::occurrence::{wall_range_on, Occurrence};
use crate::snapshot::ExistingSession;
use crate::status::ExistingStatus;
use crate::wall::WallRange;
use crate::zone::Zone;

/// An occurrence of a class, as its diff sees it.
#[derive(Clone, Copy, Debug)]
pub struct Diffed<'s> {
    /// The slot's subject.
    pub subject: &'s str,
    /// The slot's id (R28 step 2's order).
    pub time_slot_id: &'s str,
    /// The occurrence's start.
    pub start: Instant,
    /// The occurrence's end.
    pub end: Instant,
    /// Its legacy instants (R27), `None` when the option is off or the zones agree that day.
    pub legacy: Option<(Instant, Instant)>,
}

/// What the diff decided for one occurrence.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<'a> {
    /// An exact match (R22), with the old generator's copy of it when there is one (R29).
    Existing {
        /// The exact match with the smallest id.
        session: &'a ExistingSession,
        /// The `LEGACY_DUPLICATE` row.
        duplicate: Option<&'a ExistingSession>,
    },
    /// The old generator's row, to move to the occurrence (R28 step 3).
    Move(&'a ExistingSession),
    /// Blocked: R22's conflicts, or R28 step 4's cancelled legacy row.
    Conflicts(Vec<(ConflictKind, &'a ExistingSession)>),
    /// Nothing stands in the way: to create.
    Create,
}

impl<'a> From<Match<'a>> for Outcome<'a> {
    fn from(m: Match<'a>) -> Outcome<'a> {
        match m {
            Match::None => Outcome::Create,
            Match::Existing(session) => Outcome::Existing {
                session,
                duplicate: None,
            },
            Match::Conflicts(found) => Outcome::Conflicts(found),
        }
    }
}

/// An occurrence's legacy instants (R27): its slot's wall times on its generating date,
/// resolved in `legacy` by R9; `None` when they equal its real instants.
///
/// ```
/// use genova_sessions_core::{legacy_instants, Instant, SlotShape, WallRange, Zone};
/// let shape = SlotShape { day_of_week: 1, range: WallRange::parse("14:00", "14:45").unwrap() };
/// let occ = shape.on(Zone::named("Africa/Douala").unwrap(), "2026-11-30".parse().unwrap());
/// assert_eq!(occ.start.to_string(), "2026-11-30T13:00:00.000Z");
/// // The old generator, on a UTC server, stored Douala's 14:00–14:45 at 14:00Z–14:45Z.
/// let (start, end) = legacy_instants(Zone::utc(), shape.range, &occ).unwrap();
/// assert_eq!((start.to_string(), end.to_string()),
///            ("2026-11-30T14:00:00.000Z".into(), "2026-11-30T14:45:00.000Z".into()));
/// assert_eq!(legacy_instants(Zone::named("Africa/Lagos").unwrap(), shape.range, &occ), None);
/// ```
pub fn legacy_instants(
    legacy: Zone,
    range: WallRange,
    occ: &Occurrence,
) -> Option<(Instant, Instant)> {
    let (start, end) = wall_range_on(legacy, range, occ.date);
    (start != occ.start || end != occ.end).then_some((start, end))
}

/// A row's identity (ids are unique in the list, R1; the address is cheaper to hash).
fn key(session: &ExistingSession) -> *const ExistingSession {
    std::ptr::from_ref(session)
}

/// The smallest-id row among `sessions` of `subject` sitting exactly at `[start, end)` that
/// `wanted` accepts.
fn row_at<'a>(
    sessions: &SessionIndex<'a>,
    subject: &str,
    (start, end): (Instant, Instant),
    wanted: impl Fn(&ExistingSession) -> bool,
) -> Option<&'a ExistingSession> {
    sessions
        .overlapping(start, end)
        .filter(|s| s.subject == subject && s.scheduled_start == start && s.scheduled_end == end)
        .filter(|s| wanted(s))
        .min_by(|a, b| a.id.cmp(&b.id))
}

/// The diff of every non-cancelled occurrence of one class against the class's existing
/// sessions: R22, and R28–R29 for the occurrences that have legacy instants. The outcomes are
/// in the order of `occurrences`.
pub fn diff_class<'a>(sessions: &SessionIndex<'a>, occurrences: &[Diffed<'_>]) -> Vec<Outcome<'a>> {
    if occurrences.iter().all(|o| o.legacy.is_none()) {
        // No legacy instants: R22 alone, occurrence by occurrence (in start order, so one
        // sweep through the sessions finds each one's).
        let mut sweep = sessions.sweep();
        return occurrences
            .iter()
            .map(|o| judge(sweep.overlapping(o.start, o.end), o.subject, o.start, o.end).into())
            .collect();
    }
    let mut outcomes: Vec<Option<Outcome<'a>>> = vec![None; occurrences.len()];

    // Step 1: exact matches; every row that exactly matches an occurrence.
    let mut exact_rows: HashSet<*const ExistingSession> = HashSet::new();
    for (o, outcome) in occurrences.iter().zip(&mut outcomes) {
        let mut best: Option<&'a ExistingSession> = None;
        for s in sessions.overlapping(o.start, o.end) {
            if is_exact(s, o.subject, o.start, o.end) {
                exact_rows.insert(key(s));
                if best.is_none_or(|b| s.id < b.id) {
                    best = Some(s);
                }
            }
        }
        *outcome = best.map(|session| Outcome::Existing {
            session,
            duplicate: None,
        });
    }

    // Step 2: pairing, in (scheduledStart, timeSlotId) order.
    let mut order: Vec<usize> = (0..occurrences.len())
        .filter(|&i| outcomes[i].is_none() && occurrences[i].legacy.is_some())
        .collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&occurrences[a], &occurrences[b]);
        (a.start, a.time_slot_id).cmp(&(b.start, b.time_slot_id))
    });
    let mut paired: HashSet<*const ExistingSession> = HashSet::new();
    let mut pairs: Vec<(usize, &'a ExistingSession)> = Vec::new();
    for i in order {
        let o = &occurrences[i];
        let Some(legacy) = o.legacy else { continue };
        if let Some(row) = row_at(sessions, o.subject, legacy, |s| {
            !exact_rows.contains(&key(s)) && !paired.contains(&key(s))
        }) {
            paired.insert(key(row));
            pairs.push((i, row));
        }
    }

    // Steps 3 and 4: moves, cancelled legacy rows; the other pairs dissolve.
    let mut taken: HashSet<*const ExistingSession> = HashSet::new();
    for (i, row) in pairs {
        let o = &occurrences[i];
        match row.status {
            ExistingStatus::Pending | ExistingStatus::Confirmed
                if sessions
                    .overlapping(o.start, o.end)
                    .all(|s| paired.contains(&key(s))) =>
            {
                taken.insert(key(row));
                outcomes[i] = Some(Outcome::Move(row));
            }
            ExistingStatus::Cancelled => {
                taken.insert(key(row));
                outcomes[i] = Some(Outcome::Conflicts(vec![(
                    ConflictKind::CancelledSession,
                    row,
                )]));
            }
            _ => {}
        }
    }

    // Step 5 for the rest; R29 beside the exact matches.
    occurrences
        .iter()
        .zip(outcomes)
        .map(|(o, outcome)| match outcome {
            None => diff_except(sessions, o.subject, o.start, o.end, |s| {
                taken.contains(&key(s))
            })
            .into(),
            Some(Outcome::Existing { session, .. }) => Outcome::Existing {
                session,
                duplicate: o.legacy.and_then(|legacy| {
                    row_at(sessions, o.subject, legacy, |s| {
                        s.status.is_open()
                            && !exact_rows.contains(&key(s))
                            && !taken.contains(&key(s))
                    })
                }),
            },
            Some(decided) => decided,
        })
        .collect()
}
