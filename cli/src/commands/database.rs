//! What the database commands share: options, connection, the run, the exit code.

use std::time::Instant as Clock;

use genova_sessions_core::{Instant, Options};
use serde_json::json;

use crate::audit::AuditLog;
use crate::cli::DbArgs;
use crate::commands::plan::current_time;
use crate::db::{Backend, Db};
use crate::exit::{Done, Failure};
use crate::progress::Progress;
use crate::reconcile::Reasons;
use crate::run::{self, Mode, Outcome, Spec};

/// A single-threaded async runtime: one connection, one batch at a time.
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Runtime(format!("cannot start the async runtime: {e}")))
}

/// The core options of a run, read from its flags (or a plan file) once and checked like
/// `plan --input`'s, with the same messages (bad ones exit 2).
pub fn options(
    now: Option<&str>,
    weeks: i64,
    default_timezone: &str,
    legacy_timezone: Option<&str>,
) -> Result<Options, Failure> {
    let now = now.map_or_else(current_time, str::to_owned);
    let value = json!({
        "now": now, "weeks": weeks, "defaultTimezone": default_timezone,
        "legacyTimezone": legacy_timezone,
    });
    let mut options = Options::from_value(&value)?;
    // `now` as the plan writes it, so that files and logs agree with the plan.
    options.now = options.now.truncate_to_millis();
    Ok(options)
}

/// How a printed command names a database so that it runs as shown: the URL when it holds no
/// password, else `"$DATABASE_URL"` (the password is never printed).
pub fn shown_url(url: &str) -> String {
    if crate::db::url::redact(url) == url {
        format!("'{url}'")
    } else {
        "\"$DATABASE_URL\"".to_owned()
    }
}

/// The program as it was invoked (`target/release/genova-sessions` under `cargo run`), so
/// that printed commands run as shown.
pub fn program() -> String {
    std::env::args()
        .next()
        .filter(|p| p.contains('/'))
        .unwrap_or_else(|| "genova-sessions".to_owned())
}

/// The options and mode of a `migrate` or `maintain` run from its flags.
pub fn planned(args: &DbArgs, weeks: i64, dry_run: bool) -> Result<(Options, Mode), Failure> {
    check_now(args.now.as_deref())?;
    let options = options(
        args.now.as_deref(),
        weeks,
        &args.default_timezone,
        args.legacy_timezone.as_deref(),
    )?;
    let mode = if dry_run { Mode::DryRun } else { Mode::Write };
    Ok((options, mode))
}

/// Connects, runs and closes; a database failure is exit 1 with one line.
pub async fn execute(
    args: &DbArgs,
    options: Options,
    mode: Mode,
    reconcile: Option<Reasons>,
) -> Result<(Outcome, std::time::Duration), Failure> {
    let started = Clock::now();
    let now = options.now.to_string();
    let mut audit = match &args.audit_log {
        Some(path) if !matches!(mode, Mode::DryRun) => Some(
            AuditLog::open(path, &now)
                .map_err(|e| Failure::Runtime(format!("cannot open {}: {e}", path.display())))?,
        ),
        _ => None,
    };
    let mut db = Db::connect(&args.database.url, args.lock_timeout, false)
        .await
        .map_err(Failure::from)?;
    let spec = Spec {
        options,
        batch_size: usize::from(args.batch_size),
        shard: args.shard,
        lock_timeout: args.lock_timeout,
        mode,
        reconcile,
        move_legacy_rows: args.move_legacy_rows,
    };
    // A write run on PostgreSQL locks and reads the next batch on a second connection while
    // the current one is planned and written, and reads the tutors' sessions on a third
    // meanwhile (SQLite writes one transaction at a time).
    let mut more = Vec::new();
    if !matches!(spec.mode, Mode::DryRun) && db.backend() == Backend::Postgres {
        while more.len() < 2 {
            match Db::connect(&args.database.url, args.lock_timeout, false).await {
                Ok(conn) => more.push(conn),
                Err(e) => {
                    db.close().await;
                    for conn in more {
                        conn.close().await;
                    }
                    return Err(Failure::from(e));
                }
            }
        }
    }
    let third = more.pop();
    let mut second = more.pop();
    let progress = Progress::new(false);
    let result = run::run(
        &mut db,
        second.as_mut(),
        third,
        &spec,
        &mut audit,
        &progress,
    )
    .await;
    db.close().await;
    if let Some(conn) = second {
        conn.close().await;
    }
    let outcome = result.map_err(|e| Failure::Runtime(e.message))?;
    tracing::info!(
        statements = outcome.statements,
        written = outcome.written,
        cancelled = outcome.cancelled,
        "run finished"
    );
    Ok((outcome, started.elapsed()))
}

/// SPEC §6: 1 when a class failed; 3 with `--detailed-exitcode` when sessions were (or would
/// be) created, or legacy rows moved with `--move-legacy-rows`; else 0.
pub fn exit(outcome: &Outcome, detailed: bool) -> Done {
    let plan = outcome.plan.core();
    if !outcome.plan.errors().is_empty() {
        Done::ClassFailed
    } else if detailed
        && (!plan.create.is_empty() || (outcome.move_legacy_rows && !plan.moves.is_empty()))
    {
        Done::Changes
    } else {
        Done::Ok
    }
}

/// An RFC 3339 text checked to be an instant (for error messages naming the flag).
pub fn check_now(now: Option<&str>) -> Result<(), Failure> {
    match now {
        Some(text) if Instant::parse(text).is_none() => Err(Failure::Usage(format!(
            "--now: {text:?} is not an RFC 3339 instant"
        ))),
        _ => Ok(()),
    }
}
