//! The diff of occurrences against existing sessions: existing, conflicts, create (§3.6, R22).

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::instant::Instant;
use crate::snapshot::ExistingSession;
use crate::status::ExistingStatus;

/// Whether two time ranges overlap (R22): `a.start < b.end && b.start < a.end`, or they start
/// at the same instant (so a zero-length row still blocks its slot). The one rule used by the
/// diff, double booking (R25) and availability checks of §3.8.
///
/// ```
/// use genova_sessions_core::{overlaps, Instant};
/// let t = |s: &str| Instant::parse(s).unwrap();
/// let a = (t("2026-11-30T13:00:00Z"), t("2026-11-30T15:00:00Z"));
/// assert!(overlaps(a, (t("2026-11-30T14:59:00Z"), t("2026-11-30T16:00:00Z"))));
/// assert!(!overlaps(a, (t("2026-11-30T15:00:00Z"), t("2026-11-30T16:00:00Z"))));
/// assert!(overlaps(a, (t("2026-11-30T13:00:00Z"), t("2026-11-30T13:00:00Z"))));
/// ```
pub fn overlaps(a: (Instant, Instant), b: (Instant, Instant)) -> bool {
    (a.0 < b.1 && b.0 < a.1) || a.0 == b.0
}

/// What kind of conflict an overlapping existing session is (R22).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum ConflictKind {
    /// The existing session is `CANCELLED`.
    CancelledSession,
    /// It is for another subject.
    OtherSubject,
    /// Same subject, other times.
    OtherTimes,
    /// R29: the occurrence exists, and the old generator's copy of it sits at its legacy
    /// instants (§3.9).
    LegacyDuplicate,
}

impl ConflictKind {
    /// The `detail` text of a conflict with `session`.
    pub fn detail(self, session: &ExistingSession) -> String {
        match self {
            ConflictKind::CancelledSession => format!("session {} is cancelled", session.id),
            ConflictKind::OtherSubject => {
                format!("session {} has subject {:?}", session.id, session.subject)
            }
            ConflictKind::OtherTimes => format!(
                "session {} runs {} to {}",
                session.id, session.scheduled_start, session.scheduled_end
            ),
            ConflictKind::LegacyDuplicate => format!(
                "session {} is the old generator's copy of this session, at {} to {}",
                session.id, session.scheduled_start, session.scheduled_end
            ),
        }
    }
}

/// The longest session found by binary search; longer (or reversed) rows are checked one by one.
const REGULAR_SPAN: i64 = 2;

/// Existing sessions indexed by start, to find the ones overlapping a range quickly.
#[derive(Clone, Debug, Default)]
pub struct SessionIndex<'a> {
    /// Sessions lasting between zero and two days, sorted by start.
    regular: Vec<&'a ExistingSession>,
    /// Their starts, in the same order: searched without reading the sessions.
    starts: Vec<Instant>,
    /// The longest of them (at most two days).
    span: Duration,
    /// Longer sessions and those ending before they start.
    irregular: Vec<&'a ExistingSession>,
}

impl<'a> SessionIndex<'a> {
    /// Indexes sessions.
    pub fn new(sessions: impl IntoIterator<Item = &'a ExistingSession>) -> SessionIndex<'a> {
        let span = Duration::days(REGULAR_SPAN);
        let (mut regular, irregular): (Vec<_>, Vec<_>) = sessions.into_iter().partition(|s| {
            let len = s.scheduled_end.since(s.scheduled_start);
            len >= Duration::zero() && len <= span
        });
        regular.sort_by_key(|s| s.scheduled_start);
        let starts = regular.iter().map(|s| s.scheduled_start).collect();
        let span = regular
            .iter()
            .map(|s| s.scheduled_end.since(s.scheduled_start))
            .max()
            .unwrap_or_else(Duration::zero);
        SessionIndex {
            regular,
            starts,
            span,
            irregular,
        }
    }

    /// Every indexed session overlapping `[start, end)` by R22, in index order.
    pub fn overlapping(
        &self,
        start: Instant,
        end: Instant,
    ) -> impl Iterator<Item = &'a ExistingSession> + '_ {
        // A regular row overlapping the range starts after `start − span` (the longest regular
        // row) and no later than `max(start, end)`.
        let from = start.checked_add(-self.span).unwrap_or(start);
        let to = end.max(start);
        let lo = self.starts.partition_point(|&s| s < from);
        let hi = lo + self.starts[lo..].partition_point(|&s| s <= to);
        self.overlapping_among(lo..hi, start, end)
    }

    /// The regular rows at `rows` and every irregular row that overlap `[start, end)` (R22).
    fn overlapping_among(
        &self,
        rows: std::ops::Range<usize>,
        start: Instant,
        end: Instant,
    ) -> impl Iterator<Item = &'a ExistingSession> + '_ {
        self.regular[rows]
            .iter()
            .chain(self.irregular.iter())
            .copied()
            .filter(move |s| overlaps((start, end), (s.scheduled_start, s.scheduled_end)))
    }
}

/// A walk through a [`SessionIndex`] by ranges of non-decreasing starts (a class's
/// occurrences in order): each range's sessions are found by moving forward from the last
/// range's, not by searching the whole index again.
#[derive(Clone, Debug)]
pub struct Sweep<'i, 'a> {
    index: &'i SessionIndex<'a>,
    /// The first regular session starting at or after the last range's `start − span`.
    lo: usize,
}

impl<'i, 'a> Sweep<'i, 'a> {
    /// [`SessionIndex::overlapping`] for a range starting no earlier than the last one asked
    /// for (an earlier start is answered by a search, so the result is always right).
    pub fn overlapping(
        &mut self,
        start: Instant,
        end: Instant,
    ) -> impl Iterator<Item = &'a ExistingSession> + 'i {
        let index = self.index;
        let from = start.checked_add(-index.span).unwrap_or(start);
        if self.lo > 0 && index.starts[self.lo - 1] >= from {
            self.lo = index.starts.partition_point(|&s| s < from);
        }
        while index.starts.get(self.lo).is_some_and(|&s| s < from) {
            self.lo += 1;
        }
        let to = end.max(start);
        let hi = self.lo
            + index.starts[self.lo..]
                .iter()
                .take_while(|&&s| s <= to)
                .count();
        index.overlapping_among(self.lo..hi, start, end)
    }
}

impl<'a> SessionIndex<'a> {
    /// A [`Sweep`] from the start of the index.
    pub fn sweep(&self) -> Sweep<'_, 'a> {
        Sweep { index: self, lo: 0 }
    }
}

/// Whether `session` is an exact match of an occurrence (R22): same subject, start and end, and
/// not `CANCELLED`.
pub fn is_exact(session: &ExistingSession, subject: &str, start: Instant, end: Instant) -> bool {
    !matches!(session.status, ExistingStatus::Cancelled)
        && session.subject == subject
        && session.scheduled_start == start
        && session.scheduled_end == end
}

/// How an occurrence compares with the existing sessions of its class (R22).
#[derive(Clone, Debug, PartialEq)]
pub enum Match<'a> {
    /// No overlap: the occurrence is to be created.
    None,
    /// An exact match (same subject, start and end, not `CANCELLED`): the one with the
    /// smallest id.
    Existing(&'a ExistingSession),
    /// Every overlapping session, with its kind.
    Conflicts(Vec<(ConflictKind, &'a ExistingSession)>),
}

/// Compares an occurrence `[start, end)` of `subject` with its class's existing sessions.
pub fn diff<'a>(
    index: &SessionIndex<'a>,
    subject: &str,
    start: Instant,
    end: Instant,
) -> Match<'a> {
    diff_except(index, subject, start, end, |_| false)
}

/// [`diff`], leaving out the sessions `left_out` picks (R28 step 5: rows already moved or
/// standing as a cancelled legacy row).
pub fn diff_except<'a>(
    index: &SessionIndex<'a>,
    subject: &str,
    start: Instant,
    end: Instant,
    left_out: impl Fn(&ExistingSession) -> bool,
) -> Match<'a> {
    judge(
        index.overlapping(start, end).filter(|s| !left_out(s)),
        subject,
        start,
        end,
    )
}

/// R22's verdict on an occurrence `[start, end)` of `subject`, given the sessions that
/// overlap it (in index order).
pub(crate) fn judge<'a>(
    overlapping: impl Iterator<Item = &'a ExistingSession>,
    subject: &str,
    start: Instant,
    end: Instant,
) -> Match<'a> {
    let mut exact: Option<&'a ExistingSession> = None;
    let mut conflicts = Vec::new();
    for s in overlapping {
        let cancelled = s.status == ExistingStatus::Cancelled;
        if is_exact(s, subject, start, end) {
            if exact.is_none_or(|e| s.id < e.id) {
                exact = Some(s);
            }
        } else if exact.is_none() {
            let kind = if cancelled {
                ConflictKind::CancelledSession
            } else if s.subject != subject {
                ConflictKind::OtherSubject
            } else {
                ConflictKind::OtherTimes
            };
            conflicts.push((kind, s));
        }
    }
    match (exact, conflicts.is_empty()) {
        (Some(e), _) => Match::Existing(e),
        (None, true) => Match::None,
        (None, false) => Match::Conflicts(conflicts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(id: &str, subject: &str, start: &str, end: &str, status: &str) -> ExistingSession {
        ExistingSession {
            id: id.into(),
            class_id: "c1".into(),
            tutor_id: None,
            subject: subject.into(),
            scheduled_start: Instant::parse(start).unwrap(),
            scheduled_end: Instant::parse(end).unwrap(),
            status: status.into(),
            price: None,
            cancellation_reason: None,
        }
    }

    fn t(s: &str) -> Instant {
        Instant::parse(s).unwrap()
    }

    #[test]
    fn r22_kinds() {
        let rows = [
            session(
                "e2",
                "Maths",
                "2026-11-30T13:00:00Z",
                "2026-11-30T15:00:00Z",
                "CANCELLED",
            ),
            session(
                "e3",
                "Physique",
                "2026-11-30T14:00:00Z",
                "2026-11-30T16:00:00Z",
                "PENDING",
            ),
            session(
                "e4",
                "Maths",
                "2026-11-30T12:00:00Z",
                "2026-11-30T13:30:00Z",
                "CONFIRMED",
            ),
            session(
                "e5",
                "Maths",
                "2026-11-30T15:00:00Z",
                "2026-11-30T16:00:00Z",
                "PENDING",
            ),
            session(
                "e6",
                "Maths",
                "2026-11-25T00:00:00Z",
                "2026-12-05T00:00:00Z",
                "PENDING",
            ),
        ];
        let index = SessionIndex::new(&rows);
        let Match::Conflicts(mut found) = diff(
            &index,
            "Maths",
            t("2026-11-30T13:00:00Z"),
            t("2026-11-30T15:00:00Z"),
        ) else {
            panic!("expected conflicts");
        };
        found.sort_by_key(|(_, s)| s.id.clone());
        let kinds: Vec<_> = found.iter().map(|(k, s)| (s.id.as_str(), *k)).collect();
        assert_eq!(
            kinds,
            [
                ("e2", ConflictKind::CancelledSession),
                ("e3", ConflictKind::OtherSubject),
                ("e4", ConflictKind::OtherTimes),
                ("e6", ConflictKind::OtherTimes),
            ]
        );
    }

    #[test]
    fn exact_match_wins_with_smallest_id() {
        let rows = [
            session(
                "e9",
                "Maths",
                "2026-11-30T13:00:00Z",
                "2026-11-30T15:00:00Z",
                "PENDING",
            ),
            session(
                "e1",
                "Maths",
                "2026-11-30T13:00:00Z",
                "2026-11-30T15:00:00Z",
                "COMPLETED",
            ),
            session(
                "e0",
                "Maths",
                "2026-11-30T14:00:00Z",
                "2026-11-30T15:00:00Z",
                "CANCELLED",
            ),
        ];
        let index = SessionIndex::new(&rows);
        let m = diff(
            &index,
            "Maths",
            t("2026-11-30T13:00:00Z"),
            t("2026-11-30T15:00:00Z"),
        );
        assert_eq!(m, Match::Existing(&rows[1]));
    }

    #[test]
    fn zero_length_row_at_the_start_blocks() {
        let rows = [session(
            "e1",
            "Maths",
            "2026-11-30T13:00:00Z",
            "2026-11-30T13:00:00Z",
            "PENDING",
        )];
        let index = SessionIndex::new(&rows);
        let m = diff(
            &index,
            "Maths",
            t("2026-11-30T13:00:00Z"),
            t("2026-11-30T15:00:00Z"),
        );
        assert!(matches!(m, Match::Conflicts(ref c) if c[0].0 == ConflictKind::OtherTimes));
    }

    proptest::proptest! {
        /// A sweep finds what a search finds, whatever order the ranges come in.
        #[test]
        fn a_sweep_finds_what_overlapping_finds(
            rows in proptest::collection::vec((0i64..200, -10i64..400), 0..40),
            ranges in proptest::collection::vec((0i64..220, -5i64..60), 1..30),
            sorted in proptest::bool::ANY,
        ) {
            let at = |m: i64| Instant::parse("2026-11-30T00:00:00Z").unwrap()
                .checked_add(Duration::minutes(m * 15)).unwrap();
            let rows: Vec<ExistingSession> = rows.iter().enumerate().map(|(i, &(s, len))| {
                let mut row = session(&format!("e{i}"), "Maths", "2026-11-30T00:00:00Z",
                    "2026-11-30T00:00:00Z", "PENDING");
                row.scheduled_start = at(s);
                row.scheduled_end = at(s + len);
                row
            }).collect();
            let index = SessionIndex::new(&rows);
            let mut ranges = ranges;
            if sorted {
                ranges.sort();
            }
            let mut sweep = index.sweep();
            for (s, len) in ranges {
                let (start, end) = (at(s), at(s + len));
                let swept: Vec<&str> = sweep.overlapping(start, end).map(|r| r.id.as_str()).collect();
                let searched: Vec<&str> = index.overlapping(start, end).map(|r| r.id.as_str()).collect();
                proptest::prop_assert_eq!(swept, searched);
            }
        }
    }
}
