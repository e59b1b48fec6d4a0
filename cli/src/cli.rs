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
}

/// `genova-sessions plan`.
#[derive(Debug, Args)]
#[command(
    after_help = "The input is a bare snapshot (SPEC §2) or an object holding \
\"snapshot\" and \"options\" (like the conformance cases); flags override its options.\n\n\
Exit codes: 0 a plan was printed (its errors are data); 2 unreadable input or bad flags, \
with one line `error: CODE: message` on stderr."
)]
pub struct PlanArgs {
    /// Snapshot JSON file, or `-` for standard input.
    #[arg(long, short = 'i', value_name = "FILE")]
    pub input: PathBuf,
    /// The planning instant, RFC 3339 (e.g. 2026-11-30T00:00:00Z).
    #[arg(long, value_name = "RFC3339", allow_hyphen_values = true)]
    pub now: Option<String>,
    /// Weeks to plan, 1..=52.
    #[arg(long, short = 'w', value_name = "N", allow_hyphen_values = true)]
    pub weeks: Option<i64>,
    /// IANA zone of classes without one (default UTC).
    #[arg(long, value_name = "ZONE")]
    pub default_timezone: Option<String>,
}
