//! Shared by the database tests: a fresh PostgreSQL schema (or SQLite file) per test, the
//! binary, a deterministic sample of classes, and checksums of rows.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

/// The server the tests use (`GENOVA_TEST_DATABASE_URL`, default the CI's PostgreSQL).
pub fn server_url() -> String {
    std::env::var("GENOVA_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_genova-sessions")
}

/// Runs the binary; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = command(args).output().expect("run genova-sessions");
    finish(out)
}

/// The binary as a `Command`, with no `DATABASE_URL` or `.env` from the outside.
pub fn command(args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .current_dir(std::env::temp_dir());
    c
}

/// `command -D url --now NOW --default-timezone Europe/Paris extra…`: how the tests run
/// `migrate` and `maintain`.
pub fn db_args<'a>(command: &'a str, url: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        command,
        "-D",
        url,
        "--now",
        NOW,
        "--default-timezone",
        "Europe/Paris",
    ];
    args.extend_from_slice(extra);
    args
}

/// The binary started with piped output (for runs at the same time).
pub fn spawn(args: &[&str]) -> std::process::Child {
    command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn genova-sessions")
}

/// (exit code, stdout, stderr) of a finished process.
pub fn finish(out: Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A single-threaded runtime for the few statements the tests run themselves.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A schema of its own on the test server, with the platform's tables
/// (`tests/sql/postgres.sql`); dropped at the end.
pub struct Pg {
    /// Schema name.
    pub schema: String,
    /// URL whose connections use the schema.
    pub url: String,
}

impl Pg {
    /// Creates the schema and its tables.
    pub fn new(name: &str) -> Pg {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let schema = format!("gs_{name}_{}_{n}", std::process::id());
        let ddl = std::fs::read_to_string(root().join("tests/sql/postgres.sql")).expect("ddl");
        let url = with_schema(&server_url(), &schema);
        exec(
            &server_url(),
            &format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"),
        );
        exec(&url, &ddl);
        Pg { schema, url }
    }

    /// Runs statements in the schema.
    pub fn exec(&self, sql: &str) {
        exec(&self.url, sql);
    }

    /// One text value.
    pub fn text(&self, sql: &str) -> String {
        query_text(&self.url, sql)
    }

    /// One integer value.
    pub fn count(&self, sql: &str) -> i64 {
        self.text(&format!("SELECT ({sql})::bigint::text"))
            .parse()
            .expect("count")
    }

    /// Loads a snapshot through `genova-sessions seed`.
    pub fn seed(&self, snapshot: &Value) {
        seed(&self.url, snapshot);
    }

    /// An MD5 of every session row (all columns), in id order.
    pub fn sessions_checksum(&self, filter: &str) -> String {
        self.text(&format!(
            "SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') \
             FROM tutoring_sessions t WHERE {filter}"
        ))
    }

    /// An MD5 of every table but `tutoring_sessions`.
    pub fn others_checksum(&self) -> String {
        let tables = [
            "classes",
            "class_time_slots",
            "class_slot_cancellations",
            "class_tutor_assignments",
            "class_members",
            "tutor_profiles",
            "tutor_availability",
            "users",
            "countries",
            "subjects",
            "level_subjects",
        ];
        tables
            .iter()
            .map(|t| {
                self.text(&format!(
                    "SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY x.id)), '') FROM {t} x"
                ))
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Number of (class, start, subject) with more than one non-cancelled session.
    pub fn duplicates(&self) -> i64 {
        self.count(
            "SELECT count(*) FROM (SELECT 1 FROM tutoring_sessions WHERE status <> 'CANCELLED' \
             GROUP BY \"classId\", \"scheduledStart\", subject HAVING count(*) > 1) d",
        )
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        if std::env::var_os("GENOVA_KEEP_SCHEMAS").is_none() {
            let _ = std::panic::catch_unwind(|| {
                exec(
                    &server_url(),
                    &format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema),
                )
            });
        }
    }
}

/// `url` with connections defaulting to `schema`.
pub fn with_schema(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-c%20search_path%3D{schema}")
}

/// Runs statements (several, separated by `;`).
pub fn exec(url: &str, sql: &str) {
    use sqlx::{Connection, Executor};
    block_on(async {
        let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
        c.execute(sqlx::raw_sql(sql)).await.expect(sql);
        c.close().await.ok();
    });
}

/// One text value of a query.
pub fn query_text(url: &str, sql: &str) -> String {
    use sqlx::Connection;
    block_on(async {
        let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
        let v: Option<String> = sqlx::query_scalar(sql).fetch_one(&mut c).await.expect(sql);
        c.close().await.ok();
        v.unwrap_or_default()
    })
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh temporary directory.
pub fn temp_dir(name: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("genova-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Writes `value` as JSON into `dir/name`.
pub fn write_json(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, value.to_string()).expect("write json");
    path
}

/// Loads a snapshot into the database at `url` with `genova-sessions seed`.
pub fn seed(url: &str, snapshot: &Value) {
    let dir = temp_dir("seed");
    let file = write_json(&dir, "snapshot.json", snapshot);
    let (code, _, err) = run(&["seed", "-D", url, "-i", file.to_str().unwrap()]);
    assert_eq!(code, 0, "seed failed: {err}");
}

/// The options the tests plan with: Monday 2027-03-01, so the window holds the US (Mar 14)
/// and European (Mar 28) spring-forward days and Lord Howe's April change is near.
pub const NOW: &str = "2027-03-01T00:00:00.000Z";

/// A deterministic sample of `classes` classes: DST and non-DST zones and one class without a
/// zone, two slots each (one crossing midnight or ending at 24:00 in some classes), all four
/// patterns, cancellations, existing sessions (exact, conflicting, cancelled), an inactive
/// class and classes without slots, and tutors shared across classes so that batches see each
/// other's tutors.
pub fn sample(classes: usize) -> Value {
    let zones = [
        Some("Africa/Douala"),
        Some("Africa/Dakar"),
        Some("Europe/Paris"),
        Some("America/New_York"),
        Some("Australia/Lord_Howe"),
        None,
    ];
    let starts = [
        "14:00", "02:30", "22:00", "08:00", "23:30", "17:45", "01:00",
    ];
    let ends = [
        "16:00", "03:30", "01:00", "24:00", "00:30", "19:15", "02:00",
    ];
    let subjects = ["Mathématiques", "Physique", "Chimie", "Anglais"];
    let tutors = (classes / 3).max(3);
    let mut class_rows = vec![];
    let mut slot_rows = vec![];
    let mut cancellations = vec![];
    let mut assignments = vec![];
    let mut sessions = vec![];
    for c in 0..classes {
        let id = format!("c{c:04}");
        class_rows.push(json!({
            "id": id, "name": format!("Classe {c}"), "isActive": c % 17 != 16,
            "timezone": zones[c % zones.len()], "memberCount": c % 9,
        }));
        if c % 13 == 12 {
            continue;
        }
        for s in 0..2usize {
            let slot = format!("{id}-s{s}");
            let shape = (c + 3 * s) % starts.len();
            let subject = subjects[(c + s) % subjects.len()];
            slot_rows.push(json!({
                "id": slot, "classId": id, "subject": subject, "dayOfWeek": (c + 2 * s) % 7,
                "startTime": starts[shape], "endTime": ends[shape], "isActive": true,
                "createdAt": "2027-01-05T10:00:00.000Z",
            }));
            if c % 5 == 0 && s == 0 {
                cancellations.push(json!({
                    "id": format!("x-{slot}"), "timeSlotId": slot,
                    "weekStart": "2027-03-08T00:00:00.000Z", "reason": "Congé",
                }));
            }
            let t = |k: usize| format!("tutor-{:03}", (c + k * 7) % tutors);
            let assignment = |n: usize, tutor: String, pattern: &str, config: Value| {
                json!({
                    "id": format!("a-{slot}-{n}"), "classId": id,
                    "timeSlotId": if n == 9 { Value::Null } else { json!(slot) },
                    "subject": subject, "tutorId": tutor, "recurrencePattern": pattern,
                    "recurrenceConfig": config, "startDate": null, "endDate": null,
                    "status": "ACCEPTED", "isActive": true,
                    "createdAt": format!("2027-01-0{}T08:00:00.000Z", n % 9 + 1),
                })
            };
            match (c + s) % 4 {
                0 => {
                    assignments.push(assignment(1, t(0), "ROUND_ROBIN", Value::Null));
                    assignments.push(assignment(2, t(1), "ROUND_ROBIN", Value::Null));
                }
                1 => {
                    assignments.push(assignment(
                        1,
                        t(0),
                        "WEEKLY",
                        json!({ "weeks": [1, 3, 5, 7, 9, 11] }),
                    ));
                    assignments.push(assignment(
                        2,
                        t(1),
                        "WEEKLY",
                        json!({ "pattern": "alternating", "startWeek": 2 }),
                    ));
                }
                2 => {
                    assignments.push(assignment(
                        1,
                        t(0),
                        "CONSECUTIVE_DAYS",
                        json!({ "consecutiveDays": 2 }),
                    ));
                    assignments.push(assignment(
                        2,
                        t(2),
                        "CONSECUTIVE_DAYS",
                        json!({ "consecutiveDays": 1 }),
                    ));
                }
                _ => {
                    assignments.push(assignment(1, t(0), "MANUAL", Value::Null));
                    assignments.push(assignment(9, t(1), "ROUND_ROBIN", Value::Null));
                }
            }
        }
        // Existing sessions: a UTC-noon Monday row (conflicts with nothing or with a slot),
        // and one cancelled row.
        if c % 3 == 0 {
            sessions.push(json!({
                "id": format!("e-{id}-1"), "classId": id, "tutorId": format!("tutor-{:03}", c % tutors),
                "subject": subjects[c % subjects.len()],
                "scheduledStart": "2027-03-03T13:00:00.000Z", "scheduledEnd": "2027-03-03T15:00:00.000Z",
                "status": "CONFIRMED", "price": "1000.00", "cancellationReason": null,
            }));
            sessions.push(json!({
                "id": format!("e-{id}-2"), "classId": id, "tutorId": null, "subject": "Physique",
                "scheduledStart": "2027-03-15T21:00:00.000Z", "scheduledEnd": "2027-03-15T23:00:00.000Z",
                "status": "CANCELLED", "price": "0.00", "cancellationReason": "Grève",
            }));
        }
    }
    let tutor_rows: Vec<Value> = (0..tutors)
        .map(|t| {
            let availability = if t % 4 == 0 {
                json!([{ "dayOfWeek": 1, "specificDate": null, "startTime": "08:00",
                         "endTime": "20:00", "isRecurring": true, "isActive": true }])
            } else {
                json!([])
            };
            json!({ "id": format!("tutor-{t:03}"), "hourlyRate": format!("{}.25", 1000 + t * 250),
                    "availability": availability })
        })
        .collect();
    json!({
        "classes": class_rows, "timeSlots": slot_rows, "slotCancellations": cancellations,
        "tutorAssignments": assignments, "tutors": tutor_rows, "existingSessions": sessions,
    })
}

/// The plan `plan --input` gives for a snapshot (the reference the database runs are held to).
pub fn plan_of(snapshot: &Value, weeks: i64, default_timezone: &str) -> Value {
    plan_with(snapshot, weeks, default_timezone, &[])
}

/// Runs a command line the binary printed (a hint, the demo's echo) as it stands: its first
/// word is the program, quoted words lose their single quotes.
pub fn run_printed(command: &str) -> (i32, String, String) {
    let args: Vec<String> = command
        .split_whitespace()
        .skip(1)
        .map(|a| a.trim_matches('\'').to_owned())
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}

/// The plan `plan --input` gives with extra flags (e.g. `--legacy-timezone UTC`).
pub fn plan_with(snapshot: &Value, weeks: i64, default_timezone: &str, extra: &[&str]) -> Value {
    let dir = temp_dir("plan");
    let file = write_json(&dir, "snapshot.json", snapshot);
    let weeks = weeks.to_string();
    let mut args = vec![
        "plan",
        "--input",
        file.to_str().unwrap(),
        "--now",
        NOW,
        "--weeks",
        &weeks,
        "--default-timezone",
        default_timezone,
    ];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("plan json")
}

/// Rows of the old generator that ran on a UTC server: `classes` classes (Douala, and Paris
/// whose clocks change on 2027-03-28, inside the window from [`NOW`]) with 45-, 60- and
/// 120-minute slots, and one row per occurrence of the window's first three weeks stored at
/// the slot's wall times read as UTC (`old-…` ids). Class c0's first Monday row was cancelled
/// since. Returns the snapshot and the number of rows still `PENDING`/`CONFIRMED`.
pub fn legacy_sample(classes: usize) -> (Value, usize) {
    // (slot, weekday, start, end, subject); NOW is Monday 2027-03-01.
    let slots = [
        ("s0", 1, "14:00", "14:45", "Mathématiques"),
        ("s1", 3, "10:00", "11:00", "Physique"),
        ("s2", 5, "16:00", "18:00", "Chimie"),
    ];
    let (mut class_rows, mut slot_rows, mut assignments, mut sessions) =
        (vec![], vec![], vec![], vec![]);
    let mut live = 0;
    for c in 0..classes {
        let id = format!("c{c}");
        let zone = if c % 2 == 0 {
            "Africa/Douala"
        } else {
            "Europe/Paris"
        };
        class_rows.push(
            json!({ "id": id, "name": format!("Classe {c}"), "isActive": true,
                                "timezone": zone, "memberCount": 2 }),
        );
        for (s, day, start, end, subject) in slots {
            let slot = format!("{id}-{s}");
            slot_rows.push(
                json!({ "id": slot, "classId": id, "subject": subject, "dayOfWeek": day,
                "startTime": start, "endTime": end, "isActive": true,
                "createdAt": "2027-01-05T10:00:00.000Z" }),
            );
            assignments.push(
                json!({ "id": format!("a-{slot}"), "classId": id, "timeSlotId": slot,
                "subject": subject, "tutorId": "tutor-000", "recurrencePattern": "ROUND_ROBIN",
                "recurrenceConfig": null, "startDate": null, "endDate": null, "status": "ACCEPTED",
                "isActive": true, "createdAt": "2027-01-06T08:00:00.000Z" }),
            );
            for week in 0..3 {
                let date = format!("2027-03-{:02}", 1 + (day - 1) + 7 * week);
                let status = if c == 0 && s == "s0" && week == 1 {
                    "CANCELLED"
                } else {
                    "CONFIRMED"
                };
                if status != "CANCELLED" {
                    live += 1;
                }
                sessions.push(json!({ "id": format!("old-{slot}-{week}"), "classId": id,
                    "tutorId": "tutor-000", "subject": subject,
                    "scheduledStart": format!("{date}T{start}:00.000Z"),
                    "scheduledEnd": format!("{date}T{end}:00.000Z"),
                    "status": status, "price": "100.00", "cancellationReason": null }));
            }
        }
    }
    let snapshot = json!({
        "classes": class_rows, "timeSlots": slot_rows, "slotCancellations": [],
        "tutorAssignments": assignments,
        "tutors": [{ "id": "tutor-000", "hourlyRate": "3000.00", "availability": [] }],
        "existingSessions": sessions,
    });
    (snapshot, live)
}
