//! Statuses: the one a planned session is written with (§3.5), an existing session's
//! (§3.6–§3.9, R22, R28) and a tutor assignment's (§3.3) — the values the rules read.
//!
//! The input's statuses are free text: [`ExistingStatus`] and [`AssignmentStatus`] read each
//! known spelling as its variant and keep any other string as given in `Other`, which matches
//! none of the rules' statuses (as the string compared with them did). Both serialize back to
//! the exact string read; in the TypeScript declarations they stay `string`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Session status written on created sessions (§3.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum SessionStatus {
    /// No tutor.
    Pending,
    /// A tutor was assigned.
    Confirmed,
}

impl SessionStatus {
    /// `"PENDING"` or `"CONFIRMED"`, as the database enum spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Pending => "PENDING",
            SessionStatus::Confirmed => "CONFIRMED",
        }
    }
}

/// A free-text status of the input: known spellings as variants, any other string kept in
/// `Other` (never one of the known spellings: [`From`] reads those as their variant).
macro_rules! free_status {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// Any other string, as given: it matches none of the rules' statuses.
            Other(String),
        }

        impl $name {
            /// The status as written in JSON and in the database.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(text) => text,
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                match text {
                    $($text => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                match text.as_str() {
                    $($text => $name::$variant,)+
                    _ => $name::Other(text),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name::from)
            }
        }
    };
}

free_status! {
    /// The status of a stored session (`existingSessions[].status`, the database's
    /// `"SessionStatus"`).
    ///
    /// ```
    /// use genova_sessions_core::ExistingStatus;
    /// assert_eq!(ExistingStatus::from("CANCELLED"), ExistingStatus::Cancelled);
    /// // Case matters, and unknown statuses are kept as given.
    /// let odd = ExistingStatus::from("cancelled");
    /// assert_eq!(odd, ExistingStatus::Other("cancelled".to_owned()));
    /// assert!(!odd.is_open() && odd != ExistingStatus::Cancelled);
    /// assert_eq!(serde_json::to_string(&odd).unwrap(), r#""cancelled""#);
    /// ```
    ExistingStatus {
        /// `PENDING`: no tutor yet; cascades cancel it, repricing reprices it (§3.8).
        Pending => "PENDING",
        /// `CONFIRMED`: a tutor takes it; cascades cancel it.
        Confirmed => "CONFIRMED",
        /// `COMPLETED`: held; compared like any session that is not cancelled (R22, R25), never
        /// moved or cancelled.
        Completed => "COMPLETED",
        /// `CANCELLED`: never an exact match, a `CANCELLED_SESSION` conflict when it overlaps
        /// (R22), never busy (R25).
        Cancelled => "CANCELLED",
    }
}

impl ExistingStatus {
    /// `PENDING` or `CONFIRMED`: a session still to be held, that cascades cancel (§3.8) and the
    /// old generator's rows move from (R28).
    pub fn is_open(&self) -> bool {
        matches!(self, ExistingStatus::Pending | ExistingStatus::Confirmed)
    }
}

impl From<SessionStatus> for ExistingStatus {
    /// A created session's status, once stored.
    fn from(status: SessionStatus) -> Self {
        match status {
            SessionStatus::Pending => ExistingStatus::Pending,
            SessionStatus::Confirmed => ExistingStatus::Confirmed,
        }
    }
}

free_status! {
    /// The status of a tutor assignment (`tutorAssignments[].status`, the database's
    /// `"AssignmentStatus"`): only [`AssignmentStatus::Accepted`] applies (§3.3).
    ///
    /// ```
    /// use genova_sessions_core::AssignmentStatus;
    /// assert_eq!(AssignmentStatus::from("ACCEPTED"), AssignmentStatus::Accepted);
    /// assert_eq!(AssignmentStatus::from("ACCEPTED ").as_str(), "ACCEPTED ");
    /// ```
    AssignmentStatus {
        /// `PENDING`: not answered by the tutor.
        Pending => "PENDING",
        /// `ACCEPTED`: the only status that applies (§3.3).
        Accepted => "ACCEPTED",
        /// `DECLINED`.
        Declined => "DECLINED",
        /// `CANCELLED`.
        Cancelled => "CANCELLED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_other_strings_round_trip() {
        for text in [
            "PENDING",
            "CONFIRMED",
            "COMPLETED",
            "CANCELLED",
            "",
            "NO_SHOW",
            "é",
        ] {
            let status = ExistingStatus::from(text);
            assert_eq!(status.as_str(), text);
            assert_eq!(ExistingStatus::from(text.to_owned()), status);
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, serde_json::to_string(text).unwrap());
            assert_eq!(
                serde_json::from_str::<ExistingStatus>(&json).unwrap(),
                status
            );
        }
        for text in ["PENDING", "ACCEPTED", "DECLINED", "CANCELLED", "accepted"] {
            assert_eq!(AssignmentStatus::from(text).as_str(), text);
        }
        assert!(matches!(
            AssignmentStatus::from("accepted"),
            AssignmentStatus::Other(_)
        ));
        assert_eq!(
            ExistingStatus::from(SessionStatus::Confirmed),
            ExistingStatus::Confirmed
        );
    }
}
