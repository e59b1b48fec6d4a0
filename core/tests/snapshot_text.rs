//! The snapshot read straight from text (`Snapshot::from_json_str`, `regular_snapshot`,
//! `regular_snapshot_file`) against R1's one reading, `json::parse` + `Snapshot::from_value`:
//! on JSON texts whose fields are each absent, well formed, `null`, of another type, given
//! twice or malformed, the fast road returns the same snapshot or gives up, and
//! `from_json_str` returns the same snapshot or the same first error.

use genova_sessions_core::{json, regular_snapshot, regular_snapshot_file, Snapshot};
use proptest::prelude::*;
use serde_json::Value;

/// Values a field may take: well formed ones for every type the rows use, and wrong ones.
const VALUES: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "1",
    "-3",
    "1.0",
    "1e0",
    "99999999999999999999999",
    "12.5",
    "1e3",
    "\"\"",
    "\"x\"",
    "\"c1\"",
    "\"s1\"",
    "\"t1\"",
    "\"Maths\"",
    "\"a\\\"b\\u00e9\"",
    "\"14:00\"",
    "\"16:00\"",
    "\"24:00\"",
    "\"ACCEPTED\"",
    "\"CANCELLED\"",
    "\"ROUND_ROBIN\"",
    "\"Africa/Douala\"",
    "\"2026-11-30T13:00:00Z\"",
    "\"2026-11-30T14:00:00.000+01:00\"",
    "\"2026-02-30T00:00:00Z\"",
    "\"5000.00\"",
    "\"-0.5\"",
    "\"1e3\"",
    "[]",
    "{}",
    "[1,2]",
    "{\"a\":[{}]}",
];

/// A row's fields, each with the index of a value usually right for it.
const CLASS: &[(&str, usize)] = &[
    ("id", 13),
    ("name", 12),
    ("isActive", 1),
    ("timezone", 24),
    ("memberCount", 4),
    ("defaultHourlyRate", 28),
];
const SLOT: &[(&str, usize)] = &[
    ("id", 14),
    ("classId", 13),
    ("subject", 16),
    ("dayOfWeek", 4),
    ("startTime", 18),
    ("endTime", 19),
    ("isActive", 1),
    ("createdAt", 25),
];
const CANCELLATION: &[(&str, usize)] = &[
    ("id", 12),
    ("timeSlotId", 14),
    ("weekStart", 25),
    ("reason", 17),
];
const ASSIGNMENT: &[(&str, usize)] = &[
    ("id", 12),
    ("classId", 13),
    ("timeSlotId", 14),
    ("subject", 16),
    ("tutorId", 15),
    ("recurrencePattern", 23),
    ("recurrenceConfig", 34),
    ("startDate", 26),
    ("endDate", 25),
    ("status", 21),
    ("isActive", 1),
    ("createdAt", 25),
];
const TUTOR: &[(&str, usize)] = &[("id", 15), ("hourlyRate", 28), ("availability", 0)];
const AVAILABILITY: &[(&str, usize)] = &[
    ("dayOfWeek", 4),
    ("specificDate", 25),
    ("startTime", 18),
    ("endTime", 20),
    ("isRecurring", 1),
    ("isActive", 1),
];
const SESSION: &[(&str, usize)] = &[
    ("id", 12),
    ("classId", 13),
    ("tutorId", 15),
    ("subject", 16),
    ("scheduledStart", 25),
    ("scheduledEnd", 26),
    ("status", 22),
    ("price", 29),
    ("cancellationReason", 17),
];

/// How one field is written: mostly right, sometimes anything from [`VALUES`].
#[derive(Clone, Debug)]
enum Pick {
    Right,
    Absent,
    Other(usize),
    Twice(usize),
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        200 => Just(Pick::Right),
        1 => Just(Pick::Absent),
        1 => (0..VALUES.len()).prop_map(Pick::Other),
        1 => (0..VALUES.len()).prop_map(Pick::Twice),
    ]
}

/// A row's text: an object with its fields picked, maybe an unknown field, or not an object.
fn row(fields: &'static [(&'static str, usize)]) -> impl Strategy<Value = String> {
    (
        prop::collection::vec(pick(), fields.len()),
        prop::option::of(0..VALUES.len()),
        0..100u8,
        prop::collection::vec(prop::collection::vec(pick(), AVAILABILITY.len()), 0..3),
    )
        .prop_map(move |(picks, unknown, shape, nested)| {
            if shape == 0 {
                return "[\"c1\", true]".to_owned();
            }
            let mut parts = Vec::new();
            for (&(name, right), pick) in fields.iter().zip(&picks) {
                let value = |i: usize| VALUES[i].to_owned();
                let right = if name == "id" {
                    "\"@\"".to_owned()
                } else if name == "availability" {
                    let rows: Vec<String> =
                        nested.iter().map(|p| object(AVAILABILITY, p)).collect();
                    format!("[{}]", rows.join(","))
                } else {
                    value(right)
                };
                match pick {
                    Pick::Right => parts.push(format!("\"{name}\":{right}")),
                    Pick::Absent => {}
                    Pick::Other(i) => parts.push(format!("\"{name}\":{}", value(*i))),
                    Pick::Twice(i) => {
                        parts.push(format!("\"{name}\":{}", value(*i)));
                        parts.push(format!("\"{name}\":{right}"));
                    }
                }
            }
            if let Some(i) = unknown {
                parts.push(format!("\"extra\":{}", VALUES[i]));
            }
            format!("{{{}}}", parts.join(","))
        })
}

/// An availability entry's text (its fields picked, never given twice).
fn object(fields: &[(&str, usize)], picks: &[Pick]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .zip(picks)
        .filter_map(|(&(name, right), pick)| match pick {
            Pick::Absent => None,
            Pick::Right => Some(format!("\"{name}\":{}", VALUES[right])),
            Pick::Other(i) | Pick::Twice(i) => Some(format!("\"{name}\":{}", VALUES[*i])),
        })
        .collect();
    format!("{{{}}}", parts.join(","))
}

/// A list's text: absent, `null`, not a list, or rows.
fn list(
    name: &'static str,
    fields: &'static [(&'static str, usize)],
) -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        4 => Just(None),
        2 => Just(Some(format!("\"{name}\":null"))),
        1 => Just(Some(format!("\"{name}\":{{}}"))),
        40 => prop::collection::vec(row(fields), 0..4).prop_map(move |rows| {
            // Ids told apart by position, unless a row's id was picked otherwise.
            let rows: Vec<String> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| r.replacen("\"id\":\"@\"", &format!("\"id\":\"{name}{i}\""), 1))
                .collect();
            Some(format!("\"{name}\":[{}]", rows.join(",")))
        }),
    ]
}

/// A snapshot's text.
fn snapshot_text() -> impl Strategy<Value = String> {
    (
        list("classes", CLASS),
        list("timeSlots", SLOT),
        list("slotCancellations", CANCELLATION),
        list("tutorAssignments", ASSIGNMENT),
        list("tutors", TUTOR),
        list("existingSessions", SESSION),
        prop::option::of(0..VALUES.len()),
    )
        .prop_map(|(a, b, c, d, e, f, extra)| {
            let mut parts: Vec<String> = [a, b, c, d, e, f].into_iter().flatten().collect();
            if let Some(i) = extra {
                parts.push(format!("\"options\":{}", VALUES[i]));
            }
            format!("{{{}}}", parts.join(","))
        })
}

/// R1's one reading: the snapshot, or the first error's text.
fn general(text: &str) -> Result<Snapshot, String> {
    let value = json::parse(text).map_err(|e| e.to_string())?;
    Snapshot::from_value(&value).map_err(|e| e.to_string())
}

proptest! {
    #[test]
    fn the_fast_road_reads_what_from_value_reads(text in snapshot_text()) {
        let expected = general(&text);
        if let Some(fast) = regular_snapshot(&text) {
            let fast = fast.check_unique_ids().map(|()| fast).map_err(|e| e.to_string());
            prop_assert_eq!(&fast, &expected, "{}", text);
        }
        let read = Snapshot::from_json_str(&text).map_err(|e| e.to_string());
        prop_assert_eq!(read, expected, "{}", text);
    }

    #[test]
    fn a_wrapped_file_reads_as_its_snapshot(text in snapshot_text(), options in 0..VALUES.len()) {
        let file = format!("{{\"options\":{},\"snapshot\":{text}}}", VALUES[options]);
        let deepest = json::scan_text_limits(&file, json::MAX_DEPTH + 1).unwrap();
        if let Some(read) = regular_snapshot_file(&file, deepest) {
            let expected_options = match serde_json::from_str::<Value>(VALUES[options]).unwrap() {
                Value::Object(map) => map,
                Value::Null => serde_json::Map::new(),
                other => panic!("options {other} were read"),
            };
            prop_assert_eq!(read.options, expected_options);
            let snapshot = read.snapshot.check_unique_ids().map(|()| read.snapshot);
            prop_assert_eq!(snapshot.map_err(|e| e.to_string()), general(&text));
        }
        // A bare snapshot file is its own snapshot; its `options` field is ignored.
        let deepest = json::scan_text_limits(&text, json::MAX_DEPTH + 1).unwrap();
        if let Some(read) = regular_snapshot_file(&text, deepest) {
            prop_assert!(read.options.is_empty());
            let snapshot = read.snapshot.check_unique_ids().map(|()| read.snapshot);
            prop_assert_eq!(snapshot.map_err(|e| e.to_string()), general(&text));
        }
    }
}

#[test]
fn regular_text_takes_the_fast_road() {
    let text = r#"{"classes":[{"id":"c1","isActive":true,"memberCount":3,"timezone":null}],
        "tutors":[{"id":"t1","hourlyRate":12.5,"availability":[{"dayOfWeek":1,
        "startTime":"08:00","endTime":"24:00","isRecurring":true,"isActive":true}]}],
        "existingSessions":[{"id":"e1","classId":"c1","subject":"M\u00e9","status":"X",
        "scheduledStart":"2026-11-30T13:00:00Z","scheduledEnd":"2026-11-30T14:00:00+01:00",
        "price":"1e3","cancellationReason":7}]}"#;
    // "1e3" as a string is not an amount (R3): the general road reports it.
    assert!(regular_snapshot(text).is_none());
    assert!(Snapshot::from_json_str(text).is_err());
    let text = text.replace("\"1e3\"", "1e3");
    let fast = regular_snapshot(&text).expect("regular");
    assert_eq!(Ok(fast), general(&text));
}

#[test]
fn too_deep_unknown_fields_go_the_general_way() {
    let deep = "[".repeat(64) + &"]".repeat(64);
    let text = format!("{{\"extra\":{deep}}}");
    let deepest = json::scan_text_limits(&text, json::MAX_DEPTH + 1).unwrap();
    assert_eq!(deepest, 65);
    assert!(regular_snapshot_file(&text, deepest).is_none());
    let wrapped = format!("{{\"snapshot\":{{}},\"extra\":{deep}}}");
    assert!(regular_snapshot_file(&wrapped, deepest).is_some());
}

#[test]
fn a_snapshot_key_in_a_bare_snapshot_is_ignored() {
    for inner in [
        "{}",
        "{\"classes\":[{\"id\":\"c9\",\"isActive\":true}]}",
        "null",
        "[1]",
        "7",
    ] {
        let text =
            format!("{{\"snapshot\":{inner},\"classes\":[{{\"id\":\"c1\",\"isActive\":true}}]}}");
        let expected = general(&text);
        assert_eq!(expected.as_ref().map(|s| s.classes.len()), Ok(1));
        if let Some(fast) = regular_snapshot(&text) {
            assert_eq!(Ok(fast), expected, "{text}");
        }
        assert_eq!(
            Snapshot::from_json_str(&text).map_err(|e| e.to_string()),
            expected
        );
    }
}
