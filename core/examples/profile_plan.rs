//! Plans the benchmark fixture (260,000 occurrences) a few times, for profilers (`perf record`,
//! callgrind), and prints the best time.

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
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        let plan = genova_sessions_core::plan(&snapshot, &options).unwrap();
        best = best.min(t.elapsed().as_secs_f64());
        std::hint::black_box(plan);
    }
    eprintln!(
        "plan: best of {runs} {:.1} ms, {:.2} M occurrences/s",
        best * 1e3,
        0.26 / best
    );
}
