//! Properties of SPEC §3, each its own test. Expected values are computed here by simple
//! arithmetic or brute force, never by asking the engine how it resolves a date.

mod support;

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};
use genova_sessions_core::{
    plan, Create, ExistingSession, Instant, Options, Plan, SlotCancellation, Snapshot, TimeSlot,
    Zone,
};
use proptest::prelude::*;
use serde_json::json;
use support::arbitrary::{self, assignment, class, instant, snapshot, tutor, FIXED_ZONES};

fn run(s: &Snapshot, now: Instant, weeks: i64) -> Plan {
    plan(s, &Options::new(now, weeks)).unwrap()
}

fn week_later(t: Instant, weeks: i64) -> Instant {
    t.checked_add(Duration::weeks(weeks)).unwrap()
}

fn parse_wall(t: &str) -> u32 {
    t[0..2].parse::<u32>().unwrap() * 60 + t[3..5].parse::<u32>().unwrap()
}

proptest! {
    /// §3.1: with a fixed UTC offset and no existing sessions, a window of `weeks` weeks holds
    /// exactly `weeks × active slots − cancelled` occurrences to create.
    #[test]
    fn window_holds_weeks_times_slots_minus_cancelled(
        zone in prop::sample::select(FIXED_ZONES.to_vec()),
        slots in prop::collection::vec((0i64..7, arbitrary::wall_pair()), 1..5),
        now in instant(),
        weeks in 1i64..=52,
        cancels in prop::collection::vec((0usize..5, 0i64..60, -14i64..=14), 0..6),
    ) {
        let (zone_name, offset_minutes) = zone;
        let mut s = Snapshot::default();
        s.classes.push(class("c1", zone_name, 3));
        for (i, (day, (start, end))) in slots.iter().enumerate() {
            s.time_slots.push(TimeSlot { id: format!("s{i}"), class_id: "c1".into(), subject: "Maths".into(),
                day_of_week: *day, start_time: start.clone(), end_time: end.clone(), is_active: true, created_at: None });
        }
        // Cancellations: Monday 00:00 of a week near the window, written in some offset.
        let first_monday = {
            let d = now.utc().date() - Duration::days(7);
            d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
        };
        let mut cancelled: std::collections::BTreeSet<(usize, NaiveDate)> = Default::default();
        for (x, (slot_no, week, written_offset_h)) in cancels.iter().enumerate() {
            let slot_no = slot_no % slots.len();
            let monday = first_monday + Duration::weeks(*week);
            let midnight = monday.and_time(NaiveTime::MIN) - Duration::hours(*written_offset_h);
            s.slot_cancellations.push(SlotCancellation { id: format!("x{x}"), time_slot_id: format!("s{slot_no}"),
                week_start: Instant::from_utc(midnight), reason: None });
            // Independent expectation: the slot's date in that week, as a UTC instant.
            let day = slots[slot_no].0;
            let date = monday + Duration::days((day + 6) % 7);
            let start = date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(parse_wall(&slots[slot_no].1.0)))
                - Duration::minutes(offset_minutes);
            let window_start = now.truncate_to_millis().utc();
            if start >= window_start && start < window_start + Duration::weeks(weeks) {
                cancelled.insert((slot_no, date));
            }
        }
        let p = run(&s, now, weeks);
        prop_assert_eq!(p.skipped.len(), cancelled.len());
        prop_assert_eq!(p.create.len() as i64, weeks * slots.len() as i64 - cancelled.len() as i64);
        prop_assert!(p.existing.is_empty() && p.conflicts.is_empty() && p.errors.is_empty());
    }

    /// §3.1: nothing starts outside the window, and every session ends after it starts.
    #[test]
    fn nothing_outside_the_window_and_every_end_after_its_start(s in snapshot(), now in instant(), weeks in 1i64..=12) {
        let p = run(&s, now, weeks);
        let starts = p.create.iter().map(|c| c.scheduled_start)
            .chain(p.existing.iter().map(|e| e.scheduled_start))
            .chain(p.conflicts.iter().map(|c| c.scheduled_start))
            .chain(p.skipped.iter().map(|c| c.scheduled_start));
        for start in starts {
            prop_assert!(p.window.start <= start && start < p.window.end, "{} outside {:?}", start, p.window);
        }
        for c in &p.create {
            prop_assert!(c.scheduled_end > c.scheduled_start);
        }
    }

    /// §3.4: ROUND_ROBIN with a fixed group and no earlier claimant: over any run of
    /// consecutive occurrences, the tutors' counts differ by at most one.
    #[test]
    fn round_robin_counts_differ_by_at_most_one(
        zone in prop::sample::select(arbitrary::DST_ZONES.to_vec()),
        n in 1usize..5,
        day in 0i64..7,
        times in arbitrary::wall_pair(),
        now in instant(),
        weeks in 1i64..=30,
        cancelled_weeks in prop::collection::vec(0i64..30, 0..4),
    ) {
        let mut s = Snapshot::default();
        s.classes.push(class("c1", zone, 1));
        s.time_slots.push(TimeSlot { id: "s1".into(), class_id: "c1".into(), subject: "Maths".into(), day_of_week: day,
            start_time: times.0, end_time: times.1, is_active: true, created_at: None });
        let created = Instant::parse("2025-01-01T00:00:00Z").unwrap();
        for i in 0..n {
            s.tutors.push(tutor(&format!("t{i}"), "10"));
            s.tutor_assignments.push(assignment(&format!("a{i}"), "c1", Some("s1"), "Maths", &format!("t{i}"),
                ("ROUND_ROBIN", None), created));
        }
        for (x, w) in cancelled_weeks.iter().enumerate() {
            s.slot_cancellations.push(SlotCancellation { id: format!("x{x}"), time_slot_id: "s1".into(),
                week_start: week_later(now, *w), reason: None });
        }
        let tutors: Vec<String> = run(&s, now, weeks).create.iter().map(|c| c.tutor_id.as_deref().unwrap().to_owned()).collect();
        for i in 0..tutors.len() {
            let mut counts: HashMap<&str, usize> = (0..n).map(|t| (s.tutors[t].id.as_str(), 0)).collect();
            for t in &tutors[i..] {
                *counts.get_mut(t.as_str()).unwrap() += 1;
                let (min, max) = (counts.values().min().unwrap(), counts.values().max().unwrap());
                prop_assert!(max - min <= 1, "run from {} unfair: {:?}", i, counts);
            }
        }
    }

    /// §3.4: CONSECUTIVE_DAYS gives each assignment blocks of exactly its own `n` consecutive
    /// occurrences (the first and last block may be cut by the window), and ordinals of
    /// consecutive non-cancelled occurrences follow each other.
    #[test]
    fn consecutive_days_blocks_have_exactly_n(
        sizes in prop::collection::vec(1i64..4, 2..4),
        day in 0i64..7,
        now in instant(),
        weeks in 10i64..=30,
        cancelled_weeks in prop::collection::vec(0i64..30, 0..4),
    ) {
        let mut s = Snapshot::default();
        s.classes.push(class("c1", "Europe/Paris", 1));
        s.time_slots.push(TimeSlot { id: "s1".into(), class_id: "c1".into(), subject: "Maths".into(), day_of_week: day,
            start_time: "10:00".into(), end_time: "11:00".into(), is_active: true, created_at: None });
        let created = Instant::parse("2025-01-01T00:00:00Z").unwrap();
        for (i, n) in sizes.iter().enumerate() {
            s.tutors.push(tutor(&format!("t{i}"), "10"));
            s.tutor_assignments.push(assignment(&format!("a{i}"), "c1", Some("s1"), "Maths", &format!("t{i}"),
                ("CONSECUTIVE_DAYS", Some(json!({ "consecutiveDays": n }))), created));
        }
        for (x, w) in cancelled_weeks.iter().enumerate() {
            s.slot_cancellations.push(SlotCancellation { id: format!("x{x}"), time_slot_id: "s1".into(),
                week_start: week_later(now, *w), reason: None });
        }
        let p = run(&s, now, weeks);
        let creates: Vec<&Create> = p.create.iter().collect();
        for pair in creates.windows(2) {
            prop_assert_eq!(pair[1].ordinal.unwrap(), pair[0].ordinal.unwrap() + 1);
        }
        let runs: Vec<(String, usize)> = creates.chunk_by(|a, b| a.assignment_id == b.assignment_id)
            .map(|r| (r[0].assignment_id.as_deref().unwrap().to_owned(), r.len())).collect();
        for (i, (id, len)) in runs.iter().enumerate() {
            let n = sizes[id[1..].parse::<usize>().unwrap()] as usize;
            if i == 0 || i == runs.len() - 1 {
                prop_assert!(*len <= n);
            } else {
                prop_assert_eq!(*len, n, "block {} of {}", i, id);
            }
        }
    }

    /// §3.6: re-planning after applying a plan creates nothing (idempotency), keeps every
    /// conflict, and finds every created session as existing.
    #[test]
    fn replanning_after_applying_creates_nothing(s in snapshot(), now in instant(), weeks in 1i64..=12) {
        let first = run(&s, now, weeks);
        let mut applied = s.clone();
        for (i, c) in first.create.iter().enumerate() {
            applied.existing_sessions.push(ExistingSession {
                id: format!("new{i:05}"), class_id: c.class_id.to_string(), tutor_id: c.tutor_id.as_deref().map(str::to_owned),
                subject: c.subject.to_string(), scheduled_start: c.scheduled_start, scheduled_end: c.scheduled_end,
                status: c.status.into(), price: genova_sessions_core::Money::parse_str(&c.price),
                cancellation_reason: None });
        }
        let second = run(&applied, now, weeks);
        prop_assert!(second.create.is_empty(), "{} created again", second.create.len());
        prop_assert_eq!(second.existing.len(), first.existing.len() + first.create.len());
        prop_assert_eq!(&second.conflicts, &first.conflicts);
        prop_assert_eq!(&second.skipped, &first.skipped);
    }

    /// §3.4: planning at `now` and at `now + d` gives the same tutor, assignment, ordinal and
    /// price to every occurrence both windows hold.
    #[test]
    fn replanning_later_keeps_every_shared_occurrence(s in snapshot(), now in instant(), weeks in 2i64..=8, later_minutes in 1i64..(21 * 1440)) {
        let a = run(&s, now, weeks);
        let b = run(&s, now.checked_add(Duration::minutes(later_minutes)).unwrap(), weeks);
        let key = |c: &Create| (c.time_slot_id.to_string(), c.scheduled_start);
        let earlier: BTreeMap<_, &Create> = a.create.iter().map(|c| (key(c), c)).collect();
        let mut shared = 0;
        for c in &b.create {
            if let Some(e) = earlier.get(&key(c)) {
                shared += 1;
                prop_assert_eq!(*e, c);
            }
        }
        // The windows overlap, so unless everything was skipped or existing there is overlap.
        prop_assert!(shared <= a.create.len());
    }

    /// §4: the output does not depend on the order of the input lists.
    #[test]
    fn output_is_independent_of_input_order(
        (s, shuffled) in snapshot().prop_flat_map(|s| {
            let shuffled = (
                Just(s.classes.clone()).prop_shuffle(),
                Just(s.time_slots.clone()).prop_shuffle(),
                Just(s.slot_cancellations.clone()).prop_shuffle(),
                Just(s.tutor_assignments.clone()).prop_shuffle(),
                Just(s.tutors.clone()).prop_shuffle(),
            ).prop_map(|(classes, time_slots, slot_cancellations, tutor_assignments, tutors)| Snapshot {
                classes, time_slots, slot_cancellations, tutor_assignments, tutors, existing_sessions: Vec::new() });
            (Just(s), shuffled)
        }),
        now in instant(),
        weeks in 1i64..=8,
    ) {
        prop_assert_eq!(run(&s, now, weeks).to_json_line(), run(&shuffled, now, weeks).to_json_line());
    }

    /// §3.1, R9: a session starts at its slot's local wall time — the earliest instant showing
    /// it when it happens twice (a DST overlap) — except when that wall time does not exist
    /// that day (a DST gap). Both are checked by brute force over the tz data: no earlier
    /// instant shows the same wall time, and in a gap no instant within a day shows it.
    #[test]
    fn local_start_is_the_slot_time_except_in_a_gap(s in snapshot(), now in instant(), weeks in 1i64..=12) {
        let p = run(&s, now, weeks);
        let slots: HashMap<&str, &TimeSlot> = s.time_slots.iter().map(|t| (t.id.as_str(), t)).collect();
        let zones: HashMap<&str, Zone> = s.classes.iter()
            .map(|c| (c.id.as_str(), Zone::named(c.timezone.as_deref().unwrap()).unwrap())).collect();
        for c in &p.create {
            let slot = slots[&*c.time_slot_id];
            let zone = zones[&*c.class_id];
            let local = zone.local(c.scheduled_start);
            let wanted = parse_wall(&slot.start_time);
            if local.hour() * 60 + local.minute() == wanted {
                for m in 1..=180 {
                    let earlier = c.scheduled_start.checked_add(Duration::minutes(-m)).unwrap();
                    prop_assert_ne!(zone.local(earlier), local, "{} is not the earliest {}", c.scheduled_start, local);
                }
                continue;
            }
            // Not the slot's time: the wall time must not exist on the generating date.
            for date in [local.date(), local.date() - Duration::days(1)] {
                if date.weekday().num_days_from_sunday() as i64 != slot.day_of_week {
                    continue;
                }
                let wall = date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(wanted));
                for m in -(26 * 60)..=(26 * 60) {
                    let t = c.scheduled_start.checked_add(Duration::minutes(m)).unwrap();
                    prop_assert_ne!(zone.local(t), wall, "{} exists but the session starts at {}", wall, local);
                }
                // It moved forward by the length of the gap: the clock's jump just before it.
                let jump = (1..=180).find_map(|m| {
                    let t = c.scheduled_start.checked_add(Duration::minutes(-m)).unwrap();
                    let step = zone.local(t.checked_add(Duration::minutes(1)).unwrap()) - zone.local(t);
                    (step > Duration::minutes(1)).then(|| step - Duration::minutes(1))
                });
                prop_assert_eq!(Some(local - wall), jump, "{} moved to {}", wall, local);
            }
        }
    }

    /// §3.1: consecutive windows tile time: planning `a + b` weeks creates exactly what
    /// planning `a` weeks and then the next `b` weeks create.
    #[test]
    fn consecutive_windows_tile_time(s in snapshot(), now in instant(), a in 1i64..=6, b in 1i64..=6) {
        let whole = run(&s, now, a + b);
        let first = run(&s, now, a);
        let second = run(&s, week_later(now.truncate_to_millis(), a), b);
        let mut parts: Vec<Create> = first.create.into_iter().chain(second.create).collect();
        parts.sort_by(|x, y| (&x.class_id, x.scheduled_start, &x.time_slot_id).cmp(&(&y.class_id, y.scheduled_start, &y.time_slot_id)));
        prop_assert_eq!(parts, whole.create);
    }

    /// §4, R25: planning the classes in two batches and joining the plans with `merge` gives
    /// the plan of all of them (a storage layer's batches cannot change the answer).
    #[test]
    fn batches_merged_equal_the_whole(s in snapshot(), now in instant(), weeks in 1i64..=8, split in 0usize..4) {
        // Give some planned sessions' tutors a session elsewhere (a class no batch holds) at
        // the same time, so that R25 must look beyond each batch's own rows.
        let mut s = s;
        let first_plan = run(&s, now, weeks);
        for (i, c) in first_plan.create.iter().enumerate().filter(|(i, c)| i % 3 == 0 && c.tutor_id.is_some()) {
            s.existing_sessions.push(ExistingSession {
                id: format!("elsewhere{i}"), class_id: "elsewhere".into(),
                tutor_id: c.tutor_id.as_deref().map(str::to_owned), subject: "Autre".into(),
                scheduled_start: c.scheduled_start,
                scheduled_end: c.scheduled_start.checked_add(Duration::minutes(30)).unwrap(),
                status: "CONFIRMED".into(), price: None, cancellation_reason: None });
        }
        let whole = run(&s, now, weeks);
        let ids: Vec<String> = s.classes.iter().map(|c| c.id.clone()).collect();
        let first: std::collections::BTreeSet<&String> = ids.iter().take(split).collect();
        let part = |mine: bool| {
            let keep = |class: &String| first.contains(class) == mine;
            let slots_of: std::collections::BTreeSet<String> = s.time_slots.iter()
                .filter(|t| keep(&t.class_id)).map(|t| t.id.clone()).collect();
            let mut p = s.clone();
            p.classes.retain(|c| keep(&c.id));
            p.time_slots.retain(|t| keep(&t.class_id));
            p.slot_cancellations.retain(|x| slots_of.contains(&x.time_slot_id));
            p.tutor_assignments.retain(|a| keep(&a.class_id));
            p.existing_sessions.retain(|e| keep(&e.class_id));
            run(&p, now, weeks)
        };
        let merged = genova_sessions_core::merge(whole.window, [part(true), part(false)], &s.existing_sessions);
        prop_assert_eq!(merged.to_json_line(), whole.to_json_line());
    }
}

proptest! {
    /// R24: the tutor warnings are exactly the findings joined per (class, slot, code,
    /// assignment, tutor), and every finding names a planned session.
    #[test]
    fn findings_join_into_the_tutor_warnings(s in snapshot(), now in instant(), weeks in 1i64..=8) {
        use genova_sessions_core::WarningCode;
        use std::collections::BTreeSet;
        let p = run(&s, now, weeks);
        let key = |code: WarningCode, class: &str, slot: Option<&str>, a: Option<&str>, t: Option<&str>| {
            (code.as_str(), class.to_owned(), slot.map(str::to_owned), a.map(str::to_owned), t.map(str::to_owned))
        };
        let tutor_codes = [WarningCode::TutorNotFound, WarningCode::TutorDoubleBooked, WarningCode::TutorUnavailable];
        let warned: BTreeSet<_> = p.warnings.iter().filter(|w| tutor_codes.contains(&w.code))
            .map(|w| key(w.code, &w.class_id, w.time_slot_id.as_deref(), w.assignment_id.as_deref(), w.tutor_id.as_deref()))
            .collect();
        let found: BTreeSet<_> = p.findings.iter()
            .map(|f| key(f.code, &f.class_id, Some(&f.time_slot_id), f.assignment_id.as_deref(), f.tutor_id.as_deref()))
            .collect();
        prop_assert_eq!(warned, found);
        for f in &p.findings {
            prop_assert!(p.create.iter().any(|c| c.class_id == f.class_id && c.time_slot_id == f.time_slot_id
                && c.scheduled_start == f.scheduled_start && c.scheduled_end == f.scheduled_end));
        }
    }
}
