//! The platform's database through sqlx: PostgreSQL (feature `postgres`) and SQLite (feature
//! `sqlite`, the embedded default). One connection, used a batch of classes at a time.
//!
//! Every statement is a constant text with bound parameters ([`sql`]); the only values
//! formatted into a statement are integers (the lock timeout).

pub mod load;
pub mod read;
pub mod sql;
pub mod url;
pub mod write;

use std::time::Duration;

/// Which engine a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// `postgres://` or `postgresql://`.
    Postgres,
    /// `sqlite:` (a file).
    Sqlite,
}

/// An open connection.
pub enum Db {
    /// PostgreSQL.
    #[cfg(feature = "postgres")]
    Pg(sqlx::PgConnection),
    /// SQLite.
    #[cfg(feature = "sqlite")]
    Sqlite(sqlx::SqliteConnection),
}

/// A database failure, already worded for the operator (no password in it).
#[derive(Debug)]
pub struct DbError {
    /// One line for stderr.
    pub message: String,
    /// The lock wait ran out (`--lock-timeout`).
    pub lock_timeout: bool,
    /// The database URL itself is wrong (a scheme this build cannot use): a usage error
    /// (exit 2), not a runtime failure.
    pub bad_url: bool,
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The table a statement needed and the database does not have: PostgreSQL's
/// `undefined_table` (42P01, `relation "x" does not exist`) or SQLite's `no such table: x`.
fn missing_table(e: &sqlx::Error) -> Option<String> {
    let sqlx::Error::Database(d) = e else {
        return None;
    };
    let message = d.message();
    if d.code().as_deref() == Some("42P01") {
        let name = message.split('"').nth(1)?;
        return Some(name.to_owned());
    }
    message
        .strip_prefix("no such table: ")
        .map(|name| name.trim().to_owned())
}

impl DbError {
    /// A row changed under the run: `message` says which and what was (not) written.
    pub fn stale(message: String) -> DbError {
        DbError {
            message,
            lock_timeout: false,
            bad_url: false,
        }
    }

    /// Wraps a sqlx error met while doing `what`.
    pub fn new(what: &str, e: sqlx::Error) -> DbError {
        let lock_timeout = match &e {
            sqlx::Error::Database(d) => {
                // 55P03 lock_not_available (PostgreSQL); SQLITE_BUSY (5) after busy_timeout.
                matches!(d.code().as_deref(), Some("55P03") | Some("5") | Some("517"))
            }
            _ => false,
        };
        let detail = match &e {
            sqlx::Error::Database(d) => d.message().to_owned(),
            other => other.to_string(),
        };
        let message = match missing_table(&e) {
            Some(table) => format!(
                "{what}: the table {table} is missing: this database does not have the \
                 platform's tables. Point --database-url at the platform's database (its Prisma \
                 migrations create them), or create them with a sample for a trial: \
                 genova-sessions demo --database-url URL"
            ),
            None if matches!(e, sqlx::Error::Io(_)) => format!(
                "{what}: the connection to the database was lost ({})",
                url::scrub(&detail)
            ),
            None => format!("{what}: {}", url::scrub(&detail)),
        };
        DbError {
            message,
            lock_timeout,
            bad_url: false,
        }
    }
}

impl Db {
    /// Connects to `database_url` (password never printed). `lock_timeout` is how long a write
    /// waits for locks held by another run (PostgreSQL `lock_timeout`, SQLite busy timeout).
    pub async fn connect(
        database_url: &str,
        lock_timeout: Duration,
        create_sqlite: bool,
    ) -> Result<Db, DbError> {
        url::remember_secret(database_url);
        let shown = url::redact(database_url);
        let backend = url::backend(database_url).ok_or_else(|| DbError {
            message: format!("unsupported database url {shown}: expected postgres://… or sqlite:…"),
            lock_timeout: false,
            bad_url: true,
        })?;
        let cannot = |e: sqlx::Error| DbError::new(&format!("cannot connect to {shown}"), e);
        #[allow(unused_variables)]
        let missing = |feature: &str| DbError {
            message: format!(
                "{shown}: this build has no {feature} support (cargo feature `{feature}`)"
            ),
            lock_timeout: false,
            bad_url: true,
        };
        match backend {
            Backend::Postgres => {
                #[cfg(feature = "postgres")]
                {
                    use sqlx::ConnectOptions;
                    use std::str::FromStr;
                    let options = sqlx::postgres::PgConnectOptions::from_str(database_url)
                        .map_err(cannot)?
                        .application_name("genova-sessions")
                        .log_statements(tracing::log::LevelFilter::Trace)
                        .log_slow_statements(tracing::log::LevelFilter::Off, Duration::MAX);
                    let conn = options.connect().await.map_err(cannot)?;
                    Ok(Db::Pg(conn))
                }
                #[cfg(not(feature = "postgres"))]
                Err(missing("postgres"))
            }
            Backend::Sqlite => {
                #[cfg(feature = "sqlite")]
                {
                    use sqlx::ConnectOptions;
                    use std::str::FromStr;
                    let options = sqlx::sqlite::SqliteConnectOptions::from_str(database_url)
                        .map_err(cannot)?
                        .create_if_missing(create_sqlite)
                        .foreign_keys(true)
                        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                        .busy_timeout(lock_timeout)
                        .log_statements(tracing::log::LevelFilter::Trace)
                        .log_slow_statements(tracing::log::LevelFilter::Off, Duration::MAX);
                    let conn = options.connect().await.map_err(cannot)?;
                    Ok(Db::Sqlite(conn))
                }
                #[cfg(not(feature = "sqlite"))]
                {
                    let _ = (create_sqlite, lock_timeout);
                    Err(missing("sqlite"))
                }
            }
        }
    }

    /// The engine of this connection.
    pub fn backend(&self) -> Backend {
        match self {
            #[cfg(feature = "postgres")]
            Db::Pg(_) => Backend::Postgres,
            #[cfg(feature = "sqlite")]
            Db::Sqlite(_) => Backend::Sqlite,
        }
    }

    /// Runs control statements (BEGIN, COMMIT, SET, PRAGMA) that take no parameters.
    pub async fn control(&mut self, statement: &str) -> Result<(), DbError> {
        use sqlx::Executor;
        let what = statement.split_whitespace().next().unwrap_or("statement");
        let result = match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => c.execute(sqlx::raw_sql(statement)).await.map(|_| ()),
            #[cfg(feature = "sqlite")]
            Db::Sqlite(c) => c.execute(sqlx::raw_sql(statement)).await.map(|_| ()),
        };
        result.map_err(|e| DbError::new(&what.to_lowercase(), e))
    }

    /// Closes the connection politely (errors ignored: nothing is pending).
    pub async fn close(self) {
        use sqlx::Connection;
        match self {
            #[cfg(feature = "postgres")]
            Db::Pg(c) => {
                let _ = c.close().await;
            }
            #[cfg(feature = "sqlite")]
            Db::Sqlite(c) => {
                let _ = c.close().await;
            }
        }
    }
}
