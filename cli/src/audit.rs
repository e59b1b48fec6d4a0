//! `--audit-log FILE`: one JSON line per session written — created, moved or cancelled
//! (appended, flushed per batch).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use serde_json::json;

use crate::db::write::{Cancellation, NewSession, SessionMove};

/// An open audit log.
pub struct AuditLog {
    out: BufWriter<File>,
    run_at: String,
}

impl AuditLog {
    /// Opens (appending to) `path`; `run_at` is the run's `now`.
    pub fn open(path: &Path, run_at: &str) -> std::io::Result<AuditLog> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        Ok(AuditLog {
            out: BufWriter::new(file),
            run_at: run_at.to_owned(),
        })
    }

    /// One `"created"` line per inserted session, after its batch committed.
    pub fn created(&mut self, ids: &[String], sessions: &[NewSession]) -> std::io::Result<()> {
        for (id, s) in ids.iter().zip(sessions) {
            let line = json!({
                "event": "created", "sessionId": id, "classId": s.class_id,
                "timeSlotId": s.time_slot_id, "subject": s.subject,
                "scheduledStart": s.scheduled_start, "scheduledEnd": s.scheduled_end,
                "tutorId": s.tutor_id, "status": s.status, "price": s.price,
                "runNow": self.run_at,
            });
            writeln!(self.out, "{line}")?;
        }
        self.out.flush()
    }

    /// One `"moved"` line per legacy row moved (SPEC §3.9), with where it was and where it is.
    pub fn moved(&mut self, moves: &[SessionMove]) -> std::io::Result<()> {
        for m in moves {
            let line = json!({
                "event": "moved", "sessionId": m.session_id, "classId": m.class_id,
                "timeSlotId": m.time_slot_id, "fromStart": m.from_start, "fromEnd": m.from_end,
                "scheduledStart": m.scheduled_start, "scheduledEnd": m.scheduled_end,
                "runNow": self.run_at,
            });
            writeln!(self.out, "{line}")?;
        }
        self.out.flush()
    }

    /// One `"cancelled"` line per session the cascades cancelled.
    pub fn cancelled(&mut self, cancels: &[Cancellation]) -> std::io::Result<()> {
        for c in cancels {
            let line = json!({
                "event": "cancelled", "sessionId": c.session_id, "classId": c.class_id,
                "subject": c.subject, "cancellationReason": c.reason, "cause": c.cause,
                "runNow": self.run_at,
            });
            writeln!(self.out, "{line}")?;
        }
        self.out.flush()
    }
}
