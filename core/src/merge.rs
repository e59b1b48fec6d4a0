//! Joining the plans of disjoint groups of classes into the plan of them all (§4, R24, R25).
//!
//! A storage layer that plans a large database a batch of classes at a time gets, from each
//! batch, exactly the entries the whole snapshot would give for those classes, except R25's
//! double bookings across batches: a planned session of a tutor overlapping another planned
//! session, or an existing session, in a class of another batch. [`merge`] finds those from
//! every batch's `create` entries and the tutors' existing sessions (read once, not once per
//! batch), then orders, de-duplicates and counts as [`Plan::finish`] does.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diff::SessionIndex;
use crate::occurrence::Window;
use crate::plan::{Finding, Plan, Warning, WarningCode};
use crate::snapshot::ExistingSession;
use crate::status::ExistingStatus;
use crate::tutor::double_booked;

/// The plan of the union of disjoint groups of classes, each planned for the same `window`
/// from a snapshot holding its classes' rows (sessions included) and the tutors they assign.
/// `tutor_sessions` are existing sessions of any class that R25 compares with (those without a
/// tutor or `CANCELLED` are ignored; passing more than needed is harmless).
///
/// ```
/// use genova_sessions_core::{merge, plan_json};
/// let options = serde_json::json!({ "now": "2026-11-30T00:00:00Z", "weeks": 1 });
/// let class = |c: &str| format!(r#"{{
///   "classes": [{{ "id": "{c}", "isActive": true }}],
///   "timeSlots": [{{ "id": "s-{c}", "classId": "{c}", "subject": "Maths", "dayOfWeek": 1,
///                   "startTime": "14:00", "endTime": "16:00", "isActive": true }}],
///   "tutorAssignments": [{{ "id": "a-{c}", "classId": "{c}", "timeSlotId": null,
///     "subject": "Maths", "tutorId": "t1", "recurrencePattern": "ROUND_ROBIN",
///     "status": "ACCEPTED", "isActive": true, "createdAt": "2026-11-01T00:00:00Z" }}],
///   "tutors": [{{ "id": "t1", "hourlyRate": "10.00" }}]
/// }}"#);
/// let a = plan_json(&class("c1"), &options).unwrap();
/// let b = plan_json(&class("c2"), &options).unwrap();
/// let window = a.window;
/// let both = merge(window, [a, b], &[]);
/// // t1 teaches c1 and c2 at the same time: both planned sides are warned (R25).
/// assert_eq!(both.summary.sessions_to_create, 2);
/// assert_eq!(both.summary.warnings, 2);
/// ```
pub fn merge(
    window: Window,
    parts: impl IntoIterator<Item = Plan>,
    tutor_sessions: &[ExistingSession],
) -> Plan {
    let mut all = Plan::empty(window);
    for part in parts {
        all.summary.classes_processed += part.summary.classes_processed;
        all.summary.classes_skipped += part.summary.classes_skipped;
        all.create.extend(part.create);
        all.existing.extend(part.existing);
        all.moves.extend(part.moves);
        all.conflicts.extend(part.conflicts);
        all.skipped.extend(part.skipped);
        all.warnings.extend(part.warnings);
        all.errors.extend(part.errors);
        all.findings.extend(part.findings);
    }
    warn_double_bookings(&mut all, tutor_sessions);
    all.finish();
    all
}

/// R25 over every part; a session a part already warned is warned again and de-duplicated by
/// [`Plan::finish`] (the message is the same).
fn warn_double_bookings(plan: &mut Plan, tutor_sessions: &[ExistingSession]) {
    let mut ranks: HashMap<Arc<str>, u32> = HashMap::new();
    let mut with_tutor = Vec::new();
    let mut planned = Vec::new();
    for (i, c) in plan.create.iter().enumerate() {
        if let Some(tutor) = &c.tutor_id {
            let next = ranks.len() as u32;
            let rank = *ranks.entry(Arc::clone(tutor)).or_insert(next);
            with_tutor.push(i);
            planned.push((rank, c.scheduled_start, c.scheduled_end));
        }
    }
    // Each planned tutor's non-cancelled existing sessions, indexed by rank.
    let mut busy: Vec<Vec<&ExistingSession>> = vec![Vec::new(); ranks.len()];
    for s in tutor_sessions {
        let rank = s.tutor_id.as_deref().and_then(|t| ranks.get(t));
        if let (Some(&rank), false) = (rank, s.status == ExistingStatus::Cancelled) {
            busy[rank as usize].push(s);
        }
    }
    let busy: Vec<SessionIndex<'_>> = busy.into_iter().map(SessionIndex::new).collect();
    let booked = double_booked(&planned, |rank| &busy[rank as usize]);
    for (&i, double) in with_tutor.iter().zip(booked) {
        if !double {
            continue;
        }
        let c = &plan.create[i];
        let tutor = c.tutor_id.clone();
        plan.findings.push(Finding::of(
            WarningCode::TutorDoubleBooked,
            c,
            tutor.clone(),
        ));
        plan.warnings.push(Warning {
            code: WarningCode::TutorDoubleBooked,
            message: format!(
                "tutor {} is booked on overlapping sessions",
                tutor.as_deref().unwrap_or_default()
            ),
            class_id: Arc::clone(&c.class_id),
            time_slot_id: Some(Arc::clone(&c.time_slot_id)),
            assignment_id: c.assignment_id.clone(),
            tutor_id: tutor,
        });
    }
}
