//! Lookups over a snapshot, built once per computation: rows by id, by class, by slot and by
//! tutor, and each class's zone (R6, R19).

use std::collections::HashMap;

use crate::diff::SessionIndex;
use crate::snapshot::{
    Class, ExistingSession, SlotCancellation, Snapshot, TimeSlot, Tutor, TutorAssignment,
};
use crate::status::ExistingStatus;
use crate::zone::Zone;

/// A snapshot's rows, indexed.
pub(crate) struct Index<'a> {
    default_zone: Zone,
    classes: HashMap<&'a str, &'a Class>,
    slots: HashMap<&'a str, &'a TimeSlot>,
    slots_by_class: HashMap<&'a str, Vec<&'a TimeSlot>>,
    cancellations_by_slot: HashMap<&'a str, Vec<&'a SlotCancellation>>,
    assignments_by_class: HashMap<&'a str, Vec<&'a TutorAssignment>>,
    /// Each tutor id's rank: the position of its first row among the distinct tutors (R19).
    tutor_ranks: HashMap<&'a str, u32>,
    /// The first row of each distinct tutor id, by rank.
    tutors: Vec<&'a Tutor>,
    sessions_by_class: HashMap<&'a str, Vec<&'a ExistingSession>>,
    /// Non-cancelled existing sessions of each known tutor, by rank.
    busy: Vec<SessionIndex<'a>>,
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
        let mut tutor_ranks = HashMap::new();
        let mut tutors = Vec::new();
        for t in &snapshot.tutors {
            // R19: the first row of a duplicated tutor id wins.
            tutor_ranks.entry(t.id.as_str()).or_insert_with(|| {
                tutors.push(t);
                (tutors.len() - 1) as u32
            });
        }
        let mut busy: Vec<Vec<&'a ExistingSession>> = vec![Vec::new(); tutors.len()];
        for s in &snapshot.existing_sessions {
            let rank = s.tutor_id.as_deref().and_then(|t| tutor_ranks.get(t));
            if let (Some(&rank), true) = (rank, s.status != ExistingStatus::Cancelled) {
                busy[rank as usize].push(s);
            }
        }
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
            tutor_ranks,
            tutors,
            sessions_by_class: group(&snapshot.existing_sessions, |s| &s.class_id),
            busy: busy.into_iter().map(SessionIndex::new).collect(),
        }
    }

    pub(crate) fn class(&self, id: &str) -> Option<&'a Class> {
        self.classes.get(id).copied()
    }

    pub(crate) fn slot(&self, id: &str) -> Option<&'a TimeSlot> {
        self.slots.get(id).copied()
    }

    /// The tutor with this id (its first row) and its rank.
    pub(crate) fn tutor_ranked(&self, id: &str) -> Option<(u32, &'a Tutor)> {
        let rank = *self.tutor_ranks.get(id)?;
        Some((rank, self.tutors[rank as usize]))
    }

    pub(crate) fn tutor(&self, id: &str) -> Option<&'a Tutor> {
        self.tutor_ranked(id).map(|(_, t)| t)
    }

    pub(crate) fn tutor_by_rank(&self, rank: u32) -> &'a Tutor {
        self.tutors[rank as usize]
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

    /// The non-cancelled existing sessions, in any class, of the tutor of this rank (R22, R25).
    pub(crate) fn busy(&self, rank: u32) -> &SessionIndex<'a> {
        &self.busy[rank as usize]
    }

    /// The class's zone: its `timezone`, else the default; `Err` with the unknown name (R6).
    pub(crate) fn zone_of(&self, class: &'a Class) -> Result<Zone, &'a str> {
        match class.timezone.as_deref() {
            None => Ok(self.default_zone),
            Some(name) => Zone::named(name).ok_or(name),
        }
    }
}
