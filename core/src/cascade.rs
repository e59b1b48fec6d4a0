//! What follows a change: cancelling the sessions of a deactivated slot or a cancelled week,
//! and repricing a tutor's pending sessions (§3.8).

use chrono::{Duration, NaiveDate};

use crate::calendar::{day_of_week, nearest_monday};
use crate::error::Error;
use crate::index::Index;
use crate::instant::Instant;
use crate::money::format_cents;
use crate::occurrence::SlotShape;
use crate::options::default_zone;
use crate::price::price_cents;
use crate::request::{
    Cancel, CancelSession, PriceUpdate, Reprice, RepriceRequest, SlotDeactivatedRequest,
    WeekCancelledRequest,
};
use crate::snapshot::{ExistingSession, Snapshot, TimeSlot};
use crate::status::ExistingStatus;
use crate::zone::Zone;

/// The generating date `d` on which `slot` produces `session`, if it belongs to the slot:
/// same class and subject, and for some date `d` on the slot's weekday its local start and end
/// wall date-times equal those the slot produces on `d` (§3.8, R9). An R8-invalid slot has no
/// sessions.
pub fn belongs_to(slot: &TimeSlot, zone: Zone, session: &ExistingSession) -> Option<NaiveDate> {
    if session.class_id != slot.class_id || session.subject != slot.subject {
        return None;
    }
    let shape = SlotShape::check(slot).ok()?;
    let start = zone.local(session.scheduled_start);
    let end = zone.local(session.scheduled_end);
    // A gap moves a start forward by at most a few hours, so `d` is the start's local date or
    // the day before.
    [start.date(), start.date() - Duration::days(1)]
        .into_iter()
        .filter(|d| day_of_week(*d) == shape.day_of_week)
        .find(|d| {
            let occ = shape.on(zone, *d);
            zone.local(occ.start) == start && zone.local(occ.end) == end
        })
}

fn is_open(session: &ExistingSession) -> bool {
    session.status.is_open()
}

fn sorted(mut cancel: Vec<CancelSession>) -> Cancel {
    cancel.sort_by(|a, b| a.session_id.cmp(&b.session_id));
    cancel.dedup_by(|a, b| a.session_id == b.session_id);
    Cancel { cancel }
}

/// `cascadeSlotDeactivated`: the future `PENDING`/`CONFIRMED` sessions belonging to the slot,
/// to be cancelled with reason `time slot <id> deactivated`.
///
/// An unknown slot is [`Error::NotFound`]; a slot whose class is absent or has an unknown
/// zone cascades to nothing. `isActive` of the slot and class is ignored.
pub fn cascade_slot_deactivated(
    snapshot: &Snapshot,
    request: &SlotDeactivatedRequest,
    default_timezone: &str,
) -> Result<Cancel, Error> {
    let index = Index::new(snapshot, default_zone(default_timezone)?);
    let slot = index.slot(&request.time_slot_id).ok_or_else(|| {
        Error::NotFound(format!(
            "time slot {:?} is not in the snapshot",
            request.time_slot_id
        ))
    })?;
    let reason = format!("time slot {} deactivated", slot.id);
    let cancel = future_sessions(&index, slot, request.now, |_| true)
        .map(|s| CancelSession {
            session_id: s.id.clone(),
            cancellation_reason: reason.clone(),
        })
        .collect();
    Ok(sorted(cancel))
}

/// `cascadeWeekCancelled`: the future `PENDING`/`CONFIRMED` sessions of the cancellation's
/// slot generated in the week it names (R11, R14), with reason
/// `week of <Monday> cancelled (<id>)`, followed by `: <reason>` when it has one.
pub fn cascade_week_cancelled(
    snapshot: &Snapshot,
    request: &WeekCancelledRequest,
    default_timezone: &str,
) -> Result<Cancel, Error> {
    let index = Index::new(snapshot, default_zone(default_timezone)?);
    let cancellation = snapshot
        .slot_cancellations
        .iter()
        .find(|c| c.id == request.cancellation_id)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "slot cancellation {:?} is not in the snapshot",
                request.cancellation_id
            ))
        })?;
    let Some((slot, zone)) = index
        .slot(&cancellation.time_slot_id)
        .and_then(|slot| Some((slot, zone_of_slot(&index, slot)?)))
    else {
        return Ok(Cancel::default());
    };
    let monday = nearest_monday(zone, cancellation.week_start);
    let mut reason = format!("week of {monday} cancelled ({})", cancellation.id);
    if let Some(text) = cancellation.reason.as_deref().filter(|r| !r.is_empty()) {
        reason.push_str(": ");
        reason.push_str(text);
    }
    let week_date = |d: NaiveDate| monday <= d && d < monday + Duration::days(7);
    let cancel = future_sessions(&index, slot, request.now, week_date)
        .map(|s| CancelSession {
            session_id: s.id.clone(),
            cancellation_reason: reason.clone(),
        })
        .collect();
    Ok(sorted(cancel))
}

/// The class zone of a slot, `None` when its class is absent or its zone unknown.
fn zone_of_slot(index: &Index<'_>, slot: &TimeSlot) -> Option<Zone> {
    index.zone_of(index.class(&slot.class_id)?).ok()
}

/// Open sessions of the slot's class starting at or after `now`, belonging to the slot on a
/// generating date accepted by `on_date`.
fn future_sessions<'i, 'a>(
    index: &'i Index<'a>,
    slot: &'a TimeSlot,
    now: Instant,
    on_date: impl Fn(NaiveDate) -> bool + 'i,
) -> impl Iterator<Item = &'a ExistingSession> + 'i {
    let now = now.truncate_to_millis();
    let zone = zone_of_slot(index, slot);
    let sessions = if zone.is_some() {
        index.sessions_of(&slot.class_id)
    } else {
        &[]
    };
    sessions.iter().copied().filter(move |s| {
        is_open(s)
            && s.scheduled_start >= now
            && zone
                .and_then(|z| belongs_to(slot, z, s))
                .is_some_and(&on_date)
    })
}

/// `repriceTutor`: the tutor's future `PENDING` sessions (of a known class and zone) priced
/// `hourlyRate × nominal minutes × max(memberCount, 1) / 60` (R20, R21), listed where the
/// price differs in value from the stored one or none is stored. `CONFIRMED` sessions keep
/// the price agreed.
///
/// Nominal minutes are those of the slot the session belongs to, else its local end wall
/// time minus its local start wall time. An unknown tutor is [`Error::NotFound`].
pub fn reprice_tutor(
    snapshot: &Snapshot,
    request: &RepriceRequest,
    default_timezone: &str,
) -> Result<Reprice, Error> {
    let index = Index::new(snapshot, default_zone(default_timezone)?);
    if index.tutor(&request.tutor_id).is_none() {
        return Err(Error::NotFound(format!(
            "tutor {:?} is not in the snapshot",
            request.tutor_id
        )));
    }
    let now = request.now.truncate_to_millis();
    let mut updates = Vec::new();
    for session in &snapshot.existing_sessions {
        if session.tutor_id.as_deref() != Some(request.tutor_id.as_str())
            || session.status != ExistingStatus::Pending
            || session.scheduled_start < now
        {
            continue;
        }
        let Some(class) = index.class(&session.class_id) else {
            continue;
        };
        let Ok(zone) = index.zone_of(class) else {
            continue;
        };
        let nominal_millis = index
            .slots_of(&class.id)
            .iter()
            .find(|slot| belongs_to(slot, zone, session).is_some())
            .and_then(|slot| SlotShape::check(slot).ok())
            .map(|shape| shape.nominal_millis())
            .unwrap_or_else(|| {
                (zone.local(session.scheduled_end) - zone.local(session.scheduled_start))
                    .num_milliseconds()
            });
        let cents = price_cents(&request.hourly_rate, nominal_millis, class.member_count);
        let new_price = crate::money::Money::from_cents(cents.clone());
        if session
            .price
            .as_ref()
            .is_none_or(|old| old.value() != new_price.value())
        {
            updates.push(PriceUpdate {
                session_id: session.id.clone(),
                price: format_cents(&cents),
            });
        }
    }
    updates.sort_by(|a, b| a.session_id.cmp(&b.session_id));
    updates.dedup_by(|a, b| a.session_id == b.session_id);
    Ok(Reprice { updates })
}
