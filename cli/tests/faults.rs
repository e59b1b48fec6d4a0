//! Reliability against the real PostgreSQL: `kill -9` mid-run, the connection terminated,
//! a statement timeout, concurrent `migrate` and `maintain` runs, strange strings, secrets.
//!
//! A run is stopped at a known point with a statement trigger on the test's own copy of
//! `tutoring_sessions` that sleeps inside the insert of the batch holding class `c0300`: the
//! batch's rows are inserted but not committed when the fault strikes.

#![cfg(feature = "postgres")]

mod common;

use std::collections::BTreeMap;
use std::process::Child;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::{run, sample, Pg, NOW};
use serde_json::Value;

/// The faults watch `pg_stat_activity`: one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

const CLASSES: usize = 600;
const BATCH: &str = "25";

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn spawn_migrate(url: &str, extra: &[&str]) -> Child {
    let mut args = common::db_args("migrate", url, &["--batch-size", BATCH]);
    args.extend_from_slice(extra);
    common::spawn(&args)
}

/// Per class, the sessions the plan creates (from a dry run).
fn expected(pg: &Pg) -> BTreeMap<String, i64> {
    let (code, out, err) = run(&[
        "migrate",
        "-d",
        "-D",
        &pg.url,
        "--now",
        NOW,
        "--default-timezone",
        "Europe/Paris",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let plan: Value = serde_json::from_str(&out).unwrap();
    let mut per_class = BTreeMap::new();
    for c in plan["create"].as_array().unwrap() {
        *per_class
            .entry(c["classId"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
    }
    per_class
}

/// Per class, the sessions written by runs (not the seeded `e-` rows).
fn written(pg: &Pg) -> BTreeMap<String, i64> {
    let text = pg.text(
        "SELECT coalesce(json_object_agg(c, n)::text, '{}') FROM \
         (SELECT \"classId\" c, count(*) n FROM tutoring_sessions WHERE id NOT LIKE 'e-%' GROUP BY 1) x",
    );
    let map: BTreeMap<String, i64> = serde_json::from_str(&text).unwrap();
    map
}

/// Only whole batches were written: classes in batches before the one holding `c0300` hold all
/// their sessions, the others none.
fn assert_whole_batches(pg: &Pg, expected: &BTreeMap<String, i64>) {
    let written = written(pg);
    let ids: Vec<String> = (0..CLASSES).map(|c| format!("c{c:04}")).collect();
    let batch: usize = BATCH.parse().unwrap();
    let stopped_at = ids.iter().position(|c| c == "c0300").unwrap() / batch * batch;
    for (i, id) in ids.iter().enumerate() {
        let want = if i < stopped_at {
            expected.get(id).copied().unwrap_or(0)
        } else {
            0
        };
        assert_eq!(written.get(id).copied().unwrap_or(0), want, "class {id}");
    }
    assert!(
        written.values().sum::<i64>() > 0,
        "some batches were committed before the fault"
    );
}

/// Makes the insert of the batch holding `c0300` sleep `seconds` inside its transaction.
fn slow_insert(pg: &Pg, seconds: u32) {
    pg.exec(&format!(
        "CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
           IF EXISTS (SELECT 1 FROM new_rows WHERE \"classId\" = 'c0300') THEN PERFORM pg_sleep({seconds}); END IF; \
           RETURN NULL; END $$; \
         CREATE TRIGGER slow_batch AFTER INSERT ON tutoring_sessions REFERENCING NEW TABLE AS new_rows \
           FOR EACH STATEMENT EXECUTE FUNCTION slow_batch();"
    ));
}

fn drop_slow_insert(pg: &Pg) {
    pg.exec("DROP TRIGGER slow_batch ON tutoring_sessions; DROP FUNCTION slow_batch();");
}

/// Waits until a `genova-sessions` backend sleeps inside the trigger; returns its pid.
fn wait_for_sleeping_insert(pg: &Pg) -> i64 {
    let started = Instant::now();
    loop {
        let pid = pg.text(
            "SELECT coalesce(max(pid), 0)::text FROM pg_stat_activity \
             WHERE application_name = 'genova-sessions' AND wait_event = 'PgSleep'",
        );
        let pid: i64 = pid.parse().unwrap();
        if pid != 0 {
            return pid;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the run never reached c0300's batch"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn rerun_completes(pg: &Pg, expected: &BTreeMap<String, i64>, existing_before: &str) {
    let (code, out, err) = run(&[
        "migrate",
        "-D",
        &pg.url,
        "--now",
        NOW,
        "--default-timezone",
        "Europe/Paris",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let written = written(pg);
    for (id, n) in expected {
        assert_eq!(
            written.get(id).copied().unwrap_or(0),
            *n,
            "class {id} after the re-run"
        );
    }
    assert_eq!(
        pg.sessions_checksum("id LIKE 'e-%'"),
        existing_before,
        "rows that existed changed"
    );
    assert_eq!(pg.duplicates(), 0);
}

/// A seeded schema whose insert of `c0300`'s batch sleeps `seconds`, with what a full run
/// writes per class and the checksum of the rows that existed.
struct Prepared {
    pg: Pg,
    existing: String,
    expected: BTreeMap<String, i64>,
}

fn prepared(name: &str, seconds: u32) -> Prepared {
    let pg = Pg::new(name);
    pg.seed(&sample(CLASSES));
    let existing = pg.sessions_checksum("id LIKE 'e-%'");
    let expected = expected(&pg);
    slow_insert(&pg, seconds);
    Prepared {
        pg,
        existing,
        expected,
    }
}

/// After a fault: whole batches only; then, the sleep gone, a re-run completes.
fn finish_fault(pg: &Pg, expected: &BTreeMap<String, i64>, existing: &str) {
    assert_whole_batches(pg, expected);
    drop_slow_insert(pg);
    rerun_completes(pg, expected, existing);
}

#[test]
fn kill_9_mid_run_leaves_whole_batches_and_the_rerun_completes() {
    let _one = serial();
    let Prepared {
        pg,
        existing,
        expected,
    } = prepared("kill", 3);
    let mut child = spawn_migrate(&pg.url, &[]);
    wait_for_sleeping_insert(&pg);
    // SIGKILL: no destructor, no rollback sent; the server aborts the open transaction.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert_whole_batches(&pg, &expected);
    drop_slow_insert(&pg); // waits for the orphaned transaction to end
    assert_whole_batches(&pg, &expected);
    rerun_completes(&pg, &expected, &existing);
}

#[test]
fn a_terminated_connection_stops_the_run_with_one_line_and_no_partial_batch() {
    let _one = serial();
    let Prepared {
        pg,
        existing,
        expected,
    } = prepared("terminate", 30);
    let child = spawn_migrate(&pg.url, &[]);
    let pid = wait_for_sleeping_insert(&pg);
    pg.text(&format!("SELECT pg_terminate_backend({pid})::text"));
    let (code, out, err) = common::finish(child.wait_with_output().unwrap());
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // The server's own word when it gets to say it, else the lost connection (a COPY in
    // flight sees the socket close first).
    assert!(
        err.starts_with("error: inserting tutoring_sessions: terminating connection")
            || err.starts_with(
                "error: inserting tutoring_sessions: the connection to the database was lost"
            ),
        "{err}"
    );
    assert!(err.contains("a re-run completes the rest"), "{err}");
    finish_fault(&pg, &expected, &existing);
}

#[test]
fn a_statement_timeout_stops_the_run_with_one_line_and_no_partial_batch() {
    let _one = serial();
    let Prepared {
        pg,
        existing,
        expected,
    } = prepared("timeout", 5);
    let url = pg
        .url
        .replace("options=", "options=-c%20statement_timeout%3D1000%20");
    let (code, out, err) = common::finish(spawn_migrate(&url, &[]).wait_with_output().unwrap());
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("canceling statement due to statement timeout"),
        "{err}"
    );
    finish_fault(&pg, &expected, &existing);
}

#[test]
fn four_migrates_and_a_maintain_at_once_write_each_session_once() {
    let _one = serial();
    let pg = Pg::new("crowd");
    pg.seed(&sample(300));
    let existing = pg.sessions_checksum("id LIKE 'e-%'");
    let expected = expected(&pg);
    let mut children: Vec<Child> = ["7", "25", "100", "500"]
        .iter()
        .map(|b| common::spawn(&common::db_args("migrate", &pg.url, &["--batch-size", b])))
        .collect();
    children.push(common::spawn(&common::db_args(
        "maintain",
        &pg.url,
        &["--batch-size", "13"],
    )));
    for child in children {
        let (code, out, err) = common::finish(child.wait_with_output().unwrap());
        assert_eq!(code, 0, "{out}{err}");
    }
    let written = written(&pg);
    for (id, n) in &expected {
        assert_eq!(written.get(id).copied().unwrap_or(0), *n, "class {id}");
    }
    assert_eq!(pg.duplicates(), 0);
    assert_eq!(pg.sessions_checksum("id LIKE 'e-%'"), existing);
}

#[test]
fn quotes_unicode_and_long_strings_survive_a_round_trip() {
    let _one = serial();
    let pg = Pg::new("strings");
    let long = "é".repeat(5000) + "'\"\\;--";
    let class = "c'); DROP TABLE classes; --\"€";
    let subject = format!("Mathé'matiques \"avancées\" \\ 😀 {long}");
    let tutor = "tutör-'\"-名前";
    let snapshot = serde_json::json!({
        "classes": [{ "id": class, "name": "Classe « spéciale » 'x'", "isActive": true, "timezone": "Europe/Paris", "memberCount": 2 }],
        "timeSlots": [{ "id": "s'1\"", "classId": class, "subject": subject, "dayOfWeek": 2, "startTime": "18:00", "endTime": "19:30", "isActive": true, "createdAt": "2027-01-01T00:00:00.000Z" }],
        "tutorAssignments": [{ "id": "a'1", "classId": class, "timeSlotId": null, "subject": subject, "tutorId": tutor, "recurrencePattern": "ROUND_ROBIN", "recurrenceConfig": { "note": long }, "startDate": null, "endDate": null, "status": "ACCEPTED", "isActive": true, "createdAt": "2027-01-01T00:00:00.000Z" }],
        "tutors": [{ "id": tutor, "hourlyRate": "12.34", "availability": [] }],
        "existingSessions": [],
    });
    pg.seed(&snapshot);
    let (code, out, err) = run(&["migrate", "-D", &pg.url, "--now", NOW, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["create"].as_array().unwrap().len(), 4);
    assert_eq!(
        pg.count("SELECT count(*) FROM classes"),
        1,
        "the table is still there"
    );
    let stored = pg.text("SELECT json_agg(json_build_object('c', \"classId\", 's', subject, 't', \"tutorId\"))::text FROM tutoring_sessions");
    let stored: Value = serde_json::from_str(&stored).unwrap();
    for row in stored.as_array().unwrap() {
        assert_eq!(row["c"], class);
        assert_eq!(row["s"], subject.as_str());
        assert_eq!(row["t"], tutor);
    }
    // export-snapshot gives the strings back unchanged.
    let (_, exported, _) = run(&["export-snapshot", "-D", &pg.url]);
    let exported: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(exported["classes"][0]["id"], class);
    assert_eq!(exported["timeSlots"][0]["subject"], subject.as_str());
    assert_eq!(
        exported["tutorAssignments"][0]["recurrenceConfig"]["note"],
        long.as_str()
    );
    assert_eq!(exported["tutors"][0]["id"], tutor);
}

#[test]
fn no_secret_reaches_any_output_or_log() {
    let _one = serial();
    let pg = Pg::new("secret");
    pg.seed(&sample(10));
    // Trust authentication ignores the password, so the run succeeds and logs at full detail.
    let url = pg.url.replace("postgres@", "postgres:Sup3r-S3cret@");
    let dir = common::temp_dir("secret");
    let audit = dir.join("audit.jsonl");
    let out = common::command(&[
        "migrate",
        "-D",
        &url,
        "--now",
        NOW,
        "--audit-log",
        audit.to_str().unwrap(),
    ])
    .env("RUST_LOG", "trace")
    .output()
    .unwrap();
    let (code, stdout, stderr) = common::finish(out);
    assert_eq!(code, 0, "{stderr}");
    let audit = std::fs::read_to_string(&audit).unwrap();
    assert!(audit.lines().count() > 10);
    for text in [&stdout, &stderr, &audit] {
        assert!(!text.contains("Sup3r-S3cret"), "secret leaked");
    }
    // From the environment and from .env too.
    let out = common::command(&["migrate", "-d"])
        .env("DATABASE_URL", url.replace("127.0.0.1:5432", "127.0.0.1:1"))
        .output()
        .unwrap();
    let (code, stdout, stderr) = common::finish(out);
    assert_eq!(code, 1);
    assert!(stderr.contains("postgres:***@127.0.0.1:1"), "{stderr}");
    assert!(!stdout.contains("Sup3r-S3cret") && !stderr.contains("Sup3r-S3cret"));
    std::fs::write(dir.join(".env"), format!("DATABASE_URL={url}\n")).unwrap();
    let out = common::command(&["migrate", "-d", "--now", NOW])
        .current_dir(&dir)
        .output()
        .unwrap();
    let (code, stdout, stderr) = common::finish(out);
    assert_eq!(code, 0, ".env is read: {stderr}");
    assert!(stdout.contains("Plan: "));
    assert!(!stderr.contains("Sup3r-S3cret"));
}
