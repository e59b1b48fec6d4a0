//! Money values: exact decimals read from strings or JSON number literals (SPEC R3), and
//! written with exactly two decimals (R21).

use std::fmt;
use std::str::FromStr;

use bigdecimal::num_bigint::{BigInt, Sign};
use bigdecimal::BigDecimal;
use serde::{Serialize, Serializer};

/// The largest decimal exponent accepted in a JSON number literal (`1e1000`): a guard so that
/// no input can make the engine expand a number into billions of digits.
const MAX_EXPONENT: i64 = 1000;

/// An exact decimal amount of money, as it was given (`"5000.00"`, `7.5`, `1e3`).
///
/// Never passes through a binary float: `0.1` is exactly one tenth.
///
/// ```
/// use genova_sessions_core::Money;
/// assert_eq!(Money::parse_str("5000.00").unwrap().to_string(), "5000.00");
/// assert!(Money::parse_str("1e3").is_none()); // strings are plain decimals only (R3)
/// assert_eq!(Money::parse_number("1e3").unwrap(), Money::parse_str("1000").unwrap());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(BigDecimal);

impl Money {
    /// Reads a money string: `^[+-]?\d+(\.\d+)?$` (SPEC R3). `"1e3"`, `"5."`, `".5"`, `""`
    /// are malformed.
    pub fn parse_str(text: &str) -> Option<Money> {
        let b = text.as_bytes();
        let body = match b.first() {
            Some(b'+' | b'-') => &b[1..],
            _ => b,
        };
        let (int, frac) = match body.iter().position(|&c| c == b'.') {
            Some(dot) => (&body[..dot], Some(&body[dot + 1..])),
            None => (body, None),
        };
        let all_digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
        if !all_digits(int) || !frac.is_none_or(all_digits) {
            return None;
        }
        BigDecimal::from_str(text.trim_start_matches('+'))
            .ok()
            .map(Money)
    }

    /// Reads the literal text of a JSON number (`7.5`, `-2`, `1e3`, `2.5E-1`) exactly.
    pub fn parse_number(literal: &str) -> Option<Money> {
        let b = literal.as_bytes();
        let mut i = usize::from(b.first() == Some(&b'-'));
        let int_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == int_start {
            return None;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == s {
                return None;
            }
        }
        if i < b.len() && matches!(b[i], b'e' | b'E') {
            let exponent = &literal[i + 1..];
            let exponent: i64 = exponent
                .strip_prefix('+')
                .unwrap_or(exponent)
                .parse()
                .ok()?;
            if exponent.abs() > MAX_EXPONENT {
                return None;
            }
        } else if i != b.len() {
            return None;
        }
        BigDecimal::from_str(literal).ok().map(Money)
    }

    /// The exact decimal value.
    pub fn value(&self) -> &BigDecimal {
        &self.0
    }

    /// Money from an exact decimal.
    pub fn from_decimal(value: BigDecimal) -> Money {
        Money(value)
    }

    /// Money from a whole number of cents, e.g. `Money::from_cents(133335)` is `1333.35`.
    pub fn from_cents(cents: BigInt) -> Money {
        Money(BigDecimal::new(cents, 2))
    }
}

impl fmt::Display for Money {
    /// The plain decimal text, never with an exponent (`"5000.00"`, `"7.5"`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_plain_string())
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Writes a whole number of cents as money text with exactly two decimals and `-` only when
/// negative: `133335` → `"1333.35"`, `-5` → `"-0.05"` (SPEC R21).
pub fn format_cents(cents: &BigInt) -> String {
    let digits = cents.magnitude().to_string();
    let padded = format!("{digits:0>3}");
    let (int, frac) = padded.split_at(padded.len() - 2);
    let sign = if cents.sign() == Sign::Minus { "-" } else { "" };
    format!("{sign}{int}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_follow_r3() {
        for ok in ["0", "5000.00", "-1.5", "+2", "007.50"] {
            assert!(Money::parse_str(ok).is_some(), "{ok}");
        }
        for bad in [
            "", "1e3", "5.", ".5", "1,5", " 1", "1 ", "+-1", "-", "NaN", "Infinity",
        ] {
            assert!(Money::parse_str(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn numbers_are_read_from_their_literal() {
        assert_eq!(Money::parse_number("0.1").unwrap().to_string(), "0.1");
        assert_eq!(Money::parse_number("7.5").unwrap().to_string(), "7.5");
        assert_eq!(
            Money::parse_number("1e3").unwrap().value(),
            &BigDecimal::from(1000)
        );
        assert_eq!(
            Money::parse_number("25E-1").unwrap().value(),
            &BigDecimal::from_str("2.5").unwrap()
        );
        assert!(Money::parse_number("1e1001").is_none());
        assert!(Money::parse_number("1e").is_none());
        assert!(Money::parse_number("abc").is_none());
    }

    #[test]
    fn cents_have_two_decimals() {
        assert_eq!(format_cents(&BigInt::from(133335)), "1333.35");
        assert_eq!(format_cents(&BigInt::from(0)), "0.00");
        assert_eq!(format_cents(&BigInt::from(5)), "0.05");
        assert_eq!(format_cents(&BigInt::from(-5)), "-0.05");
        assert_eq!(format_cents(&BigInt::from(-120)), "-1.20");
    }
}
