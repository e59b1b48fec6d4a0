//! Planning: the rules of §3.1–§3.7 put together, class by class (R5, R6, R13, R19, R24).

use std::sync::Arc;

use crate::assignment::{is_candidate, sort_in_claim_order, Candidate};
use crate::cancellation::Cancellations;
use crate::diff::{diff, Match, SessionIndex};
use crate::error::Error;
use crate::index::Index;
use crate::instant::Instant;
use crate::occurrence::{SlotShape, Window};
use crate::options::Options;
use crate::plan::{
    Conflict, Create, DataError, DataErrorCode, Existing, Id, Plan, SessionStatus, SkipReason,
    Skipped, Warning, WarningCode,
};
use crate::price::price_text;
use crate::rotation::claim;
use crate::snapshot::{Class, Snapshot, TimeSlot, Tutor};
use crate::tutor::{double_booked, TutorAvailability};
use crate::zone::Zone;
use std::collections::HashMap;

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
/// assert_eq!(&*plan.create[0].scheduled_start.to_string(), "2026-11-30T13:00:00.000Z");
/// assert_eq!(&*plan.create[0].price, "120000.00"); // 5000 × 2 h × 12 members
/// assert_eq!(plan.create[0].ordinal, Some(4));     // 4 Mondays since Nov 2
/// ```
pub fn plan(snapshot: &Snapshot, options: &Options) -> Result<Plan, Error> {
    let default_zone = options.validate()?;
    let window = Window::new(options.now, options.weeks);
    let index = Index::new(snapshot, default_zone);
    let mut plan = Plan::empty(window);
    // Per planned session: its tutor's rank (if any) and its class's zone, for R25/R26.
    let mut tutors: Vec<Option<(u32, Zone)>> = Vec::new();

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
                    class_id: class.id.as_str().into(),
                    time_slot_id: None,
                });
                continue;
            }
        };
        plan.summary.classes_processed += 1;
        slots.sort_by(|a, b| a.id.cmp(&b.id));
        let mut planned = ClassPlanner::new(&index, class, zone, window).run(&slots, &mut plan);
        planned.sort_by(|(a, _), (b, _)| {
            a.scheduled_start
                .cmp(&b.scheduled_start)
                .then_with(|| a.time_slot_id.cmp(&b.time_slot_id))
        });
        for (create, rank) in planned {
            plan.create.push(create);
            tutors.push(rank.map(|r| (r, zone)));
        }
    }
    check_tutors(&index, &tutors, &mut plan);
    plan.finish();
    Ok(plan)
}

/// An assignment of the class with its ids shared and its tutor looked up once.
struct Assignee<'a> {
    candidate: Candidate<'a>,
    assignment_id: Id,
    tutor_id: Id,
    tutor: Option<(u32, &'a Tutor)>,
}

/// Plans one processed class.
struct ClassPlanner<'i, 'a> {
    index: &'i Index<'a>,
    class: &'a Class,
    class_id: Id,
    zone: Zone,
    window: Window,
    assignees: Vec<Assignee<'a>>,
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
        let assignees = candidates
            .into_iter()
            .map(|candidate| Assignee {
                assignment_id: candidate.assignment.id.as_str().into(),
                tutor_id: candidate.assignment.tutor_id.as_str().into(),
                tutor: index.tutor_ranked(&candidate.assignment.tutor_id),
                candidate,
            })
            .collect();
        ClassPlanner {
            index,
            class,
            class_id: class.id.as_str().into(),
            zone,
            window,
            assignees,
            sessions: SessionIndex::new(index.sessions_of(&class.id).iter().copied()),
        }
    }

    /// Plans the class's active slots; returns its sessions to create with their tutors' ranks.
    fn run(&self, slots: &[&'a TimeSlot], plan: &mut Plan) -> Vec<(Create, Option<u32>)> {
        // R16: one warning per unusable assignment of a processed class.
        for assignee in &self.assignees {
            if let Err(fault) = assignee.candidate.pattern {
                let a = assignee.candidate.assignment;
                plan.warnings.push(Warning {
                    code: fault.code(),
                    message: fault.message(a),
                    class_id: a.class_id.as_str().into(),
                    time_slot_id: a.time_slot_id.as_deref().map(Id::from),
                    assignment_id: Some(Arc::clone(&assignee.assignment_id)),
                    tutor_id: Some(Arc::clone(&assignee.tutor_id)),
                });
            }
        }
        let mut planned = Vec::new();
        for slot in slots {
            match SlotShape::check(slot) {
                Ok(shape) => self.plan_slot(slot, shape, plan, &mut planned),
                Err(fault) => plan.errors.push(DataError {
                    code: DataErrorCode::InvalidSlot,
                    message: fault.message(slot),
                    class_id: Arc::clone(&self.class_id),
                    time_slot_id: Some(slot.id.as_str().into()),
                }),
            }
        }
        planned
    }

    fn plan_slot(
        &self,
        slot: &'a TimeSlot,
        shape: SlotShape,
        plan: &mut Plan,
        planned: &mut Vec<(Create, Option<u32>)>,
    ) {
        let slot_id: Id = slot.id.as_str().into();
        let subject: Id = slot.subject.as_str().into();
        let cancellations = Cancellations::new(
            self.index.cancellations_of(&slot.id).iter().copied(),
            self.zone,
            shape.day_of_week,
        );
        let assignees: Vec<&Assignee<'a>> = self
            .assignees
            .iter()
            .filter(|a| is_candidate(a.candidate.assignment, slot))
            .collect();
        let candidates: Vec<Candidate<'a>> =
            assignees.iter().map(|a| a.candidate.clone()).collect();
        // Prices depend only on the rate: one computation per tutor (or none) and slot.
        let mut prices: Vec<(Option<u32>, Id)> = Vec::new();
        let conflict = |kind: crate::diff::ConflictKind,
                        session: &crate::snapshot::ExistingSession,
                        start: Instant,
                        end: Instant| Conflict {
            kind,
            class_id: Arc::clone(&self.class_id),
            time_slot_id: Arc::clone(&slot_id),
            scheduled_start: start,
            scheduled_end: end,
            session_id: Id::from(session.id.as_str()),
            detail: kind.detail(session),
        };
        for occ in shape.occurrences(self.zone, &self.window) {
            if let Some(cancellation_id) = cancellations.of(occ.date) {
                plan.skipped.push(Skipped {
                    class_id: Arc::clone(&self.class_id),
                    time_slot_id: Arc::clone(&slot_id),
                    scheduled_start: occ.start,
                    reason: SkipReason::SlotCancelled,
                    cancellation_id: cancellation_id.into(),
                });
                continue;
            }
            match diff(&self.sessions, &slot.subject, occ.start, occ.end) {
                Match::Existing(session) => {
                    plan.existing.push(Existing {
                        session_id: session.id.as_str().into(),
                        class_id: Arc::clone(&self.class_id),
                        time_slot_id: Arc::clone(&slot_id),
                        scheduled_start: occ.start,
                    });
                    continue;
                }
                Match::Conflicts(found) => {
                    plan.conflicts.extend(
                        found
                            .into_iter()
                            .map(|(kind, session)| conflict(kind, session, occ.start, occ.end)),
                    );
                    continue;
                }
                Match::None => {}
            }
            let claimed = claim(&candidates, occ.date, shape.day_of_week, &cancellations);
            let assignee = claimed.map(|c| assignees[c.position]);
            let tutor = assignee.and_then(|a| a.tutor);
            if let (Some(a), None) = (assignee, tutor) {
                // R19: the claim stands, unassigned.
                plan.warnings.push(Warning {
                    code: WarningCode::TutorNotFound,
                    message: format!(
                        "assignment {}: tutor {} is not in tutors",
                        a.assignment_id, a.tutor_id
                    ),
                    class_id: Arc::clone(&self.class_id),
                    time_slot_id: Some(Arc::clone(&slot_id)),
                    assignment_id: Some(Arc::clone(&a.assignment_id)),
                    tutor_id: Some(Arc::clone(&a.tutor_id)),
                });
            }
            let rank = tutor.map(|(rank, _)| rank);
            let price = match prices.iter().find(|(r, _)| *r == rank) {
                Some((_, price)) => Arc::clone(price),
                None => {
                    let rate = tutor
                        .map(|(_, t)| &t.hourly_rate)
                        .or(self.class.default_hourly_rate.as_ref());
                    let price: Id =
                        price_text(rate, shape.nominal_millis(), self.class.member_count).into();
                    prices.push((rank, Arc::clone(&price)));
                    price
                }
            };
            let create = Create {
                class_id: Arc::clone(&self.class_id),
                time_slot_id: Arc::clone(&slot_id),
                subject: Arc::clone(&subject),
                scheduled_start: occ.start,
                scheduled_end: occ.end,
                tutor_id: tutor.and(assignee).map(|a| Arc::clone(&a.tutor_id)),
                assignment_id: assignee.map(|a| Arc::clone(&a.assignment_id)),
                status: if tutor.is_some() {
                    SessionStatus::Confirmed
                } else {
                    SessionStatus::Pending
                },
                price,
                ordinal: claimed.and_then(|c| c.ordinal),
            };
            planned.push((create, rank));
        }
    }
}

/// R25 and R26 on the planned sessions that have a tutor; `tutors` holds, per entry of
/// `plan.create`, the tutor's rank and the class's zone.
fn check_tutors(index: &Index<'_>, tutors: &[Option<(u32, Zone)>], plan: &mut Plan) {
    let with_tutor: Vec<(usize, u32, Zone)> = tutors
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.map(|(rank, zone)| (i, rank, zone)))
        .collect();
    let planned: Vec<(u32, Instant, Instant)> = with_tutor
        .iter()
        .map(|&(i, rank, _)| {
            (
                rank,
                plan.create[i].scheduled_start,
                plan.create[i].scheduled_end,
            )
        })
        .collect();
    let booked = double_booked(&planned, |rank| index.busy(rank));
    // Availability is read once per tutor and zone.
    let mut availability: HashMap<(u32, Zone), TutorAvailability> = HashMap::new();
    let mut warnings = Vec::new();
    for (&(i, rank, zone), double) in with_tutor.iter().zip(booked) {
        let c = &plan.create[i];
        let tutor = index.tutor_by_rank(rank);
        let warn = |code: WarningCode, message: String| Warning {
            code,
            message,
            class_id: Arc::clone(&c.class_id),
            time_slot_id: Some(Arc::clone(&c.time_slot_id)),
            assignment_id: c.assignment_id.clone(),
            tutor_id: c.tutor_id.clone(),
        };
        if double {
            warnings.push(warn(
                WarningCode::TutorDoubleBooked,
                format!("tutor {} is booked on overlapping sessions", tutor.id),
            ));
        }
        let available = availability
            .entry((rank, zone))
            .or_insert_with(|| TutorAvailability::new(tutor, zone));
        if available.is_checked() && !available.covers(zone, c.scheduled_start, c.scheduled_end) {
            warnings.push(warn(
                WarningCode::TutorUnavailable,
                format!("tutor {} is not available for a planned session", tutor.id),
            ));
        }
    }
    plan.warnings.extend(warnings);
}
