//! `genova-sessions demo`: the embedded default. Creates (or reuses) a SQLite file with the
//! platform's tables and a realistic sample — classes in Douala, Dakar and Paris, all four
//! patterns, a cancelled week, a manual session that conflicts — then shows the dry run,
//! applies it, and shows that a second run creates nothing.

use std::io::Write;
use std::time::Duration;

use chrono::{Datelike, NaiveDate, TimeDelta};
use genova_sessions_core::Instant;
use serde_json::Value;

use super::database::{options, program, runtime, shown_url};
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

/// The database of the demo: a SQLite file, or the URL given.
fn database_url(args: &DemoArgs) -> String {
    match &args.database_url {
        Some(url) => url.clone(),
        None => format!("sqlite://{}?mode=rwc", args.database.display()),
    }
}

/// How the echoed commands name the database: the SQLite path, else as [`shown_url`] does.
fn demo_url(args: &DemoArgs) -> String {
    match &args.database_url {
        None => format!("sqlite:{}", args.database.display()),
        Some(url) => shown_url(url),
    }
}

/// Creates the platform's tables when the database has none; fills an empty database with
/// the sample. A database holding other classes than the sample's is refused: the demo is
/// for a trial database, `migrate` is for real ones.
async fn prepare(db: &mut Db, now: &str, shown: &str) -> Result<String, Failure> {
    let fail = |e: crate::db::DbError| Failure::Runtime(e.message);
    let created = db.create_platform_tables().await.map_err(fail)?;
    let ids = db.class_ids().await.map_err(fail)?;
    let sample = sample_for(now);
    let sample_ids: Vec<&str> = sample["classes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["id"].as_str())
        .collect();
    if ids.is_empty() {
        let loaded = db.load_snapshot(&sample).await.map_err(fail)?;
        let rows: usize = loaded.rows.values().sum();
        let tables = if created {
            "the platform's tables and "
        } else {
            ""
        };
        return Ok(format!(
            "Created {tables}a sample of {rows} rows (Douala, Dakar, Paris) in {shown}."
        ));
    }
    if let Some(other) = ids.iter().find(|id| !sample_ids.contains(&id.as_str())) {
        return Err(Failure::Usage(format!(
            "{shown} holds classes other than the demo's (e.g. {other}): the demo only fills an \
             empty database. To see what a migration of it would do: genova-sessions migrate \
             --dry-run -D {shown}"
        )));
    }
    Ok(format!("Reusing the demo's classes in {shown}."))
}

/// Runs the demo.
pub fn run(args: &DemoArgs) -> Result<Done, Failure> {
    let now = args.now.clone().unwrap_or_else(current_time);
    let options = options(Some(&now), 4, "Africa/Douala", None)?;
    let url = database_url(args);
    let shown = demo_url(args);
    let program = program();
    runtime()?.block_on(async move {
        let mut db = Db::connect(&url, Duration::from_secs(30), true)
            .await
            .map_err(Failure::from)?;
        let mut out = std::io::stdout().lock();
        let say = |out: &mut std::io::StdoutLock<'_>, line: String| {
            let _ = writeln!(out, "{line}");
        };
        let ready = prepare(&mut db, &options.now.to_string(), &shown).await;
        let ready = match ready {
            Ok(line) => line,
            Err(e) => {
                db.close().await;
                return Err(e);
            }
        };
        say(&mut out, ready);
        let hidden = Progress::new(true);
        let spec = |mode| Spec {
            options: options.clone(),
            batch_size: BATCH_SIZE,
            shard: crate::shard::Shard::ALL,
            lock_timeout: Duration::from_secs(30),
            mode,
            reconcile: None,
            move_legacy_rows: false,
        };
        let stop = |e: run::Stopped| Failure::Runtime(e.message);
        let window = run::window_of(&options);
        let flags = format!("-D {shown} --now {} --default-timezone Africa/Douala", window.start);
        say(&mut out, format!("\n1. Dry run: {program} migrate --dry-run {flags}\n"));
        let dry = run::run(&mut db, None, None, &spec(Mode::DryRun), &mut None, &hidden)
            .await
            .map_err(stop)?;
        let _ = report::table(&mut out, &dry.plan, &dry.classes, &dry.subjects, &[], "Africa/Douala");
        let _ = report::problems(&mut out, &dry.plan, &dry.classes, "Africa/Douala");
        let _ = report::summary(&mut out, &dry.plan, true, 0, report::Moves { write: false, moved: 0 });
        say(&mut out, format!("\n2. Migrate: {program} migrate {flags}\n"));
        let wrote = run::run(&mut db, None, None, &spec(Mode::Write), &mut None, &hidden)
            .await
            .map_err(stop)?;
        let _ = report::summary(&mut out, &wrote.plan, false, wrote.written, report::Moves { write: false, moved: 0 });
        say(&mut out, format!("\n3. Second run, nothing left to create: {program} migrate --dry-run {flags}\n"));
        let again = run::run(&mut db, None, None, &spec(Mode::DryRun), &mut None, &hidden)
            .await
            .map_err(stop)?;
        say(&mut out, report::plan_line(&again.plan));
        db.close().await;
        say(&mut out, format!(
            "\nNext: {program} export-snapshot -D {shown} writes what the database holds as a \
             snapshot; {program} maintain -D {shown} --default-timezone Africa/Douala is the daily job."
        ));
        Ok(if wrote.plan.errors().is_empty() { Done::Ok } else { Done::ClassFailed })
    })
}
