//! Requests and results of the four functions of §3.8, with their JSON.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Error;
use crate::instant::Instant;
use crate::money::Money;
use crate::snapshot::{describe, Row};

/// `availableTutors` request: who can take a session of `subject` in `classId` over
/// `[scheduledStart, scheduledEnd)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct AvailableTutorsRequest {
    /// Class.
    pub class_id: String,
    /// Subject (matched against the assignments' own `subject`).
    pub subject: String,
    /// Start of the range.
    #[cfg_attr(feature = "tsify", tsify(type = "Instant | Date"))]
    pub scheduled_start: Instant,
    /// End of the range, not before the start.
    #[cfg_attr(feature = "tsify", tsify(type = "Instant | Date"))]
    pub scheduled_end: Instant,
}

/// `availableTutors` result.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct AvailableTutors {
    /// Tutor ids, sorted, without duplicates.
    pub tutor_ids: Vec<String>,
}

/// `cascadeSlotDeactivated` request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SlotDeactivatedRequest {
    /// The deactivated slot.
    pub time_slot_id: String,
    /// Sessions starting at or after this instant (truncated to milliseconds) are cancelled.
    #[cfg_attr(feature = "tsify", tsify(type = "Instant | Date"))]
    pub now: Instant,
}

/// `cascadeWeekCancelled` request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct WeekCancelledRequest {
    /// The slot cancellation just created.
    pub cancellation_id: String,
    /// Sessions starting at or after this instant (truncated to milliseconds) are cancelled.
    #[cfg_attr(feature = "tsify", tsify(type = "Instant | Date"))]
    pub now: Instant,
}

/// Result of both cascades: the sessions to cancel.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Cancel {
    /// Sorted by session id.
    pub cancel: Vec<CancelSession>,
}

/// One session to cancel, with the reason to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CancelSession {
    /// The session.
    pub session_id: String,
    /// `time slot <id> deactivated`, or `week of <Monday> cancelled (<id>)[: <reason>]`.
    pub cancellation_reason: String,
}

/// `repriceTutor` request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct RepriceRequest {
    /// The tutor.
    pub tutor_id: String,
    /// The new hourly rate.
    pub hourly_rate: Money,
    /// Sessions starting at or after this instant (truncated to milliseconds) are repriced.
    #[cfg_attr(feature = "tsify", tsify(type = "Instant | Date"))]
    pub now: Instant,
}

/// `repriceTutor` result.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Reprice {
    /// Sorted by session id; only prices that change.
    pub updates: Vec<PriceUpdate>,
}

/// A new price for one session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct PriceUpdate {
    /// The session.
    pub session_id: String,
    /// The new price, two decimals.
    pub price: String,
}

/// The request object as a [`Row`] whose fields are named `request.<field>`.
fn request_row(value: &Value) -> Result<Row<'_>, Error> {
    let map = value.as_object().ok_or_else(|| {
        Error::field(
            "request",
            format!("expected an object, found {}", describe(value)),
        )
    })?;
    Ok(Row {
        map,
        path: "request",
        index: usize::MAX,
    })
}

impl AvailableTutorsRequest {
    /// Reads the request; a missing or bad field, or an end before the start, is
    /// [`Error::InvalidField`] naming `request.<field>`.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let r = request_row(value)?;
        let request = AvailableTutorsRequest {
            class_id: r.string("classId")?,
            subject: r.string("subject")?,
            scheduled_start: r.instant("scheduledStart")?,
            scheduled_end: r.instant("scheduledEnd")?,
        };
        if request.scheduled_end < request.scheduled_start {
            return Err(Error::field(
                "request.scheduledEnd",
                format!(
                    "{} is before scheduledStart {}",
                    request.scheduled_end, request.scheduled_start
                ),
            ));
        }
        Ok(request)
    }
}

impl SlotDeactivatedRequest {
    /// Reads the request ([`Error::InvalidField`] naming `request.<field>`).
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let r = request_row(value)?;
        Ok(SlotDeactivatedRequest {
            time_slot_id: r.string("timeSlotId")?,
            now: r.instant("now")?,
        })
    }
}

impl WeekCancelledRequest {
    /// Reads the request ([`Error::InvalidField`] naming `request.<field>`).
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let r = request_row(value)?;
        Ok(WeekCancelledRequest {
            cancellation_id: r.string("cancellationId")?,
            now: r.instant("now")?,
        })
    }
}

impl RepriceRequest {
    /// Reads the request ([`Error::InvalidField`] naming `request.<field>`).
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let r = request_row(value)?;
        Ok(RepriceRequest {
            tutor_id: r.string("tutorId")?,
            hourly_rate: r.money("hourlyRate")?,
            now: r.instant("now")?,
        })
    }
}
