//! Peer benchmark: expanding the same weekly slots across a year of DST changes with the
//! `rrule` crate (RFC 5545, `FREQ=WEEKLY;BYDAY=…;BYHOUR=…;BYMINUTE=…`) and with the core's own
//! expansion (`SlotShape::occurrences`), side by side in one process, and the full `plan` of
//! the core benchmark's fixture next to them.
//!
//! Run with `cargo bench -p genova-sessions-core --bench expansion`. Occurrence expansion
//! only: no rotation, prices or diff. The core resolves both the start and the end of each
//! occurrence; `rrule` yields starts only. The setup asserts that both give the same start
//! instants for every slot, including slots inside the spring-forward gap and the fall-back
//! overlap of each DST zone.

use chrono::{Datelike, TimeZone};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use genova_sessions_core::{plan, Instant, Options, SlotShape, Snapshot, WallRange, Window, Zone};
use rrule::{Frequency, NWeekday, RRule, RRuleSet, Tz};

#[path = "../tests/support/fixture.rs"]
mod fixture;

/// The fixture's zones: two without DST, three with (a half-hour change on Lord Howe).
const ZONES: [&str; 5] = [
    "Africa/Douala",
    "Africa/Dakar",
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",
];

/// One weekly slot: weekday (0 = Sunday), start hour and minute; 50 minutes long.
type Slot = (u8, u32, u32);

/// The fixture's 50 slot shapes, and slots at 01:30, 02:00, 02:15 and 02:30 every day of the
/// week, which fall in the gaps and overlaps of Paris, New York and Lord Howe.
fn slots() -> Vec<Slot> {
    let mut out: Vec<Slot> = (0..50u32)
        .map(|s| ((s % 7) as u8, 7 + (s / 7) % 12, 0))
        .collect();
    for day in 0..7u8 {
        for (h, m) in [(1, 30), (2, 0), (2, 15), (2, 30)] {
            out.push((day, h, m));
        }
    }
    out
}

fn window() -> Window {
    Window::new(Instant::parse("2027-01-04T00:00:00.000Z").unwrap(), 52)
}

/// The core: every occurrence's start and end in the window.
fn core_starts(zone: Zone, slot: Slot, window: &Window) -> Vec<i64> {
    let start = format!("{:02}:{:02}", slot.1, slot.2);
    let end_minutes = slot.1 * 60 + slot.2 + 50;
    let end = format!("{:02}:{:02}", end_minutes / 60, end_minutes % 60);
    let shape = SlotShape {
        day_of_week: slot.0,
        range: WallRange::parse(&start, &end).unwrap(),
    };
    shape
        .occurrences(zone, window)
        .iter()
        .map(|o| o.start.utc().and_utc().timestamp())
        .collect()
}

/// The rule `rrule` expands for a slot: weekly on its weekday at its wall time, from a local
/// start a week before the window (so the first occurrence is not the rule's own start).
fn rule_set(tz: chrono_tz::Tz, slot: Slot, window: &Window) -> RRuleSet {
    let weekday = match slot.0 {
        0 => chrono::Weekday::Sun,
        n => chrono::Weekday::try_from(n - 1).unwrap(),
    };
    let first = window.start.utc().date() - chrono::Duration::days(8);
    let dt_start = Tz::Tz(tz)
        .with_ymd_and_hms(first.year(), first.month(), first.day(), 0, 0, 0)
        .earliest()
        .unwrap();
    RRule::new(Frequency::Weekly)
        .by_weekday(vec![NWeekday::Every(weekday)])
        .by_hour(vec![slot.1 as u8])
        .by_minute(vec![slot.2 as u8])
        .by_second(vec![0])
        .build(dt_start)
        .unwrap()
}

/// `rrule`: every occurrence's start in the window.
fn rrule_starts(tz: chrono_tz::Tz, slot: Slot, window: &Window) -> Vec<i64> {
    let from = window.start.utc().and_utc().timestamp();
    let to = window.end.utc().and_utc().timestamp();
    rule_set(tz, slot, window)
        .into_iter()
        .map(|t| t.timestamp())
        .skip_while(|&t| t < from)
        .take_while(|&t| t < to)
        .collect()
}

fn bench(c: &mut Criterion) {
    let window = window();
    let slots = slots();
    let zones: Vec<(Zone, chrono_tz::Tz)> = ZONES
        .iter()
        .map(|name| (Zone::named(name).unwrap(), name.parse().unwrap()))
        .collect();
    // Both expand the same instants, slot by slot (DST gaps and overlaps included).
    let mut occurrences = 0u64;
    for &(zone, tz) in &zones {
        for &slot in &slots {
            let ours = core_starts(zone, slot, &window);
            let theirs = rrule_starts(tz, slot, &window);
            assert_eq!(ours, theirs, "{} {slot:?}", tz.name());
            occurrences += ours.len() as u64;
        }
    }
    eprintln!(
        "{} slots × {} zones, {occurrences} occurrences: same start instants from both",
        slots.len(),
        zones.len()
    );

    let mut group = c.benchmark_group("weekly slots x 52 weeks across DST");
    group.sample_size(20);
    group.throughput(Throughput::Elements(occurrences));
    group.bench_function("rrule crate (RFC 5545 WEEKLY)", |b| {
        b.iter(|| {
            let mut n = 0;
            for &(_, tz) in &zones {
                for &slot in &slots {
                    n += rrule_starts(tz, slot, &window).len();
                }
            }
            n
        })
    });
    group.bench_function("core SlotShape::occurrences", |b| {
        b.iter(|| {
            let mut n = 0;
            for &(zone, _) in &zones {
                for &slot in &slots {
                    n += core_starts(zone, slot, &window).len();
                }
            }
            n
        })
    });
    group.finish();

    let input = fixture::large_snapshot(100, 50, 3, 0.10);
    let options = Options::from_value(&fixture::options(52)).unwrap();
    let snapshot = Snapshot::from_value(&input).unwrap();
    let planned = plan(&snapshot, &options).unwrap();
    let mut group = c.benchmark_group("full plan next to it");
    group.sample_size(10);
    group.throughput(Throughput::Elements(
        (planned.create.len() + planned.existing.len() + planned.conflicts.len()) as u64,
    ));
    group.bench_function("plan (typed snapshot in, Plan out)", |b| {
        b.iter(|| plan(&snapshot, &options).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
