//! Planning: the rules of §3.1–§3.7 put together, class by class (R5, R6, R13, R19, R24).

use std::collections::HashMap;

use crate::assignment::{is_candidate, sort_in_claim_order, Candidate};
use crate::cancellation::Cancellations;
use crate::diff::{diff, Match, SessionIndex};
use crate::error::Error;
use crate::index::Index;
use crate::occurrence::{SlotShape, Window};
use crate::options::Options;
use crate::plan::{
    Conflict, Create, DataError, DataErrorCode, Existing, Plan, SessionStatus, SkipReason, Skipped,
    Warning, WarningCode,
};
use crate::price::price_text;
use crate::rotation::claim;
use crate::snapshot::{Class, Snapshot, TimeSlot};
use crate::tutor::{covers, double_booked, has_active_availability};
use crate::zone::Zone;

/// Plans the window `[now, now + weeks)` for every active class of the snapshot (SPEC §3).
///
/// Fails only on bad options ([`Error::InvalidOption`]); problems inside the data are in the
/// plan's `errors` and `warnings`.
///
/// ```
/// use genova_sessions_core::{plan, Instant, Options, Snapshot};
/// let snapshot = Snapshot::from_value(&serde_json::json!({
///     "classes": [{ "id": "c1", "isActive": true, "timezone": "Africa/Douala", "memberCount": 12 }],
///     "timeSlots": [{ "id": "s1", "classId": "c1", "subject": "Maths", "dayOfWeek": 1,
///                     "startTime": "14:00", "endTime": "16:00", "isActive": true }],
///     "tutorAssignments": [{ "id": "a1", "classId": "c1", "timeSlotId": "s1", "subject": "Maths",
///         "tutorId": "t1", "recurrencePattern": "ROUND_ROBIN", "status": "ACCEPTED",
///         "isActive": true, "createdAt": "2026-11-02T08:00:00Z" }],
///     "tutors": [{ "id": "t1", "hourlyRate": "5000.00" }],
/// })).unwrap();
/// let options = Options::new(Instant::parse("2026-11-30T00:00:00Z").unwrap(), 4);
/// let plan = plan(&snapshot, &options).unwrap();
/// assert_eq!(plan.create.len(), 4);
/// assert_eq!(plan.create[0].scheduled_start.to_string(), "2026-11-30T13:00:00.000Z");
/// assert_eq!(plan.create[0].price, "120000.00"); // 5000 × 2 h × 12 members
/// assert_eq!(plan.create[0].ordinal, Some(4));   // 4 Mondays since Nov 2
/// ```
pub fn plan(snapshot: &Snapshot, options: &Options) -> Result<Plan, Error> {
    let default_zone = options.validate()?;
    let window = Window::new(options.now, options.weeks);
    let index = Index::new(snapshot, default_zone);
    let mut plan = Plan::empty(window);
    let mut zones: HashMap<&str, Zone> = HashMap::new();

    let mut classes: Vec<&Class> = snapshot.classes.iter().filter(|c| c.is_active).collect();
    classes.sort_by(|a, b| a.id.cmp(&b.id));
    for class in classes {
        let mut slots: Vec<&TimeSlot> = index
            .slots_of(&class.id)
            .iter()
            .copied()
            .filter(|s| s.is_active)
            .collect();
        if slots.is_empty() {
            plan.summary.classes_skipped += 1;
            continue;
        }
        let zone = match index.zone_of(class) {
            Ok(zone) => zone,
            Err(name) => {
                plan.errors.push(DataError {
                    code: DataErrorCode::UnknownTimezone,
                    message: format!(
                        "class {}: time zone {name:?} is not in the IANA database",
                        class.id
                    ),
                    class_id: class.id.clone(),
                    time_slot_id: None,
                });
                continue;
            }
        };
        plan.summary.classes_processed += 1;
        zones.insert(&class.id, zone);
        slots.sort_by(|a, b| a.id.cmp(&b.id));
        let first_create = plan.create.len();
        ClassPlanner::new(&index, class, zone, window).run(&slots, &mut plan);
        plan.create[first_create..].sort_by(|a, b| {
            a.scheduled_start
                .cmp(&b.scheduled_start)
                .then_with(|| a.time_slot_id.cmp(&b.time_slot_id))
        });
    }
    check_tutors(&index, &zones, &mut plan);
    plan.finish();
    Ok(plan)
}

/// Plans one processed class.
struct ClassPlanner<'i, 'a> {
    index: &'i Index<'a>,
    class: &'a Class,
    zone: Zone,
    window: Window,
    candidates: Vec<Candidate<'a>>,
    sessions: SessionIndex<'a>,
}

impl<'i, 'a> ClassPlanner<'i, 'a> {
    fn new(index: &'i Index<'a>, class: &'a Class, zone: Zone, window: Window) -> Self {
        let mut candidates: Vec<Candidate<'a>> = index
            .assignments_of(&class.id)
            .iter()
            .filter(|a| a.is_active && a.status == "ACCEPTED")
            .map(|a| Candidate::new(a, zone))
            .collect();
        sort_in_claim_order(&mut candidates);
        ClassPlanner {
            index,
            class,
            zone,
            window,
            candidates,
            sessions: SessionIndex::new(index.sessions_of(&class.id).iter().copied()),
        }
    }

    fn run(&self, slots: &[&'a TimeSlot], plan: &mut Plan) {
        // R16: one warning per unusable assignment of a processed class.
        for c in &self.candidates {
            if let Err(fault) = c.pattern {
                let a = c.assignment;
                plan.warnings.push(Warning {
                    code: fault.code(),
                    message: fault.message(a),
                    class_id: a.class_id.clone(),
                    time_slot_id: a.time_slot_id.clone(),
                    assignment_id: Some(a.id.clone()),
                    tutor_id: Some(a.tutor_id.clone()),
                });
            }
        }
        for slot in slots {
            match SlotShape::check(slot) {
                Ok(shape) => self.plan_slot(slot, shape, plan),
                Err(fault) => plan.errors.push(DataError {
                    code: DataErrorCode::InvalidSlot,
                    message: fault.message(slot),
                    class_id: self.class.id.clone(),
                    time_slot_id: Some(slot.id.clone()),
                }),
            }
        }
    }

    fn plan_slot(&self, slot: &'a TimeSlot, shape: SlotShape, plan: &mut Plan) {
        let cancellations = Cancellations::new(
            self.index.cancellations_of(&slot.id).iter().copied(),
            self.zone,
            shape.day_of_week,
        );
        let candidates: Vec<Candidate<'a>> = self
            .candidates
            .iter()
            .filter(|c| is_candidate(c.assignment, slot))
            .cloned()
            .collect();
        // Prices depend only on the rate: one computation per rate source and slot.
        let mut prices: Vec<(Option<&str>, String)> = Vec::new();
        for occ in shape.occurrences(self.zone, &self.window) {
            if let Some(cancellation_id) = cancellations.of(occ.date) {
                plan.skipped.push(Skipped {
                    class_id: self.class.id.clone(),
                    time_slot_id: slot.id.clone(),
                    scheduled_start: occ.start,
                    reason: SkipReason::SlotCancelled,
                    cancellation_id: cancellation_id.to_owned(),
                });
                continue;
            }
            match diff(&self.sessions, &slot.subject, occ.start, occ.end) {
                Match::Existing(session) => {
                    plan.existing.push(Existing {
                        session_id: session.id.clone(),
                        class_id: self.class.id.clone(),
                        time_slot_id: slot.id.clone(),
                        scheduled_start: occ.start,
                    });
                    continue;
                }
                Match::Conflicts(found) => {
                    plan.conflicts
                        .extend(found.into_iter().map(|(kind, session)| Conflict {
                            kind,
                            class_id: self.class.id.clone(),
                            time_slot_id: slot.id.clone(),
                            scheduled_start: occ.start,
                            scheduled_end: occ.end,
                            session_id: session.id.clone(),
                            detail: kind.detail(session),
                        }));
                    continue;
                }
                Match::None => {}
            }
            let claimed = claim(&candidates, occ.date, shape.day_of_week, &cancellations);
            let assignment = claimed.map(|c| c.candidate.assignment);
            let tutor = assignment.and_then(|a| self.index.tutor(&a.tutor_id));
            if let (Some(a), None) = (assignment, tutor) {
                // R19: the claim stands, unassigned.
                plan.warnings.push(Warning {
                    code: WarningCode::TutorNotFound,
                    message: format!("assignment {}: tutor {} is not in tutors", a.id, a.tutor_id),
                    class_id: self.class.id.clone(),
                    time_slot_id: Some(slot.id.clone()),
                    assignment_id: Some(a.id.clone()),
                    tutor_id: Some(a.tutor_id.clone()),
                });
            }
            let tutor_id = tutor.map(|t| t.id.as_str());
            let price = match prices.iter().find(|(t, _)| *t == tutor_id) {
                Some((_, price)) => price.clone(),
                None => {
                    let rate = tutor
                        .map(|t| &t.hourly_rate)
                        .or(self.class.default_hourly_rate.as_ref());
                    let price = price_text(rate, shape.nominal_millis(), self.class.member_count);
                    prices.push((tutor_id, price.clone()));
                    price
                }
            };
            plan.create.push(Create {
                class_id: self.class.id.clone(),
                time_slot_id: slot.id.clone(),
                subject: slot.subject.clone(),
                scheduled_start: occ.start,
                scheduled_end: occ.end,
                tutor_id: tutor_id.map(str::to_owned),
                assignment_id: assignment.map(|a| a.id.clone()),
                status: if tutor.is_some() {
                    SessionStatus::Confirmed
                } else {
                    SessionStatus::Pending
                },
                price,
                ordinal: claimed.and_then(|c| c.ordinal),
            });
        }
    }
}

/// R25 and R26 on the planned sessions that have a tutor.
fn check_tutors(index: &Index<'_>, zones: &HashMap<&str, Zone>, plan: &mut Plan) {
    let with_tutor: Vec<usize> = (0..plan.create.len())
        .filter(|&i| plan.create[i].tutor_id.is_some())
        .collect();
    let planned: Vec<(&str, _, _)> = with_tutor
        .iter()
        .map(|&i| {
            let c = &plan.create[i];
            (
                c.tutor_id.as_deref().unwrap_or_default(),
                c.scheduled_start,
                c.scheduled_end,
            )
        })
        .collect();
    let booked = double_booked(&planned, |t| index.busy(t));
    let mut warnings = Vec::new();
    for (&i, double) in with_tutor.iter().zip(booked) {
        let c = &plan.create[i];
        let tutor_id = c.tutor_id.as_deref().unwrap_or_default();
        let warn = |code: WarningCode, message: String| Warning {
            code,
            message,
            class_id: c.class_id.clone(),
            time_slot_id: Some(c.time_slot_id.clone()),
            assignment_id: c.assignment_id.clone(),
            tutor_id: c.tutor_id.clone(),
        };
        if double {
            warnings.push(warn(
                WarningCode::TutorDoubleBooked,
                format!("tutor {tutor_id} is booked on overlapping sessions"),
            ));
        }
        let unavailable = match (index.tutor(tutor_id), zones.get(c.class_id.as_str())) {
            (Some(tutor), Some(zone)) => {
                has_active_availability(tutor)
                    && !covers(tutor, *zone, c.scheduled_start, c.scheduled_end)
            }
            _ => false,
        };
        if unavailable {
            warnings.push(warn(
                WarningCode::TutorUnavailable,
                format!("tutor {tutor_id} is not available for a planned session"),
            ));
        }
    }
    plan.warnings.extend(warnings);
}
