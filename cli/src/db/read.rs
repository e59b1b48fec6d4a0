//! Reading a batch of classes: a fixed number of statements per batch (never one per class or
//! per session), giving the snapshot JSON of SPEC §2 and each class's fingerprint.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

#[cfg(feature = "postgres")]
use genova_sessions_core::json::{self, MAX_DEPTH, MAX_LIST_ITEMS, MAX_TEXT_BYTES};
#[cfg(feature = "postgres")]
use genova_sessions_core::{regular_snapshot, Money, TutorAssignment};
use genova_sessions_core::{Error, ExistingSession, ExistingStatus, Instant, Snapshot};
use serde::Deserialize;

use super::{sql, Db, DbError};

/// One row as the database wrote it: the class it belongs to (the tutor for tutor rows), the
/// tutor an assignment names, and the row's snapshot JSON ([`Row::json`]).
#[derive(Clone, Debug)]
pub struct Row {
    /// Class id (tutor id for tutor rows).
    pub key: String,
    /// The assignment's tutor id; empty for other rows.
    pub reference: String,
    /// The row: its JSON as the database wrote it, or the plain columns it is written from.
    body: Body,
}

/// What a [`Row`] holds.
#[derive(Clone, Debug)]
enum Body {
    /// The row's snapshot JSON, built by the database.
    Json(String),
    /// A session's columns (PostgreSQL), the JSON written on demand ([`session_json`]).
    #[cfg(feature = "postgres")]
    Session(SessionColumns),
    /// An assignment's columns (PostgreSQL), the JSON written on demand ([`assignment_json`]).
    #[cfg(feature = "postgres")]
    Assignment(AssignmentColumns),
}

impl Row {
    /// The row as snapshot JSON (SPEC §2): the same text whether the database or the CLI
    /// writes it.
    pub fn json(&self) -> Cow<'_, str> {
        match &self.body {
            Body::Json(json) => Cow::Borrowed(json),
            #[cfg(feature = "postgres")]
            Body::Session(s) => Cow::Owned(session_json(&self.key, s)),
            #[cfg(feature = "postgres")]
            Body::Assignment(a) => Cow::Owned(assignment_json(&self.key, &self.reference, a)),
        }
    }

    /// An upper bound of the length of [`Row::json`], without writing it.
    fn json_bound(&self) -> usize {
        match &self.body {
            Body::Json(json) => json.len(),
            #[cfg(feature = "postgres")]
            Body::Session(s) => s.json_bound(&self.key),
            #[cfg(feature = "postgres")]
            Body::Assignment(a) => a.json_bound(&self.key, &self.reference),
        }
    }
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
                body: Body::Json(json),
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

/// The batch's sessions on PostgreSQL: plain columns (`sql::pg_sessions!`), kept as they are
/// (each row's snapshot JSON is written on demand: [`session_json`]).
#[cfg(feature = "postgres")]
async fn session_rows(
    c: &mut sqlx::PgConnection,
    statement: &str,
    ids: &[String],
    bounds: Option<(&str, &str)>,
) -> Result<Vec<Row>, DbError> {
    type Columns = (
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
    let mut q = sqlx::query_as::<_, Columns>(statement).bind(ids);
    if let Some((from, until)) = bounds {
        q = q.bind(from).bind(until);
    }
    let rows = q
        .fetch_all(c)
        .await
        .map_err(|e| DbError::new("reading tutoring_sessions", e))?;
    Ok(rows
        .into_iter()
        .map(|s| Row {
            key: s.0,
            reference: String::new(),
            body: Body::Session(SessionColumns {
                id: s.1,
                tutor_id: s.2,
                subject: s.3,
                start: s.4,
                end: s.5,
                status: s.6,
                price: s.7,
                cancellation_reason: s.8,
            }),
        })
        .collect())
}

/// The batch's tutor assignments on PostgreSQL: plain columns, kept as they are (each row's
/// snapshot JSON is written on demand: [`assignment_json`]).
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
        .map(|a| Row {
            key: a.0,
            reference: a.1,
            body: Body::Assignment(AssignmentColumns {
                id: a.2,
                time_slot_id: a.3,
                subject: a.4,
                recurrence_pattern: a.5,
                recurrence_config: a.6,
                start_date: a.7,
                end_date: a.8,
                status: a.9,
                is_active: a.10,
                created_at: a.11,
            }),
        })
        .collect())
}

/// An assignment row's columns but its class (the row's key) and tutor (its reference).
#[cfg(feature = "postgres")]
#[derive(Clone, Debug)]
struct AssignmentColumns {
    id: String,
    time_slot_id: Option<String>,
    subject: String,
    recurrence_pattern: String,
    /// jsonb's own text (JSON), `None` for SQL `NULL`.
    recurrence_config: Option<String>,
    /// Milliseconds since 1970.
    start_date: Option<i64>,
    end_date: Option<i64>,
    status: String,
    is_active: bool,
    created_at: i64,
}

#[cfg(feature = "postgres")]
impl AssignmentColumns {
    /// At least the length of [`assignment_json`]: keys and instants fit in 512 bytes, and a
    /// character escapes to at most 6.
    fn json_bound(&self, class_id: &str, tutor_id: &str) -> usize {
        512 + self.recurrence_config.as_ref().map_or(0, String::len)
            + 6 * (self.id.len()
                + class_id.len()
                + tutor_id.len()
                + self.time_slot_id.as_ref().map_or(0, String::len)
                + self.subject.len()
                + self.recurrence_pattern.len()
                + self.status.len())
    }

    /// The core's row, as [`Snapshot::from_value`] reads [`assignment_json`]; `None` when the
    /// JSON would not be plainly regular (an instant outside the years 0000–9999, a
    /// configuration nested too deep), for the caller to read the JSON instead.
    fn typed(&self, class_id: &str, tutor_id: &str) -> Option<TutorAssignment> {
        let recurrence_config = match &self.recurrence_config {
            None => None,
            // Within the snapshot, the configuration sits three levels deep.
            Some(text) => Some(json::parse_with_depth(text, MAX_DEPTH - 3).ok()?),
        };
        let date = |ms: Option<i64>| match ms {
            None => Some(None),
            Some(ms) => regular_instant(ms).map(Some),
        };
        Some(TutorAssignment {
            id: self.id.clone(),
            class_id: class_id.to_owned(),
            time_slot_id: self.time_slot_id.clone(),
            subject: self.subject.clone(),
            tutor_id: tutor_id.to_owned(),
            recurrence_pattern: self.recurrence_pattern.clone(),
            // `null` reads as absent.
            recurrence_config: recurrence_config.filter(|v| !v.is_null()),
            start_date: date(self.start_date)?,
            end_date: date(self.end_date)?,
            status: self.status.as_str().into(),
            is_active: self.is_active,
            created_at: regular_instant(self.created_at)?,
        })
    }
}

/// An assignment row as snapshot JSON (SPEC §2), the keys in the order `export-snapshot` has
/// always written them.
#[cfg(feature = "postgres")]
fn assignment_json(class_id: &str, tutor_id: &str, a: &AssignmentColumns) -> String {
    let mut json = String::with_capacity(400);
    json.push('{');
    field(&mut json, "id", &text(&a.id));
    field(&mut json, "classId", &text(class_id));
    field(
        &mut json,
        "timeSlotId",
        &a.time_slot_id.as_deref().map_or("null".into(), text),
    );
    field(&mut json, "subject", &text(&a.subject));
    field(&mut json, "tutorId", &text(tutor_id));
    field(&mut json, "recurrencePattern", &text(&a.recurrence_pattern));
    // jsonb's own text is JSON.
    field(
        &mut json,
        "recurrenceConfig",
        a.recurrence_config.as_deref().unwrap_or("null"),
    );
    let instant = |ms: Option<i64>| ms.map_or("null".into(), |ms| text(&millis_text(ms)));
    field(&mut json, "startDate", &instant(a.start_date));
    field(&mut json, "endDate", &instant(a.end_date));
    field(&mut json, "status", &text(&a.status));
    field(
        &mut json,
        "isActive",
        if a.is_active { "true" } else { "false" },
    );
    field(&mut json, "createdAt", &text(&millis_text(a.created_at)));
    json.pop();
    json.push('}');
    json
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

/// A session row's columns but its class (the row's key).
#[cfg(feature = "postgres")]
#[derive(Clone, Debug)]
struct SessionColumns {
    id: String,
    tutor_id: Option<String>,
    subject: String,
    /// Milliseconds since 1970.
    start: i64,
    end: i64,
    status: String,
    /// `numeric`'s text.
    price: String,
    cancellation_reason: Option<String>,
}

#[cfg(feature = "postgres")]
impl SessionColumns {
    /// At least the length of [`session_json`] (as [`AssignmentColumns::json_bound`]).
    fn json_bound(&self, class_id: &str) -> usize {
        512 + 6
            * (self.id.len()
                + class_id.len()
                + self.tutor_id.as_ref().map_or(0, String::len)
                + self.subject.len()
                + self.status.len()
                + self.price.len()
                + self.cancellation_reason.as_ref().map_or(0, String::len))
    }

    /// The core's row, as [`Snapshot::from_value`] reads [`session_json`]; `None` when the JSON
    /// would not be plainly regular (an instant outside the years 0000–9999, a price that is
    /// not a plain decimal such as `NaN`), for the caller to read the JSON instead.
    fn typed(&self, class_id: &str) -> Option<ExistingSession> {
        Some(ExistingSession {
            id: self.id.clone(),
            class_id: class_id.to_owned(),
            tutor_id: self.tutor_id.clone(),
            subject: self.subject.clone(),
            scheduled_start: regular_instant(self.start)?,
            scheduled_end: regular_instant(self.end)?,
            status: self.status.as_str().into(),
            price: Some(Money::parse_str(&self.price)?),
            cancellation_reason: self.cancellation_reason.clone(),
        })
    }
}

/// A session row as snapshot JSON (SPEC §2), the keys in the order `export-snapshot` has
/// always written them.
#[cfg(feature = "postgres")]
fn session_json(class_id: &str, s: &SessionColumns) -> String {
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
    let (start, end) = (millis_text(s.start), millis_text(s.end));
    serde_json::to_string(&Session {
        id: &s.id,
        class_id,
        tutor_id: s.tutor_id.as_deref(),
        subject: &s.subject,
        scheduled_start: &start,
        scheduled_end: &end,
        status: &s.status,
        price: &s.price,
        cancellation_reason: s.cancellation_reason.as_deref(),
    })
    .unwrap_or_default()
}

/// Milliseconds since 1970 as an instant (`None` outside chrono's range).
#[cfg(feature = "postgres")]
fn millis(ms: i64) -> Option<Instant> {
    chrono::DateTime::from_timestamp_millis(ms).map(|t| Instant::from_utc(t.naive_utc()))
}

/// Milliseconds since 1970 as the instant [`Instant::parse`] reads from [`millis_text`]: `None`
/// outside the years 0000–9999, whose text R2 refuses (or that has none).
#[cfg(feature = "postgres")]
fn regular_instant(ms: i64) -> Option<Instant> {
    use chrono::Datelike;
    millis(ms).filter(|t| (0..=9999).contains(&t.utc().year()))
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
        out.push_str(&row.json());
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
        self.snapshot_where(|_| true, true)
    }

    /// The batch's snapshot as [`Snapshot::from_json_str`] reads [`BatchRows::snapshot_text`]:
    /// the same snapshot, or the same first error in SPEC §5's order. On PostgreSQL the
    /// sessions and assignments, read as plain columns, go straight into the core's rows (no
    /// JSON text written and read back) when their JSON would be plainly regular and the rest
    /// of the batch is; otherwise the text is written and read.
    pub fn snapshot(&self) -> Result<Snapshot, Error> {
        #[cfg(feature = "postgres")]
        if let Some(read) = self.typed_snapshot() {
            return read;
        }
        Snapshot::from_json_str(&self.snapshot_text())
    }

    /// [`BatchRows::snapshot`] without the text of the typed rows, or `None` when it cannot be
    /// told to be the same: a row of another form, a list or the text (bounded from above)
    /// beyond §5's limits, a row not plainly regular. The rows the database wrote as JSON are
    /// read by the core's regular road ([`regular_snapshot`], `None` for anything irregular);
    /// the typed rows are then exactly what [`Snapshot::from_value`] reads from their JSON,
    /// and the ids are checked over the whole snapshot, as `from_value` does last.
    #[cfg(feature = "postgres")]
    fn typed_snapshot(&self) -> Option<Result<Snapshot, Error>> {
        let typed = [&self.assignments, &self.sessions];
        let text = self.snapshot_where(|_| true, false);
        let bound: usize = typed
            .iter()
            .flat_map(|rows| rows.iter().map(|r| r.json_bound() + 1))
            .sum();
        if text.len() + bound > MAX_TEXT_BYTES || typed.iter().any(|r| r.len() > MAX_LIST_ITEMS) {
            return None;
        }
        json::check_text_limits(&text, MAX_DEPTH).ok()?;
        let mut snapshot = regular_snapshot(&text)?;
        drop(text);
        snapshot.tutor_assignments = self
            .assignments
            .iter()
            .map(|r| match &r.body {
                Body::Assignment(a) => a.typed(&r.key, &r.reference),
                _ => None,
            })
            .collect::<Option<_>>()?;
        snapshot.existing_sessions = self
            .sessions
            .iter()
            .map(|r| match &r.body {
                Body::Session(s) => s.typed(&r.key),
                _ => None,
            })
            .collect::<Option<_>>()?;
        Some(snapshot.check_unique_ids().map(|()| snapshot))
    }

    /// The snapshot of one class of the batch: its rows, every tutor and every session read
    /// (used to plan a class alone when its batch is unreadable input).
    pub fn class_snapshot_text(&self, class_id: &str) -> String {
        self.snapshot_where(|key| key == class_id, true)
    }

    /// The snapshot text of the classes `of_class` accepts; with `typed` false, the lists of
    /// typed rows (assignments, sessions) are left empty.
    fn snapshot_where(&self, of_class: impl Fn(&str) -> bool, typed: bool) -> String {
        let none: &[Row] = &[];
        let (assignments, sessions) = if typed {
            (&self.assignments[..], &self.sessions[..])
        } else {
            (none, none)
        };
        let size: usize = [
            &self.classes[..],
            &self.slots,
            &self.cancellations,
            assignments,
            &self.tutors,
            sessions,
        ]
        .iter()
        .flat_map(|rows| rows.iter().map(|r| r.json_bound() + 1))
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
        list(&mut out, "tutorAssignments", assignments, |r| {
            of_class(&r.key)
        });
        out.push(',');
        list(&mut out, "tutors", &self.tutors, |_| true);
        out.push(',');
        list(&mut out, "existingSessions", sessions, |_| true);
        out.push('}');
        out
    }

    /// Whether a session exactly like `planned` (class, subject, start, end, not cancelled)
    /// is among the rows read: a saved plan's session that was written already.
    pub fn holds(&self, planned: &crate::db::write::NewSession) -> bool {
        self.sessions.iter().any(|r| {
            r.key == planned.class_id
                && serde_json::from_str::<HeldSession>(&r.json()).is_ok_and(|s| {
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
                let slot: SlotSubject = serde_json::from_str(&r.json()).ok()?;
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
        let tutors: BTreeMap<&str, Cow<'_, str>> = self
            .tutors
            .iter()
            .map(|t| (t.key.as_str(), t.json()))
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
                    h.update(row.json().as_bytes());
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
                h.update(tutors.get(tutor).map_or("null", |t| t).as_bytes());
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

#[cfg(all(test, feature = "postgres"))]
mod tests {
    use super::*;

    fn json_row(key: &str, json: &str) -> Row {
        Row {
            key: key.into(),
            reference: String::new(),
            body: Body::Json(json.into()),
        }
    }

    fn session(class: &str, id: &str, start: i64, price: &str) -> Row {
        Row {
            key: class.into(),
            reference: String::new(),
            body: Body::Session(SessionColumns {
                id: id.into(),
                tutor_id: Some("t1".into()),
                subject: "Maths \"é\" \u{1}\\".into(),
                start,
                end: start.saturating_add(5_400_000),
                status: "SCHEDULED?".into(),
                price: price.into(),
                cancellation_reason: None,
            }),
        }
    }

    fn assignment(class: &str, id: &str, config: Option<&str>, start: Option<i64>) -> Row {
        Row {
            key: class.into(),
            reference: "t1".into(),
            body: Body::Assignment(AssignmentColumns {
                id: id.into(),
                time_slot_id: None,
                subject: "Maths".into(),
                recurrence_pattern: "WEEKLY".into(),
                recurrence_config: config.map(str::to_owned),
                start_date: start,
                end_date: None,
                status: "ACCEPTED".into(),
                is_active: true,
                created_at: 1_790_000_000_000,
            }),
        }
    }

    fn batch(assignments: Vec<Row>, sessions: Vec<Row>) -> BatchRows {
        BatchRows {
            classes: vec![json_row(
                "c1",
                r#"{"id":"c1","name":"A","isActive":true,"timezone":"Europe/Paris","memberCount":3,"defaultHourlyRate":null}"#,
            )],
            slots: vec![json_row(
                "c1",
                r#"{"id":"s1","classId":"c1","subject":"Maths","dayOfWeek":1,"startTime":"10:00","endTime":"11:30","isActive":true,"createdAt":"2026-01-01T00:00:00.000Z"}"#,
            )],
            cancellations: Vec::new(),
            assignments,
            tutors: vec![json_row(
                "t1",
                r#"{"id":"t1","hourlyRate":"10.00","availability":[]}"#,
            )],
            sessions,
        }
    }

    /// The typed road gives what the text road gives, and is taken when `typed` says.
    fn same(rows: &BatchRows, typed: bool) {
        let text = Snapshot::from_json_str(&rows.snapshot_text());
        assert_eq!(rows.snapshot(), text);
        assert_eq!(rows.typed_snapshot().is_some(), typed);
    }

    const T: i64 = 1_798_416_000_000; // 2026-12-28T00:00:00Z

    #[test]
    fn typed_rows_read_as_their_json() {
        let regular = batch(
            vec![
                assignment("c1", "a1", None, None),
                assignment("c1", "a2", Some("null"), Some(T)),
                assignment(
                    "c1",
                    "a3",
                    Some(r#"{"days": [1, 2.0, 1e3], "x": {"y": "z"}}"#),
                    None,
                ),
                assignment("c1", "a4", Some("[]"), Some(0)),
                // 9999-12-31T23:59:59.999
                assignment("c1", "a5", Some("{}"), Some(253_402_300_799_999)),
            ],
            vec![
                session("c1", "e1", T, "30000.00"),
                session("c1", "e2", -62_167_219_200_000, "-1"), // 0000-01-01
                session("c2", "e3", 253_402_293_600_000, "0.5"), // 9999-12-31T22:00
            ],
        );
        same(&regular, true);
        // Duplicate ids, found over the whole snapshot: the same error either way.
        same(
            &batch(
                vec![
                    assignment("c1", "a1", None, None),
                    assignment("c1", "a1", None, None),
                ],
                vec![session("c1", "e1", T, "1"), session("c1", "e1", T, "1")],
            ),
            true,
        );
        same(
            &batch(
                Vec::new(),
                vec![session("c1", "e1", T, "1"), session("c1", "e1", T, "1")],
            ),
            true,
        );
    }

    #[test]
    fn irregular_rows_are_read_from_their_json() {
        // Instants outside 0000-9999 or chrono's range, prices that are not plain decimals,
        // a configuration nested deeper than §5 allows.
        for (assignments, sessions) in [
            (
                Vec::new(),
                vec![session("c1", "e1", -62_167_219_200_001, "1")],
            ),
            (
                Vec::new(),
                vec![session("c1", "e1", 253_402_300_800_000, "1")],
            ),
            (Vec::new(), vec![session("c1", "e1", i64::MAX, "1")]),
            (Vec::new(), vec![session("c1", "e1", T, "NaN")]),
            (Vec::new(), vec![session("c1", "e1", T, "1e3")]),
            (
                vec![assignment("c1", "a1", None, Some(i64::MIN))],
                Vec::new(),
            ),
            (
                vec![assignment("c1", "a1", None, Some(253_402_300_800_000))],
                Vec::new(),
            ),
            (
                vec![assignment(
                    "c1",
                    "a1",
                    Some(&("[".repeat(62) + &"]".repeat(62))),
                    None,
                )],
                Vec::new(),
            ),
        ] {
            same(&batch(assignments, sessions), false);
        }
        // 61 levels fit (3 + 61 = 64).
        let deep = "[".repeat(61) + &"]".repeat(61);
        same(
            &batch(vec![assignment("c1", "a1", Some(&deep), None)], Vec::new()),
            true,
        );
        // A row the database wrote that is not regular: the text road reports it.
        let mut bad = batch(Vec::new(), vec![session("c1", "e1", T, "1")]);
        bad.slots.push(json_row(
            "c1",
            r#"{"id":"s2","classId":"c1","dayOfWeek":"1"}"#,
        ));
        same(&bad, false);
        assert!(bad.snapshot().is_err());
    }
}
