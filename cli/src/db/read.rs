//! Reading a batch of classes: a fixed number of statements per batch (never one per class or
//! per session), giving the snapshot JSON of SPEC §2 and each class's fingerprint.

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use genova_sessions_core::{ExistingSession, ExistingStatus, Instant};
use serde::Deserialize;

use super::{sql, Db, DbError};

/// One row as the database wrote it: the class it belongs to (the tutor for tutor rows), the
/// tutor an assignment names, and the row's snapshot JSON.
#[derive(Clone, Debug)]
pub struct Row {
    /// Class id (tutor id for tutor rows).
    pub key: String,
    /// The assignment's tutor id; empty for other rows.
    pub reference: String,
    /// The row as snapshot JSON (SPEC §2).
    pub json: String,
}

/// Which existing sessions a batch reads.
#[derive(Clone, Copy, Debug)]
pub enum Sessions<'a> {
    /// Those of the batch's classes that can overlap an occurrence: ending or starting at or
    /// after `from`, starting before `until` (RFC 3339 UTC). (The tutors' sessions in other
    /// classes are read once per run: [`Db::tutor_sessions`].)
    Near {
        /// Lower bound.
        from: &'a str,
        /// Upper bound.
        until: &'a str,
    },
    /// Every session of the batch's classes (export).
    All,
}

impl Db {
    /// Non-cancelled sessions with a tutor, of any class, that can overlap the window (bounds
    /// as [`Sessions::Near`]): the core's R25 check across batches needs only their tutor and
    /// times, read once per run as plain columns.
    pub async fn tutor_sessions(
        &mut self,
        from: &str,
        until: &str,
    ) -> Result<Vec<ExistingSession>, DbError> {
        type Raw<T> = (String, String, T, T, String);
        let statement = self.statements().tutor_sessions;
        let result: Result<Vec<Raw<Option<Instant>>>, sqlx::Error> = match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => sqlx::query_as::<_, Raw<i64>>(statement)
                .bind(from)
                .bind(until)
                .fetch_all(c)
                .await
                .map(|rows| {
                    rows.into_iter()
                        .map(|(id, tutor, start, end, status)| {
                            (id, tutor, millis(start), millis(end), status)
                        })
                        .collect()
                }),
            #[cfg(feature = "sqlite")]
            Db::Sqlite(c) => sqlx::query_as::<_, Raw<String>>(statement)
                .bind(from)
                .bind(until)
                .fetch_all(c)
                .await
                .map(|rows| {
                    rows.into_iter()
                        .map(|(id, tutor, start, end, status)| {
                            (
                                id,
                                tutor,
                                Instant::parse(&start),
                                Instant::parse(&end),
                                status,
                            )
                        })
                        .collect()
                }),
        };
        let rows = result.map_err(|e| DbError::new("reading tutoring_sessions", e))?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, tutor, start, end, status)| {
                Some(ExistingSession {
                    id,
                    class_id: String::new(),
                    tutor_id: Some(tutor),
                    subject: String::new(),
                    scheduled_start: start?,
                    scheduled_end: end?,
                    status: status.into(),
                    price: None,
                    cancellation_reason: None,
                })
            })
            .collect())
    }
}

/// The rows of one batch of classes.
#[derive(Clone, Debug, Default)]
pub struct BatchRows {
    /// `classes`.
    pub classes: Vec<Row>,
    /// `timeSlots`.
    pub slots: Vec<Row>,
    /// `slotCancellations`.
    pub cancellations: Vec<Row>,
    /// `tutorAssignments`.
    pub assignments: Vec<Row>,
    /// `tutors`.
    pub tutors: Vec<Row>,
    /// `existingSessions`.
    pub sessions: Vec<Row>,
}

/// How many statements [`Db::read_batch`] runs, whatever the batch holds.
pub const STATEMENTS_PER_BATCH: usize = 6;

impl Db {
    pub(crate) fn statements(&self) -> &'static sql::Statements {
        match self {
            #[cfg(feature = "postgres")]
            Db::Pg(_) => &sql::POSTGRES,
            #[cfg(feature = "sqlite")]
            Db::Sqlite(_) => &sql::SQLITE,
        }
    }

    /// Every class id, in code-point order (the batches' order).
    pub async fn class_ids(&mut self) -> Result<Vec<String>, DbError> {
        let statement = self.statements().class_ids;
        let result = match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => sqlx::query_scalar(statement).fetch_all(c).await,
            #[cfg(feature = "sqlite")]
            Db::Sqlite(c) => sqlx::query_scalar(statement).fetch_all(c).await,
        };
        result.map_err(|e| DbError::new("reading classes", e))
    }

    /// Runs one read statement for the batch `ids`.
    async fn rows(
        &mut self,
        what: &str,
        statement: &str,
        ids: &[String],
        bounds: Option<(&str, &str)>,
    ) -> Result<Vec<Row>, DbError> {
        type Raw = (String, String, String);
        let result: Result<Vec<Raw>, sqlx::Error> = match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => {
                let mut q = sqlx::query_as::<_, Raw>(statement).bind(ids);
                if let Some((from, until)) = bounds {
                    q = q.bind(from).bind(until);
                }
                q.fetch_all(c).await
            }
            #[cfg(feature = "sqlite")]
            Db::Sqlite(c) => {
                let ids = serde_json::to_string(ids).unwrap_or_default();
                let mut q = sqlx::query_as::<_, Raw>(statement).bind(ids);
                if let Some((from, until)) = bounds {
                    q = q.bind(from).bind(until);
                }
                q.fetch_all(c).await
            }
        };
        let rows = result.map_err(|e| DbError::new(&format!("reading {what}"), e))?;
        Ok(rows
            .into_iter()
            .map(|(key, reference, json)| Row {
                key,
                reference,
                json,
            })
            .collect())
    }

    /// Reads the rows of the classes `ids` in [`STATEMENTS_PER_BATCH`] statements.
    pub async fn read_batch(
        &mut self,
        ids: &[String],
        sessions: Sessions<'_>,
    ) -> Result<BatchRows, DbError> {
        let s = self.statements();
        let classes = self.rows("classes", s.classes, ids, None).await?;
        let slots = self.rows("class_time_slots", s.slots, ids, None).await?;
        let cancellations = self
            .rows("class_slot_cancellations", s.cancellations, ids, None)
            .await?;
        let assignments = match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => assignment_rows(c, s.assignments, ids).await?,
            #[allow(unreachable_patterns)]
            _ => {
                self.rows("class_tutor_assignments", s.assignments, ids, None)
                    .await?
            }
        };
        let tutors = self.rows("tutor_profiles", s.tutors, ids, None).await?;
        let (statement, bounds) = match sessions {
            Sessions::Near { from, until } => (s.sessions_near, Some((from, until))),
            Sessions::All => (s.sessions_all, None),
        };
        let sessions = match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => session_rows(c, statement, ids, bounds).await?,
            #[allow(unreachable_patterns)]
            _ => {
                self.rows("tutoring_sessions", statement, ids, bounds)
                    .await?
            }
        };
        Ok(BatchRows {
            classes,
            slots,
            cancellations,
            assignments,
            tutors,
            sessions,
        })
    }
}

/// The batch's sessions on PostgreSQL: plain columns (`sql::pg_sessions!`), each row's snapshot
/// JSON built here ([`session_json`]).
#[cfg(feature = "postgres")]
async fn session_rows(
    c: &mut sqlx::PgConnection,
    statement: &str,
    ids: &[String],
    bounds: Option<(&str, &str)>,
) -> Result<Vec<Row>, DbError> {
    let mut q = sqlx::query_as::<_, SessionColumns>(statement).bind(ids);
    if let Some((from, until)) = bounds {
        q = q.bind(from).bind(until);
    }
    let rows = q
        .fetch_all(c)
        .await
        .map_err(|e| DbError::new("reading tutoring_sessions", e))?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let json = session_json(&s);
            Row {
                key: s.0,
                reference: String::new(),
                json,
            }
        })
        .collect())
}

/// The batch's tutor assignments on PostgreSQL: plain columns, each row's snapshot JSON built
/// here.
#[cfg(feature = "postgres")]
async fn assignment_rows(
    c: &mut sqlx::PgConnection,
    statement: &str,
    ids: &[String],
) -> Result<Vec<Row>, DbError> {
    type Columns = (
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        Option<i64>,
        Option<i64>,
        String,
        bool,
        i64,
    );
    let rows = sqlx::query_as::<_, Columns>(statement)
        .bind(ids)
        .fetch_all(c)
        .await
        .map_err(|e| DbError::new("reading class_tutor_assignments", e))?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let mut json = String::with_capacity(400);
            json.push('{');
            field(&mut json, "id", &text(&a.2));
            field(&mut json, "classId", &text(&a.0));
            field(
                &mut json,
                "timeSlotId",
                &a.3.as_deref().map_or("null".into(), text),
            );
            field(&mut json, "subject", &text(&a.4));
            field(&mut json, "tutorId", &text(&a.1));
            field(&mut json, "recurrencePattern", &text(&a.5));
            // jsonb's own text is JSON.
            field(
                &mut json,
                "recurrenceConfig",
                a.6.as_deref().unwrap_or("null"),
            );
            let instant = |ms: Option<i64>| ms.map_or("null".into(), |ms| text(&millis_text(ms)));
            field(&mut json, "startDate", &instant(a.7));
            field(&mut json, "endDate", &instant(a.8));
            field(&mut json, "status", &text(&a.9));
            field(&mut json, "isActive", if a.10 { "true" } else { "false" });
            field(&mut json, "createdAt", &text(&millis_text(a.11)));
            json.pop();
            json.push('}');
            Row {
                key: a.0,
                reference: a.1,
                json,
            }
        })
        .collect())
}

/// A JSON string.
#[cfg(feature = "postgres")]
fn text(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// `"key":value,` (the trailing comma removed by the caller).
#[cfg(feature = "postgres")]
fn field(out: &mut String, key: &str, value: &str) {
    out.push('"');
    out.push_str(key);
    out.push_str("\":");
    out.push_str(value);
    out.push(',');
}

/// `classId, id, tutorId, subject, start ms, end ms, status, price, cancellationReason`.
#[cfg(feature = "postgres")]
type SessionColumns = (
    String,
    String,
    Option<String>,
    String,
    i64,
    i64,
    String,
    String,
    Option<String>,
);

/// A session row as snapshot JSON (SPEC §2), the keys in the order `export-snapshot` has
/// always written them.
#[cfg(feature = "postgres")]
pub(crate) fn session_json(s: &SessionColumns) -> String {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Session<'a> {
        id: &'a str,
        class_id: &'a str,
        tutor_id: Option<&'a str>,
        subject: &'a str,
        scheduled_start: &'a str,
        scheduled_end: &'a str,
        status: &'a str,
        price: &'a str,
        cancellation_reason: Option<&'a str>,
    }
    let (start, end) = (millis_text(s.4), millis_text(s.5));
    serde_json::to_string(&Session {
        id: &s.1,
        class_id: &s.0,
        tutor_id: s.2.as_deref(),
        subject: &s.3,
        scheduled_start: &start,
        scheduled_end: &end,
        status: &s.6,
        price: &s.7,
        cancellation_reason: s.8.as_deref(),
    })
    .unwrap_or_default()
}

/// Milliseconds since 1970 as an instant (`None` outside chrono's range).
#[cfg(feature = "postgres")]
fn millis(ms: i64) -> Option<Instant> {
    chrono::DateTime::from_timestamp_millis(ms).map(|t| Instant::from_utc(t.naive_utc()))
}

/// Milliseconds since 1970 as `YYYY-MM-DDTHH:MM:SS.mmmZ` (what `to_char(…,
/// 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` wrote): the instant's own output form.
#[cfg(feature = "postgres")]
fn millis_text(ms: i64) -> String {
    millis(ms).map(|t| t.to_string()).unwrap_or_default()
}

/// Writes `"name":[row,row,…]` for the rows `keep` accepts.
fn list(out: &mut String, name: &str, rows: &[Row], keep: impl Fn(&Row) -> bool) {
    out.push('"');
    out.push_str(name);
    out.push_str("\":[");
    let mut first = true;
    for row in rows.iter().filter(|r| keep(r)) {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&row.json);
    }
    out.push(']');
}

/// What [`BatchRows::holds`] compares of a session row: its subject and instants as written,
/// and its status (absent or `null` is not cancelled).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HeldSession {
    subject: String,
    scheduled_start: String,
    scheduled_end: String,
    #[serde(default)]
    status: Option<ExistingStatus>,
}

/// What [`BatchRows::slot_subjects`] reads of a slot row.
#[derive(Deserialize)]
struct SlotSubject {
    id: String,
    subject: String,
}

impl BatchRows {
    /// The batch as snapshot JSON text (SPEC §2).
    pub fn snapshot_text(&self) -> String {
        self.snapshot_where(|_| true)
    }

    /// The snapshot of one class of the batch: its rows, every tutor and every session read
    /// (used to plan a class alone when its batch is unreadable input).
    pub fn class_snapshot_text(&self, class_id: &str) -> String {
        self.snapshot_where(|key| key == class_id)
    }

    fn snapshot_where(&self, of_class: impl Fn(&str) -> bool) -> String {
        let size: usize = [
            &self.classes,
            &self.slots,
            &self.cancellations,
            &self.assignments,
            &self.tutors,
            &self.sessions,
        ]
        .iter()
        .flat_map(|rows| rows.iter().map(|r| r.json.len() + 1))
        .sum();
        let mut out = String::with_capacity(size + 128);
        out.push('{');
        list(&mut out, "classes", &self.classes, |r| of_class(&r.key));
        out.push(',');
        list(&mut out, "timeSlots", &self.slots, |r| of_class(&r.key));
        out.push(',');
        list(&mut out, "slotCancellations", &self.cancellations, |r| {
            of_class(&r.key)
        });
        out.push(',');
        list(&mut out, "tutorAssignments", &self.assignments, |r| {
            of_class(&r.key)
        });
        out.push(',');
        list(&mut out, "tutors", &self.tutors, |_| true);
        out.push(',');
        list(&mut out, "existingSessions", &self.sessions, |_| true);
        out.push('}');
        out
    }

    /// Whether a session exactly like `planned` (class, subject, start, end, not cancelled)
    /// is among the rows read: a saved plan's session that was written already.
    pub fn holds(&self, planned: &crate::db::write::NewSession) -> bool {
        self.sessions.iter().any(|r| {
            r.key == planned.class_id
                && serde_json::from_str::<HeldSession>(&r.json).is_ok_and(|s| {
                    s.subject == planned.subject
                        && s.scheduled_start == planned.scheduled_start
                        && s.scheduled_end == planned.scheduled_end
                        && s.status != Some(ExistingStatus::Cancelled)
                })
        })
    }

    /// The subject of each slot that `moves` names (slot id → subject), for the table.
    pub fn slot_subjects(&self, moves: &[genova_sessions_core::Move]) -> BTreeMap<String, String> {
        let named: BTreeSet<&str> = moves.iter().map(|m| &*m.time_slot_id).collect();
        self.slots
            .iter()
            .filter_map(|r| {
                let slot: SlotSubject = serde_json::from_str(&r.json).ok()?;
                named
                    .contains(slot.id.as_str())
                    .then_some((slot.id, slot.subject))
            })
            .collect()
    }

    /// Each class's fingerprint: a SHA-256 of the rows its plan was computed from — the class
    /// (timezone, member count), its slots, cancellations and assignments, the tutors those
    /// assignments name (rates, availability) and the class's existing sessions read.
    pub fn fingerprints(&self) -> BTreeMap<String, String> {
        let mut hashers: BTreeMap<&str, Sha256> = self
            .classes
            .iter()
            .map(|c| (c.key.as_str(), Sha256::new()))
            .collect();
        let tutors: BTreeMap<&str, &str> = self
            .tutors
            .iter()
            .map(|t| (t.key.as_str(), t.json.as_str()))
            .collect();
        let mut named: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for a in &self.assignments {
            named.entry(&a.key).or_default().insert(&a.reference);
        }
        let mut feed = |kind: &str, rows: &[Row]| {
            for row in rows {
                if let Some(h) = hashers.get_mut(row.key.as_str()) {
                    h.update(kind.as_bytes());
                    h.update([0]);
                    h.update(row.json.as_bytes());
                    h.update([b'\n']);
                }
            }
        };
        feed("class", &self.classes);
        feed("slot", &self.slots);
        feed("cancellation", &self.cancellations);
        feed("assignment", &self.assignments);
        feed("session", &self.sessions);
        for (class, h) in hashers.iter_mut() {
            for tutor in named.get(class).into_iter().flatten() {
                h.update(b"tutor\0");
                h.update(tutor.as_bytes());
                h.update([0]);
                h.update(tutors.get(tutor).copied().unwrap_or("null").as_bytes());
                h.update([b'\n']);
            }
        }
        hashers
            .into_iter()
            .map(|(class, h)| {
                let digest = h.finalize();
                let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
                (class.to_owned(), format!("sha256:{hex}"))
            })
            .collect()
    }
}
