//! `genova-sessions`: the command-line surface of the Genova scheduling engine.
//!
//! Exit codes (SPEC §6): 0 done; 1 a class failed or a runtime failure; 2 unreadable input or
//! bad flags; 3 with `--detailed-exitcode`, sessions were (or would be) created.

#[cfg(feature = "db")]
mod audit;
mod cli;
mod commands;
#[cfg(feature = "db")]
mod db;
mod exit;
mod input;
#[cfg(feature = "db")]
mod planfile;
#[cfg(feature = "db")]
mod progress;
#[cfg(feature = "db")]
mod reconcile;
#[cfg(feature = "db")]
mod report;
#[cfg(feature = "db")]
mod run;
#[cfg(feature = "db")]
mod run_plan;
#[cfg(feature = "db")]
mod shard;

use std::process::ExitCode;

use clap::Parser;

/// `tracing` logs on stderr, filtered by `RUST_LOG` (warnings and errors by default).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

fn main() -> ExitCode {
    // `DATABASE_URL` may come from a `.env` file; the environment wins over it.
    #[cfg(feature = "db")]
    let _ = dotenvy::dotenv();
    init_logging();
    let args = cli::Cli::parse();
    let outcome = match &args.command {
        cli::Command::Plan(plan) => commands::plan::run(plan),
        #[cfg(feature = "db")]
        cli::Command::Migrate(a) => commands::migrate::run(a),
        #[cfg(feature = "db")]
        cli::Command::Maintain(a) => commands::maintain::run(a),
        #[cfg(feature = "db")]
        cli::Command::ExportSnapshot(a) => commands::export::run(a),
        #[cfg(feature = "sqlite")]
        cli::Command::Demo(a) => commands::demo::run(a),
        #[cfg(feature = "db")]
        cli::Command::Seed(a) => commands::seed::run(a),
    };
    match outcome {
        Ok(code) => code.into(),
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.exit_code().into()
        }
    }
}
