//! `genova-sessions maintain`: the daily rolling-window job (the API's
//! `maintainSessionWindow`), printing its `MaintenanceResult` figures.

use std::io::Write;

use serde_json::json;

use super::database::{execute, exit, planned, runtime};
use crate::cli::{Format, MaintainArgs};
use crate::exit::{Done, Failure};
use crate::reconcile::Reasons;
use crate::report;

/// Creates what the rolling window lacks (and, with `--reconcile`, applies the cascades).
pub fn run(args: &MaintainArgs) -> Result<Done, Failure> {
    let (options, mode) = planned(&args.db, args.weeks, args.dry_run)?;
    let reasons = args.reconcile.then(|| Reasons {
        slot_removed: args.slot_removed_reason.clone(),
        week_cancelled: args.week_cancelled_reason.clone(),
    });
    let (outcome, took) = runtime()?.block_on(execute(&args.db, options, mode, reasons))?;
    let plan = &outcome.plan;
    let generated = if args.dry_run {
        plan.core().summary.sessions_to_create
    } else {
        outcome.written
    };
    let cancelled = if args.dry_run {
        outcome.cancels.len() as u64
    } else {
        outcome.cancelled
    };
    let errors: Vec<_> = plan
        .errors()
        .iter()
        .map(|e| json!({ "classId": e.class_id, "error": format!("{}: {}", e.code.as_str(), e.message) }))
        .collect();
    let mut out = std::io::stdout().lock();
    let printed = match args.db.format {
        Format::Json => {
            let result = json!({
                "classesProcessed": plan.core().summary.classes_processed,
                "sessionsGenerated": generated,
                "sessionsCancelled": cancelled,
                "legacyRowsToMove": plan.core().summary.legacy_moves,
                "warnings": report::warnings_json(plan),
                "legacyRowsMoved": outcome.moved,
                "errors": errors,
                "duration": took.as_millis() as u64,
                "dryRun": args.dry_run,
            });
            writeln!(out, "{result}")
        }
        Format::Table => {
            let shown = if args.dry_run {
                report::table(
                    &mut out,
                    plan,
                    &outcome.classes,
                    &outcome.subjects,
                    &outcome.cancels,
                    &args.db.default_timezone,
                )
            } else {
                report::moves(
                    &mut out,
                    plan,
                    &outcome.classes,
                    &outcome.subjects,
                    &args.db.default_timezone,
                )
                .and_then(|()| writeln!(out, "{}", report::plan_line(plan)))
            };
            let shown = shown.and_then(|()| {
                report::problems(&mut out, plan, &outcome.classes, &args.db.default_timezone)
            });
            shown.and_then(|()| {
                let verb = if args.dry_run { "that would be " } else { "" };
                writeln!(
                    out,
                    "Maintenance{}",
                    if args.dry_run {
                        " (dry run: nothing was written)"
                    } else {
                        ""
                    }
                )?;
                writeln!(
                    out,
                    "  Classes processed: {}",
                    plan.core().summary.classes_processed
                )?;
                writeln!(out, "  Sessions {verb}generated: {generated}")?;
                if args.reconcile {
                    writeln!(out, "  Sessions {verb}cancelled: {cancelled}")?;
                }
                let moves = report::Moves {
                    write: outcome.move_legacy_rows,
                    moved: outcome.moved,
                };
                if let Some(line) = report::moves_line(plan, args.dry_run, moves) {
                    writeln!(out, "  {line}")?;
                }
                writeln!(out, "  Errors: {}", errors.len())?;
                report::error_lines(&mut out, plan)?;
                writeln!(out, "  Duration: {} ms", took.as_millis())
            })
        }
    };
    let _ = printed;
    Ok(exit(&outcome, args.db.detailed_exitcode))
}
