//! Prices: rate × nominal hours × members, exact, rounded once (SPEC §3.5, R20, R21).

use bigdecimal::num_bigint::{BigInt, Sign};
use bigdecimal::num_traits::{Signed, Zero};
use bigdecimal::BigDecimal;

use crate::money::{format_cents, Money};

/// Milliseconds in an hour: nominal lengths are counted in milliseconds so that the same
/// formula serves slots (whole minutes) and §3.8's sessions that belong to no slot.
const MILLIS_PER_HOUR: u64 = 3_600_000;

/// The price in cents of a session: `rate × nominal_millis × max(member_count, 1) / 3,600,000`,
/// computed exactly and rounded once to 2 places, half away from zero (R20, R21).
///
/// ```
/// use genova_sessions_core::{price_cents, Money};
/// use bigdecimal::num_bigint::BigInt;
/// let rate = Money::parse_str("1000.01").unwrap();
/// let cents = price_cents(&rate, 80 * 60_000, 1);
/// assert_eq!(cents, BigInt::from(133335)); // 1333.346… → 1333.35
/// ```
pub fn price_cents(rate: &Money, nominal_millis: i64, member_count: i64) -> BigInt {
    let members = BigInt::from(member_count.max(1));
    let exact: BigDecimal = rate.value() * BigDecimal::from(BigInt::from(nominal_millis) * members);
    let (mantissa, exponent) = exact.as_bigint_and_exponent();
    // exact = mantissa × 10^-exponent; cents = exact × 100 / 3,600,000 = exact / 36,000.
    let base = BigInt::from(MILLIS_PER_HOUR / 100);
    let (numerator, denominator) = if exponent >= 0 {
        (mantissa, base * pow10(exponent as u64))
    } else {
        (mantissa * pow10(exponent.unsigned_abs()), base)
    };
    let (mut quotient, remainder) = (
        numerator.abs() / &denominator,
        numerator.abs() % &denominator,
    );
    if remainder * 2 >= denominator {
        quotient += 1;
    }
    if numerator.sign() == Sign::Minus && !quotient.is_zero() {
        -quotient
    } else {
        quotient
    }
}

/// The price of a session as SPEC §4 writes it: exactly two decimals, e.g. `"1333.35"`;
/// `"0.00"` when there is no rate (R20).
pub fn price_text(rate: Option<&Money>, nominal_millis: i64, member_count: i64) -> String {
    match rate {
        Some(rate) => format_cents(&price_cents(rate, nominal_millis, member_count)),
        None => "0.00".to_owned(),
    }
}

fn pow10(n: u64) -> BigInt {
    BigInt::from(10u32).pow(n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rate: &str, minutes: i64, members: i64) -> String {
        let rate = Money::parse_str(rate).unwrap();
        price_text(Some(&rate), minutes * 60_000, members)
    }

    #[test]
    fn r21_examples() {
        assert_eq!(text("1000.01", 80, 1), "1333.35");
        assert_eq!(text("5000", 120, 12), "120000.00");
        // 12.345 × 1.5 h × 3 = 55.5525 → 55.55
        assert_eq!(text("12.345", 90, 3), "55.55");
        // 0.01 × 0.5 h = 0.005 → half away from zero → 0.01
        assert_eq!(text("0.01", 30, 1), "0.01");
        assert_eq!(text("-0.01", 30, 1), "-0.01");
        // 0.001 × 1 h = 0.001 → 0.00, never "-0.00"
        assert_eq!(text("-0.001", 60, 1), "0.00");
        // members below one count as one
        assert_eq!(text("10", 60, 0), "10.00");
        assert_eq!(text("10", 60, -4), "10.00");
    }

    #[test]
    fn no_rate_is_zero() {
        assert_eq!(price_text(None, 60_000, 3), "0.00");
    }

    #[test]
    fn exponents_are_exact() {
        let rate = Money::parse_number("1e2").unwrap();
        assert_eq!(price_text(Some(&rate), 60 * 60_000, 1), "100.00");
    }
}
