//! Plans the benchmark fixture a few times, for profilers (`perf record`, callgrind).

#[path = "../tests/support/fixture.rs"]
mod fixture;

fn main() {
    let input = fixture::large_snapshot(100, 50, 3, 0.10);
    let options = genova_sessions_core::Options::from_value(&fixture::options(52)).unwrap();
    let snapshot = genova_sessions_core::Snapshot::from_value(&input).unwrap();
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    for _ in 0..runs {
        let plan = genova_sessions_core::plan(&snapshot, &options).unwrap();
        std::hint::black_box(plan);
    }
}
