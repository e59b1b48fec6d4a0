//! The small parsers: `HH:MM` wall times (R8), RFC 3339 instants (R2), money (R3), zone names
//! (R6) and recurrence configs (R16). None may panic; what they accept must print back.
#![no_main]

use genova_sessions_core::{Instant, Money, Pattern, WallRange, WallTime, Zone};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(t) = WallTime::parse(text) {
        assert_eq!(t.to_string(), text);
    }
    if let Some(t) = WallTime::parse_end(text) {
        assert!(t.minutes() <= 1440);
    }
    let (a, b) = text.split_once('|').unwrap_or((text, ""));
    if let Ok(range) = WallRange::parse(a, b) {
        assert!((1..=1440).contains(&range.nominal_minutes()));
    }
    if let Some(t) = Instant::parse(text) {
        let printed = t.to_string();
        // Output is truncated to milliseconds; it must parse back to the truncated instant.
        assert_eq!(Instant::parse(&printed), Some(t.truncate_to_millis()));
    }
    if let Some(m) = Money::parse_str(text) {
        let _ = genova_sessions_core::price_text(Some(&m), 90 * 60_000, 3);
    }
    if let Some(m) = Money::parse_number(text) {
        let _ = genova_sessions_core::price_text(Some(&m), 90 * 60_000, 3);
    }
    if let Some(zone) = Zone::named(text) {
        assert_eq!(zone.name(), text);
    }
    if let Ok(config) = genova_sessions_core::json::parse(text) {
        for pattern in ["ROUND_ROBIN", "CONSECUTIVE_DAYS", "WEEKLY", "MANUAL", "X"] {
            let _ = Pattern::read(pattern, Some(&config));
        }
    }
});
