//! `genova-sessions demo`: the embedded default. Creates (or reuses) a SQLite file with the
//! platform's tables and a realistic sample — classes in Douala, Dakar and Paris, all four
//! patterns, a cancelled week, a manual session that conflicts — then shows the dry run,
//! applies it, and shows that a second run creates nothing.

use std::io::Write;
use std::time::Duration;

use chrono::{Datelike, NaiveDate, TimeDelta};
use genova_sessions_core::Instant;
use serde_json::Value;

use super::database::{options, runtime};
use super::plan::current_time;
use crate::cli::DemoArgs;
use crate::db::Db;
use crate::exit::{Done, Failure};
use crate::progress::Progress;
use crate::report;
use crate::run::{self, Mode, Spec, BATCH_SIZE};

/// The sample: `examples/platform-snapshot.json`, planned as of Monday 2026-11-30.
const SAMPLE: &str = include_str!("../../../examples/platform-snapshot.json");

/// The Monday the sample was written for.
fn sample_monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default()
}

/// Fields holding instants, moved with the sample.
const INSTANT_FIELDS: &[&str] = &[
    "createdAt",
    "weekStart",
    "startDate",
    "endDate",
    "specificDate",
    "scheduledStart",
    "scheduledEnd",
];

/// Moves every instant of the sample by `days` (whole weeks: weekdays and, in zones without
/// daylight saving, local times are kept).
fn shift(value: &mut Value, days: i64) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if INSTANT_FIELDS.contains(&key.as_str()) {
                    if let Some(moved) = v
                        .as_str()
                        .and_then(Instant::parse)
                        .and_then(|i| i.checked_add(TimeDelta::days(days)))
                    {
                        *v = Value::String(moved.to_string());
                    }
                } else {
                    shift(v, days);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| shift(v, days)),
        _ => {}
    }
}

/// The sample moved so that its first week is the one starting on the first Monday at or
/// after `now`.
fn sample_for(now: &str) -> Value {
    let mut sample: Value = serde_json::from_str(SAMPLE).unwrap_or(Value::Null);
    let snapshot = sample
        .get_mut("snapshot")
        .map(Value::take)
        .unwrap_or_default();
    let mut snapshot = snapshot;
    let today = Instant::parse(now)
        .map(|i| i.utc().date())
        .unwrap_or_default();
    let ahead = (7 - i64::from(today.weekday().num_days_from_monday())) % 7;
    let monday = today + TimeDelta::days(ahead);
    shift(&mut snapshot, (monday - sample_monday()).num_days());
    snapshot
}

/// Runs the demo.
pub fn run(args: &DemoArgs) -> Result<Done, Failure> {
    let now = args.now.clone().unwrap_or_else(current_time);
    let options = options(Some(&now), 4, "Africa/Douala", None)?;
    let url = format!("sqlite://{}?mode=rwc", args.database.display());
    let path = args.database.display().to_string();
    runtime()?.block_on(async move {
        let fail = |e: crate::db::DbError| Failure::Runtime(e.message);
        let mut db = Db::connect(&url, Duration::from_secs(30), true)
            .await
            .map_err(fail)?;
        db.create_sqlite_tables().await.map_err(fail)?;
        let mut out = std::io::stdout().lock();
        let say = |out: &mut std::io::StdoutLock<'_>, line: String| {
            let _ = writeln!(out, "{line}");
        };
        if db.is_empty().await {
            let loaded = db
                .load_snapshot(&sample_for(options["now"].as_str().unwrap_or_default()))
                .await
                .map_err(fail)?;
            let rows: usize = loaded.rows.values().sum();
            say(&mut out, format!("Created {path} with a sample of {rows} rows (Douala, Dakar, Paris)."));
        } else {
            say(&mut out, format!("Reusing {path}."));
        }
        let hidden = Progress::new(true);
        let spec = |mode| Spec {
            options: options.clone(),
            batch_size: BATCH_SIZE,
            lock_timeout: Duration::from_secs(30),
            mode,
            reconcile: false,
            move_legacy_rows: false,
        };
        let stop = |e: run::Stopped| Failure::Runtime(e.message);
        let window = run::window_of(&options);
        say(&mut out, format!(
            "\n1. Dry run: genova-sessions migrate --dry-run -D sqlite:{path} --now {} --default-timezone Africa/Douala\n",
            window.start
        ));
        let dry = run::run(&mut db, &spec(Mode::DryRun), &mut None, &hidden)
            .await
            .map_err(stop)?;
        let _ = report::table(&mut out, &dry.plan, &dry.classes, &dry.subjects, &[], "Africa/Douala");
        let _ = report::summary(&mut out, &dry.plan, true, 0, report::Moves { write: false, moved: 0 });
        say(&mut out, format!("\n2. Migrate: genova-sessions migrate -D sqlite:{path} --now {}\n", window.start));
        let wrote = run::run(&mut db, &spec(Mode::Write), &mut None, &hidden)
            .await
            .map_err(stop)?;
        let _ = report::summary(&mut out, &wrote.plan, false, wrote.written, report::Moves { write: false, moved: 0 });
        say(&mut out, "\n3. Second run: nothing left to create\n".to_owned());
        let again = run::run(&mut db, &spec(Mode::DryRun), &mut None, &hidden)
            .await
            .map_err(stop)?;
        say(&mut out, report::plan_line(&again.plan));
        db.close().await;
        say(&mut out, format!(
            "\nNext: sqlite3 {path} 'SELECT \"scheduledStart\", subject, \"tutorId\", price FROM tutoring_sessions ORDER BY 1' \
             or point -D at your PostgreSQL."
        ));
        Ok(if wrote.plan.errors.is_empty() { Done::Ok } else { Done::ClassFailed })
    })
}
