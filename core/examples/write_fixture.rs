//! Writes the benchmark fixture as a `plan --input` file (`{ "snapshot", "options" }`), for
//! timing the CLI end to end: `cargo run --release -p genova-sessions-core --example
//! write_fixture > /tmp/fixture.json`.

#[path = "../tests/support/fixture.rs"]
mod fixture;

fn main() {
    let input = serde_json::json!({
        "snapshot": fixture::large_snapshot(100, 50, 3, 0.10),
        "options": fixture::options(52),
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&input).unwrap_or_default()
    );
}
