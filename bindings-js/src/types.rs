//! The argument types that exist only at the JS boundary (the options), and — with the
//! `tsify` feature — the TypeScript declarations of everything the exports take and return,
//! from the core's types: one source for the Node and the WebAssembly `.d.ts`.
//!
//! These structs describe shapes; the options are read by the core from JSON values.

#![allow(dead_code)]

#[cfg(feature = "tsify")]
use wasm_bindgen::prelude::*;

/// Options of `plan` and `planJson` (docs/snapshot.md#options): the window
/// `[now, now + weeks × 7 days)`, the zone of classes without one, and the old generator's.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "tsify", serde(rename_all = "camelCase"))]
pub struct PlanOptions {
    /// The planning instant, RFC 3339 (a `Date` is read as its `toISOString()`); the engine
    /// never reads a clock.
    #[cfg_attr(feature = "tsify", tsify(type = "Instant | Date"))]
    pub now: String,
    /// Length of the window in weeks, 1..=52.
    pub weeks: u32,
    /// IANA zone of classes whose `timezone` is absent or `null`; `"UTC"` by default.
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub default_timezone: Option<String>,
    /// IANA zone the old TypeScript generator ran in: its rows, stored at the slots' wall
    /// times read in that zone, are recognised and listed in `moves` instead of being
    /// duplicated (docs/rules.md, R27–R30). `null` or absent: off.
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub legacy_timezone: Option<String>,
}

/// Options of the four functions (docs/functions.md): only `defaultTimezone` is read.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
#[cfg_attr(feature = "tsify", serde(rename_all = "camelCase"))]
pub struct FunctionOptions {
    /// IANA zone of classes whose `timezone` is absent or `null`; `"UTC"` by default.
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub default_timezone: Option<String>,
}

/// The scalar types the generated declarations name.
#[cfg(feature = "tsify")]
const SCALARS: &str = r#"
/**
 * An instant in RFC 3339 form. Results hold UTC with milliseconds
 * (`"2026-11-30T13:00:00.000Z"`); inputs accept any offset, and a JS `Date`, read as its
 * `toISOString()`.
 */
export type Instant = string;

/**
 * An exact decimal amount: a string matching `^[+-]?\d+(\.\d+)?$`, a number read from its
 * shortest round-trip text (`String(n)`, so `0.1` is one tenth), or any object with its own
 * `toString` (a Prisma / decimal.js `Decimal`), read as `String(x)`.
 */
export type Money = string | number | { toString(): string };

/** An id, subject or price string of a result. */
export type Id = string;

/** The codes of the `Error`s the exports throw (`error.code`): docs/errors.md. */
export type ErrorCode = "INPUT_TOO_LARGE" | "INVALID_JSON" | "INVALID_OPTION" | "INVALID_FIELD" | "NOT_FOUND" | "INTERNAL";
"#;

#[cfg(feature = "tsify")]
#[wasm_bindgen(typescript_custom_section)]
const SCALARS_SECTION: &'static str = SCALARS;

/// The TypeScript declarations of every type the exports take and return — the core's
/// snapshot, request, plan and result types and the options — in a fixed order, each with
/// its doc comment: what the Node addon's `index.d.ts` holds before its functions (the
/// WebAssembly build gets the same text from the same derives).
#[cfg(feature = "tsify")]
pub fn declarations() -> String {
    use genova_sessions_core as core;
    use tsify::Tsify;
    let decls = [
        core::Snapshot::DECL,
        core::Class::DECL,
        core::TimeSlot::DECL,
        core::SlotCancellation::DECL,
        core::TutorAssignment::DECL,
        core::Tutor::DECL,
        core::Availability::DECL,
        core::ExistingSession::DECL,
        PlanOptions::DECL,
        FunctionOptions::DECL,
        core::AvailableTutorsRequest::DECL,
        core::SlotDeactivatedRequest::DECL,
        core::WeekCancelledRequest::DECL,
        core::RepriceRequest::DECL,
        core::Plan::DECL,
        core::Window::DECL,
        core::Create::DECL,
        core::SessionStatus::DECL,
        core::Existing::DECL,
        core::Move::DECL,
        core::Conflict::DECL,
        core::ConflictKind::DECL,
        core::Skipped::DECL,
        core::SkipReason::DECL,
        core::Warning::DECL,
        core::WarningCode::DECL,
        core::DataError::DECL,
        core::DataErrorCode::DECL,
        core::Summary::DECL,
        core::AvailableTutors::DECL,
        core::Cancel::DECL,
        core::CancelSession::DECL,
        core::Reprice::DECL,
        core::PriceUpdate::DECL,
    ];
    let mut out = SCALARS.trim_start().to_owned();
    for decl in decls {
        out.push('\n');
        out.push_str(decl);
        out.push('\n');
    }
    out
}
