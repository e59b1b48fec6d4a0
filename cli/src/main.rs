//! `genova-sessions`: the command-line surface of the Genova scheduling engine.
//!
//! Exit codes (SPEC §6): 0 done; 1 a class failed or a runtime failure; 2 unreadable input or
//! bad flags; 3 with `--detailed-exitcode`, sessions were (or would be) created.

mod cli;
mod commands;
mod exit;
mod input;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let outcome = match args.command {
        cli::Command::Plan(plan) => commands::plan::run(&plan),
    };
    match outcome {
        Ok(code) => code.into(),
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.exit_code().into()
        }
    }
}
