//! Replays the conformance cases of SPEC §8 through the core, compared as data ignoring
//! `message` and `detail`.

use std::path::PathBuf;

use serde_json::Value;

fn strip(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("message");
            map.remove("detail");
            map.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

#[test]
fn conformance_cases() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    let mut failures = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for path in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let snapshot_text = serde_json::to_string(&case["snapshot"]).unwrap();
        let got = match genova_sessions_core::plan_json(&snapshot_text, &case["options"]) {
            Ok(plan) => serde_json::to_value(&plan).unwrap(),
            Err(e) => serde_json::json!({ "error": e.code().as_str() }),
        };
        let (mut got, mut expected) = (got, case["expected"].clone());
        strip(&mut got);
        strip(&mut expected);
        if got != expected {
            failures.push(path.file_name().unwrap().to_string_lossy().to_string());
            if std::env::var("SHOW").is_ok() {
                for key in [
                    "create",
                    "existing",
                    "conflicts",
                    "skipped",
                    "warnings",
                    "errors",
                    "summary",
                    "window",
                ] {
                    if got[key] != expected[key] {
                        eprintln!(
                            "{}: {key}\n  got      {}\n  expected {}",
                            path.display(),
                            got[key],
                            expected[key]
                        );
                    }
                }
                if got.get("error").is_some() || expected.get("error").is_some() {
                    eprintln!("{} got {got} expected {expected}", path.display());
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ: {failures:?}",
        failures.len(),
        files.len()
    );
}
