//! Anchors, ordinals and claims: who takes an occurrence (§3.4, R17, R18).

use chrono::NaiveDate;

use crate::assignment::{Candidate, Pattern};
use crate::calendar::{first_on_or_after, monday_of};
use crate::cancellation::Cancellations;

/// The assignment that claims an occurrence, with the ordinal `k` of its group.
#[derive(Clone, Copy, Debug)]
pub struct Claim<'c, 'a> {
    /// The claiming assignment.
    pub candidate: &'c Candidate<'a>,
    /// Its position in the candidates given to [`claim`].
    pub position: usize,
    /// `k` when a ROUND_ROBIN or CONSECUTIVE_DAYS assignment claimed, else `None`.
    pub ordinal: Option<i64>,
}

/// The ordinal `k` of the occurrence of a slot on `d` (R17): with `first` the first date on
/// or after `anchor` on the slot's weekday, the number of non-cancelled weekly dates in
/// `[first, d)`, or minus the number in `[d, first)` when `d` comes before `first`. Counting
/// runs over every weekly date, in the window or not, so `k` depends only on the snapshot.
///
/// ```
/// use genova_sessions_core::{ordinal, Cancellations};
/// let none = Cancellations::default();
/// let d = |s: &str| s.parse().unwrap();
/// // anchor Wed 2026-11-04, slot on Mondays: first = Mon 2026-11-09.
/// assert_eq!(ordinal(d("2026-11-04"), 1, d("2026-11-09"), &none), 0);
/// assert_eq!(ordinal(d("2026-11-04"), 1, d("2026-11-30"), &none), 3);
/// assert_eq!(ordinal(d("2026-11-04"), 1, d("2026-10-26"), &none), -2);
/// ```
pub fn ordinal(
    anchor: NaiveDate,
    day_of_week: u8,
    d: NaiveDate,
    cancelled: &Cancellations<'_>,
) -> i64 {
    let first = first_on_or_after(anchor, day_of_week);
    if d >= first {
        (d - first).num_days() / 7 - cancelled.count_in(first, d)
    } else {
        -((first - d).num_days() / 7 - cancelled.count_in(d, first))
    }
}

/// Asks the candidates applicable on `d`, in claim order, who takes the occurrence (R18):
/// MANUAL and unusable ones never claim; ROUND_ROBIN member `i` of its group claims when
/// `k mod n = i`; CONSECUTIVE_DAYS claims when `k mod Σnᵢ` falls in its own block; WEEKLY
/// claims when its week number is listed. The first claim wins and does not shift the others'
/// rotation. Groups, anchors and `n` are evaluated for this occurrence (R17).
///
/// `candidates` must be sorted in claim order ([`crate::assignment::sort_in_claim_order`]).
pub fn claim<'c, 'a>(
    candidates: &'c [Candidate<'a>],
    d: NaiveDate,
    day_of_week: u8,
    cancelled: &Cancellations<'_>,
) -> Option<Claim<'c, 'a>> {
    let applicable = || {
        candidates
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.applies_on(d))
    };
    let group = |is_member: fn(&Pattern) -> Option<i128>| {
        let mut anchor: Option<NaiveDate> = None;
        let mut size: i128 = 0;
        for (_, c) in applicable() {
            if let Some(weight) = c.pattern.as_ref().ok().and_then(is_member) {
                size += weight;
                anchor = Some(anchor.map_or(c.reference, |a| a.min(c.reference)));
            }
        }
        anchor.map(|a| (ordinal(a, day_of_week, d, cancelled), size))
    };
    let mut round_robin: Option<(i64, i128)> = None;
    let mut consecutive: Option<(i64, i128)> = None;
    let (mut turn, mut block_start) = (0i128, 0i128);
    for (position, c) in applicable() {
        let claimed = |ordinal| {
            Some(Claim {
                candidate: c,
                position,
                ordinal,
            })
        };
        match &c.pattern {
            Ok(Pattern::RoundRobin) => {
                let (k, n) = *round_robin.get_or_insert_with(|| {
                    group(|p| matches!(p, Pattern::RoundRobin).then_some(1)).unwrap_or((0, 1))
                });
                if rem_euclid(k, n) == turn {
                    return claimed(Some(k));
                }
                turn += 1;
            }
            Ok(Pattern::ConsecutiveDays(len)) => {
                let (k, total) = *consecutive.get_or_insert_with(|| {
                    group(|p| match p {
                        Pattern::ConsecutiveDays(n) => Some(i128::from(*n)),
                        _ => None,
                    })
                    .unwrap_or((0, 1))
                });
                let place = rem_euclid(k, total);
                let len = i128::from(*len);
                if (block_start..block_start + len).contains(&place) {
                    return claimed(Some(k));
                }
                block_start += len;
            }
            Ok(Pattern::Weekly(weeks)) => {
                let week = (monday_of(d) - monday_of(c.reference)).num_days() / 7 + 1;
                if weeks.claims(week) {
                    return claimed(None);
                }
            }
            Ok(Pattern::Manual) | Err(_) => {}
        }
    }
    None
}

/// `k mod n` (Euclidean), in 64-bit arithmetic when `n` fits (128-bit division is slow).
fn rem_euclid(k: i64, n: i128) -> i128 {
    match i64::try_from(n) {
        Ok(n) if n > 0 => i128::from(k.rem_euclid(n)),
        _ => i128::from(k).rem_euclid(n),
    }
}
