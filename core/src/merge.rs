//! Joining the plans of disjoint groups of classes into the plan of them all (§4, R24, R25).
//!
//! A storage layer that plans a large database a batch of classes at a time gets, from each
//! batch, exactly the entries the whole snapshot would give for those classes — provided each
//! batch saw its classes' rows and its tutors' sessions in every class — except one thing:
//! two planned sessions of one tutor in classes of different batches. [`merge`] finds those
//! (R25's "another `create` entry"), then orders, de-duplicates and counts as [`Plan::finish`]
//! does.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diff::SessionIndex;
use crate::occurrence::Window;
use crate::plan::{Plan, Warning, WarningCode};
use crate::tutor::double_booked;

/// The plan of the union of disjoint groups of classes, each planned for the same `window`
/// from a snapshot holding its classes' rows, the tutors they assign and those tutors'
/// existing sessions in any class.
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
/// let both = merge(window, [a, b]);
/// // t1 teaches c1 and c2 at the same time: both planned sides are warned (R25).
/// assert_eq!(both.summary.sessions_to_create, 2);
/// assert_eq!(both.summary.warnings, 2);
/// ```
pub fn merge(window: Window, parts: impl IntoIterator<Item = Plan>) -> Plan {
    let mut all = Plan::empty(window);
    for part in parts {
        all.summary.classes_processed += part.summary.classes_processed;
        all.summary.classes_skipped += part.summary.classes_skipped;
        all.create.extend(part.create);
        all.existing.extend(part.existing);
        all.conflicts.extend(part.conflicts);
        all.skipped.extend(part.skipped);
        all.warnings.extend(part.warnings);
        all.errors.extend(part.errors);
    }
    warn_double_bookings(&mut all);
    all.finish();
    all
}

/// R25 among the planned sessions alone; a session a part already warned is warned again and
/// de-duplicated by [`Plan::finish`] (the message is the same).
fn warn_double_bookings(plan: &mut Plan) {
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
    let nobody = SessionIndex::default();
    let booked = double_booked(&planned, |_| &nobody);
    for (&i, double) in with_tutor.iter().zip(booked) {
        if !double {
            continue;
        }
        let c = &plan.create[i];
        let tutor = c.tutor_id.clone();
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
