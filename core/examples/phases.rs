//! Times each phase of `plan --input` on the benchmark fixture, in one process:
//! `cargo run --release -p genova-sessions-core --example phases -- /tmp/fixture.json`.

use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/fixture.json".into());
    let t = Instant::now();
    let mut last = t;
    let mut lap = |name: &str| {
        let now = Instant::now();
        eprintln!("{name:<28} {:>7.1} ms", (now - last).as_secs_f64() * 1e3);
        last = now;
    };
    let bytes = std::fs::read(&path).unwrap();
    lap("read file");
    let text = String::from_utf8(bytes).unwrap();
    lap("utf-8");
    genova_sessions_core::json::check_text_limits(&text, 65).unwrap();
    lap("check_text_limits");
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    lap("serde_json -> Value");
    let snapshot = value["snapshot"].take();
    let options = value["options"].take();
    genova_sessions_core::json::check_value_limits(&snapshot, 64).unwrap();
    lap("check_value_limits");
    let options = genova_sessions_core::Options::from_value(&options).unwrap();
    let typed = genova_sessions_core::Snapshot::from_value(&snapshot).unwrap();
    lap("Snapshot::from_value");
    let plan = genova_sessions_core::plan(&typed, &options).unwrap();
    lap("plan");
    let line = plan.to_json_line();
    lap("to_json_line");
    std::hint::black_box(&line);
    drop(line);
    drop(plan);
    lap("drop plan + line");
    drop(typed);
    drop(snapshot);
    drop(text);
    lap("drop snapshot, value, text");
    eprintln!(
        "{:<28} {:>7.1} ms",
        "total",
        t.elapsed().as_secs_f64() * 1e3
    );
}
