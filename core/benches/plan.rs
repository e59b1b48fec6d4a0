//! Criterion benchmark of planning: 100 classes × 50 slots × 52 weeks (260,000 occurrences),
//! 3 ROUND_ROBIN assignments per slot, 10% of the occurrences already existing.
//!
//! Run with `cargo bench -p genova-sessions-core --bench plan`. JSON parsing and writing are
//! measured separately from planning.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use genova_sessions_core::{plan, plan_json, Options, Snapshot};

#[path = "../tests/support/fixture.rs"]
mod fixture;

fn bench(c: &mut Criterion) {
    let input = fixture::large_snapshot(100, 50, 3, 0.10);
    let text = serde_json::to_string(&input).unwrap();
    let options_value = fixture::options(52);
    let options = Options::from_value(&options_value).unwrap();
    let snapshot = Snapshot::from_value(&input).unwrap();
    let result = plan(&snapshot, &options).unwrap();
    let occurrences = (result.create.len() + result.existing.len() + result.conflicts.len()) as u64;
    eprintln!(
        "fixture: {} occurrences ({} to create, {} existing), {} bytes of JSON",
        occurrences,
        result.create.len(),
        result.existing.len(),
        text.len()
    );

    let mut group = c.benchmark_group("plan 100 classes x 50 slots x 52 weeks");
    group.sample_size(10);
    group.throughput(Throughput::Elements(occurrences));
    group.bench_function("plan (typed snapshot in, Plan out)", |b| {
        b.iter(|| plan(&snapshot, &options).unwrap())
    });
    group.bench_function("parse JSON text into a Snapshot", |b| {
        b.iter(|| Snapshot::from_value(&genova_sessions_core::json::parse(&text).unwrap()).unwrap())
    });
    group.bench_function("write the plan as JSON", |b| {
        b.iter(|| result.to_json_line())
    });
    group.bench_function("plan_json end to end (text in, JSON out)", |b| {
        b.iter(|| plan_json(&text, &options_value).unwrap().to_json_line())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
