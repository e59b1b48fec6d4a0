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
    let deepest = genova_sessions_core::json::scan_text_limits(&text, 65).unwrap();
    lap("scan_text_limits");
    let file = genova_sessions_core::regular_snapshot_file(&text, deepest).unwrap();
    lap("regular_snapshot_file");
    let options =
        genova_sessions_core::Options::from_value(&serde_json::Value::Object(file.options))
            .unwrap();
    let typed = file.snapshot;
    typed.check_unique_ids().unwrap();
    lap("options, unique ids");
    let plan = genova_sessions_core::plan(&typed, &options).unwrap();
    lap("plan");
    let line = plan.to_json_line();
    lap("to_json_line");
    std::hint::black_box(&line);
    drop(line);
    drop(plan);
    lap("drop plan + line");
    drop(typed);
    drop(text);
    lap("drop snapshot, text");
    eprintln!(
        "{:<28} {:>7.1} ms",
        "total",
        t.elapsed().as_secs_f64() * 1e3
    );
}
