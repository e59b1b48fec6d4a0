//! Exit codes and the one-line failures printed on stderr (SPEC §5, §6).

use std::fmt;

use genova_sessions_core::Error;

/// How a command ended when it did its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    /// Exit 0: done.
    Ok,
}

impl From<Done> for std::process::ExitCode {
    fn from(done: Done) -> Self {
        match done {
            Done::Ok => std::process::ExitCode::SUCCESS,
        }
    }
}

/// A command that could not do its work.
#[derive(Debug)]
pub enum Failure {
    /// Unreadable input (SPEC §5): exit 2, `error: CODE: message`.
    Input(Error),
}

impl Failure {
    /// The exit code of this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Input(_) => 2,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Input(e) => write!(f, "{}: {e}", e.code()),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Input(e)
    }
}

impl From<Failure> for std::process::ExitCode {
    fn from(f: Failure) -> Self {
        std::process::ExitCode::from(f.exit_code())
    }
}
