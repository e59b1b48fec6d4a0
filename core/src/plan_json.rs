//! The plan's JSON line (SPEC §6) written fast: the bytes `serde_json` writes for a [`Plan`],
//! with the `create` entries — nine in ten of a plan's bytes — written by hand.
//!
//! `serde_json` escapes every key and every id each time it writes one, through a call per
//! token; a `create` entry's keys are constant and its ids rarely need escaping. Here the keys
//! are byte strings, a string that needs no escaping is copied as it is (any other goes through
//! `serde_json`, so its escapes are serde_json's), and the bytes gather in a buffer handed to
//! the writer 64 KiB at a time. Everything else in the plan is written by `serde_json`. Tests
//! hold the result to `serde_json::to_string(plan)` byte for byte.

use std::io::{self, Write};

use crate::instant::Instant;
use crate::plan::{Create, Plan};

/// Bytes gathered before they are handed to the writer.
const CHUNK: usize = 1 << 16;

/// How strings are written: as UTF-8 (the plan's bytes, SPEC §6), or with every character
/// beyond ASCII escaped (`\u00e9`): the same JSON values in a text that JS engines hold as a
/// one-byte string, decoded and parsed faster (the JS surfaces hand it to `JSON.parse`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Text {
    Utf8,
    Ascii,
}

/// Writes `plan` as compact JSON and one newline to `out`.
pub(crate) fn write_plan_line<W: Write>(plan: &Plan, out: &mut W, text: Text) -> io::Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + 1024);
    buf.extend_from_slice(b"{\"formatVersion\":");
    value(&mut buf, &plan.format_version, text)?;
    buf.extend_from_slice(b",\"window\":");
    value(&mut buf, &plan.window, text)?;
    buf.extend_from_slice(b",\"create\":[");
    for (i, create) in plan.create.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        write_create(&mut buf, create, text)?;
        if buf.len() >= CHUNK {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    buf.extend_from_slice(b"],\"existing\":");
    out.write_all(&buf)?;
    value(&mut *out, &plan.existing, text)?;
    out.write_all(b",\"moves\":")?;
    value(&mut *out, &plan.moves, text)?;
    out.write_all(b",\"conflicts\":")?;
    value(&mut *out, &plan.conflicts, text)?;
    out.write_all(b",\"skipped\":")?;
    value(&mut *out, &plan.skipped, text)?;
    out.write_all(b",\"warnings\":")?;
    value(&mut *out, &plan.warnings, text)?;
    out.write_all(b",\"errors\":")?;
    value(&mut *out, &plan.errors, text)?;
    out.write_all(b",\"summary\":")?;
    value(&mut *out, &plan.summary, text)?;
    out.write_all(b"}\n")
}

/// A value written by `serde_json`, compact.
fn value<W: Write, T: serde::Serialize + ?Sized>(out: W, v: &T, text: Text) -> io::Result<()> {
    match text {
        Text::Utf8 => serde_json::to_writer(out, v)?,
        Text::Ascii => v.serialize(&mut serde_json::Serializer::with_formatter(out, AsciiOnly))?,
    }
    Ok(())
}

/// serde_json's compact formatter, escaping every character beyond ASCII as `\uXXXX` (a
/// surrogate pair beyond U+FFFF), as `JSON.stringify`'s inverse reads it.
struct AsciiOnly;

impl serde_json::ser::Formatter for AsciiOnly {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
            w.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or('\u{fffd}');
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(w, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}

/// One `create` entry, as serde's derive writes it.
fn write_create(buf: &mut Vec<u8>, c: &Create, text: Text) -> io::Result<()> {
    buf.extend_from_slice(b"{\"classId\":");
    string(buf, &c.class_id, text)?;
    buf.extend_from_slice(b",\"timeSlotId\":");
    string(buf, &c.time_slot_id, text)?;
    buf.extend_from_slice(b",\"subject\":");
    string(buf, &c.subject, text)?;
    buf.extend_from_slice(b",\"scheduledStart\":");
    instant(buf, c.scheduled_start)?;
    buf.extend_from_slice(b",\"scheduledEnd\":");
    instant(buf, c.scheduled_end)?;
    buf.extend_from_slice(b",\"tutorId\":");
    optional(buf, c.tutor_id.as_deref(), text)?;
    buf.extend_from_slice(b",\"assignmentId\":");
    optional(buf, c.assignment_id.as_deref(), text)?;
    buf.extend_from_slice(b",\"status\":\"");
    buf.extend_from_slice(c.status.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"price\":");
    string(buf, &c.price, text)?;
    buf.extend_from_slice(b",\"ordinal\":");
    match c.ordinal {
        Some(k) => buf.extend_from_slice(itoa::Buffer::new().format(k).as_bytes()),
        None => buf.extend_from_slice(b"null"),
    }
    buf.push(b'}');
    Ok(())
}

/// A JSON string: copied between quotes when nothing in it needs escaping.
fn string(buf: &mut Vec<u8>, s: &str, text: Text) -> io::Result<()> {
    let plain = |b: u8| b >= 0x20 && b != b'"' && b != b'\\' && (text == Text::Utf8 || b < 0x80);
    if s.bytes().all(plain) {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
        Ok(())
    } else {
        value(&mut *buf, s, text)
    }
}

fn optional(buf: &mut Vec<u8>, s: Option<&str>, text: Text) -> io::Result<()> {
    match s {
        Some(s) => string(buf, s, text),
        None => {
            buf.extend_from_slice(b"null");
            Ok(())
        }
    }
}

fn instant(buf: &mut Vec<u8>, t: Instant) -> io::Result<()> {
    match t.four_digit_form() {
        Some(text) => {
            buf.push(b'"');
            buf.extend_from_slice(&text);
            buf.push(b'"');
            Ok(())
        }
        None => Ok(serde_json::to_writer(&mut *buf, &t)?),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::occurrence::Window;
    use crate::plan::Id;
    use crate::status::SessionStatus;

    fn create(id: &str, start: &str, tutor: Option<&str>, ordinal: Option<i64>) -> Create {
        let id: Id = Arc::from(id);
        Create {
            class_id: Arc::clone(&id),
            time_slot_id: Arc::from("s\u{1}/\"é\\🎓"),
            subject: Arc::from("Maths \u{2028} 数学"),
            scheduled_start: Instant::parse(start).unwrap(),
            scheduled_end: Instant::parse("2026-11-30T14:00:00Z").unwrap(),
            tutor_id: tutor.map(Arc::from),
            assignment_id: tutor.map(|_| id),
            status: if tutor.is_some() {
                SessionStatus::Confirmed
            } else {
                SessionStatus::Pending
            },
            price: Arc::from("120000.00"),
            ordinal,
        }
    }

    #[test]
    fn the_bytes_serde_json_writes() {
        let window = Window::new(Instant::parse("2026-11-30T00:00:00Z").unwrap(), 2);
        let mut plan = Plan::empty(window);
        plan.create = vec![
            create("c1", "2026-11-30T13:00:00Z", Some("t\"1"), Some(-4)),
            create("c\n2", "0001-01-01T00:00:00Z", None, None),
            create("c3", "2026-11-30T13:00:00Z", Some("t3"), Some(i64::MAX)),
        ];
        // A year of five digits is written the long way.
        let far = Instant::parse("9999-12-31T23:00:00Z").unwrap();
        plan.create[2].scheduled_end = far.checked_add(chrono::Duration::days(400)).unwrap();
        // Enough entries to hand the buffer over more than once.
        for i in 0..2000 {
            plan.create.push(create(
                &format!("c{i}"),
                "2026-11-30T13:00:00.123Z",
                None,
                Some(i),
            ));
        }
        let mut bytes = Vec::new();
        write_plan_line(&plan, &mut bytes, Text::Utf8).unwrap();
        let expected = serde_json::to_string(&plan).unwrap() + "\n";
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
        // ASCII only, and the same JSON values.
        let mut bytes = Vec::new();
        write_plan_line(&plan, &mut bytes, Text::Ascii).unwrap();
        assert!(bytes.is_ascii());
        let ascii: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            ascii,
            serde_json::from_str::<serde_json::Value>(&expected).unwrap()
        );
        assert!(String::from_utf8(bytes)
            .unwrap()
            .contains(r"Maths \u2028 \u6570\u5b66"));
    }
}
