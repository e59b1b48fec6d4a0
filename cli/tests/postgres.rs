//! `migrate`, `maintain` and `export-snapshot` against the real PostgreSQL (a fresh schema per
//! test, built from `tests/sql/postgres.sql`).

#![cfg(feature = "postgres")]

mod common;

use common::{plan_of, run, sample, Pg, NOW};
use serde_json::Value;

fn migrate(pg: &Pg, extra: &[&str]) -> (i32, String, String) {
    let args = common::db_args("migrate", &pg.url, extra);
    run(&args)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn dry_run_json_is_plan_input_on_the_exported_snapshot() {
    let pg = Pg::new("equal");
    pg.seed(&sample(60));
    // Small batches: tutors are shared across batches, so double bookings between batches
    // must be found by the final pass for the two to agree.
    for batch in ["7", "500"] {
        let (code, dry, err) = migrate(
            &pg,
            &[
                "--dry-run",
                "--format",
                "json",
                "--batch-size",
                batch,
                "-w",
                "6",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let dir = common::temp_dir("export");
        let file = dir.join("snapshot.json");
        let (code, _, err) = run(&[
            "export-snapshot",
            "-D",
            &pg.url,
            "-o",
            file.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let (code, offline, err) = run(&[
            "plan",
            "--input",
            file.to_str().unwrap(),
            "--now",
            NOW,
            "--weeks",
            "6",
            "--default-timezone",
            "Europe/Paris",
        ]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(dry, offline, "batch size {batch}");
        let plan = json(&dry);
        assert!(plan["summary"]["sessionsToCreate"].as_u64().unwrap() > 500);
        assert!(plan["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "TUTOR_DOUBLE_BOOKED"));
    }
}

#[test]
fn migrate_writes_the_plan_once_and_keeps_existing_rows() {
    let pg = Pg::new("migrate");
    let snapshot = sample(40);
    pg.seed(&snapshot);
    let before_existing = pg.sessions_checksum("true");
    let before_others = pg.others_checksum();
    let expected = plan_of(
        &json(&run(&["export-snapshot", "-D", &pg.url]).1),
        4,
        "Europe/Paris",
    );

    // The dry run writes nothing.
    let (code, table, _) = migrate(&pg, &["-d"]);
    assert_eq!(code, 0);
    assert!(table.contains("+ create"), "{table}");
    assert!(table.contains("Plan: "), "{table}");
    assert_eq!(pg.sessions_checksum("true"), before_existing);

    let (code, out, err) = migrate(&pg, &["--audit-log", "/dev/null", "--batch-size", "9"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Sessions generated: "), "{out}");
    let created = expected["create"].as_array().unwrap();
    assert_eq!(pg.count("SELECT count(*) FROM tutoring_sessions WHERE \"createdAt\" > now() - interval '1 hour' AND id NOT LIKE 'e-%'"), created.len() as i64);
    // Rows that existed are byte-identical; other tables untouched.
    assert_eq!(pg.sessions_checksum("id LIKE 'e-%'"), before_existing);
    assert_eq!(pg.others_checksum(), before_others);
    // What was written is exactly the plan's create list.
    let written = pg.text(
        "SELECT json_agg(json_build_object('classId', \"classId\", \
           'scheduledStart', to_char(\"scheduledStart\", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), \
           'scheduledEnd', to_char(\"scheduledEnd\", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), \
           'subject', subject, 'tutorId', \"tutorId\", 'status', status, 'price', price::text) \
           ORDER BY \"classId\" COLLATE \"C\", \"scheduledStart\", subject)::text \
         FROM tutoring_sessions WHERE id NOT LIKE 'e-%'",
    );
    let mut want: Vec<Value> = created
        .iter()
        .map(|c| {
            serde_json::json!({ "classId": c["classId"], "scheduledStart": c["scheduledStart"],
            "scheduledEnd": c["scheduledEnd"], "subject": c["subject"], "tutorId": c["tutorId"],
            "status": c["status"], "price": c["price"] })
        })
        .collect();
    want.sort_by_key(|v| {
        (
            v["classId"].to_string(),
            v["scheduledStart"].to_string(),
            v["subject"].to_string(),
        )
    });
    assert_eq!(json(&written), Value::Array(want));
    // Ids are UUID v4.
    assert_eq!(pg.count("SELECT count(*) FROM tutoring_sessions WHERE id NOT LIKE 'e-%' AND id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'"), 0);

    // A re-run creates nothing and changes nothing.
    let after = pg.sessions_checksum("true");
    let (code, out, _) = migrate(&pg, &["--detailed-exitcode", "--format", "json"]);
    assert_ne!(code, 3);
    assert_eq!(json(&out)["summary"]["sessionsToCreate"], 0);
    assert_eq!(pg.sessions_checksum("true"), after);
    assert_eq!(pg.duplicates(), 0);
}

#[test]
fn detailed_exitcode_and_summary_lines() {
    let pg = Pg::new("exitcode");
    pg.seed(
        &json(
            &std::fs::read_to_string(common::root().join("examples/platform-snapshot.json"))
                .unwrap(),
        )["snapshot"],
    );
    let (code, out, _) = run(&[
        "migrate",
        "-D",
        &pg.url,
        "--now",
        "2026-11-30T00:00:00Z",
        "-d",
        "--detailed-exitcode",
    ]);
    assert_eq!(code, 3, "{out}");
    for line in [
        "Classes processed: 3",
        "Classes skipped (no active time slots): 0",
        "Sessions that would be generated: 17",
        "Existing sessions preserved: 1",
        "Errors: 0",
        "Plan: 17 to create, 1 existing, 1 conflicts, 1 skipped.",
        "  - skipped ",
        "  ! conflict ",
        "  = existing ",
        "Mon 2026-12-07 14:00–16:00  Mathématiques",
    ] {
        assert!(out.contains(line), "{line:?} missing from\n{out}");
    }
    assert_eq!(pg.count("SELECT count(*) FROM tutoring_sessions"), 2);
    let (code, _, _) = run(&[
        "migrate",
        "-D",
        &pg.url,
        "--now",
        "2026-11-30T00:00:00Z",
        "--detailed-exitcode",
    ]);
    assert_eq!(code, 3);
    let (code, _, _) = run(&[
        "migrate",
        "-D",
        &pg.url,
        "--now",
        "2026-11-30T00:00:00Z",
        "--detailed-exitcode",
    ]);
    assert_eq!(code, 0);
    assert_eq!(pg.count("SELECT count(*) FROM tutoring_sessions"), 19);
}

#[test]
fn saved_plans_apply_exactly_or_refuse_when_stale() {
    let pg = Pg::new("apply");
    pg.seed(&sample(30));
    let dir = common::temp_dir("apply");
    let file = dir.join("plan.json");
    let f = file.to_str().unwrap();
    let (_, _, err) = migrate(&pg, &["--dry-run", "--out", f, "--format", "json"]);
    assert!(err.contains("Saved the plan"), "{err}");
    let saved = json(&std::fs::read_to_string(&file).unwrap());
    for key in [
        "formatVersion",
        "now",
        "weeks",
        "defaultTimezone",
        "tzdbVersion",
        "fingerprints",
        "plan",
    ] {
        assert!(saved.get(key).is_some(), "{key}");
    }
    let creates = saved["plan"]["create"].as_array().unwrap().len() as i64;

    // Change one class after the plan was made: the apply refuses, writes nothing.
    pg.exec("UPDATE class_time_slots SET \"startTime\" = '09:15' WHERE id = 'c0003-s0'");
    let (code, _, err) = run(&["migrate", "-D", &pg.url, "--apply", f]);
    assert_eq!(code, 1);
    assert!(
        err.contains("plan is stale: class c0003 changed since the plan was made; nothing was written for any class"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        pg.count("SELECT count(*) FROM tutoring_sessions WHERE id NOT LIKE 'e-%'"),
        0
    );

    // Put it back: the plan applies, exactly.
    let original = sample(30);
    let start = original["timeSlots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "c0003-s0")
        .unwrap()["startTime"]
        .as_str()
        .unwrap()
        .to_owned();
    pg.exec(&format!(
        "UPDATE class_time_slots SET \"startTime\" = '{start}' WHERE id = 'c0003-s0'"
    ));
    let (code, out, err) = run(&[
        "migrate",
        "-D",
        &pg.url,
        "--apply",
        f,
        "--detailed-exitcode",
    ]);
    assert!(code == 3 || code == 1, "{out}{err}");
    assert_eq!(
        pg.count("SELECT count(*) FROM tutoring_sessions WHERE id NOT LIKE 'e-%'"),
        creates
    );
    // Applying again is refused, and says why.
    let (code, _, err) = run(&["migrate", "-D", &pg.url, "--apply", f]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "error: the plan was already applied: the sessions it creates for classes c0000, "
        ),
        "{err}"
    );
    assert!(err.ends_with("exist; nothing was written\n"), "{err}");
    assert_eq!(pg.duplicates(), 0);
}

#[test]
fn four_concurrent_migrates_write_each_session_once() {
    let pg = Pg::new("concurrent");
    pg.seed(&sample(120));
    let expected = json(&migrate(&pg, &["-d", "--format", "json"]).1)["create"]
        .as_array()
        .unwrap()
        .len() as i64;
    let children: Vec<_> = (0..4)
        .map(|i| {
            let batch = ["5", "11", "500", "17"][i];
            common::spawn(&common::db_args(
                "migrate",
                &pg.url,
                &["--batch-size", batch],
            ))
        })
        .collect();
    let mut written = 0;
    for child in children {
        let (code, out, err) = common::finish(child.wait_with_output().unwrap());
        assert!(code == 0 || code == 1, "{err}");
        assert!(!err.contains("error:"), "{err}");
        let line = out
            .lines()
            .find(|l| l.contains("Sessions generated:"))
            .unwrap();
        written += line.rsplit(' ').next().unwrap().parse::<i64>().unwrap();
    }
    assert_eq!(
        written, expected,
        "the runs together wrote each session once"
    );
    assert_eq!(
        pg.count("SELECT count(*) FROM tutoring_sessions WHERE id NOT LIKE 'e-%'"),
        expected
    );
    assert_eq!(pg.duplicates(), 0);
}

#[test]
fn one_failing_class_does_not_stop_the_others() {
    let pg = Pg::new("isolation");
    let snapshot = sample(12);
    // c0000: a rate whose price does not fit DECIMAL(10,2); c0001: an unknown zone;
    // c0002: a slot with a bad end time.
    pg.seed(&snapshot);
    pg.exec("INSERT INTO users (id) VALUES ('tutor-rich'); \
             INSERT INTO tutor_profiles VALUES ('profile-rich', 'tutor-rich', 99999999.99); \
             UPDATE class_tutor_assignments SET \"tutorId\" = 'tutor-rich' WHERE \"classId\" = 'c0000'");
    pg.exec("INSERT INTO countries VALUES ('country-mars', 'MR', 'Mars', 'Mars/Olympus_Mons'); UPDATE users SET \"countryCode\" = 'MR' WHERE id = 'creator-c0001'");
    pg.exec("UPDATE class_time_slots SET \"endTime\" = '25:00' WHERE id = 'c0002-s1'");
    let (code, out, err) = migrate(&pg, &["--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let plan = json(&out);
    let codes: Vec<(String, String)> = plan["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["classId"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        codes.contains(&("c0000".into(), "PRICE_OUT_OF_RANGE".into())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("c0001".into(), "UNKNOWN_TIMEZONE".into())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("c0002".into(), "INVALID_SLOT".into())),
        "{codes:?}"
    );
    assert_eq!(pg.count("SELECT count(*) FROM tutoring_sessions WHERE \"classId\" IN ('c0000', 'c0001') AND id NOT LIKE 'e-%'"), 0);
    assert!(pg.count("SELECT count(*) FROM tutoring_sessions WHERE \"classId\" = 'c0002' AND id NOT LIKE 'e-%'") > 0, "the class's valid slot still plans");
    assert!(pg.count("SELECT count(*) FROM tutoring_sessions WHERE \"classId\" > 'c0002' AND id NOT LIKE 'e-%'") > 20);
    assert!(err.contains(&format!("Errors: {}", codes.len())), "{err}");
}

#[test]
fn database_failures_are_one_line_without_the_password() {
    // Unreachable server.
    let (code, out, err) = run(&[
        "migrate",
        "-d",
        "-D",
        "postgres://app:s3cr3t-pw@127.0.0.1:1/none",
    ]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: cannot connect to postgres://app:***@127.0.0.1:1/none"),
        "{err}"
    );
    assert!(!err.contains("s3cr3t-pw"));
    // Refused login (no such role), password in the URL.
    let url = common::server_url().replace("postgres@", "nobody_here:s3cr3t-pw@");
    let (code, _, err) = run(&["migrate", "-d", "-D", &url]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nobody_here"), "{err}");
    assert!(!err.contains("s3cr3t-pw"), "{err}");
    // Missing tables.
    let empty = common::with_schema(&common::server_url(), "no_such_schema_here");
    let (code, _, err) = run(&["migrate", "-d", "-D", &empty]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("the table classes is missing"), "{err}");
    // Bad flags are 2.
    for bad in [
        &["migrate", "-w", "0", "-D", "x"][..],
        &["migrate", "--weeks", "53", "-D", "x"],
        &["migrate", "-D", "x", "--now", "yesterday"],
    ] {
        let (code, _, err) = run(bad);
        assert_eq!(code, 2, "{bad:?}: {err}");
    }
}

#[test]
fn a_lock_held_past_the_timeout_stops_the_run_cleanly() {
    use sqlx::{Connection, Executor};
    let pg = Pg::new("lock");
    pg.seed(&sample(20));
    // Another session holds class c0004's lock until told to let go.
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let url = pg.url.clone();
    let holder = std::thread::spawn(move || {
        common::block_on(async {
            let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
            c.execute("BEGIN").await.unwrap();
            c.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('genova-sessions/class/c0004', 0))",
            )
            .await
            .unwrap();
            locked_tx.send(()).unwrap();
            let _ = release_rx.recv();
            c.execute("ROLLBACK").await.unwrap();
        })
    });
    locked_rx.recv().unwrap();
    let (code, out, err) = migrate(&pg, &["--lock-timeout", "1s", "--batch-size", "3"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("another run holds the lock") && err.contains("--lock-timeout"),
        "{err}"
    );
    // Batches before the locked one were written whole; the locked batch and after: nothing.
    assert_eq!(pg.count("SELECT count(*) FROM tutoring_sessions WHERE \"classId\" >= 'c0003' AND id NOT LIKE 'e-%'"), 0);
    assert!(pg.count("SELECT count(*) FROM tutoring_sessions WHERE \"classId\" < 'c0003' AND id NOT LIKE 'e-%'") > 0);
    release_tx.send(()).unwrap();
    holder.join().unwrap();
    let (code, _, err) = migrate(&pg, &["--lock-timeout", "1s"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(!err.contains("error:"), "{err}");
    let (_, out, _) = migrate(&pg, &["-d", "--format", "json"]);
    assert_eq!(json(&out)["summary"]["sessionsToCreate"], 0);
}

#[test]
fn maintain_rolls_the_window_and_reconciles_cascades() {
    let pg = Pg::new("maintain");
    pg.seed(&sample(15));
    let (code, out, err) = run(&["maintain", "-D", &pg.url, "--now", NOW, "--format", "json"]);
    assert!(code == 0 || code == 1, "{err}");
    let result = json(&out);
    for key in [
        "classesProcessed",
        "sessionsGenerated",
        "errors",
        "duration",
    ] {
        assert!(result.get(key).is_some(), "{key}: {out}");
    }
    assert!(result["sessionsGenerated"].as_u64().unwrap() > 20);
    // A week later, the window rolls one more week.
    let (_, out, _) = run(&[
        "maintain",
        "-D",
        &pg.url,
        "--now",
        "2027-03-08T00:00:00Z",
        "--format",
        "json",
    ]);
    let rolled = json(&out)["sessionsGenerated"].as_u64().unwrap();
    assert!(
        rolled > 0 && rolled < result["sessionsGenerated"].as_u64().unwrap(),
        "{out}"
    );

    // Deactivate a slot: --reconcile cancels its future scheduled sessions, shown first in a dry run.
    pg.exec("UPDATE class_time_slots SET \"isActive\" = false WHERE id = 'c0001-s0'");
    let future = pg.count("SELECT count(*) FROM tutoring_sessions WHERE \"classId\" = 'c0001' AND status IN ('PENDING','CONFIRMED') AND \"scheduledStart\" >= '2027-03-08' AND id NOT LIKE 'e-%' AND subject = (SELECT name FROM subjects s JOIN level_subjects l ON l.\"subjectId\" = s.id JOIN class_time_slots t ON t.\"levelSubjectId\" = l.id WHERE t.id = 'c0001-s0')");
    assert!(future > 0);
    let (_, table, _) = run(&[
        "maintain",
        "-D",
        &pg.url,
        "--now",
        "2027-03-08T00:00:00Z",
        "--reconcile",
        "--dry-run",
    ]);
    assert!(table.starts_with("Cascades (--reconcile):"), "{table}");
    assert!(
        table.contains("(time slot c0001-s0 deactivated)"),
        "{table}"
    );
    assert!(
        table.contains("  x cancel    Classe 1 (c0001)  "),
        "{table}"
    );
    let (_, out, _) = run(&[
        "maintain",
        "-D",
        &pg.url,
        "--now",
        "2027-03-08T00:00:00Z",
        "--reconcile",
        "--slot-removed-reason",
        "{class}: no {subject} on {date} at {time}, the slot was removed.",
        "--format",
        "json",
    ]);
    assert_eq!(
        json(&out)["sessionsCancelled"].as_i64().unwrap(),
        future,
        "{out}"
    );
    assert_eq!(pg.count("SELECT count(*) FROM tutoring_sessions WHERE \"cancellationReason\" LIKE 'Classe 1: no % on ___ % 2027 at __:__, the slot was removed.' AND status = 'CANCELLED'"), future);
    // A template naming an unknown placeholder is a bad flag.
    let (code, _, err) = run(&[
        "maintain",
        "-D",
        &pg.url,
        "--reconcile",
        "--slot-removed-reason",
        "{subjet}",
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_dry_run_needs_only_select_rights() {
    let pg = Pg::new("readonly");
    pg.seed(&sample(10));
    let role = format!("{}_reader", pg.schema);
    pg.exec(&format!(
        "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN; \
         GRANT USAGE ON SCHEMA {s} TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {role};",
        s = pg.schema
    ));
    let url = pg.url.replace("postgres@", &format!("{role}@"));
    let before = pg.sessions_checksum("true");
    let (code, out, err) = run(&[
        "migrate",
        "--dry-run",
        "-D",
        &url,
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(json(&out)["summary"]["sessionsToCreate"].as_u64().unwrap() > 0);
    assert_eq!(pg.sessions_checksum("true"), before);
    // The same role cannot migrate: the insert is refused, one line, exit 1.
    let (code, _, err) = run(&["migrate", "-D", &url, "--now", NOW]);
    assert_eq!(code, 1);
    assert!(err.contains("permission denied"), "{err}");
    assert_eq!(pg.sessions_checksum("true"), before);
    pg.exec(&format!("DROP OWNED BY {role}; DROP ROLE {role};"));
}

/// The statements one run issues, in order, from sqlx's own statement log (their first line).
fn statements(pg: &Pg, extra: &[&str]) -> Vec<String> {
    let args = common::db_args("migrate", &pg.url, extra);
    let out = common::command(&args)
        .env("RUST_LOG", "sqlx::query=trace")
        .output()
        .unwrap();
    let (code, _, err) = common::finish(out);
    assert_eq!(code, 0, "{err}");
    err.lines()
        .filter(|l| l.contains(" sqlx::query: "))
        .map(|l| {
            let statement = l.split("db.statement=\"").nth(1).unwrap_or_default();
            let statement = statement.trim_start_matches("\\n");
            let end = [statement.find("\\n"), statement.find("\" ")]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(statement.len());
            match &statement[..end] {
                // Short statements are logged whole in `summary` only.
                "" => l
                    .split("summary=\"")
                    .nth(1)
                    .and_then(|s| s.split('"').next())
                    .unwrap_or_default()
                    .to_owned(),
                text => text.to_owned(),
            }
        })
        .collect()
}

#[test]
fn statements_per_run_are_fixed_per_batch_of_500_classes() {
    let pg = Pg::new("statements");
    pg.seed(&sample(1000));
    // 1,000 classes = 2 batches. Dry run: BEGIN READ ONLY, the class ids, the tutors' sessions
    // (once, for R25 across batches), 6 reads per batch, ROLLBACK.
    let dry = statements(&pg, &["--dry-run"]);
    assert_eq!(dry.len(), 1 + 1 + 1 + 2 * 6 + 1, "{dry:#?}");
    // Structurally unable to write: everything runs inside one READ ONLY transaction, and
    // only SELECTs run in it.
    assert_eq!(dry[0], "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    assert_eq!(dry[dry.len() - 1], "ROLLBACK");
    assert!(
        dry[1..dry.len() - 1]
            .iter()
            .all(|s| s.starts_with("SELECT")),
        "{dry:#?}"
    );
    // Writing: the class ids, the tutors' sessions, then per batch BEGIN, SET LOCAL
    // lock_timeout, the locks, 6 reads, one COPY of all its sessions, COMMIT.
    let write = statements(&pg, &[]);
    assert_eq!(write.len(), 2 + 2 * 11, "{write:#?}");
    assert_eq!(
        write
            .iter()
            .filter(|s| s.starts_with("COPY tutoring_sessions"))
            .count(),
        2,
        "{write:#?}"
    );
    // Re-run: nothing to insert.
    assert_eq!(statements(&pg, &[]).len(), 2 + 2 * 10);
}

/// Non-cancelled sessions of one class overlapping another of the same subject: two rows of
/// one occurrence.
fn overlapping_pairs(pg: &Pg) -> i64 {
    pg.count(
        "SELECT count(*) FROM tutoring_sessions a JOIN tutoring_sessions b \
           ON a.\"classId\" = b.\"classId\" AND a.subject = b.subject AND a.id < b.id \
          AND a.\"scheduledStart\" < b.\"scheduledEnd\" AND b.\"scheduledStart\" < a.\"scheduledEnd\" \
        WHERE a.status <> 'CANCELLED' AND b.status <> 'CANCELLED'",
    )
}

#[test]
fn legacy_rows_are_planned_around_and_moved_only_on_request() {
    let pg = Pg::new("legacy");
    let (snapshot, live) = common::legacy_sample(6);
    pg.seed(&snapshot);
    let old = || pg.sessions_checksum("id LIKE 'old-%'");
    let before = old();

    // Without the option the old rows look like other times, and short slots get a
    // near-duplicate beside them (the symptom).
    let (_, out, _) = migrate(&pg, &["-d", "--format", "json"]);
    let plain = json(&out);
    assert!(plain["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["kind"] == "OTHER_TIMES"));

    // With it, the dry run is plan --input with it on the exported snapshot.
    let (code, out, err) = migrate(&pg, &["-d", "--format", "json", "--legacy-timezone", "UTC"]);
    assert_eq!(code, 0, "{err}");
    let exported = json(&run(&["export-snapshot", "-D", &pg.url]).1);
    let expected = common::plan_with(&exported, 4, "Europe/Paris", &["--legacy-timezone", "UTC"]);
    let planned = json(&out);
    assert_eq!(planned, expected);
    assert_eq!(planned["summary"]["legacyMoves"], live);
    assert!(planned["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["kind"] == "CANCELLED_SESSION"));
    // Only the fourth week, which the old generator never wrote, is created.
    let creates = planned["create"].as_array().unwrap();
    assert_eq!(creates.len(), 6 * 3);
    assert!(creates
        .iter()
        .all(|c| c["scheduledStart"].as_str().unwrap() >= "2027-03-22"));

    // By default nothing existing is modified.
    let (code, out, err) = migrate(&pg, &["--legacy-timezone", "UTC"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!(
            "left as they are; --move-legacy-rows moves them): {live}"
        )),
        "{out}"
    );
    assert!(
        out.contains("> move "),
        "each proposed move is shown: {out}"
    );
    assert_eq!(old(), before);
    assert_eq!(pg.duplicates(), 0);

    // The opt-in's dry run shows each move and writes nothing.
    let (code, table, err) = migrate(
        &pg,
        &["-d", "--legacy-timezone", "UTC", "--move-legacy-rows"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        table.contains("> move      Mon 2027-03-01 15:00–15:45 → Mon 2027-03-01 14:00–14:45  Mathématiques  slot c0-s0  session old-c0-s0-0"),
        "{table}"
    );
    assert!(
        table.contains(&format!("Legacy rows that would be moved: {live}")),
        "{table}"
    );
    assert_eq!(old(), before);

    // The opt-in, the zone from the environment (as a cron line keeps it), audited.
    let dir = common::temp_dir("legacy-audit");
    let audit = dir.join("audit.jsonl");
    let args = common::db_args(
        "migrate",
        &pg.url,
        &["--move-legacy-rows", "--audit-log", audit.to_str().unwrap()],
    );
    let out = common::command(&args)
        .env("GENOVA_LEGACY_TIMEZONE", "UTC")
        .output()
        .unwrap();
    let (code, out, err) = common::finish(out);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(&format!("Legacy rows moved to their right times: {live}")),
        "{out}"
    );
    let log = std::fs::read_to_string(&audit).unwrap();
    let moved: Vec<Value> = log
        .lines()
        .map(json)
        .filter(|l| l["event"] == "moved")
        .collect();
    assert_eq!(moved.len(), live);
    // Each row now sits where the plan said, with its id, tutor, status and price.
    for m in planned["moves"].as_array().unwrap() {
        let id = m["sessionId"].as_str().unwrap();
        let row = pg.text(&format!(
            "SELECT to_char(\"scheduledStart\", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') || ' ' || \
             to_char(\"scheduledEnd\", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') || ' ' || status || ' ' || \
             price::text || ' ' || \"tutorId\" FROM tutoring_sessions WHERE id = '{id}'"
        ));
        let want = format!(
            "{} {} CONFIRMED 100.00 tutor-000",
            m["scheduledStart"].as_str().unwrap(),
            m["scheduledEnd"].as_str().unwrap()
        );
        assert_eq!(row, want, "{id}");
    }
    // The cancelled old row stays where it was.
    assert_eq!(
        pg.text("SELECT to_char(\"scheduledStart\", 'HH24:MI') FROM tutoring_sessions WHERE id = 'old-c0-s0-1'"),
        "14:00"
    );

    // A re-run plans nothing, and no class holds two sessions of one occurrence.
    let (code, out, _) = migrate(
        &pg,
        &[
            "-d",
            "--format",
            "json",
            "--legacy-timezone",
            "UTC",
            "--detailed-exitcode",
        ],
    );
    assert_eq!(code, 0);
    let again = json(&out);
    assert_eq!(again["summary"]["sessionsToCreate"], 0);
    assert_eq!(again["summary"]["legacyMoves"], 0);
    assert_eq!(pg.duplicates(), 0);
    assert_eq!(overlapping_pairs(&pg), 0);
}

#[test]
fn maintain_takes_the_legacy_zone_and_saved_plans_carry_the_moves() {
    let pg = Pg::new("legacy_plan");
    let (snapshot, live) = common::legacy_sample(2);
    pg.seed(&snapshot);
    // maintain with the zone: creates beside no old row, moves nothing.
    let args = common::db_args(
        "maintain",
        &pg.url,
        &["--legacy-timezone", "UTC", "--format", "json"],
    );
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let result = json(&out);
    assert_eq!(result["legacyRowsToMove"], live);
    assert_eq!(result["legacyRowsMoved"], 0);
    assert_eq!(overlapping_pairs(&pg), 0);
    // A saved plan made with the opt-in writes exactly its moves.
    let dir = common::temp_dir("legacy-plan");
    let file = dir.join("plan.json");
    let (code, _, err) = migrate(
        &pg,
        &[
            "-d",
            "--legacy-timezone",
            "UTC",
            "--move-legacy-rows",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let saved = json(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(saved["legacyTimezone"], "UTC");
    assert_eq!(saved["moveLegacyRows"], true);
    assert_eq!(saved["plan"]["moves"].as_array().unwrap().len(), live);
    let (code, out, err) = run(&["migrate", "-D", &pg.url, "--apply", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        pg.count("SELECT count(*) FROM tutoring_sessions WHERE id LIKE 'old-%' AND status <> 'CANCELLED' \
                  AND to_char(\"scheduledStart\", 'MI') = '00' AND extract(hour FROM \"scheduledStart\") IN (13, 9, 15)"),
        live as i64
    );
    let (_, out, _) = migrate(&pg, &["-d", "--format", "json", "--legacy-timezone", "UTC"]);
    assert_eq!(json(&out)["summary"]["legacyMoves"], 0);
    assert_eq!(overlapping_pairs(&pg), 0);
}

#[test]
fn demo_creates_the_tables_in_an_empty_postgres_database_and_refuses_a_real_one() {
    let server = common::server_url();
    let schema = format!("genova_demo_{}", std::process::id());
    common::exec(
        &server,
        &format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"),
    );
    let url = common::with_schema(&server, &schema);
    // Without tables, a run names the missing table and the way out.
    let (code, _, err) = run(&["migrate", "-d", "-D", &url]);
    assert_eq!(code, 1);
    assert!(err.contains("the table classes is missing"), "{err}");
    assert!(
        err.contains("genova-sessions demo --database-url URL"),
        "{err}"
    );
    let (code, out, err) = run(&["demo", "-D", &url, "--now", "2026-11-30T00:00:00Z"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("Created the platform's tables and a sample of "),
        "{out}"
    );
    assert!(
        out.contains("Plan: 17 to create, 1 existing, 1 conflicts, 1 skipped."),
        "{out}"
    );
    assert!(
        out.contains("Plan: 0 to create, 18 existing, 1 conflicts, 1 skipped."),
        "{out}"
    );
    // The echoed dry run runs as shown (the URL has no password) and finds nothing to do.
    let line = out.lines().find(|l| l.starts_with("1. Dry run: ")).unwrap();
    let (code, again, err) = common::run_printed(line.trim_start_matches("1. Dry run: "));
    assert_eq!(code, 0, "{err}");
    assert!(again.contains("Plan: 0 to create, 18 existing"), "{again}");
    // Running it again reuses the demo's classes; a database with other classes is refused.
    let (code, out, _) = run(&["demo", "-D", &url, "--now", "2026-11-30T00:00:00Z"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Reusing the demo's classes"), "{out}");
    common::exec(&url, "INSERT INTO users (id) VALUES ('real-user'); INSERT INTO classes (id, name, \"createdBy\", \"updatedAt\") VALUES ('real-1', 'Real', 'real-user', now())");
    let (code, _, err) = run(&["demo", "-D", &url]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("holds classes other than the demo's (e.g. real-1)"),
        "{err}"
    );
    common::exec(&server, &format!("DROP SCHEMA {schema} CASCADE"));
}

/// Each exit code of each command, as docs/errors.md documents them: 0 done, 1 a class failed
/// or the run stopped, 2 bad input or flags, 3 changes with --detailed-exitcode.
#[test]
fn every_command_exits_as_documented() {
    let example = json(
        &std::fs::read_to_string(common::root().join("examples/platform-snapshot.json")).unwrap(),
    );
    let good = Pg::new("exits_good");
    good.seed(&example["snapshot"]);
    let failing = Pg::new("exits_failing");
    failing.seed(&example["snapshot"]);
    failing.exec("UPDATE class_time_slots SET \"endTime\" = '25:00' WHERE id = 'slot-dla-phys'");
    let dir = common::temp_dir("exits");
    let snapshot = common::write_json(&dir, "snapshot.json", &example["snapshot"]);
    let snapshot = snapshot.to_str().unwrap();
    let plan_file = dir.join("plan.json");
    let plan_file = plan_file.to_str().unwrap();
    let demo_db = dir.join("demo.sqlite");
    let demo_db = demo_db.to_str().unwrap();
    let fresh = Pg::new("exits_seed");
    fresh.exec("DELETE FROM countries");
    let other = Pg::new("exits_other");
    other.seed(&sample(2));
    let down = "postgres://nobody@127.0.0.1:1/none";
    let now = "2026-11-30T00:00:00Z";
    let (g, f) = (good.url.as_str(), failing.url.as_str());
    let cases: Vec<(&str, Vec<&str>, i32)> = vec![
        (
            "plan: a plan",
            vec!["plan", "-i", snapshot, "--now", now],
            0,
        ),
        (
            "plan: missing file",
            vec!["plan", "-i", "/nonexistent.json"],
            2,
        ),
        (
            "plan: weeks 0",
            vec!["plan", "-i", snapshot, "--weeks", "0"],
            2,
        ),
        ("plan: unknown flag", vec!["plan", "--nope"], 2),
        (
            "migrate: dry run",
            vec!["migrate", "-d", "-D", g, "--now", now],
            0,
        ),
        (
            "migrate: changes",
            vec![
                "migrate",
                "-d",
                "-D",
                g,
                "--now",
                now,
                "--detailed-exitcode",
            ],
            3,
        ),
        (
            "migrate: a class failed",
            vec!["migrate", "-d", "-D", f, "--now", now],
            1,
        ),
        (
            "migrate: database down",
            vec!["migrate", "-d", "-D", down],
            1,
        ),
        (
            "migrate: weeks 53",
            vec!["migrate", "-d", "-D", g, "-w", "53"],
            2,
        ),
        (
            "migrate: unsupported url",
            vec!["migrate", "-d", "-D", "mysql://x/y"],
            2,
        ),
        (
            "migrate: missing plan file",
            vec!["migrate", "-D", g, "--apply", "/nonexistent.json"],
            2,
        ),
        (
            "migrate: --out without --dry-run",
            vec!["migrate", "-D", g, "--out", plan_file],
            2,
        ),
        (
            "maintain: dry run",
            vec!["maintain", "-d", "-D", g, "--now", now],
            0,
        ),
        (
            "maintain: changes",
            vec![
                "maintain",
                "-d",
                "-D",
                g,
                "--now",
                now,
                "--detailed-exitcode",
            ],
            3,
        ),
        (
            "maintain: a class failed",
            vec!["maintain", "-d", "-D", f, "--now", now],
            1,
        ),
        ("maintain: database down", vec!["maintain", "-D", down], 1),
        (
            "maintain: --move-legacy-rows alone",
            vec!["maintain", "-D", g, "--move-legacy-rows"],
            2,
        ),
        (
            "maintain: bad legacy zone",
            vec!["maintain", "-d", "-D", g, "--legacy-timezone", "Mars/Base"],
            2,
        ),
        ("export-snapshot: done", vec!["export-snapshot", "-D", g], 0),
        (
            "export-snapshot: database down",
            vec!["export-snapshot", "-D", down],
            1,
        ),
        ("export-snapshot: no database", vec!["export-snapshot"], 2),
        (
            "seed: done",
            vec!["seed", "-D", &fresh.url, "-i", snapshot],
            0,
        ),
        (
            "seed: rows that exist already",
            vec!["seed", "-D", &fresh.url, "-i", snapshot],
            1,
        ),
        (
            "seed: missing file",
            vec!["seed", "-D", g, "-i", "/nonexistent.json"],
            2,
        ),
        (
            "demo: done",
            vec!["demo", "--database", demo_db, "--now", now],
            0,
        ),
        (
            "demo: a database with other classes",
            vec!["demo", "-D", &other.url],
            2,
        ),
        ("demo: unknown flag", vec!["demo", "--nope"], 2),
    ];
    let mut wrong = Vec::new();
    for (what, args, expected) in &cases {
        let (code, _, err) = run(args);
        if code != *expected {
            wrong.push(format!("{what}: exit {code}, expected {expected}: {err}"));
        }
        // A failure is one line on stderr; a class that failed is reported in the run's own
        // output instead.
        let failed = code == 2 || what.contains("down") || what.contains("exist already");
        if failed && !err.starts_with("error: ") {
            wrong.push(format!("{what}: no one-line error: {err}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The saved plan's hint runs as shown.
    let (_, _, err) = run(&["migrate", "-d", "-D", g, "--now", now, "--out", plan_file]);
    let hint = err
        .lines()
        .find(|l| l.starts_with("Saved the plan"))
        .unwrap();
    let command = hint.split("apply it with: ").nth(1).unwrap();
    let (code, out, err) = common::run_printed(command);
    assert_eq!(code, 0, "{command}: {out}{err}");
}

/// The sessions written, without their generated ids and creation times.
fn written_rows(pg: &Pg) -> String {
    pg.text(
        "SELECT string_agg(\"classId\" || '|' || subject || '|' || \"scheduledStart\"::text || '|' || \
         \"scheduledEnd\"::text || '|' || coalesce(\"tutorId\", '-') || '|' || status || '|' || price::text, \
         E'\\n' ORDER BY \"classId\" COLLATE \"C\", \"scheduledStart\", subject) \
         FROM tutoring_sessions WHERE id NOT LIKE 'e-%'",
    )
}

#[test]
fn four_shards_at_once_write_exactly_what_one_run_writes() {
    let whole = Pg::new("shard_whole");
    let sharded = Pg::new("shard_split");
    let snapshot = sample(60);
    whole.seed(&snapshot);
    sharded.seed(&snapshot);
    // --shard 0/1 is no flag.
    let plain = migrate(&whole, &["-d", "--format", "json"]).1;
    assert_eq!(
        migrate(&whole, &["-d", "--format", "json", "--shard", "0/1"]).1,
        plain
    );
    // The dry runs of the four shards split the classes.
    let processed: u64 = (0..4)
        .map(|i| {
            let shard = format!("{i}/4");
            let out = migrate(&sharded, &["-d", "--format", "json", "--shard", &shard]).1;
            json(&out)["summary"]["classesProcessed"].as_u64().unwrap()
        })
        .sum();
    assert_eq!(
        processed,
        json(&plain)["summary"]["classesProcessed"]
            .as_u64()
            .unwrap()
    );
    let (code, _, err) = migrate(&whole, &[]);
    assert!(code == 0, "{err}");
    let children: Vec<_> = (0..4)
        .map(|i| {
            let shard = format!("{i}/4");
            common::spawn(&common::db_args(
                "migrate",
                &sharded.url,
                &["--shard", &shard, "--batch-size", "7"],
            ))
        })
        .collect();
    for child in children {
        let (code, _, err) = common::finish(child.wait_with_output().unwrap());
        assert_eq!(code, 0, "{err}");
    }
    assert_eq!(written_rows(&sharded), written_rows(&whole));
    assert_eq!(sharded.duplicates(), 0);
    // Overlapping workers (a shard run twice at once) are kept apart by the class locks.
    let children: Vec<_> = (0..2)
        .map(|_| {
            common::spawn(&common::db_args(
                "maintain",
                &sharded.url,
                &["--shard", "1/4", "-w", "6"],
            ))
        })
        .collect();
    for child in children {
        let (code, _, err) = common::finish(child.wait_with_output().unwrap());
        assert_eq!(code, 0, "{err}");
    }
    assert_eq!(sharded.duplicates(), 0);
    let (code, _, err) = run(&["migrate", "-d", "-D", &sharded.url, "--shard", "4/4"]);
    assert_eq!(code, 2, "{err}");
}
