//! Snapshot JSON text → `plan_json`: never panics, hangs or grows without bound; a plan that
//! comes out is well formed (sorted lists, summary = list lengths, every start in the window,
//! every end after its start, moves only of shifted rows) and its JSON reads back. The fast
//! road from text to a snapshot (`regular_snapshot`) gives what the general one gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The first byte picks the options, so the fuzzer also explores windows and zones.
    let pick = data.first().copied().unwrap_or(0);
    let zones = ["UTC", "America/New_York", "Europe/Paris", "Australia/Lord_Howe", "Pacific/Chatham"];
    let nows = ["2026-03-01T00:00:00Z", "2026-10-20T12:34:56.789Z", "2027-04-03T14:09:00Z"];
    // Bit 7 of the second byte turns on the old generator's zone (§3.9), one of the same zones.
    let legacy = data.get(1).copied().unwrap_or(0);
    let options = json!({
        "now": nows[usize::from(pick) % nows.len()],
        "weeks": 1 + i64::from(pick % 9),
        "defaultTimezone": zones[usize::from(pick / 9) % zones.len()],
        "legacyTimezone": (legacy & 0x80 != 0).then(|| zones[usize::from(legacy) % zones.len()]),
    });
    use genova_sessions_core::{json as limits, regular_snapshot, Snapshot};
    if limits::check_text_limits(text, limits::MAX_DEPTH).is_ok() {
        if let Some(fast) = regular_snapshot(text) {
            let general = limits::parse(text).and_then(|v| Snapshot::from_value(&v));
            let fast = fast.check_unique_ids().map(|()| fast);
            assert_eq!(
                fast.map_err(|e| e.to_string()),
                general.map_err(|e| e.to_string())
            );
        }
    }
    let Ok(plan) = genova_sessions_core::plan_json(text, &options) else { return };
    let s = &plan.summary;
    assert_eq!(s.sessions_to_create as usize, plan.create.len());
    assert_eq!(s.existing_preserved as usize, plan.existing.len());
    assert_eq!(s.legacy_moves as usize, plan.moves.len());
    for m in &plan.moves {
        assert!(plan.window.start <= m.scheduled_start && m.scheduled_start < plan.window.end);
        assert!(m.scheduled_end > m.scheduled_start);
        assert!((m.from_start, m.from_end) != (m.scheduled_start, m.scheduled_end));
    }
    assert_eq!(s.conflicts as usize, plan.conflicts.len());
    assert_eq!(s.skipped_cancelled as usize, plan.skipped.len());
    assert_eq!(s.warnings as usize, plan.warnings.len());
    assert_eq!(s.errors as usize, plan.errors.len());
    for c in &plan.create {
        assert!(plan.window.start <= c.scheduled_start && c.scheduled_start < plan.window.end);
        assert!(c.scheduled_end > c.scheduled_start);
    }
    for pair in plan.create.windows(2) {
        let key = |c: &genova_sessions_core::Create| (c.class_id.clone(), c.scheduled_start, c.time_slot_id.clone());
        assert!(key(&pair[0]) <= key(&pair[1]));
    }
    let line = plan.to_json_line();
    let back: genova_sessions_core::Plan = serde_json::from_str(&line).expect("plan JSON reads back");
    // `findings` are not part of the JSON: compare what is.
    assert_eq!(back.to_json_line(), line);
});
