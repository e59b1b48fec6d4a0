//! The error type of unreadable input and its codes (SPEC §5).
//!
//! Problems *inside* the data (a bad slot, an unknown zone, a malformed config) are not errors
//! of this type: they are returned as data in [`Plan::errors`](crate::Plan::errors) and
//! [`Plan::warnings`](crate::Plan::warnings). Only input that cannot be read at all (R1) is an
//! [`Error`].

use std::fmt;

/// Input that cannot be read at all (SPEC §5, R1), or a §3.8 request naming an unknown id.
///
/// Messages are short, lowercase, without a trailing period, and name the offending value or
/// path, e.g. `timeSlots[3].dayOfWeek: expected an integer, found "1"`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text exceeds 256 MiB, a list holds more than 1,000,000 items, or the JSON nests
    /// deeper than 64 levels.
    #[error("{0}")]
    InputTooLarge(String),
    /// The text is not JSON (text inputs only).
    #[error("{0}")]
    InvalidJson(String),
    /// A fault in the options: `now`, `weeks` or `defaultTimezone`.
    #[error("{0}")]
    InvalidOption(String),
    /// A required field is missing or has the wrong JSON type, or an instant or money value
    /// is malformed. `path` names the field, e.g. `timeSlots[3].dayOfWeek`.
    #[error("{path}: {message}")]
    InvalidField {
        /// Where the field is, e.g. `tutorAssignments[0].createdAt` or `request.now`.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A §3.8 request names an id the snapshot does not hold.
    #[error("{0}")]
    NotFound(String),
}

/// The stable code of an [`Error`], the same on every surface (SPEC §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    /// `INPUT_TOO_LARGE`
    InputTooLarge,
    /// `INVALID_JSON`
    InvalidJson,
    /// `INVALID_OPTION`
    InvalidOption,
    /// `INVALID_FIELD`
    InvalidField,
    /// `NOT_FOUND`
    NotFound,
}

impl ErrorCode {
    /// The code as written on every surface, e.g. `"INVALID_FIELD"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InputTooLarge => "INPUT_TOO_LARGE",
            ErrorCode::InvalidJson => "INVALID_JSON",
            ErrorCode::InvalidOption => "INVALID_OPTION",
            ErrorCode::InvalidField => "INVALID_FIELD",
            ErrorCode::NotFound => "NOT_FOUND",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The error's stable code.
    ///
    /// ```
    /// use genova_sessions_core::{plan_json, ErrorCode};
    /// let options = serde_json::json!({ "now": "2026-11-30T00:00:00Z", "weeks": 4 });
    /// let err = plan_json("{ not json", &options).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidJson);
    /// assert_eq!(err.code().as_str(), "INVALID_JSON");
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InputTooLarge(_) => ErrorCode::InputTooLarge,
            Error::InvalidJson(_) => ErrorCode::InvalidJson,
            Error::InvalidOption(_) => ErrorCode::InvalidOption,
            Error::InvalidField { .. } => ErrorCode::InvalidField,
            Error::NotFound(_) => ErrorCode::NotFound,
        }
    }

    /// An [`Error::InvalidField`] at `path`.
    pub(crate) fn field(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::InvalidField {
            path: path.into(),
            message: message.into(),
        }
    }
}
