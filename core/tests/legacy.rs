//! Properties of §3.9 (R27–R30): rows the old generator wrote at server-time positions.
//!
//! The fixture writes rows the way the old TypeScript generator did — each occurrence's wall
//! times read in the server's zone, with the tutor the plan gives that occurrence — computed
//! here with chrono-tz directly (the compatible rule by hand), never by asking the engine.

mod support;

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use genova_sessions_core::{
    plan, ConflictKind, ExistingSession, Instant, Money, Options, Plan, Snapshot, TimeSlot,
};
use proptest::prelude::*;
use support::arbitrary::{self, assignment, class, instant, snapshot, tutor};

/// Zones an old API server may have run in.
const SERVER_ZONES: [&str; 6] = [
    "UTC",
    "Europe/Paris",
    "America/New_York",
    "Asia/Kolkata",
    "Africa/Douala",
    "Africa/Dakar",
];

fn options(now: Instant, weeks: i64, legacy: Option<&str>) -> Options {
    Options {
        legacy_timezone: legacy.map(str::to_owned),
        ..Options::new(now, weeks)
    }
}

fn minutes(t: &str) -> i64 {
    t[0..2].parse::<i64>().unwrap() * 60 + t[3..5].parse::<i64>().unwrap()
}

/// The compatible rule, by hand: the earliest instant showing `wall`, or, in a gap, `wall`
/// read with the offset in force before it. Returns the instant and whether it was a gap.
fn resolve(tz: Tz, wall: NaiveDateTime) -> (DateTime<Utc>, bool) {
    match tz.from_local_datetime(&wall) {
        chrono::LocalResult::Single(t) => (t.with_timezone(&Utc), false),
        chrono::LocalResult::Ambiguous(a, b) => (a.min(b).with_timezone(&Utc), false),
        chrono::LocalResult::None => {
            let before = tz
                .offset_from_utc_datetime(&(wall - Duration::hours(30)))
                .fix();
            let utc = wall - Duration::seconds(i64::from(before.local_minus_utc()));
            (Utc.from_utc_datetime(&utc), true)
        }
    }
}

/// Where the old generator, running in `server`, stored the occurrence of `slot` that
/// starts at `start` in the class zone `zone`: the slot's wall times on the occurrence's
/// local date, read in `server`.
fn old_generator_instants(
    slot: &TimeSlot,
    zone: Tz,
    start: Instant,
    server: Tz,
) -> (Instant, Instant) {
    let local = zone.from_utc_datetime(&start.utc()).date_naive();
    // The generating date has the slot's weekday (a gap can push the start past midnight).
    let d = if i64::from(local.weekday().num_days_from_sunday()) == slot.day_of_week {
        local
    } else {
        local - Duration::days(1)
    };
    let (s, e) = (minutes(&slot.start_time), minutes(&slot.end_time));
    let nominal = if e > s { e - s } else { e + 1440 - s };
    let start_wall = d.and_time(NaiveTime::MIN) + Duration::minutes(s);
    let end_wall = start_wall + Duration::minutes(nominal);
    let (from, gap) = resolve(server, start_wall);
    let to = if gap {
        from + Duration::minutes(nominal)
    } else {
        resolve(server, end_wall).0
    };
    (
        Instant::from_utc(from.naive_utc()),
        Instant::from_utc(to.naive_utc()),
    )
}

/// What the old generator did with one occurrence.
#[derive(Clone, Copy, Debug)]
enum Old {
    /// One row, `PENDING` or `CONFIRMED` as the plan gives it.
    Row,
    /// One row, cancelled since.
    Cancelled,
    /// Its row, and a correct copy written since (the same booking twice).
    WithCorrectCopy,
}

fn old_choice() -> impl Strategy<Value = Old> {
    prop_oneof![6 => Just(Old::Row), 1 => Just(Old::Cancelled), 1 => Just(Old::WithCorrectCopy)]
}

fn row(
    id: String,
    c: &genova_sessions_core::Create,
    at: (Instant, Instant),
    status: &str,
) -> ExistingSession {
    ExistingSession {
        id,
        class_id: c.class_id.to_string(),
        tutor_id: c.tutor_id.as_deref().map(str::to_owned),
        subject: c.subject.to_string(),
        scheduled_start: at.0,
        scheduled_end: at.1,
        status: status.into(),
        price: Money::parse_str(&c.price),
        cancellation_reason: None,
    }
}

/// The rows the old generator, running in `server`, wrote for every occurrence `base`
/// creates, each as `choices` says (cycled); returns them with each occurrence's legacy
/// instants.
fn old_generator_rows(
    s: &Snapshot,
    base: &Plan,
    server: &str,
    choices: &[Old],
) -> (Vec<ExistingSession>, Vec<(Instant, Instant)>) {
    let server: Tz = server.parse().unwrap();
    let mut rows = Vec::new();
    let mut legacy = Vec::new();
    for (i, c) in base.create.iter().enumerate() {
        let slot = s
            .time_slots
            .iter()
            .find(|t| *t.id == *c.time_slot_id)
            .unwrap();
        let class = s.classes.iter().find(|k| *k.id == *c.class_id).unwrap();
        let zone: Tz = class.timezone.as_deref().unwrap().parse().unwrap();
        let at = old_generator_instants(slot, zone, c.scheduled_start, server);
        legacy.push(at);
        let status = match choices[i % choices.len()] {
            Old::Cancelled => "CANCELLED",
            _ => c.status.as_str(),
        };
        rows.push(row(format!("old{i:05}"), c, at, status));
        if let Old::WithCorrectCopy = choices[i % choices.len()] {
            rows.push(row(
                format!("new{i:05}"),
                c,
                (c.scheduled_start, c.scheduled_end),
                "CONFIRMED",
            ));
        }
    }
    (rows, legacy)
}

/// One class whose slots (at most one a day, on Monday, Wednesday and Friday, at most three
/// hours long) are far enough apart that no old row, shifted by any server zone's offset,
/// reaches another occurrence.
fn spaced_class() -> impl Strategy<Value = Snapshot> {
    let zone = prop_oneof![
        prop::sample::select(
            arbitrary::FIXED_ZONES
                .iter()
                .map(|z| z.0)
                .collect::<Vec<_>>()
        ),
        prop::sample::select(vec!["America/New_York", "Europe/Paris"]),
    ];
    let slot = (0u16..1440, 1u16..=180);
    (
        zone,
        prop::collection::vec(prop::option::of(slot), 3),
        1usize..4,
    )
        .prop_map(|(zone, slots, tutors)| {
            let mut s = Snapshot::default();
            s.classes.push(class("c1", zone, 2));
            for (i, slot) in slots.into_iter().enumerate() {
                let Some((start, len)) = slot else { continue };
                let end = (start + len) % 1440;
                let end = if end == 0 {
                    "24:00".to_owned()
                } else {
                    arbitrary::hhmm(end)
                };
                s.time_slots.push(TimeSlot {
                    id: format!("s{i}"),
                    class_id: "c1".into(),
                    subject: if i == 1 { "Physique" } else { "Maths" }.into(),
                    day_of_week: 1 + 2 * i as i64,
                    start_time: arbitrary::hhmm(start),
                    end_time: end,
                    is_active: true,
                    created_at: None,
                });
            }
            let created = Instant::parse("2025-09-01T08:00:00Z").unwrap();
            for t in 0..tutors {
                s.tutors.push(tutor(&format!("t{t}"), "2500.50"));
                for subject in ["Maths", "Physique"] {
                    s.tutor_assignments.push(assignment(
                        &format!("a{t}{subject}"),
                        "c1",
                        None,
                        subject,
                        &format!("t{t}"),
                        ("ROUND_ROBIN", None),
                        created,
                    ));
                }
            }
            s
        })
}

proptest! {
    /// R27–R29: over the rows the old generator wrote, planning with its zone creates none of
    /// the occurrences they cover and reports no OTHER_TIMES conflict; each PENDING/CONFIRMED
    /// row shifted from its occurrence is a move from where it was to where it belongs, a
    /// cancelled one stands as CANCELLED_SESSION, and a row beside a correct copy is a
    /// LEGACY_DUPLICATE. Without the option the same rows give the conflicts of issue 11.
    #[test]
    fn old_generator_rows_are_recognised(
        s in spaced_class(),
        server in prop::sample::select(SERVER_ZONES.to_vec()),
        choices in prop::collection::vec(old_choice(), 1..8),
        now in instant(),
        weeks in 1i64..=8,
    ) {
        let base = plan(&s, &Options::new(now, weeks)).unwrap();
        let (rows, legacy) = old_generator_rows(&s, &base, server, &choices);
        let mut with_rows = s.clone();
        with_rows.existing_sessions = rows;
        let p = plan(&with_rows, &options(now, weeks, Some(server))).unwrap();
        prop_assert!(p.create.is_empty(), "created beside old rows: {:?}", p.create);
        prop_assert!(p.conflicts.iter().all(|c| c.kind != ConflictKind::OtherTimes), "{:?}", p.conflicts);
        let mut moves = 0;
        for (i, (c, at)) in base.create.iter().zip(&legacy).enumerate() {
            let shifted = *at != (c.scheduled_start, c.scheduled_end);
            let id = format!("old{i:05}");
            let choice = choices[i % choices.len()];
            let moved = p.moves.iter().find(|m| *m.session_id == *id);
            let conflicts: Vec<_> = p.conflicts.iter().filter(|x| *x.session_id == *id).collect();
            match (choice, shifted) {
                (Old::Row, true) => {
                    let m = moved.expect("a move");
                    prop_assert_eq!((m.from_start, m.from_end), *at);
                    prop_assert_eq!((m.scheduled_start, m.scheduled_end), (c.scheduled_start, c.scheduled_end));
                    prop_assert_eq!(&m.time_slot_id, &c.time_slot_id);
                    moves += 1;
                }
                (Old::Cancelled, true) => {
                    prop_assert!(moved.is_none());
                    prop_assert_eq!(conflicts.len(), 1);
                    prop_assert_eq!(conflicts[0].kind, ConflictKind::CancelledSession);
                    prop_assert_eq!(conflicts[0].scheduled_start, c.scheduled_start);
                }
                (Old::WithCorrectCopy, true) => {
                    prop_assert!(moved.is_none());
                    let copy = format!("new{i:05}");
                    prop_assert!(p.existing.iter().any(|e| *e.session_id == *copy));
                    prop_assert_eq!(conflicts.len(), 1);
                    prop_assert_eq!(conflicts[0].kind, ConflictKind::LegacyDuplicate);
                }
                (_, false) => {
                    // The server's zone agreed with the class's that day: an ordinary row.
                    prop_assert!(moved.is_none());
                }
            }
        }
        prop_assert_eq!(p.moves.len(), moves);
        prop_assert_eq!(p.summary.legacy_moves, moves as u64);
        // Without the option the shifted rows are ordinary sessions: none is moved.
        let off = plan(&with_rows, &Options::new(now, weeks)).unwrap();
        prop_assert!(off.moves.is_empty());
    }

    /// §3.6, R30: applying a plan — its creates inserted, its moves written — and planning
    /// again creates and moves nothing, whatever the snapshot and the server's zone.
    #[test]
    fn replanning_after_moves_and_creates_does_nothing(
        s in snapshot(),
        server in prop::sample::select(SERVER_ZONES.to_vec()),
        choices in prop::collection::vec(old_choice(), 1..8),
        now in instant(),
        weeks in 1i64..=8,
    ) {
        let base = plan(&s, &Options::new(now, weeks)).unwrap();
        let (rows, _) = old_generator_rows(&s, &base, server, &choices);
        let mut applied = s.clone();
        applied.existing_sessions = rows;
        let first = plan(&applied, &options(now, weeks, Some(server))).unwrap();
        for m in &first.moves {
            let r = applied.existing_sessions.iter_mut().find(|r| *r.id == *m.session_id).unwrap();
            prop_assert_eq!((r.scheduled_start, r.scheduled_end), (m.from_start, m.from_end));
            (r.scheduled_start, r.scheduled_end) = (m.scheduled_start, m.scheduled_end);
        }
        for (i, c) in first.create.iter().enumerate() {
            applied.existing_sessions.push(row(format!("created{i:05}"), c, (c.scheduled_start, c.scheduled_end), c.status.as_str()));
        }
        let second = plan(&applied, &options(now, weeks, Some(server))).unwrap();
        prop_assert!(second.create.is_empty(), "created again: {:?}", second.create);
        prop_assert!(second.moves.is_empty(), "moved again: {:?}", second.moves);
        prop_assert_eq!(second.existing.len(), first.existing.len() + first.create.len() + first.moves.len());
    }

    /// §4, R25, R28: with old rows present, the classes planned in two batches and joined
    /// with `merge` (as the CLI does) give the plan of all of them.
    #[test]
    fn batches_merged_equal_the_whole_with_old_rows(
        s in snapshot(),
        server in prop::sample::select(SERVER_ZONES.to_vec()),
        choices in prop::collection::vec(old_choice(), 1..8),
        now in instant(),
        weeks in 1i64..=8,
        split in 0usize..4,
    ) {
        let base = plan(&s, &Options::new(now, weeks)).unwrap();
        let (rows, _) = old_generator_rows(&s, &base, server, &choices);
        let mut s = s;
        s.existing_sessions = rows;
        let o = options(now, weeks, Some(server));
        let whole = plan(&s, &o).unwrap();
        let first: std::collections::BTreeSet<String> = s.classes.iter().take(split).map(|c| c.id.clone()).collect();
        let part = |mine: bool| {
            let keep = |class: &String| first.contains(class) == mine;
            let mut p = s.clone();
            p.classes.retain(|c| keep(&c.id));
            p.time_slots.retain(|t| keep(&t.class_id));
            let slots: std::collections::BTreeSet<String> = p.time_slots.iter().map(|t| t.id.clone()).collect();
            p.slot_cancellations.retain(|x| slots.contains(&x.time_slot_id));
            p.tutor_assignments.retain(|a| keep(&a.class_id));
            p.existing_sessions.retain(|e| keep(&e.class_id));
            plan(&p, &o).unwrap()
        };
        let merged = genova_sessions_core::merge(whole.window, [part(true), part(false)], &s.existing_sessions);
        prop_assert_eq!(merged.to_json_line(), whole.to_json_line());
    }
}

proptest! {
    /// §4: the plan does not depend on the order of the existing sessions (old rows, correct
    /// copies and cancelled rows mixed), with the option on or off.
    #[test]
    fn output_is_independent_of_the_order_of_existing_sessions(
        (s, server, choices, now, weeks, order) in (
            snapshot(),
            prop::sample::select(SERVER_ZONES.to_vec()),
            prop::collection::vec(old_choice(), 1..8),
            instant(),
            1i64..=8,
        ).prop_flat_map(|(s, server, choices, now, weeks)| {
            let base = plan(&s, &Options::new(now, weeks)).unwrap();
            let (rows, _) = old_generator_rows(&s, &base, server, &choices);
            let order = Just((0..rows.len()).collect::<Vec<_>>()).prop_shuffle();
            let mut s = s;
            s.existing_sessions = rows;
            (Just(s), Just(server), Just(choices), Just(now), Just(weeks), order)
        }),
    ) {
        let _ = choices;
        let mut shuffled = s.clone();
        shuffled.existing_sessions = order.iter().map(|&i| s.existing_sessions[i].clone()).collect();
        for legacy in [None, Some(server)] {
            let o = options(now, weeks, legacy);
            prop_assert_eq!(plan(&s, &o).unwrap().to_json_line(), plan(&shuffled, &o).unwrap().to_json_line());
        }
    }
}
