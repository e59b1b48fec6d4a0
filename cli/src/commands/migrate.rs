//! `genova-sessions migrate`: the one-time migration of the old script, with a real dry run,
//! saved plans (`--out`/`--apply`) and machine-readable output.

use std::io::{BufWriter, Write};

use genova_sessions_core::TZDB_VERSION;

use super::database::{execute, exit, options, planned, program, runtime, shown_url};
use crate::cli::{Format, MigrateArgs};
use crate::exit::{Done, Failure};
use crate::planfile::{PlanFile, PLAN_FILE_VERSION};
use crate::report;
use crate::run::Mode;

/// Runs the migration (or its dry run) and prints the plan and the summary.
pub fn run(args: &MigrateArgs) -> Result<Done, Failure> {
    let (options, mode) = match &args.apply {
        Some(path) => {
            let file = PlanFile::read(path)?;
            let options = options(
                Some(&file.now),
                file.weeks,
                &file.default_timezone,
                file.legacy_timezone.as_deref(),
            )?;
            (options, Mode::Apply(Box::new(file)))
        }
        None => planned(&args.db, args.weeks, args.dry_run)?,
    };
    let dry_run = matches!(mode, Mode::DryRun);
    let (outcome, _) = runtime()?.block_on(execute(&args.db, options.clone(), mode, None))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let moves = report::Moves {
        write: outcome.move_legacy_rows,
        moved: outcome.moved,
    };
    let printed = match args.db.format {
        // Streamed: the plan of 10,000 classes is ~60 MB of JSON, never built whole.
        Format::Json => outcome.plan.write_json_line(&mut out).and_then(|()| {
            report::summary(
                &mut std::io::stderr(),
                &outcome.plan,
                dry_run,
                outcome.written,
                moves,
            )
        }),
        Format::Table => {
            let shown = if dry_run {
                report::table(
                    &mut out,
                    &outcome.plan,
                    &outcome.classes,
                    &outcome.subjects,
                    &outcome.cancels,
                    &args.db.default_timezone,
                )
            } else {
                report::moves(
                    &mut out,
                    &outcome.plan,
                    &outcome.classes,
                    &outcome.subjects,
                    &args.db.default_timezone,
                )
                .and_then(|()| writeln!(out, "{}", report::plan_line(&outcome.plan)))
            };
            shown
                .and_then(|()| {
                    report::problems(
                        &mut out,
                        &outcome.plan,
                        &outcome.classes,
                        &args.db.default_timezone,
                    )
                })
                .and_then(|()| {
                    report::summary(&mut out, &outcome.plan, dry_run, outcome.written, moves)
                })
        }
    };
    // A closed pipe is not worth a message; the exit code still tells.
    let _ = printed.and_then(|()| out.flush());
    if let Some(path) = &args.out {
        let file = PlanFile {
            format_version: PLAN_FILE_VERSION.to_owned(),
            now: options.now.to_string(),
            weeks: args.weeks,
            default_timezone: args.db.default_timezone.clone(),
            legacy_timezone: args.db.legacy_timezone.clone(),
            move_legacy_rows: args.db.move_legacy_rows,
            tzdb_version: TZDB_VERSION.to_owned(),
            fingerprints: outcome.fingerprints.clone(),
            plan: outcome.plan.clone(),
        };
        std::fs::write(path, file.to_json_line())
            .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", path.display())))?;
        eprintln!(
            "Saved the plan to {}; apply it with: {} migrate -D {} --apply {}",
            path.display(),
            program(),
            shown_url(&args.db.database.url),
            path.display()
        );
    }
    let done = exit(&outcome, args.db.detailed_exitcode);
    // The process ends here: the OS takes the plan's memory back faster than freeing it entry
    // by entry would (as `plan --input` does).
    std::mem::forget(outcome);
    Ok(done)
}
