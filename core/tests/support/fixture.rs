//! A deterministic large snapshot for benchmarks and scale tests.

#![allow(dead_code)]

use serde_json::{json, Value};

const ZONES: [&str; 5] = [
    "Africa/Douala",
    "Africa/Dakar",
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",
];
const SUBJECTS: [&str; 5] = ["Mathématiques", "Physique", "Chimie", "Anglais", "Français"];

/// The options of the fixture: `now` is Monday 2027-01-04 00:00Z.
pub fn options(weeks: i64) -> Value {
    json!({ "now": "2027-01-04T00:00:00.000Z", "weeks": weeks, "defaultTimezone": "UTC" })
}

/// `classes` classes × `slots` weekly slots, `assignments` ROUND_ROBIN assignments per slot,
/// and about `existing_share` of the next 52 weeks' occurrences stored as existing sessions.
pub fn large_snapshot(
    classes: usize,
    slots: usize,
    assignments: usize,
    existing_share: f64,
) -> Value {
    let mut class_rows = Vec::new();
    let mut slot_rows = Vec::new();
    let mut assignment_rows = Vec::new();
    let mut tutor_rows = Vec::new();
    let mut existing = Vec::new();
    let tutors = classes * 4;
    for t in 0..tutors {
        // Every other tutor declares availability: weekdays 07:00–20:00, and a one-time
        // morning on one date, so R26 is exercised on half the sessions.
        let availability = if t % 2 == 0 {
            let mut entries: Vec<Value> = (0..7)
                .map(|d| json!({ "dayOfWeek": d, "specificDate": null, "startTime": "07:00", "endTime": "20:00", "isRecurring": true, "isActive": true }))
                .collect();
            entries.push(json!({ "dayOfWeek": null, "specificDate": "2027-03-10T00:00:00.000Z", "startTime": "08:00", "endTime": "12:00", "isRecurring": false, "isActive": true }));
            entries
        } else {
            Vec::new()
        };
        tutor_rows.push(json!({ "id": format!("t{t:05}"), "hourlyRate": format!("{}.50", 2000 + t % 7 * 500), "availability": availability }));
    }
    let every = if existing_share > 0.0 {
        (1.0 / existing_share).round() as usize
    } else {
        usize::MAX
    };
    let mut n = 0usize;
    for c in 0..classes {
        // Zones without DST keep the existing sessions' instants simple to compute here.
        let zone = ZONES[c % 2];
        let offset_hours: i64 = if zone == "Africa/Douala" { 1 } else { 0 };
        class_rows.push(
            json!({ "id": format!("c{c:04}"), "name": format!("Classe {c}"), "isActive": true,
            "timezone": zone, "memberCount": 5 + c % 20, "defaultHourlyRate": null }),
        );
        for s in 0..slots {
            let day = (s % 7) as i64;
            let hour = 7 + (s / 7) as i64 % 12;
            let id = format!("c{c:04}s{s:02}");
            let subject = SUBJECTS[s % SUBJECTS.len()];
            slot_rows.push(json!({ "id": id, "classId": format!("c{c:04}"), "subject": subject,
                "dayOfWeek": day, "startTime": format!("{hour:02}:00"), "endTime": format!("{hour:02}:50"),
                "isActive": true, "createdAt": "2026-09-01T08:00:00.000Z" }));
            for a in 0..assignments {
                assignment_rows.push(json!({ "id": format!("{id}a{a}"), "classId": format!("c{c:04}"),
                    "timeSlotId": id, "subject": subject, "tutorId": format!("t{:05}", (c * 4 + a + s) % tutors),
                    "recurrencePattern": "ROUND_ROBIN", "recurrenceConfig": null, "startDate": null,
                    "endDate": null, "status": "ACCEPTED", "isActive": true,
                    "createdAt": format!("2026-09-0{}T08:00:00.000Z", a + 1) }));
            }
            // 2027-01-04 is a Monday (dayOfWeek 1); week w's date for `day`:
            for w in 0..52i64 {
                n += 1;
                if n % every != 0 {
                    continue;
                }
                let days = w * 7 + (day + 6) % 7;
                let start = chrono_like(days, hour - offset_hours);
                let end = chrono_like_min(days, hour - offset_hours, 50);
                existing.push(json!({ "id": format!("e{n:07}"), "classId": format!("c{c:04}"), "tutorId": null,
                    "subject": subject, "scheduledStart": start, "scheduledEnd": end,
                    "status": "PENDING", "price": "0.00", "cancellationReason": null }));
            }
        }
    }
    json!({ "classes": class_rows, "timeSlots": slot_rows, "slotCancellations": [],
            "tutorAssignments": assignment_rows, "tutors": tutor_rows, "existingSessions": existing })
}

/// `2027-01-04T00:00Z + days + hours` as an RFC 3339 string.
fn chrono_like(days: i64, hours: i64) -> String {
    chrono_like_min(days, hours, 0)
}

fn chrono_like_min(days: i64, hours: i64, minutes: i64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let t = base
        + chrono::Duration::days(days)
        + chrono::Duration::hours(hours)
        + chrono::Duration::minutes(minutes);
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}
