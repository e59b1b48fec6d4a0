//! `maintain --reconcile`: the cascades (docs/functions.md) on a batch — future sessions of
//! deactivated slots and of cancelled weeks — with each session's class, subject and local
//! time, and the sentence stored as its `cancellationReason`.

use std::collections::BTreeMap;

use chrono::{Datelike, TimeZone};
use chrono_tz::Tz;
use genova_sessions_core::{
    cascade_slot_deactivated, cascade_week_cancelled, Cancel, CancelSession, Error,
    ExistingSession, Instant, Options, SlotDeactivatedRequest, Snapshot, WeekCancelledRequest,
};

use crate::db::write::Cancellation;

/// The default sentence stored on a session whose slot was deactivated.
pub const SLOT_REMOVED: &str =
    "Cancelled: the weekly {subject} session ({date} at {time}) was removed from the class timetable.";

/// The default sentence stored on a session of a cancelled week.
pub const WEEK_CANCELLED: &str =
    "Cancelled: no {subject} session in the week of {week} ({date} at {time}). {reason}";

/// The sentences stored as `cancellationReason`, with placeholders: `{subject}`, `{class}`
/// (the class's name), `{date}` (`Mon 7 Dec 2026`), `{time}` (`14:00`), `{week}` (the
/// Monday, `7 Dec 2026`) and `{reason}` (the week cancellation's own reason, or nothing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reasons {
    /// For a session of a deactivated slot.
    pub slot_removed: String,
    /// For a session of a cancelled week.
    pub week_cancelled: String,
}

impl Default for Reasons {
    fn default() -> Self {
        Reasons {
            slot_removed: SLOT_REMOVED.to_owned(),
            week_cancelled: WEEK_CANCELLED.to_owned(),
        }
    }
}

/// Why the cascades cancel a session: its slot was deactivated, or its week cancelled (with
/// the cancellation's own reason).
enum Cause<'a> {
    SlotRemoved,
    WeekCancelled(Option<&'a str>),
}

/// The cascades of a batch, from its snapshot as read: every future `PENDING`/`CONFIRMED`
/// session of a deactivated slot or a cancelled week, once, by session id (a session named
/// twice keeps its slot's cause); none when the batch cannot be read.
pub fn reconcile(
    batch: &Result<Snapshot, Error>,
    options: &Options,
    reasons: &Reasons,
) -> Vec<Cancellation> {
    let snapshot = match batch {
        Ok(snapshot) => snapshot,
        Err(e) => {
            tracing::warn!(error = %e, "cascades skipped: the batch cannot be read");
            return Vec::new();
        }
    };
    let zone = options.default_timezone.as_str();
    // Session id → (cause, the core's reason, kept for the audit log).
    let mut found: BTreeMap<String, (Cause<'_>, String)> = BTreeMap::new();
    for slot in snapshot.time_slots.iter().filter(|s| !s.is_active) {
        let request = SlotDeactivatedRequest {
            time_slot_id: slot.id.clone(),
            now: options.now,
        };
        for s in cancelled(cascade_slot_deactivated(snapshot, &request, zone)) {
            found
                .entry(s.session_id)
                .or_insert((Cause::SlotRemoved, s.cancellation_reason));
        }
    }
    for x in &snapshot.slot_cancellations {
        let request = WeekCancelledRequest {
            cancellation_id: x.id.clone(),
            now: options.now,
        };
        for s in cancelled(cascade_week_cancelled(snapshot, &request, zone)) {
            found.entry(s.session_id).or_insert((
                Cause::WeekCancelled(x.reason.as_deref()),
                s.cancellation_reason,
            ));
        }
    }
    let sessions: BTreeMap<&str, &ExistingSession> = snapshot
        .existing_sessions
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    found
        .into_iter()
        .filter_map(|(id, (cause, internal))| {
            let session = sessions.get(id.as_str())?;
            let class = snapshot.classes.iter().find(|c| c.id == session.class_id);
            let tz: Tz = class
                .and_then(|c| c.timezone.as_deref())
                .unwrap_or(zone)
                .parse()
                .ok()?;
            let (template, reason) = match cause {
                Cause::SlotRemoved => (&reasons.slot_removed, ""),
                Cause::WeekCancelled(reason) => {
                    (&reasons.week_cancelled, reason.unwrap_or_default())
                }
            };
            let name = class.and_then(|c| c.name.as_deref()).unwrap_or_default();
            Some(Cancellation {
                reason: sentence(
                    template,
                    &session.subject,
                    name,
                    session.scheduled_start,
                    tz,
                    reason,
                ),
                session_id: id,
                class_id: session.class_id.clone(),
                subject: session.subject.clone(),
                local_start: local_label(session.scheduled_start, tz),
                cause: internal,
            })
        })
        .collect()
}

/// A cascade's sessions; a cascade that fails (a bad zone option) cancels nothing.
fn cancelled(cancel: Result<Cancel, Error>) -> Vec<CancelSession> {
    match cancel {
        Ok(Cancel { cancel }) => cancel,
        Err(e) => {
            tracing::warn!(error = %e, "cascade skipped");
            Vec::new()
        }
    }
}

/// `Mon 2026-12-07 14:00` in the class's zone.
fn local_label(at: Instant, tz: Tz) -> String {
    tz.from_utc_datetime(&at.utc())
        .format("%a %Y-%m-%d %H:%M")
        .to_string()
}

/// A template with its placeholders filled in, trailing spaces trimmed.
fn sentence(
    template: &str,
    subject: &str,
    class: &str,
    at: Instant,
    tz: Tz,
    reason: &str,
) -> String {
    let local = tz.from_utc_datetime(&at.utc());
    let monday = local.date_naive()
        - chrono::Duration::days(i64::from(local.weekday().num_days_from_monday()));
    template
        .replace("{subject}", subject)
        .replace("{class}", class)
        .replace("{date}", &local.format("%a %-d %b %Y").to_string())
        .replace("{time}", &local.format("%H:%M").to_string())
        .replace("{week}", &monday.format("%-d %b %Y").to_string())
        .replace("{reason}", reason)
        .trim_end()
        .to_owned()
}

/// Checks a `--*-reason` template: only the known placeholders.
pub fn check_template(template: &str) -> Result<String, String> {
    const KNOWN: [&str; 6] = ["subject", "class", "date", "time", "week", "reason"];
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("{template:?}: a '{{' is not closed"))?;
        let name = &after[..close];
        if !KNOWN.contains(&name) {
            return Err(format!(
                "{template:?}: unknown placeholder {{{name}}} (known: {})",
                KNOWN.map(|k| format!("{{{k}}}")).join(", ")
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(template.to_owned())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[test]
    fn sentences_read_as_a_student_would() {
        let at = Instant::parse("2026-12-07T13:00:00Z").unwrap();
        let tz = Tz::from_str("Africa/Douala").unwrap();
        assert_eq!(
            sentence(SLOT_REMOVED, "Mathématiques", "Terminale C", at, tz, ""),
            "Cancelled: the weekly Mathématiques session (Mon 7 Dec 2026 at 14:00) was removed \
             from the class timetable."
        );
        assert_eq!(
            sentence(
                WEEK_CANCELLED,
                "Physique",
                "Terminale C",
                at,
                tz,
                "Congé de Noël"
            ),
            "Cancelled: no Physique session in the week of 7 Dec 2026 (Mon 7 Dec 2026 at 14:00). \
             Congé de Noël"
        );
        assert_eq!(
            sentence(WEEK_CANCELLED, "Physique", "", at, tz, ""),
            "Cancelled: no Physique session in the week of 7 Dec 2026 (Mon 7 Dec 2026 at 14:00)."
        );
    }

    #[test]
    fn templates_name_known_placeholders_only() {
        assert!(check_template("{class}: {subject} on {date} — {reason}").is_ok());
        assert!(check_template("{subjet}")
            .unwrap_err()
            .contains("unknown placeholder {subjet}"));
        assert!(check_template("{subject").is_err());
    }
}
