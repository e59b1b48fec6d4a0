//! What an operator reads: the plan as a table per class (`+ create`, `= existing`,
//! `> move`, `! conflict`, `- skipped`), the `Plan:` line, and the old script's summary lines.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::str::FromStr;

use chrono::TimeZone;
use chrono_tz::Tz;
use genova_sessions_core::{Create, DataErrorCode, Instant, Move, WarningCode};

use crate::db::write::Cancellation;
use crate::run::ClassInfo;
use crate::run_plan::{ErrorCode, RunPlan};

/// `Plan: N to create, M existing, K conflicts, S skipped.` (and `, L legacy rows to move`
/// before the period when there are some).
pub fn plan_line(plan: &RunPlan) -> String {
    let s = &plan.core().summary;
    let moves = match s.legacy_moves {
        0 => String::new(),
        n => format!(", {n} legacy rows to move"),
    };
    format!(
        "Plan: {} to create, {} existing, {} conflicts, {} skipped{moves}.",
        s.sessions_to_create, s.existing_preserved, s.conflicts, s.skipped_cancelled
    )
}

/// One `> move` line: the row's local date and times now → where it belongs, the subject,
/// the slot and the row's id.
fn move_line(m: &Move, subject: &str, zone: Option<Tz>) -> String {
    format!(
        "  > move      {}–{} → {}–{}  {subject}  slot {}  session {}",
        local(m.from_start, zone),
        end_time(m.from_start, m.from_end, zone),
        local(m.scheduled_start, zone),
        end_time(m.scheduled_start, m.scheduled_end, zone),
        m.time_slot_id,
        m.session_id
    )
}

/// The plan's `moves` alone, class by class (a write run's table shows no other line).
pub fn moves(
    out: &mut impl Write,
    plan: &RunPlan,
    classes: &BTreeMap<String, ClassInfo>,
    subjects: &BTreeMap<String, String>,
    default_timezone: &str,
) -> io::Result<()> {
    let mut class: Option<&str> = None;
    for m in &plan.core().moves {
        let info = classes.get(&*m.class_id).cloned().unwrap_or_default();
        let zone_name = info.timezone.as_deref().unwrap_or(default_timezone);
        if class != Some(&*m.class_id) {
            writeln!(out, "Class {} — {} ({zone_name})", m.class_id, info.name)?;
            class = Some(&m.class_id);
        }
        let subject = subjects.get(&*m.time_slot_id).map_or("-", String::as_str);
        writeln!(
            out,
            "{}",
            move_line(m, subject, Tz::from_str(zone_name).ok())
        )?;
    }
    Ok(())
}

/// An instant as the class's local weekday, date and time (`Mon 2026-11-30 14:00`).
fn local(at: Instant, zone: Option<Tz>) -> String {
    match zone {
        Some(tz) => tz
            .from_utc_datetime(&at.utc())
            .format("%a %Y-%m-%d %H:%M")
            .to_string(),
        None => format!("{} UTC", at.utc().format("%a %Y-%m-%d %H:%M")),
    }
}

fn end_time(start: Instant, end: Instant, zone: Option<Tz>) -> String {
    let day = |i: Instant| match zone {
        Some(tz) => tz.from_utc_datetime(&i.utc()).date_naive(),
        None => i.utc().date(),
    };
    let time = match zone {
        Some(tz) => tz.from_utc_datetime(&end.utc()).format("%H:%M").to_string(),
        None => end.utc().format("%H:%M").to_string(),
    };
    if day(start) == day(end) {
        time
    } else {
        format!("{time} (+{}d)", (day(end) - day(start)).num_days())
    }
}

/// The plan as a table, class by class; the cascades' cancellations (with `--reconcile`) are
/// shown first.
pub fn table(
    out: &mut impl Write,
    run: &RunPlan,
    classes: &BTreeMap<String, ClassInfo>,
    subjects: &BTreeMap<String, String>,
    cancels: &[Cancellation],
    default_timezone: &str,
) -> io::Result<()> {
    let plan = run.core();
    if !cancels.is_empty() {
        writeln!(
            out,
            "Cascades (--reconcile): {} sessions to cancel",
            cancels.len()
        )?;
        for c in cancels {
            writeln!(
                out,
                "  x cancel    {}  {}  {}  session {}  ({})",
                class_label(classes, &c.class_id),
                c.subject,
                c.local_start,
                c.session_id,
                c.cause
            )?;
        }
        writeln!(out)?;
    }
    let mut ids: Vec<&str> = plan
        .create
        .iter()
        .map(|c| &*c.class_id)
        .chain(plan.existing.iter().map(|e| &*e.class_id))
        .chain(plan.moves.iter().map(|m| &*m.class_id))
        .chain(plan.conflicts.iter().map(|c| &*c.class_id))
        .chain(plan.skipped.iter().map(|s| &*s.class_id))
        .chain(run.errors().iter().map(|e| &*e.class_id))
        .chain(plan.warnings.iter().map(|w| &*w.class_id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let info = classes.get(id).cloned().unwrap_or_default();
        let zone_name = info.timezone.as_deref().unwrap_or(default_timezone);
        let zone = Tz::from_str(zone_name).ok();
        writeln!(out, "Class {id} — {} ({zone_name})", info.name)?;
        let mut lines: Vec<(Instant, u8, String)> = Vec::new();
        for c in plan.create.iter().filter(|c| &*c.class_id == id) {
            lines.push((
                c.scheduled_start,
                0,
                format!(
                    "  + create    {}–{}  {}  slot {}  tutor {}  {}  {}",
                    local(c.scheduled_start, zone),
                    end_time(c.scheduled_start, c.scheduled_end, zone),
                    c.subject,
                    c.time_slot_id,
                    c.tutor_id.as_deref().unwrap_or("-"),
                    c.status.as_str(),
                    c.price
                ),
            ));
        }
        for e in plan.existing.iter().filter(|e| &*e.class_id == id) {
            lines.push((
                e.scheduled_start,
                1,
                format!(
                    "  = existing  {}  slot {}  session {}",
                    local(e.scheduled_start, zone),
                    e.time_slot_id,
                    e.session_id
                ),
            ));
        }
        for m in plan.moves.iter().filter(|m| &*m.class_id == id) {
            let subject = subjects.get(&*m.time_slot_id).map_or("-", String::as_str);
            lines.push((m.scheduled_start, 1, move_line(m, subject, zone)));
        }
        for c in plan.conflicts.iter().filter(|c| &*c.class_id == id) {
            lines.push((
                c.scheduled_start,
                2,
                format!(
                    "  ! conflict  {}  slot {}  session {}  {}: {}",
                    local(c.scheduled_start, zone),
                    c.time_slot_id,
                    c.session_id,
                    serde_json::to_value(c.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    c.detail
                ),
            ));
        }
        for s in plan.skipped.iter().filter(|s| &*s.class_id == id) {
            lines.push((
                s.scheduled_start,
                3,
                format!(
                    "  - skipped   {}  slot {}  week cancelled ({})",
                    local(s.scheduled_start, zone),
                    s.time_slot_id,
                    s.cancellation_id
                ),
            ));
        }
        lines.sort_by_key(|l| (l.0, l.1));
        for (_, _, line) in lines {
            writeln!(out, "{line}")?;
        }
        let (warnings, errors) = (
            plan.warnings.iter().filter(|w| &*w.class_id == id).count(),
            run.errors().iter().filter(|e| &*e.class_id == id).count(),
        );
        if warnings + errors > 0 {
            writeln!(
                out,
                "  ~ {warnings} warning(s), {errors} error(s): listed under Problems below"
            )?;
        }
    }
    writeln!(out, "{}", plan_line(run))
}

/// The lines of one kind of problem the table shows; `--format json` gives all of them.
pub const PROBLEMS_PER_KIND: usize = 10;

/// What a warning means and what to do about it.
fn warning_advice(code: WarningCode) -> &'static str {
    match code {
        WarningCode::TutorUnavailable => {
            "outside the tutor's availability: ask the tutor to update it, or assign another tutor"
        }
        WarningCode::TutorDoubleBooked => {
            "the tutor has another session at that time: move one of them, or assign another tutor"
        }
        WarningCode::TutorNotFound => {
            "the assignment names a tutor without a tutor profile: the session is created \
             unassigned; fix the assignment"
        }
        WarningCode::InvalidRecurrenceConfig => {
            "the assignment's recurrence config is not valid for its pattern: it takes no \
             session until it is fixed"
        }
        WarningCode::UnknownRecurrencePattern => {
            "the assignment's recurrence pattern is unknown: it takes no session until it is fixed"
        }
    }
}

/// What an error means and what to do about it.
fn error_advice(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Core(DataErrorCode::UnknownTimezone) => {
            "the class's time zone (its creator's country) is unknown: nothing is planned for \
             the class until the country is set"
        }
        ErrorCode::Core(DataErrorCode::InvalidSlot) => {
            "the slot's day or times are invalid: nothing is planned for it until they are fixed"
        }
        ErrorCode::PriceOutOfRange => {
            "a price does not fit the price column: check the tutor's rate and the member count; \
             nothing is written for the class"
        }
        ErrorCode::InvalidInput => {
            "the class's rows cannot be read: nothing is planned for the class until they are fixed"
        }
    }
}

/// `Name (id)` of a class, or its id alone.
fn class_label(classes: &BTreeMap<String, ClassInfo>, id: &str) -> String {
    match classes.get(id).map(|c| c.name.as_str()) {
        Some(name) if !name.is_empty() => format!("{name} ({id})"),
        _ => id.to_owned(),
    }
}

/// Every warning and error of the plan, kind by kind, the first [`PROBLEMS_PER_KIND`] of each:
/// class, subject, local date and time, tutor, and what to do. Tutor warnings name each
/// session ([`Plan::findings`](genova_sessions_core::Plan::findings)); the others name the
/// assignment, slot or class.
pub fn problems(
    out: &mut impl Write,
    run: &RunPlan,
    classes: &BTreeMap<String, ClassInfo>,
    default_timezone: &str,
) -> io::Result<()> {
    let plan = run.core();
    if plan.warnings.is_empty() && run.errors().is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "Problems: {} warning(s), {} error(s)",
        plan.warnings.len(),
        run.errors().len()
    )?;
    let zone_of = |class: &str| {
        let name = classes
            .get(class)
            .and_then(|c| c.timezone.as_deref())
            .unwrap_or(default_timezone);
        Tz::from_str(name).ok()
    };
    // A finding's subject: that of the planned session at its (class, start, slot), the last
    // of equal keys. `create` is in SPEC §4's order by that key, so it is found by binary
    // search; a list in another order (a hand-edited plan file) is read into a map.
    fn key(c: &Create) -> (&str, Instant, &str) {
        (&c.class_id, c.scheduled_start, &c.time_slot_id)
    }
    let sorted = plan.create.is_sorted_by(|a, b| key(a) <= key(b));
    let subjects: BTreeMap<(&str, Instant, &str), &str> = if sorted {
        BTreeMap::new()
    } else {
        plan.create.iter().map(|c| (key(c), &*c.subject)).collect()
    };
    let subject_of = |wanted: (&str, Instant, &str)| {
        if !sorted {
            return subjects.get(&wanted).copied().unwrap_or("-");
        }
        let end = plan.create.partition_point(|c| key(c) <= wanted);
        end.checked_sub(1)
            .map(|i| &plan.create[i])
            .filter(|c| key(c) == wanted)
            .map_or("-", |c| &*c.subject)
    };
    let mut codes: Vec<WarningCode> = plan.warnings.iter().map(|w| w.code).collect();
    codes.sort_by_key(|c| c.as_str());
    codes.dedup();
    for code in codes {
        // Only the lines shown are written; the others are counted.
        let mut found = plan.findings.iter().filter(|f| f.code == code);
        let mut lines: Vec<String> = found
            .by_ref()
            .take(PROBLEMS_PER_KIND)
            .map(|f| {
                let zone = zone_of(&f.class_id);
                let subject = subject_of((&f.class_id, f.scheduled_start, &f.time_slot_id));
                format!(
                    "    {}  {subject}  {}–{}  slot {}  tutor {}",
                    class_label(classes, &f.class_id),
                    local(f.scheduled_start, zone),
                    end_time(f.scheduled_start, f.scheduled_end, zone),
                    f.time_slot_id,
                    f.tutor_id.as_deref().unwrap_or("-")
                )
            })
            .collect();
        let mut total = lines.len() + found.count();
        if lines.is_empty() {
            // Warnings about an assignment rather than a session.
            lines = plan
                .warnings
                .iter()
                .filter(|w| w.code == code)
                .map(|w| {
                    format!(
                        "    {}  assignment {}  slot {}  tutor {}",
                        class_label(classes, &w.class_id),
                        w.assignment_id.as_deref().unwrap_or("-"),
                        w.time_slot_id.as_deref().unwrap_or("-"),
                        w.tutor_id.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            total = lines.len();
        }
        writeln!(out, "  {}: {}", code.as_str(), warning_advice(code))?;
        kind_lines(out, &lines, total)?;
    }
    let mut codes: Vec<ErrorCode> = run.errors().iter().map(|e| e.code).collect();
    codes.sort_by_key(|c| c.as_str());
    codes.dedup();
    for code in codes {
        let lines: Vec<String> = run
            .errors()
            .iter()
            .filter(|e| e.code == code)
            .map(|e| format!("    {}  {}", class_label(classes, &e.class_id), e.message))
            .collect();
        writeln!(out, "  {}: {}", code.as_str(), error_advice(code))?;
        kind_lines(out, &lines, lines.len())?;
    }
    Ok(())
}

/// Every warning as JSON, one entry per session for the tutor warnings (with its start and
/// end), one per assignment for the others.
pub fn warnings_json(run: &RunPlan) -> serde_json::Value {
    let plan = run.core();
    let tutor = |code: WarningCode| {
        matches!(
            code,
            WarningCode::TutorNotFound
                | WarningCode::TutorDoubleBooked
                | WarningCode::TutorUnavailable
        )
    };
    let findings = plan.findings.iter().map(|f| {
        serde_json::json!({
            "code": f.code, "classId": f.class_id, "timeSlotId": f.time_slot_id,
            "scheduledStart": f.scheduled_start, "scheduledEnd": f.scheduled_end,
            "assignmentId": f.assignment_id, "tutorId": f.tutor_id,
        })
    });
    let others = plan.warnings.iter().filter(|w| !tutor(w.code)).map(|w| {
        serde_json::json!({
            "code": w.code, "classId": w.class_id, "timeSlotId": w.time_slot_id,
            "scheduledStart": null, "scheduledEnd": null,
            "assignmentId": w.assignment_id, "tutorId": w.tutor_id, "message": w.message,
        })
    });
    serde_json::Value::Array(others.chain(findings).collect())
}

/// The first [`PROBLEMS_PER_KIND`] of `total` lines (`lines` holds at least those), and how
/// many more there are.
fn kind_lines(out: &mut impl Write, lines: &[String], total: usize) -> io::Result<()> {
    for line in lines.iter().take(PROBLEMS_PER_KIND) {
        writeln!(out, "{line}")?;
    }
    if total > PROBLEMS_PER_KIND {
        writeln!(
            out,
            "    … and {} more (--format json lists every one)",
            total - PROBLEMS_PER_KIND
        )?;
    }
    Ok(())
}

/// What a run did with the plan's `moves` (SPEC §3.9), for the summary.
#[derive(Clone, Copy, Debug)]
pub struct Moves {
    /// Whether the run writes them (`--move-legacy-rows`).
    pub write: bool,
    /// Rows moved.
    pub moved: u64,
}

/// The summary line about legacy rows, `None` when the plan has none to move.
pub fn moves_line(plan: &RunPlan, dry_run: bool, moves: Moves) -> Option<String> {
    let n = plan.core().summary.legacy_moves;
    Some(match (moves.write, dry_run) {
        _ if n == 0 && moves.moved == 0 => return None,
        (true, false) => format!("Legacy rows moved to their right times: {}", moves.moved),
        (true, true) => format!("Legacy rows that would be moved: {n}"),
        (false, _) => format!(
            "Legacy rows at the old generator's times (left as they are; \
             --move-legacy-rows moves them): {n}"
        ),
    })
}

/// The old migration script's summary lines.
pub fn summary(
    out: &mut impl Write,
    plan: &RunPlan,
    dry_run: bool,
    written: u64,
    moves: Moves,
) -> io::Result<()> {
    let s = &plan.core().summary;
    let title = if dry_run {
        "Migration summary (dry run: nothing was written)"
    } else {
        "Migration summary"
    };
    writeln!(out, "{title}")?;
    writeln!(out, "  Classes processed: {}", s.classes_processed)?;
    writeln!(
        out,
        "  Classes skipped (no active time slots): {}",
        s.classes_skipped
    )?;
    if dry_run {
        writeln!(
            out,
            "  Sessions that would be generated: {}",
            s.sessions_to_create
        )?;
    } else {
        writeln!(out, "  Sessions generated: {written}")?;
    }
    writeln!(
        out,
        "  Existing sessions preserved: {}",
        s.existing_preserved
    )?;
    if let Some(line) = moves_line(plan, dry_run, moves) {
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "  Conflicts (existing rows kept): {}", s.conflicts)?;
    writeln!(out, "  Weeks skipped (cancelled): {}", s.skipped_cancelled)?;
    writeln!(out, "  Warnings: {}", s.warnings)?;
    writeln!(out, "  Errors: {}", s.errors)?;
    error_lines(out, plan)
}

/// One indented line per class error: `class: CODE: message`.
pub fn error_lines(out: &mut impl Write, plan: &RunPlan) -> io::Result<()> {
    for e in plan.errors() {
        writeln!(
            out,
            "    {}: {}: {}",
            e.class_id,
            e.code.as_str(),
            e.message
        )?;
    }
    Ok(())
}
