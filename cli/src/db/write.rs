//! Writing a batch: one transaction, the classes locked against concurrent runs, the planned
//! sessions inserted in one statement, nothing existing changed (except, with `--reconcile`,
//! the cascade's cancellations, and with `--move-legacy-rows` the old generator's rows moved).

use std::time::Duration;

use genova_sessions_core::SessionStatus;

use super::{Backend, Db, DbError};

/// A session to insert, as the plan's `create` entry gives it.
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct NewSession {
    /// Class.
    pub class_id: String,
    /// Slot it comes from (not stored: `tutoring_sessions` has no slot column).
    pub time_slot_id: String,
    /// Subject name.
    pub subject: String,
    /// Start, RFC 3339 UTC with milliseconds.
    pub scheduled_start: String,
    /// End.
    pub scheduled_end: String,
    /// Tutor (users.id) or `null`.
    pub tutor_id: Option<String>,
    /// `PENDING` or `CONFIRMED`.
    pub status: SessionStatus,
    /// Exact price, two decimals.
    pub price: String,
}

impl From<&genova_sessions_core::Create> for NewSession {
    fn from(c: &genova_sessions_core::Create) -> Self {
        NewSession {
            class_id: c.class_id.to_string(),
            time_slot_id: c.time_slot_id.to_string(),
            subject: c.subject.to_string(),
            scheduled_start: c.scheduled_start.to_string(),
            scheduled_end: c.scheduled_end.to_string(),
            tutor_id: c.tutor_id.as_deref().map(str::to_owned),
            status: c.status,
            price: c.price.to_string(),
        }
    }
}

/// The rows of `COPY tutoring_sessions … FROM STDIN` (text format) for `sessions` with their
/// `ids`: tab-separated, `\N` for a missing tutor, instants as UTC wall times (the columns are
/// `TIMESTAMP(3)` holding UTC), `createdAt` the current time.
#[cfg(feature = "postgres")]
fn copy_rows(sessions: &[NewSession], ids: &[String]) -> String {
    fn field(out: &mut String, text: &str) {
        for ch in text.chars() {
            match ch {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                other => out.push(other),
            }
        }
    }
    fn instant(out: &mut String, rfc3339: &str) {
        // `2026-11-30T13:00:00.000Z` → `2026-11-30 13:00:00.000`.
        field(out, &rfc3339.replacen('T', " ", 1).replace('Z', ""));
    }
    let created = chrono::Utc::now()
        .format("%Y-%m-%d %H:%M:%S%.3f")
        .to_string();
    let mut out = String::with_capacity(sessions.len() * 160);
    for (s, id) in sessions.iter().zip(ids) {
        field(&mut out, id);
        out.push('\t');
        field(&mut out, &s.class_id);
        out.push('\t');
        match &s.tutor_id {
            Some(t) => field(&mut out, t),
            None => out.push_str("\\N"),
        }
        out.push('\t');
        instant(&mut out, &s.scheduled_start);
        out.push('\t');
        instant(&mut out, &s.scheduled_end);
        out.push('\t');
        field(&mut out, &s.subject);
        out.push('\t');
        field(&mut out, &s.price);
        out.push('\t');
        field(&mut out, s.status.as_str());
        out.push('\t');
        out.push_str(&created);
        out.push('\n');
    }
    out
}

/// A session to cancel (the cascades of `maintain --reconcile`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cancellation {
    /// The row.
    pub session_id: String,
    /// Written to `cancellationReason`: a sentence for students and tutors.
    pub reason: String,
    /// The session's class.
    pub class_id: String,
    /// Its subject.
    pub subject: String,
    /// Its start in the class's zone, `Mon 2026-12-07 14:00`.
    pub local_start: String,
    /// The cascade's own account (`time slot s1 deactivated`, `week of … cancelled (x1)`),
    /// for the audit log.
    pub cause: String,
}

/// A legacy row to move (SPEC §3.9): the plan's `moves` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionMove {
    /// The row.
    pub session_id: String,
    /// Class.
    pub class_id: String,
    /// The slot whose occurrence the row is.
    pub time_slot_id: String,
    /// Stored start, RFC 3339 UTC with milliseconds (the guard).
    pub from_start: String,
    /// Stored end (the guard).
    pub from_end: String,
    /// New start.
    pub scheduled_start: String,
    /// New end.
    pub scheduled_end: String,
}

impl From<&genova_sessions_core::Move> for SessionMove {
    fn from(m: &genova_sessions_core::Move) -> Self {
        SessionMove {
            session_id: m.session_id.to_string(),
            class_id: m.class_id.to_string(),
            time_slot_id: m.time_slot_id.to_string(),
            from_start: m.from_start.to_string(),
            from_end: m.from_end.to_string(),
            scheduled_start: m.scheduled_start.to_string(),
            scheduled_end: m.scheduled_end.to_string(),
        }
    }
}

impl Db {
    /// Opens a run-long read-only transaction: nothing can be written through it.
    pub async fn begin_read_only(&mut self) -> Result<(), DbError> {
        match self.backend() {
            Backend::Postgres => {
                self.control("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await
            }
            Backend::Sqlite => {
                self.control("PRAGMA query_only = ON").await?;
                self.control("BEGIN").await
            }
        }
    }

    /// Ends the read-only transaction (and, on SQLite, the connection's `query_only`).
    pub async fn end_read_only(&mut self) -> Result<(), DbError> {
        self.control("ROLLBACK").await?;
        if self.backend() == Backend::Sqlite {
            self.control("PRAGMA query_only = OFF").await?;
        }
        Ok(())
    }

    /// Opens a batch's write transaction and locks its classes: on PostgreSQL one
    /// transaction-level advisory lock per class (in a fixed order, released at commit),
    /// waited for up to `lock_timeout`; on SQLite `BEGIN IMMEDIATE` (the busy timeout set at
    /// connection). Reads that follow see every run that committed before.
    pub async fn begin_write(
        &mut self,
        class_ids: &[String],
        lock_timeout: Duration,
    ) -> Result<(), DbError> {
        match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => {
                use sqlx::Executor;
                c.execute(sqlx::raw_sql("BEGIN"))
                    .await
                    .map_err(|e| DbError::new("begin", e))?;
                // `lock_timeout = 0` would mean "wait forever": one millisecond is the least.
                let ms = lock_timeout.as_millis().clamp(1, i32::MAX as u128);
                c.execute(sqlx::raw_sql(&format!("SET LOCAL lock_timeout = {ms}")))
                    .await
                    .map_err(|e| DbError::new("set", e))?;
                sqlx::query(super::sql::POSTGRES_LOCK)
                    .bind(class_ids)
                    .execute(&mut *c)
                    .await
                    .map_err(|e| lock_error(e, class_ids, lock_timeout))?;
                Ok(())
            }
            #[cfg(feature = "sqlite")]
            Db::Sqlite(c) => {
                use sqlx::Executor;
                c.execute(sqlx::raw_sql("BEGIN IMMEDIATE"))
                    .await
                    .map_err(|e| lock_error(e, class_ids, lock_timeout))?;
                Ok(())
            }
        }
    }

    /// Inserts the batch's planned sessions in one statement (UUID v4 ids, enum casts,
    /// `DECIMAL(10,2)` prices); returns the ids given, in order.
    pub async fn insert_sessions(
        &mut self,
        sessions: &[NewSession],
    ) -> Result<Vec<String>, DbError> {
        let ids: Vec<String> = sessions
            .iter()
            .map(|_| uuid::Uuid::new_v4().to_string())
            .collect();
        if sessions.is_empty() {
            return Ok(ids);
        }
        let result = match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => {
                // COPY … FROM STDIN in text format: PostgreSQL's fastest way in.
                let data = copy_rows(sessions, &ids);
                match c.copy_in_raw(super::sql::POSTGRES_COPY).await {
                    Ok(mut copy) => match copy.send(data.into_bytes()).await {
                        Ok(_) => copy.finish().await.map(|rows| {
                            // sqlx logs its queries but not a COPY: log it the same way, so
                            // `RUST_LOG=sqlx::query=debug` still shows every statement.
                            tracing::debug!(
                                target: "sqlx::query",
                                summary = "COPY tutoring_sessions FROM STDIN",
                                db.statement = ?format!("\n{}", super::sql::POSTGRES_COPY),
                                rows_affected = rows,
                            );
                        }),
                        Err(e) => {
                            let _ = copy.abort("the engine stopped sending rows").await;
                            Err(e)
                        }
                    },
                    Err(e) => Err(e),
                }
            }
            #[cfg(feature = "sqlite")]
            Db::Sqlite(c) => {
                let rows: Vec<serde_json::Value> = sessions
                    .iter()
                    .zip(&ids)
                    .map(|(s, id)| {
                        serde_json::json!([
                            id,
                            s.class_id,
                            s.tutor_id,
                            s.scheduled_start,
                            s.scheduled_end,
                            s.subject,
                            s.price,
                            s.status
                        ])
                    })
                    .collect();
                let rows = serde_json::Value::Array(rows).to_string();
                sqlx::query(super::sql::SQLITE.insert)
                    .bind(rows)
                    .execute(&mut *c)
                    .await
                    .map(|_| ())
            }
        };
        result.map_err(|e| DbError::new("inserting tutoring_sessions", e))?;
        Ok(ids)
    }

    /// Cancels sessions still `PENDING`/`CONFIRMED`, with their reasons; returns how many rows
    /// changed.
    pub async fn cancel_sessions(&mut self, cancels: &[Cancellation]) -> Result<u64, DbError> {
        if cancels.is_empty() {
            return Ok(0);
        }
        let result = match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => {
                let ids: Vec<&str> = cancels.iter().map(|x| x.session_id.as_str()).collect();
                let reasons: Vec<&str> = cancels.iter().map(|x| x.reason.as_str()).collect();
                sqlx::query(super::sql::POSTGRES.cancel)
                    .bind(ids)
                    .bind(reasons)
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected())
            }
            #[cfg(feature = "sqlite")]
            Db::Sqlite(c) => {
                let rows: Vec<[&str; 2]> = cancels
                    .iter()
                    .map(|x| [x.session_id.as_str(), x.reason.as_str()])
                    .collect();
                let rows = serde_json::to_string(&rows).unwrap_or_default();
                sqlx::query(super::sql::SQLITE.cancel)
                    .bind(rows)
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected())
            }
        };
        result.map_err(|e| DbError::new("cancelling tutoring_sessions", e))
    }

    /// Moves legacy rows, one guarded `UPDATE` per row: each changes only `scheduledStart` and
    /// `scheduledEnd`, and only while the row still has the stored start, end and a
    /// `PENDING`/`CONFIRMED` status it was planned from. A row that no longer does fails the
    /// batch (the caller rolls it back): something changed it since it was read.
    pub async fn move_sessions(&mut self, moves: &[SessionMove]) -> Result<u64, DbError> {
        let statement = self.statements().move_session;
        for m in moves {
            let result = match self {
                #[cfg(feature = "postgres")]
                Db::Pg(c) => sqlx::query(statement)
                    .bind(&m.session_id)
                    .bind(&m.scheduled_start)
                    .bind(&m.scheduled_end)
                    .bind(&m.from_start)
                    .bind(&m.from_end)
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected()),
                #[cfg(feature = "sqlite")]
                Db::Sqlite(c) => sqlx::query(statement)
                    .bind(&m.session_id)
                    .bind(&m.scheduled_start)
                    .bind(&m.scheduled_end)
                    .bind(&m.from_start)
                    .bind(&m.from_end)
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected()),
            };
            let changed = result.map_err(|e| DbError::new("moving tutoring_sessions", e))?;
            if changed != 1 {
                return Err(DbError::stale(format!(
                    "session {} of class {} is no longer at {} to {} (or no longer PENDING or \
                     CONFIRMED): it changed since it was read; nothing was written for its \
                     batch; run again",
                    m.session_id, m.class_id, m.from_start, m.from_end
                )));
            }
        }
        Ok(moves.len() as u64)
    }

    /// Commits the open transaction.
    pub async fn commit(&mut self) -> Result<(), DbError> {
        self.control("COMMIT").await
    }

    /// Rolls the open transaction back (errors ignored: the connection may be gone, and then
    /// the server has rolled it back already).
    pub async fn rollback(&mut self) {
        let _ = self.control("ROLLBACK").await;
    }
}

/// The one line for a lock that could not be had.
fn lock_error(e: sqlx::Error, class_ids: &[String], waited: Duration) -> DbError {
    let mut err = DbError::new("locking classes", e);
    if err.lock_timeout {
        let first = class_ids.first().map(String::as_str).unwrap_or("?");
        err.message = format!(
            "another run holds the lock on classes of the batch starting at {first} for more \
             than {} (--lock-timeout); nothing was written for this batch",
            humanize(waited)
        );
    }
    err
}

/// `30s`, `1500ms`.
pub fn humanize(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}
