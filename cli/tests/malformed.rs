//! Replays the table of malformed inputs (`tests/malformed/cases.json`) through the core's
//! text path and through `genova-sessions plan --input`: the same plan (by SHA-256 of its JSON
//! line) or the same SPEC §5 code from each.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

fn cases() -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/malformed/cases.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn expand(case: &Value) -> String {
    let text = case["text"].as_str().unwrap();
    match case.get("expand") {
        Some(e) => text.replace(
            e["marker"].as_str().unwrap(),
            &e["unit"]
                .as_str()
                .unwrap()
                .repeat(e["count"].as_u64().unwrap() as usize),
        ),
        None => text.to_owned(),
    }
}

/// The outcome as the table writes it: `{"error": CODE}` or `{"summary"}`. (The core and the
/// CLI are also held to the same plan bytes, below.)
fn outcome_of_line(line: &str) -> Value {
    let plan: Value = serde_json::from_str(line).unwrap();
    serde_json::json!({ "summary": plan["summary"] })
}

/// The outcome, and the plan's line when there is one.
type Outcome = (Value, Option<String>);

fn core_outcome(text: &str, options: &Value) -> Outcome {
    match genova_sessions_core::plan_json(text, options) {
        Ok(plan) => {
            let line = plan.to_json_line();
            (outcome_of_line(&line), Some(line))
        }
        Err(e) => (serde_json::json!({ "error": e.code().as_str() }), None),
    }
}

fn cli_outcome(stdin: &str, args: &[&str]) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_genova-sessions"))
        .args(["plan", "--input", "-"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_owned();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    match out.status.code() {
        Some(0) => (outcome_of_line(&stdout), Some(stdout)),
        Some(2) => {
            assert!(stdout.is_empty());
            assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
            let code = stderr
                .strip_prefix("error: ")
                .unwrap()
                .split(':')
                .next()
                .unwrap();
            (serde_json::json!({ "error": code }), None)
        }
        other => panic!("exit {other:?}: {stderr}"),
    }
}

#[test]
fn malformed_inputs_give_the_same_outcome_through_core_and_cli() {
    let cases = cases();
    assert!(cases.len() >= 30);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let text = expand(case);
        let options = &case["options"];
        let expected = &case["expected"];
        let (core, core_line) = core_outcome(&text, options);
        if &core != expected {
            failures.push(format!("{name}: core gave {core}, expected {expected}"));
        }
        // Without `now` or `weeks` the CLI plans with its documented defaults (the clock, 4
        // weeks): `plan_defaults_to_the_clock_and_four_weeks` covers that.
        if options.get("now").is_none() || options.get("weeks").is_none() {
            continue;
        }
        // The file form: {"snapshot": <text>, "options": <options>}.
        let wrapper = format!("{{\"snapshot\": {text}, \"options\": {options}}}");
        let (cli, cli_line) = cli_outcome(&wrapper, &[]);
        if &cli != expected {
            failures.push(format!(
                "{name}: cli (file form) gave {cli}, expected {expected}"
            ));
        }
        if cli_line != core_line {
            failures.push(format!("{name}: cli and core printed different plans"));
        }
        // The bare form with flags, when the options can be written as flags.
        if let (Some(now), Some(weeks)) = (options["now"].as_str(), options["weeks"].as_i64()) {
            let weeks = weeks.to_string();
            let mut args = vec!["--now", now, "--weeks", &weeks];
            if let Some(zone) = options["defaultTimezone"].as_str() {
                args.extend(["--default-timezone", zone]);
            }
            let (cli, _) = cli_outcome(&text, &args);
            if &cli != expected {
                failures.push(format!(
                    "{name}: cli (flags) gave {cli}, expected {expected}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn text_over_256_mib_is_too_large_on_the_cli() {
    // A 256 MiB + 1 byte file of spaces around an empty object: never parsed.
    let dir = std::env::temp_dir().join(format!("genova-too-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.json");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..256 {
        file.write_all(&chunk).unwrap();
    }
    file.write_all(b"{}").unwrap();
    drop(file);
    let out = Command::new(env!("CARGO_BIN_EXE_genova-sessions"))
        .args([
            "plan",
            "--now",
            "2026-11-30T00:00:00Z",
            "--weeks",
            "1",
            "--input",
        ])
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: INPUT_TOO_LARGE: "), "{stderr}");
}

#[test]
fn plan_defaults_to_the_clock_and_four_weeks() {
    let snapshot = r#"{"classes": [{"id": "c1", "isActive": true}],
        "timeSlots": [{"id": "s1", "classId": "c1", "subject": "Maths", "dayOfWeek": 1,
                       "startTime": "14:00", "endTime": "15:00", "isActive": true}]}"#;
    let before = chrono::Utc::now().timestamp_millis();
    let (outcome, line) = cli_outcome(snapshot, &[]);
    let after = chrono::Utc::now().timestamp_millis();
    let plan: Value = serde_json::from_str(&line.expect("a plan")).unwrap();
    let millis = |key: &str| {
        chrono::DateTime::parse_from_rfc3339(plan["window"][key].as_str().unwrap())
            .unwrap()
            .timestamp_millis()
    };
    let start = millis("start");
    assert!(
        before <= start && start <= after,
        "window starts now: {plan}"
    );
    assert_eq!(millis("end") - start, 4 * 604_800_000, "four weeks");
    // A UTC slot (no DST) lands exactly once in each of the four weeks.
    let created = outcome["summary"]["sessionsToCreate"].as_u64().unwrap();
    assert_eq!(created, 4);
    // A file's options still win over the defaults, and flags over the file.
    let wrapped = format!(
        r#"{{"snapshot": {snapshot}, "options": {{"now": "2026-11-30T00:00:00Z", "weeks": 2}}}}"#
    );
    let (outcome, _) = cli_outcome(&wrapped, &[]);
    assert_eq!(outcome["summary"]["sessionsToCreate"], 2);
    let (outcome, _) = cli_outcome(&wrapped, &["--weeks", "3"]);
    assert_eq!(outcome["summary"]["sessionsToCreate"], 3);
}

/// Runs the binary with `args`; returns (exit code, stdout, stderr).
fn exit_of(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_genova-sessions"))
        .args(args)
        .env_remove("DATABASE_URL")
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_file_that_cannot_be_read_is_exit_2_naming_the_file_and_the_os_error() {
    let missing = "/nonexistent/genova-snapshot.json";
    let (code, out, err) = exit_of(&["plan", "--input", missing]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        format!("error: cannot read {missing}: No such file or directory (os error 2)\n")
    );
    #[cfg(feature = "db")]
    {
        let (code, _, err) = exit_of(&["migrate", "-D", "sqlite:x.sqlite", "--apply", missing]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.starts_with(&format!("error: cannot read plan file {missing}: ")),
            "{err}"
        );
        let (code, _, err) = exit_of(&["migrate", "-d", "-D", "mysql://u:secret@h/db"]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("unsupported database url mysql://u:***@h/db"),
            "{err}"
        );
        assert!(!err.contains("secret"));
    }
}
