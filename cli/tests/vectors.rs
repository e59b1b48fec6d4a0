//! Replays every case of `tests/vectors/` (byte for byte) and of `tests/conformance/` (as
//! data, ignoring `message` and `detail`) through the core and through
//! `genova-sessions plan --input`, which must also agree with each other byte for byte.

use std::path::{Path, PathBuf};
use std::process::Command;

use genova_sessions_core as core;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Removes insignificant whitespace from JSON text, keeping key order and string bytes.
fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[derive(Deserialize)]
struct Case {
    snapshot: Box<RawValue>,
    #[serde(default)]
    options: Option<Box<RawValue>>,
    #[serde(default)]
    request: Option<Box<RawValue>>,
    #[serde(default)]
    function: Option<String>,
    expected: Box<RawValue>,
}

/// What a surface answered: the bytes it printed, or an error code.
#[derive(Debug, PartialEq)]
enum Answer {
    Bytes(String),
    Error(String),
}

fn core_plan(case: &Case) -> Answer {
    let options: Value =
        serde_json::from_str(case.options.as_ref().map_or("null", |o| o.get())).unwrap();
    match core::plan_json(case.snapshot.get(), &options) {
        Ok(plan) => Answer::Bytes(plan.to_json_line()),
        Err(e) => Answer::Error(e.code().as_str().to_owned()),
    }
}

fn core_function(case: &Case, function: &str) -> Answer {
    let snapshot: Value = serde_json::from_str(case.snapshot.get()).unwrap();
    let request: Value =
        serde_json::from_str(case.request.as_ref().expect("request").get()).unwrap();
    let options: Option<Value> = case
        .options
        .as_ref()
        .map(|o| serde_json::from_str(o.get()).unwrap());
    fn line<T: serde::Serialize>(v: Result<T, core::Error>) -> Answer {
        match v {
            Ok(v) => Answer::Bytes(serde_json::to_string(&v).unwrap() + "\n"),
            Err(e) => Answer::Error(e.code().as_str().to_owned()),
        }
    }
    let opts = options.as_ref();
    match function {
        "availableTutors" => line(core::available_tutors_value(&snapshot, &request, opts)),
        "cascadeSlotDeactivated" => line(core::cascade_slot_deactivated_value(
            &snapshot, &request, opts,
        )),
        "cascadeWeekCancelled" => line(core::cascade_week_cancelled_value(
            &snapshot, &request, opts,
        )),
        "repriceTutor" => line(core::reprice_tutor_value(&snapshot, &request, opts)),
        other => panic!("unknown function {other}"),
    }
}

fn cli_plan(path: &Path) -> Answer {
    let out = Command::new(env!("CARGO_BIN_EXE_genova-sessions"))
        .args(["plan", "--input"])
        .arg(path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    match out.status.code() {
        Some(0) => {
            assert!(stderr.is_empty(), "{}: stderr {stderr}", path.display());
            Answer::Bytes(stdout)
        }
        Some(2) => {
            assert!(stdout.is_empty(), "{}: stdout on error", path.display());
            assert_eq!(
                stderr.lines().count(),
                1,
                "{}: one stderr line: {stderr}",
                path.display()
            );
            let code = stderr
                .strip_prefix("error: ")
                .and_then(|rest| rest.split(':').next())
                .unwrap_or_else(|| panic!("{}: bad error line {stderr}", path.display()));
            Answer::Error(code.to_owned())
        }
        other => panic!("{}: exit {other:?}, stderr {stderr}", path.display()),
    }
}

fn expected_answer(case: &Case) -> Answer {
    let expected: Value = serde_json::from_str(case.expected.get()).unwrap();
    match expected.get("error").and_then(Value::as_str) {
        Some(code) if expected.as_object().is_some_and(|o| o.len() == 1) => {
            Answer::Error(code.to_owned())
        }
        _ => Answer::Bytes(minify(case.expected.get()) + "\n"),
    }
}

fn strip_free_text(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("message");
            map.remove("detail");
            map.values_mut().for_each(strip_free_text);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_free_text),
        _ => {}
    }
}

fn as_data(answer: &Answer) -> Value {
    match answer {
        Answer::Bytes(text) => {
            let mut v: Value = serde_json::from_str(text).unwrap();
            strip_free_text(&mut v);
            v
        }
        Answer::Error(code) => serde_json::json!({ "error": code }),
    }
}

fn read_case(path: &Path) -> Case {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn vectors_byte_for_byte_through_core_and_cli() {
    let files = json_files(&root().join("tests/vectors"));
    let mut failures = Vec::new();
    for path in &files {
        let case = read_case(path);
        let expected = expected_answer(&case);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match case.function.as_deref() {
            None => {
                let core = core_plan(&case);
                let cli = cli_plan(path);
                if core != expected {
                    failures.push(format!(
                        "{name}: core\n  got      {core:?}\n  expected {expected:?}"
                    ));
                }
                if cli != core {
                    failures.push(format!("{name}: cli differs from core"));
                }
            }
            Some(function) => {
                let core = core_function(&case, function);
                if core != expected {
                    failures.push(format!(
                        "{name}: core\n  got      {core:?}\n  expected {expected:?}"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn conformance_through_core_and_cli() {
    let files = json_files(&root().join("tests/conformance"));
    assert_eq!(files.len(), 100, "the 100 cases of SPEC §8");
    let mut failures = Vec::new();
    for path in &files {
        let case = read_case(path);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected: Value = {
            let mut v: Value = serde_json::from_str(case.expected.get()).unwrap();
            strip_free_text(&mut v);
            v
        };
        let core = core_plan(&case);
        let cli = cli_plan(path);
        if as_data(&core) != expected {
            failures.push(format!("{name}: core differs from expected"));
        }
        if cli != core {
            failures.push(format!("{name}: cli differs from core"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
