//! Command-line flags (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The version line: the crate version and the IANA time zone database compiled in, e.g.
/// `0.1.0 (tzdb 2025b)`.
fn version() -> &'static str {
    static LINE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    LINE.get_or_init(|| {
        format!(
            "{} (tzdb {})",
            env!("CARGO_PKG_VERSION"),
            genova_sessions_core::TZDB_VERSION
        )
    })
}

/// Turns weekly class time slots into tutoring sessions: plan them from a snapshot file,
/// or (with a database feature) migrate and maintain them in the platform's database.
#[derive(Debug, Parser)]
#[command(name = "genova-sessions", version = version(), about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan sessions from a snapshot file, with no database: prints the plan as compact JSON.
    Plan(PlanArgs),
    /// Generate the sessions of the next weeks for every class (the one-time migration).
    #[cfg(feature = "db")]
    Migrate(MigrateArgs),
    /// The daily rolling-window job for cron: create what the next weeks still lack.
    #[cfg(feature = "db")]
    Maintain(MaintainArgs),
    /// Write the database's data as snapshot JSON, to reproduce any run with `plan --input`.
    #[cfg(feature = "db")]
    ExportSnapshot(ExportArgs),
    /// A first run on a sample (Douala, Dakar, Paris): dry run, apply, re-run — in a SQLite
    /// file, or with --database-url in a trial PostgreSQL database (its tables created).
    #[cfg(feature = "sqlite")]
    Demo(DemoArgs),
    /// Load a snapshot file into the platform's tables (trials, staging copies, benchmarks);
    /// creates SQLite's tables, expects PostgreSQL's (`demo --database-url` creates them).
    #[cfg(feature = "db")]
    Seed(SeedArgs),
}

/// Table for people, or JSON for programs.
#[cfg(feature = "db")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table per class, the `Plan:` line and the summary.
    Table,
    /// migrate: the plan as JSON on stdout (docs/plan.md), the summary on stderr; maintain:
    /// its result (counts, errors, every warning) as one JSON line.
    Json,
}

/// The database (shared by the database commands).
#[cfg(feature = "db")]
#[derive(Debug, Args)]
pub struct DatabaseUrl {
    /// postgres://user:password@host/db or sqlite:file; also read from DATABASE_URL or a
    /// `.env` file. The password is never printed.
    #[arg(
        long = "database-url",
        short = 'D',
        env = "DATABASE_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub url: String,
}

/// Where the database is and how to treat it (shared by `migrate` and `maintain`).
#[cfg(feature = "db")]
#[derive(Debug, Args)]
pub struct DbArgs {
    /// The database.
    #[command(flatten)]
    pub database: DatabaseUrl,
    /// Plan as of this instant, RFC 3339 (default: the current time).
    #[arg(long, value_name = "RFC3339", allow_hyphen_values = true)]
    pub now: Option<String>,
    /// IANA zone of classes whose creator has no country.
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    pub default_timezone: String,
    /// IANA zone the old TypeScript generator ran in (e.g. UTC): its rows, stored at the
    /// slots' wall times read in that zone, are recognised — no duplicate is created beside
    /// them — and listed as moves. Keep it set while such rows lie ahead.
    #[arg(long, value_name = "ZONE", env = "GENOVA_LEGACY_TIMEZONE")]
    pub legacy_timezone: Option<String>,
    /// Also move those rows to their right times (one guarded UPDATE each, audited); with
    /// --dry-run, show what would move. Without it no existing row is ever modified.
    #[arg(long, requires = "legacy_timezone")]
    pub move_legacy_rows: bool,
    /// How long to wait for classes locked by another run (e.g. 30s, 500ms, 2m).
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub lock_timeout: std::time::Duration,
    /// Append one JSON line per session written to FILE.
    #[arg(long, value_name = "FILE")]
    pub audit_log: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Exit 3 when sessions were (or, in a dry run, would be) created and no class failed.
    #[arg(long)]
    pub detailed_exitcode: bool,
    /// Take only shard I of N (0-based): N workers split one run by a stable hash of the
    /// class id, each with its own --shard; 0/1 (the default) is every class.
    #[arg(long, value_name = "I/N", default_value = "0/1", value_parser = crate::shard::parse)]
    pub shard: crate::shard::Shard,
    /// Classes per batch (read, planned and written together), 1..=500.
    #[arg(long, hide = true, default_value_t = 500,
          value_parser = clap::value_parser!(u16).range(1..=500))]
    pub batch_size: u16,
}

/// `genova-sessions migrate`.
#[cfg(feature = "db")]
#[derive(Debug, Args)]
#[command(
    after_help = "Exit codes (docs/errors.md): 0 done; 1 a class failed, or the database stopped the run (one line on stderr); 2 bad flags or an unreadable file; 3 with --detailed-exitcode, sessions were (or would be) created. Switching over from the old generator: docs/migrating.md."
)]
pub struct MigrateArgs {
    /// Show the plan without writing anything (a READ ONLY transaction).
    #[arg(long, short = 'd')]
    pub dry_run: bool,
    /// Weeks ahead to generate, 1..=52.
    #[arg(long, short = 'w', default_value_t = 4, value_name = "N",
          value_parser = clap::value_parser!(i64).range(1..=52))]
    pub weeks: i64,
    /// With --dry-run: save the plan and the fingerprints of its rows to FILE.
    #[arg(long, value_name = "FILE", requires = "dry_run")]
    pub out: Option<PathBuf>,
    /// Write exactly the plan saved in FILE; refuse if its classes changed since.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["dry_run", "weeks", "now"])]
    pub apply: Option<PathBuf>,
    /// Database, output and locking.
    #[command(flatten)]
    pub db: DbArgs,
}

/// `genova-sessions maintain`.
#[cfg(feature = "db")]
#[derive(Debug, Args)]
pub struct MaintainArgs {
    /// Weeks of the rolling window, 1..=52.
    #[arg(long, short = 'w', default_value_t = 4, value_name = "N",
          value_parser = clap::value_parser!(i64).range(1..=52))]
    pub weeks: i64,
    /// Show what would be done without writing anything.
    #[arg(long, short = 'd')]
    pub dry_run: bool,
    /// Also cancel future sessions of deactivated slots and cancelled weeks
    /// (docs/functions.md), storing a sentence students understand as their reason.
    #[arg(long)]
    pub reconcile: bool,
    /// With --reconcile: the reason stored on a session whose slot was deactivated.
    /// Placeholders: {subject} {class} {date} {time} {week} {reason}.
    #[arg(long, value_name = "TEMPLATE", default_value = crate::reconcile::SLOT_REMOVED,
          value_parser = crate::reconcile::check_template, hide_default_value = true)]
    pub slot_removed_reason: String,
    /// With --reconcile: the reason stored on a session of a cancelled week ({reason} is the
    /// week cancellation's own reason). Same placeholders.
    #[arg(long, value_name = "TEMPLATE", default_value = crate::reconcile::WEEK_CANCELLED,
          value_parser = crate::reconcile::check_template, hide_default_value = true)]
    pub week_cancelled_reason: String,
    /// Database, output and locking.
    #[command(flatten)]
    pub db: DbArgs,
}

/// `genova-sessions export-snapshot`.
#[cfg(feature = "db")]
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The database.
    #[command(flatten)]
    pub database: DatabaseUrl,
    /// Write to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `genova-sessions demo`.
#[cfg(feature = "sqlite")]
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The SQLite file to create (or reuse).
    #[arg(long, value_name = "FILE", default_value = "genova-demo.sqlite")]
    pub database: PathBuf,
    /// Run the demo in this database instead (postgres://… or sqlite:…): its tables are
    /// created when it has none, and the sample is loaded when it holds no class. A database
    /// holding other classes is refused.
    #[arg(
        long = "database-url",
        short = 'D',
        value_name = "URL",
        conflicts_with = "database"
    )]
    pub database_url: Option<String>,
    /// Plan as of this instant, RFC 3339 (default: the current time).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
}

/// `genova-sessions seed` (hidden).
#[cfg(feature = "db")]
#[derive(Debug, Args)]
pub struct SeedArgs {
    /// The database.
    #[command(flatten)]
    pub database: DatabaseUrl,
    /// Snapshot JSON file (bare or wrapped).
    #[arg(long, short = 'i', value_name = "FILE")]
    pub input: PathBuf,
}

/// `30s`, `500ms`, `2m`, or plain seconds.
#[cfg(feature = "db")]
fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => text.split_at(i),
        None => (text, "s"),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration like 30s, 500ms or 2m"))?;
    let ms = match unit {
        "ms" => Some(n),
        "s" => n.checked_mul(1000),
        "m" => n.checked_mul(60_000),
        _ => None,
    }
    .filter(|ms| *ms <= i32::MAX as u64)
    .ok_or_else(|| format!("{text:?} is not a duration like 30s, 500ms or 2m"))?;
    Ok(std::time::Duration::from_millis(ms))
}

/// `genova-sessions plan`.
#[derive(Debug, Args)]
#[command(
    after_help = "The input is a bare snapshot (every field: docs/snapshot.md) or an object \
holding \"snapshot\" and \"options\" (like the conformance cases); flags override its \
options, and --now and --weeks default to the clock and 4. The plan printed: docs/plan.md.\n\n\
Exit codes (docs/errors.md): 0 a plan was printed (its errors are data); 2 unreadable input \
or bad flags, with one line `error: CODE: message` on stderr."
)]
pub struct PlanArgs {
    /// Snapshot JSON file, or `-` for standard input.
    #[arg(long, short = 'i', value_name = "FILE")]
    pub input: PathBuf,
    /// The planning instant, RFC 3339 (e.g. 2026-11-30T00:00:00Z); default: the file's
    /// options, else the current time.
    #[arg(long, value_name = "RFC3339", allow_hyphen_values = true)]
    pub now: Option<String>,
    /// Weeks to plan, 1..=52; default: the file's options, else 4.
    #[arg(long, short = 'w', value_name = "N", allow_hyphen_values = true)]
    pub weeks: Option<i64>,
    /// IANA zone of classes without one (default UTC).
    #[arg(long, value_name = "ZONE")]
    pub default_timezone: Option<String>,
    /// IANA zone the old TypeScript generator ran in: its rows, stored at the slots' wall
    /// times read in that zone, are recognised and planned as moves, not duplicated.
    #[arg(long, value_name = "ZONE")]
    pub legacy_timezone: Option<String>,
}
