//! The four §3.8 functions on fuzzed snapshots: never panic; results sorted, without duplicates.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(snapshot) = genova_sessions_core::json::parse(text) else { return };
    let options = json!({ "defaultTimezone": "Europe/Paris" });
    let ids = |v: &serde_json::Value, list: &str| -> Vec<String> {
        v[list].as_array().into_iter().flatten().filter_map(|r| r["id"].as_str().map(str::to_owned)).take(3).collect()
    };
    let now = "2026-10-20T00:00:00Z";
    for class in ids(&snapshot, "classes") {
        for subject in ["Maths", "Physique"] {
            let req = json!({ "classId": class, "subject": subject,
                              "scheduledStart": "2026-10-25T00:30:00Z", "scheduledEnd": "2026-10-25T02:30:00Z" });
            if let Ok(r) = genova_sessions_core::available_tutors_value(&snapshot, &req, Some(&options)) {
                assert!(r.tutor_ids.windows(2).all(|p| p[0] < p[1]));
            }
        }
    }
    for slot in ids(&snapshot, "timeSlots") {
        let req = json!({ "timeSlotId": slot, "now": now });
        if let Ok(r) = genova_sessions_core::cascade_slot_deactivated_value(&snapshot, &req, Some(&options)) {
            assert!(r.cancel.windows(2).all(|p| p[0].session_id < p[1].session_id));
        }
    }
    for cancellation in ids(&snapshot, "slotCancellations") {
        let req = json!({ "cancellationId": cancellation, "now": now });
        if let Ok(r) = genova_sessions_core::cascade_week_cancelled_value(&snapshot, &req, Some(&options)) {
            assert!(r.cancel.windows(2).all(|p| p[0].session_id < p[1].session_id));
        }
    }
    for tutor in ids(&snapshot, "tutors") {
        let req = json!({ "tutorId": tutor, "hourlyRate": "1234.5", "now": now });
        if let Ok(r) = genova_sessions_core::reprice_tutor_value(&snapshot, &req, Some(&options)) {
            assert!(r.updates.windows(2).all(|p| p[0].session_id < p[1].session_id));
        }
    }
});
