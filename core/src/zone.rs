//! Time zones: IANA lookup (R6) and the "compatible" rule for local wall times (§3.1, R9).

use chrono::{Duration, NaiveDateTime};

use crate::instant::Instant;
use crate::zone_table::{self, Local};

/// The version of the IANA time zone database compiled into this build (e.g. `"2025b"`).
///
/// Every surface (CLI, Node, WebAssembly) answers from this same data.
pub const TZDB_VERSION: &str = crate::tzdata::VERSION;

/// `wall − offset`: by chrono's offset arithmetic (a day at most), else by a duration.
fn minus_offset(wall: NaiveDateTime, offset_seconds: i32) -> NaiveDateTime {
    chrono::FixedOffset::east_opt(offset_seconds)
        .and_then(|o| wall.checked_sub_offset(o))
        .unwrap_or_else(|| wall - Duration::seconds(i64::from(offset_seconds)))
}

/// An IANA time zone from the compiled-in database (chrono-tz's data, see `zone_table`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(u16);

impl std::fmt::Debug for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Zone").field(&self.name()).finish()
    }
}

/// A wall time resolved to an instant by the compatible rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The instant.
    pub instant: Instant,
    /// Whether the wall time did not exist (a spring-forward gap) and was moved forward.
    pub in_gap: bool,
}

impl Zone {
    /// Looks up an IANA name, case-sensitively (R6): `"Africa/Douala"` is known,
    /// `"africa/douala"`, `""` and `"Mars/Olympus"` are not.
    ///
    /// ```
    /// use genova_sessions_core::Zone;
    /// assert!(Zone::named("Europe/Paris").is_some());
    /// assert!(Zone::named("europe/paris").is_none());
    /// assert!(Zone::named("").is_none());
    /// ```
    pub fn named(name: &str) -> Option<Zone> {
        zone_table::find(name).map(Zone)
    }

    /// UTC.
    pub fn utc() -> Zone {
        Zone::named("UTC").unwrap_or(Zone(0))
    }

    /// The zone's IANA name.
    pub fn name(self) -> &'static str {
        zone_table::name(self.0)
    }

    /// The local wall date and time of an instant in this zone.
    pub fn local(self, instant: Instant) -> NaiveDateTime {
        let utc = instant.utc();
        let offset = zone_table::spans(self.0).at_utc(utc.and_utc().timestamp());
        utc + Duration::seconds(i64::from(offset))
    }

    /// Resolves a wall time by the compatible rule (R9): with one or more valid offsets, the
    /// earliest instant; in a gap, the wall time read with the offset in force before the
    /// transition, so it moves forward by the length of the gap.
    ///
    /// ```
    /// use genova_sessions_core::Zone;
    /// use chrono::NaiveDate;
    /// let ny = Zone::named("America/New_York").unwrap();
    /// // 2026-03-08 02:30 does not exist in New York: read with EST (−5), it is 07:30Z.
    /// let wall = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap().and_hms_opt(2, 30, 0).unwrap();
    /// let r = ny.resolve(wall);
    /// assert_eq!(r.instant.to_string(), "2026-03-08T07:30:00.000Z");
    /// assert!(r.in_gap);
    /// // 2026-11-01 01:30 happens twice: the earlier one, EDT (−4), is 05:30Z.
    /// let wall = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap().and_hms_opt(1, 30, 0).unwrap();
    /// assert_eq!(ny.resolve(wall).instant.to_string(), "2026-11-01T05:30:00.000Z");
    /// ```
    pub fn resolve(self, wall: NaiveDateTime) -> Resolved {
        let spans = zone_table::spans(self.0);
        let offset_seconds = match spans.at_local(wall.and_utc().timestamp()) {
            Local::Single(o) => o,
            // The earliest instant has the larger offset.
            Local::Ambiguous(a, b) => a.max(b),
            // In a gap: read with the offset in force before it, so the wall time moves
            // forward by the gap's length. Fallback (never reached with real data): the offset
            // a day earlier, which no zone has changed twice within.
            Local::Gap(before) => {
                let before = before.unwrap_or_else(|| {
                    spans.at_utc((wall - Duration::days(1)).and_utc().timestamp())
                });
                return Resolved {
                    instant: Instant::from_utc(wall - Duration::seconds(i64::from(before))),
                    in_gap: true,
                };
            }
        };
        Resolved {
            instant: Instant::from_utc(minus_offset(wall, offset_seconds)),
            in_gap: false,
        }
    }

    /// Resolves a local range: the start by R9 and the end by R9 too, except that when the
    /// start falls in a gap the whole range moves forward and keeps its nominal length, so
    /// the end is always after the start.
    pub fn resolve_range(
        self,
        start: NaiveDateTime,
        end: NaiveDateTime,
        nominal: Duration,
    ) -> (Instant, Instant) {
        let s = self.resolve(start);
        let e = if s.in_gap {
            s.instant.checked_add(nominal).unwrap_or(s.instant)
        } else {
            self.resolve(end).instant
        };
        (s.instant, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn wall(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn utc(zone: &str, w: NaiveDateTime) -> String {
        Zone::named(zone).unwrap().resolve(w).instant.to_string()
    }

    // Expected answers are from the published transition tables (tzdata 2025b), worked out
    // by hand: wall − offset.
    #[test]
    fn paris_gap_and_overlap() {
        // 2026-03-29 02:00 CET (+1) → 03:00 CEST (+2): 02:30 is read with +1.
        assert_eq!(
            utc("Europe/Paris", wall(2026, 3, 29, 2, 30)),
            "2026-03-29T01:30:00.000Z"
        );
        assert_eq!(
            utc("Europe/Paris", wall(2026, 3, 29, 3, 0)),
            "2026-03-29T01:00:00.000Z"
        );
        // 2026-10-25 03:00 CEST → 02:00 CET: 02:30 twice, the earlier is +2.
        assert_eq!(
            utc("Europe/Paris", wall(2026, 10, 25, 2, 30)),
            "2026-10-25T00:30:00.000Z"
        );
        assert_eq!(
            utc("Europe/Paris", wall(2026, 10, 25, 3, 0)),
            "2026-10-25T02:00:00.000Z"
        );
    }

    #[test]
    fn lord_howe_half_hour() {
        // +11 → +10:30 on 2026-04-05 at 02:00: 01:45 happens twice, earlier is +11.
        assert_eq!(
            utc("Australia/Lord_Howe", wall(2026, 4, 5, 1, 45)),
            "2026-04-04T14:45:00.000Z"
        );
        // +10:30 → +11 on 2026-10-04 at 02:00: 02:15 is in the gap, read with +10:30.
        assert_eq!(
            utc("Australia/Lord_Howe", wall(2026, 10, 4, 2, 15)),
            "2026-10-03T15:45:00.000Z"
        );
    }

    #[test]
    fn chatham_quarter_hours() {
        // Chatham is +12:45 in (southern) winter, +13:45 in summer.
        assert_eq!(
            utc("Pacific/Chatham", wall(2026, 7, 1, 12, 0)),
            "2026-06-30T23:15:00.000Z"
        );
        assert_eq!(
            utc("Pacific/Chatham", wall(2026, 12, 1, 12, 0)),
            "2026-11-30T22:15:00.000Z"
        );
    }

    #[test]
    fn gap_range_keeps_length() {
        let ny = Zone::named("America/New_York").unwrap();
        let (s, e) = ny.resolve_range(
            wall(2026, 3, 8, 2, 30),
            wall(2026, 3, 8, 3, 0),
            Duration::minutes(30),
        );
        assert_eq!(
            (s.to_string(), e.to_string()),
            (
                "2026-03-08T07:30:00.000Z".into(),
                "2026-03-08T08:00:00.000Z".into()
            )
        );
    }
}
