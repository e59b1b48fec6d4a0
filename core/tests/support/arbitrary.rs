//! proptest strategies for snapshots: small classes in zones with and without DST, slots on
//! any day and time (crossing midnight, ending at 24:00), assignments of every pattern,
//! cancellations and `now` values near DST changes.

#![allow(dead_code)]

use genova_sessions_core::{
    Class, Instant, Money, SlotCancellation, Snapshot, TimeSlot, Tutor, TutorAssignment,
};
use proptest::prelude::*;
use serde_json::json;

/// Zones whose UTC offset never changes in 2025–2029.
pub const FIXED_ZONES: [(&str, i64); 5] = [
    ("UTC", 0),
    ("Africa/Douala", 60),
    ("Africa/Dakar", 0),
    ("Asia/Kolkata", 330),
    ("America/Sao_Paulo", -180),
];

/// Zones with daylight-saving time (and odd offsets).
pub const DST_ZONES: [&str; 5] = [
    "America/New_York",
    "Europe/Paris",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
];

pub fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A valid (start, end) wall-clock pair: any start (often between 00:00 and 03:30, where DST
/// changes happen), any end other than the start, or 24:00.
pub fn wall_pair() -> impl Strategy<Value = (String, String)> {
    let start = prop_oneof![0u16..1440, 0u16..210];
    let len = prop_oneof![1u16..1440, 1u16..150];
    (start, len, prop::bool::weighted(0.1)).prop_map(|(start, len, full)| {
        let end = if full {
            "24:00".to_owned()
        } else {
            hhmm((start + len) % 1440)
        };
        let end = if end == hhmm(start) {
            "24:00".to_owned()
        } else {
            end
        };
        (hhmm(start), end)
    })
}

/// Days of DST changes in 2026 in the zones of [`DST_ZONES`].
const DST_DAYS: [(i32, u32, u32); 9] = [
    (2026, 3, 8),
    (2026, 11, 1),
    (2026, 3, 29),
    (2026, 10, 25),
    (2026, 4, 5),
    (2026, 10, 4),
    (2026, 9, 27),
    (2026, 9, 6),
    (2027, 3, 14),
];

/// An instant at a whole minute: between 2025-06 and 2028-06, or within three weeks before
/// a DST change.
pub fn instant() -> impl Strategy<Value = Instant> {
    let anywhere = (0i64..(3 * 365 * 1440)).prop_map(|m| {
        let base = chrono::NaiveDate::from_ymd_opt(2025, 6, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        Instant::from_utc(base + chrono::Duration::minutes(m))
    });
    let before_dst = (prop::sample::select(DST_DAYS.to_vec()), 0i64..(21 * 1440)).prop_map(
        |((y, m, d), back)| {
            let day = chrono::NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap();
            Instant::from_utc(day - chrono::Duration::minutes(back))
        },
    );
    prop_oneof![anywhere, before_dst]
}

pub fn slot(id: String, class_id: &str, subject: &str) -> impl Strategy<Value = TimeSlot> {
    let (class_id, subject) = (class_id.to_owned(), subject.to_owned());
    (0i64..7, wall_pair()).prop_map(move |(day, (start, end))| TimeSlot {
        id: id.clone(),
        class_id: class_id.clone(),
        subject: subject.clone(),
        day_of_week: day,
        start_time: start,
        end_time: end,
        is_active: true,
        created_at: None,
    })
}

pub fn class(id: &str, zone: &str, members: i64) -> Class {
    Class {
        id: id.to_owned(),
        name: None,
        is_active: true,
        timezone: Some(zone.to_owned()),
        member_count: members,
        default_hourly_rate: Money::parse_str("1500.00"),
    }
}

pub fn tutor(id: &str, rate: &str) -> Tutor {
    Tutor {
        id: id.to_owned(),
        hourly_rate: Money::parse_str(rate).unwrap(),
        availability: Vec::new(),
    }
}

/// An `ACCEPTED`, active, unbounded assignment of `tutor` to `slot` (or to `subject` when
/// `slot` is `None`) with a pattern and its config, created at `created_at`.
pub fn assignment(
    id: &str,
    class_id: &str,
    slot: Option<&str>,
    subject: &str,
    tutor: &str,
    (pattern, config): (&str, Option<serde_json::Value>),
    created_at: Instant,
) -> TutorAssignment {
    TutorAssignment {
        id: id.to_owned(),
        class_id: class_id.to_owned(),
        time_slot_id: slot.map(str::to_owned),
        subject: subject.to_owned(),
        tutor_id: tutor.to_owned(),
        recurrence_pattern: pattern.to_owned(),
        recurrence_config: config,
        start_date: None,
        end_date: None,
        status: "ACCEPTED".into(),
        is_active: true,
        created_at,
    }
}

/// A pattern with a usable config.
pub fn pattern() -> impl Strategy<Value = (String, Option<serde_json::Value>)> {
    prop_oneof![
        Just(("ROUND_ROBIN".to_owned(), None)),
        (1i64..4).prop_map(|n| (
            "CONSECUTIVE_DAYS".to_owned(),
            Some(json!({ "consecutiveDays": n }))
        )),
        prop::collection::vec(1i64..12, 1..4)
            .prop_map(|w| ("WEEKLY".to_owned(), Some(json!({ "weeks": w })))),
        (1i64..3).prop_map(|s| (
            "WEEKLY".to_owned(),
            Some(json!({ "pattern": "alternating", "startWeek": s }))
        )),
        Just(("MANUAL".to_owned(), None)),
    ]
}

/// A snapshot of 1–3 classes in any zone, 1–3 slots each, 0–4 assignments per class with
/// any pattern, optional bounds, slot- or subject-level, and some cancelled weeks.
pub fn snapshot() -> impl Strategy<Value = Snapshot> {
    let zone = prop_oneof![
        prop::sample::select(FIXED_ZONES.iter().map(|z| z.0).collect::<Vec<_>>()),
        prop::sample::select(DST_ZONES.to_vec()),
    ];
    let class_parts = (
        zone,
        0i64..30,
        prop::collection::vec((0i64..7, wall_pair(), any::<bool>()), 1..4),
        prop::collection::vec(
            (
                pattern(),
                0usize..4,
                instant(),
                prop::option::of((instant(), 0i64..400)),
                any::<bool>(),
                0usize..3,
            ),
            0..5,
        ),
        prop::collection::vec((0usize..3, instant()), 0..4),
    );
    prop::collection::vec(class_parts, 1..4).prop_map(|classes| {
        let mut s = Snapshot::default();
        let subjects = ["Maths", "Physique"];
        for t in 0..4 {
            s.tutors
                .push(tutor(&format!("t{t}"), &format!("{}.25", 1000 + 250 * t)));
        }
        for (ci, (zone, members, slots, assignments, cancels)) in classes.into_iter().enumerate() {
            let cid = format!("c{ci}");
            s.classes.push(class(&cid, zone, members));
            for (si, (day, (start, end), second_subject)) in slots.iter().enumerate() {
                s.time_slots.push(TimeSlot {
                    id: format!("{cid}s{si}"),
                    class_id: cid.clone(),
                    subject: subjects[usize::from(*second_subject)].to_owned(),
                    day_of_week: *day,
                    start_time: start.clone(),
                    end_time: end.clone(),
                    is_active: true,
                    created_at: None,
                });
            }
            for (ai, ((pattern, config), tutor_no, created, bounds, subject_level, slot_no)) in
                assignments.into_iter().enumerate()
            {
                let slot_no = slot_no % slots.len();
                let slot_id = format!("{cid}s{slot_no}");
                let subject = subjects[usize::from(slots[slot_no].2)];
                let mut a = assignment(
                    &format!("{cid}a{ai}"),
                    &cid,
                    (!subject_level).then_some(slot_id.as_str()),
                    subject,
                    &format!("t{tutor_no}"),
                    (&pattern, config),
                    created,
                );
                if let Some((from, days)) = bounds {
                    a.start_date = Some(from);
                    a.end_date = from.checked_add(chrono::Duration::days(days));
                }
                s.tutor_assignments.push(a);
            }
            for (xi, (slot_no, week_start)) in cancels.into_iter().enumerate() {
                s.slot_cancellations.push(SlotCancellation {
                    id: format!("{cid}x{xi}"),
                    time_slot_id: format!("{cid}s{}", slot_no % slots.len()),
                    week_start,
                    reason: None,
                });
            }
        }
        s
    })
}
