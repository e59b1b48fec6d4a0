//! Reading JSON input within SPEC §5's limits (`INPUT_TOO_LARGE`, `INVALID_JSON`).
//!
//! Numbers keep their literal text (serde_json's `arbitrary_precision`), so money is read
//! exactly (R3) and `1.0` is told apart from the integer `1` (R1).

use serde_json::Value;

use crate::error::Error;

/// The largest accepted input text: 256 MiB.
pub const MAX_TEXT_BYTES: usize = 256 * 1024 * 1024;
/// The most items one JSON array may hold.
pub const MAX_LIST_ITEMS: usize = 1_000_000;
/// The deepest nesting of arrays and objects accepted (the top-level object is level 1).
pub const MAX_DEPTH: usize = 64;

/// Parses JSON text after checking SPEC §5's limits, which are reported first
/// (`INPUT_TOO_LARGE` before `INVALID_JSON`).
///
/// ```
/// use genova_sessions_core::{json, ErrorCode};
/// assert!(json::parse(r#"{"weeks": 4}"#).is_ok());
/// assert_eq!(json::parse("{").unwrap_err().code(), ErrorCode::InvalidJson);
/// assert_eq!(json::parse("NaN").unwrap_err().code(), ErrorCode::InvalidJson);
/// let deep = "[".repeat(65) + &"]".repeat(65);
/// assert_eq!(json::parse(&deep).unwrap_err().code(), ErrorCode::InputTooLarge);
/// ```
pub fn parse(text: &str) -> Result<Value, Error> {
    parse_with_depth(text, MAX_DEPTH)
}

/// [`parse`] with another nesting limit (a file wrapping a snapshot in `{"snapshot": …}` is
/// one level deeper than the snapshot it holds).
pub fn parse_with_depth(text: &str, max_depth: usize) -> Result<Value, Error> {
    check_text_limits(text, max_depth)?;
    serde_json::from_str(text).map_err(|e| Error::InvalidJson(format!("input is not JSON: {e}")))
}

/// Scans text for the §5 limits without parsing it: size, nesting depth and the number of
/// items of every array. Tolerates malformed JSON (it only counts brackets outside strings).
pub fn check_text_limits(text: &str, max_depth: usize) -> Result<(), Error> {
    scan_text_limits(text, max_depth).map(|_| ())
}

/// [`check_text_limits`], returning the deepest nesting of arrays and objects found.
pub fn scan_text_limits(text: &str, max_depth: usize) -> Result<usize, Error> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::InputTooLarge(format!(
            "input is {} bytes, more than the limit of {MAX_TEXT_BYTES}",
            text.len()
        )));
    }
    // One entry per open container: Some(items so far) for arrays, None for objects.
    let mut stack: Vec<Option<(usize, bool)>> = Vec::new();
    let mut deepest = 0;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&c) = bytes.get(at) {
        at += 1;
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => continue,
            b'[' | b'{' => {
                mark_item(&mut stack)?;
                if stack.len() == max_depth {
                    return Err(too_deep(max_depth));
                }
                stack.push((c == b'[').then_some((0, false)));
                deepest = deepest.max(stack.len());
                continue;
            }
            b']' | b'}' => {
                stack.pop();
                continue;
            }
            b',' => {
                if let Some(Some((_, open))) = stack.last_mut() {
                    *open = false;
                }
                continue;
            }
            b'"' => {
                // To the closing quote: the next quote not escaped.
                loop {
                    match memchr::memchr2(b'"', b'\\', &bytes[at..]) {
                        Some(i) if bytes[at + i] == b'\\' => at = (at + i + 2).min(bytes.len()),
                        Some(i) => {
                            at += i + 1;
                            break;
                        }
                        None => {
                            at = bytes.len();
                            break;
                        }
                    }
                }
            }
            _ => {}
        }
        mark_item(&mut stack)?;
    }
    Ok(deepest)
}

/// Counts the start of a value in the innermost array, if any.
fn mark_item(stack: &mut [Option<(usize, bool)>]) -> Result<(), Error> {
    if let Some(Some((items, open))) = stack.last_mut() {
        if !*open {
            *open = true;
            *items += 1;
            if *items > MAX_LIST_ITEMS {
                return Err(too_many());
            }
        }
    }
    Ok(())
}

fn too_deep(max_depth: usize) -> Error {
    Error::InputTooLarge(format!("input nests deeper than {max_depth} levels"))
}

fn too_many() -> Error {
    Error::InputTooLarge(format!("a list holds more than {MAX_LIST_ITEMS} items"))
}

/// Checks an already-built JSON value against the §5 limits (nesting depth, list sizes),
/// without recursion, so that values built by other code (JS objects converted by the
/// bindings) are held to the same limits as text.
pub fn check_value_limits(value: &Value, max_depth: usize) -> Result<(), Error> {
    let mut stack: Vec<(&Value, usize)> = vec![(value, 1)];
    while let Some((v, depth)) = stack.pop() {
        match v {
            Value::Array(items) => {
                if depth > max_depth {
                    return Err(too_deep(max_depth));
                }
                if items.len() > MAX_LIST_ITEMS {
                    return Err(too_many());
                }
                stack.extend(items.iter().map(|i| (i, depth + 1)));
            }
            Value::Object(map) => {
                if depth > max_depth {
                    return Err(too_deep(max_depth));
                }
                stack.extend(map.values().map(|i| (i, depth + 1)));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether a JSON number is an integer in the sense of R1: its literal has no fraction and
/// no exponent (`1` is, `1.0` and `1e0` are not).
pub fn is_integer_literal(n: &serde_json::Number) -> bool {
    let s = n.as_str();
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit())
}

/// The value of an integer literal, saturated to the `i64` range.
pub fn integer_value(n: &serde_json::Number) -> i64 {
    n.as_i64().unwrap_or(if n.as_str().starts_with('-') {
        i64::MIN
    } else {
        i64::MAX
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn depth_limit_is_exact() {
        let ok = "[".repeat(64) + &"]".repeat(64);
        assert!(parse(&ok).is_ok());
        let deep = "{\"a\":".repeat(65) + "1" + &"}".repeat(65);
        assert_eq!(parse(&deep).unwrap_err().code(), ErrorCode::InputTooLarge);
        let ok = "{\"a\":".repeat(64) + "1" + &"}".repeat(64);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn too_large_comes_before_invalid_json() {
        let deep = "[".repeat(100) + "oops";
        assert_eq!(parse(&deep).unwrap_err().code(), ErrorCode::InputTooLarge);
    }

    #[test]
    fn counts_list_items() {
        let list = format!("[{}0]", "0,".repeat(MAX_LIST_ITEMS - 1));
        assert!(check_text_limits(&list, 64).is_ok());
        let list = format!("[{}0]", "0,".repeat(MAX_LIST_ITEMS));
        assert_eq!(
            check_text_limits(&list, 64).unwrap_err().code(),
            ErrorCode::InputTooLarge
        );
        // brackets and commas inside strings do not count
        assert!(check_text_limits(r#"["[,[,\"]"]"#, 1).is_ok());
        assert!(check_text_limits(r#"["\\", "[\\\"]"]"#, 1).is_ok());
        // an unterminated string or escape ends the text
        assert!(check_text_limits("[\"[[\\", 1).is_ok());
        assert!(check_text_limits("\"\\", 1).is_ok());
    }

    #[test]
    fn integer_literals() {
        let v: Value = serde_json::from_str("[1, -0, 1.0, 1e0, 123456789012345678901234]").unwrap();
        let flags: Vec<bool> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|n| is_integer_literal(n.as_number().unwrap()))
            .collect();
        assert_eq!(flags, [true, true, false, false, true]);
        assert_eq!(integer_value(v[4].as_number().unwrap()), i64::MAX);
    }
}
