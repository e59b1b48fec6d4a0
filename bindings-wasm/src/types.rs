//! The argument types that exist only at the JS boundary (the options), and the
//! TypeScript names the core's generated declarations refer to.

use tsify::Tsify;
use wasm_bindgen::prelude::*;

/// Options of `plan` and `planJson` (docs/snapshot.md#options): the window
/// `[now, now + weeks × 7 days)`, the zone of classes without one, and the old generator's.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct PlanOptions {
    /// The planning instant, RFC 3339 (a `Date` is read as its `toISOString()`); the engine
    /// never reads a clock.
    #[tsify(type = "string | Date")]
    pub now: String,
    /// Length of the window in weeks, 1..=52.
    pub weeks: u32,
    /// IANA zone of classes whose `timezone` is absent or `null`; `"UTC"` by default.
    #[tsify(optional)]
    pub default_timezone: Option<String>,
    /// IANA zone the old TypeScript generator ran in: its rows, stored at the slots' wall
    /// times read in that zone, are recognised and listed in `moves` instead of being
    /// duplicated (docs/rules.md, R27–R30). `null` or absent: off.
    #[tsify(optional)]
    pub legacy_timezone: Option<String>,
}

/// Options of the four functions of SPEC §3.8: only `defaultTimezone` is read.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct FunctionOptions {
    /// IANA zone of classes whose `timezone` is absent or `null`; `"UTC"` by default.
    #[tsify(optional)]
    pub default_timezone: Option<String>,
}

#[wasm_bindgen(typescript_custom_section)]
const SCALARS: &'static str = r#"
/**
 * An instant in RFC 3339 form. Results hold UTC with milliseconds
 * (`"2026-11-30T13:00:00.000Z"`); inputs accept any offset, and a JS `Date` is read as its
 * `toISOString()`.
 */
export type Instant = string;

/**
 * An exact decimal amount: a string matching `^[+-]?\d+(\.\d+)?$`, or a number read from
 * its shortest round-trip text (`String(n)`, so `0.1` is one tenth). Any object with its own
 * `toString` (a Prisma / decimal.js `Decimal`) is read as `String(x)`.
 */
export type Money = string | number;

/** An id, subject or price string of a result. */
export type Id = string;
"#;
