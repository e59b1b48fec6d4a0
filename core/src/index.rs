//! Lookups over a snapshot, built once per computation: rows by id, by class, by slot and by
//! tutor, and each class's zone (R6, R19).

use std::collections::HashMap;

use crate::diff::SessionIndex;
use crate::snapshot::{
    Class, ExistingSession, SlotCancellation, Snapshot, TimeSlot, Tutor, TutorAssignment,
};
use crate::zone::Zone;

/// A snapshot's rows, indexed.
pub(crate) struct Index<'a> {
    default_zone: Zone,
    classes: HashMap<&'a str, &'a Class>,
    slots: HashMap<&'a str, &'a TimeSlot>,
    slots_by_class: HashMap<&'a str, Vec<&'a TimeSlot>>,
    cancellations_by_slot: HashMap<&'a str, Vec<&'a SlotCancellation>>,
    assignments_by_class: HashMap<&'a str, Vec<&'a TutorAssignment>>,
    tutors: HashMap<&'a str, &'a Tutor>,
    sessions_by_class: HashMap<&'a str, Vec<&'a ExistingSession>>,
    busy_by_tutor: HashMap<&'a str, SessionIndex<'a>>,
}

fn group<'a, T>(rows: &'a [T], key: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, Vec<&'a T>> {
    let mut map: HashMap<&'a str, Vec<&'a T>> = HashMap::new();
    for row in rows {
        map.entry(key(row)).or_default().push(row);
    }
    map
}

impl<'a> Index<'a> {
    pub(crate) fn new(snapshot: &'a Snapshot, default_zone: Zone) -> Index<'a> {
        let mut tutors = HashMap::new();
        for t in &snapshot.tutors {
            // R19: the first row of a duplicated tutor id wins.
            tutors.entry(t.id.as_str()).or_insert(t);
        }
        let mut busy: HashMap<&'a str, Vec<&'a ExistingSession>> = HashMap::new();
        for s in &snapshot.existing_sessions {
            if let (Some(tutor), true) = (s.tutor_id.as_deref(), s.status != "CANCELLED") {
                busy.entry(tutor).or_default().push(s);
            }
        }
        let busy_by_tutor = busy
            .into_iter()
            .map(|(tutor, rows)| (tutor, SessionIndex::new(rows)))
            .collect();
        Index {
            default_zone,
            classes: snapshot
                .classes
                .iter()
                .map(|c| (c.id.as_str(), c))
                .collect(),
            slots: snapshot
                .time_slots
                .iter()
                .map(|s| (s.id.as_str(), s))
                .collect(),
            slots_by_class: group(&snapshot.time_slots, |s| &s.class_id),
            cancellations_by_slot: group(&snapshot.slot_cancellations, |c| &c.time_slot_id),
            assignments_by_class: group(&snapshot.tutor_assignments, |a| &a.class_id),
            tutors,
            sessions_by_class: group(&snapshot.existing_sessions, |s| &s.class_id),
            busy_by_tutor,
        }
    }

    pub(crate) fn class(&self, id: &str) -> Option<&'a Class> {
        self.classes.get(id).copied()
    }

    pub(crate) fn slot(&self, id: &str) -> Option<&'a TimeSlot> {
        self.slots.get(id).copied()
    }

    pub(crate) fn tutor(&self, id: &str) -> Option<&'a Tutor> {
        self.tutors.get(id).copied()
    }

    pub(crate) fn slots_of(&self, class_id: &str) -> &[&'a TimeSlot] {
        self.slots_by_class.get(class_id).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn cancellations_of(&self, slot_id: &str) -> &[&'a SlotCancellation] {
        self.cancellations_by_slot
            .get(slot_id)
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn assignments_of(&self, class_id: &str) -> &[&'a TutorAssignment] {
        self.assignments_by_class
            .get(class_id)
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn sessions_of(&self, class_id: &str) -> &[&'a ExistingSession] {
        self.sessions_by_class
            .get(class_id)
            .map_or(&[], Vec::as_slice)
    }

    /// The tutor's non-cancelled existing sessions, in any class (R22, R25).
    pub(crate) fn busy(&self, tutor_id: &str) -> Option<&SessionIndex<'a>> {
        self.busy_by_tutor.get(tutor_id)
    }

    /// The class's zone: its `timezone`, else the default; `Err` with the unknown name (R6).
    pub(crate) fn zone_of(&self, class: &'a Class) -> Result<Zone, &'a str> {
        match class.timezone.as_deref() {
            None => Ok(self.default_zone),
            Some(name) => Zone::named(name).ok_or(name),
        }
    }
}
