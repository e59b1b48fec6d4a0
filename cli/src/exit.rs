//! Exit codes and the one-line failures printed on stderr (SPEC §5, §6).

use std::fmt;

use genova_sessions_core::Error;

/// How a command ended when it did its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    /// Exit 0: done.
    Ok,
    /// Exit 1: done, but at least one class has an entry in the plan's `errors`.
    ClassFailed,
    /// Exit 3 (`--detailed-exitcode`): done without errors, sessions were (or would be)
    /// created.
    Changes,
}

impl From<Done> for std::process::ExitCode {
    fn from(done: Done) -> Self {
        match done {
            Done::Ok => std::process::ExitCode::SUCCESS,
            Done::ClassFailed => std::process::ExitCode::from(1),
            Done::Changes => std::process::ExitCode::from(3),
        }
    }
}

/// A command that could not do its work.
#[derive(Debug)]
pub enum Failure {
    /// Unreadable input (SPEC §5): exit 2, `error: CODE: message`.
    Input(Error),
    /// Bad flags found after parsing (an unreadable plan file): exit 2.
    Usage(String),
    /// The run stopped (database unreachable, a statement failed, a stale plan): exit 1.
    Runtime(String),
}

impl Failure {
    /// The exit code of this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Input(_) | Failure::Usage(_) => 2,
            Failure::Runtime(_) => 1,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Input(e) => write!(f, "{}: {e}", e.code()),
            Failure::Usage(m) | Failure::Runtime(m) => f.write_str(m),
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

#[cfg(feature = "db")]
impl From<crate::db::DbError> for Failure {
    /// A URL this build cannot use is a bad flag (exit 2); anything else stopped the run (1).
    fn from(e: crate::db::DbError) -> Self {
        if e.bad_url {
            Failure::Usage(e.message)
        } else {
            Failure::Runtime(e.message)
        }
    }
}
