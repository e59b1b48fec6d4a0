//! Reading a snapshot file: a bare snapshot, or `{ "snapshot", "options" }` (SPEC §6).

use std::io::Read;
use std::path::Path;

use genova_sessions_core::json::{self, MAX_DEPTH, MAX_TEXT_BYTES};
use genova_sessions_core::{regular_snapshot_file, Error, SnapshotFile};
use serde_json::{Map, Value};

use crate::exit::Failure;

/// A snapshot and the options the file carried (an empty object when it carried none).
pub struct Input {
    /// The snapshot value.
    pub snapshot: Value,
    /// The file's options, to be overridden by flags.
    pub options: Map<String, Value>,
}

/// What a snapshot file holds: read straight into the typed rows when it has the regular
/// shape, else as JSON values, to be checked the general way (which reports the problem).
pub enum Contents {
    /// The typed snapshot and the file's options (unique ids not checked yet).
    Regular(SnapshotFile),
    /// Anything else.
    Values(Input),
}

/// Reads `path` (`-` = stdin) within SPEC §5's limits. A file that cannot be read is a bad
/// flag (exit 2) naming the file and the OS error; what it holds is checked as input. (Only
/// `seed` reads a file whole as values, and only a build with a database has it.)
#[cfg(feature = "db")]
pub fn read(path: &Path) -> Result<Input, Failure> {
    let text = read_text(path)?;
    Ok(split(json::parse_with_depth(&text, MAX_DEPTH + 1)?)?)
}

/// [`read`], straight into the typed snapshot when the file has the regular shape.
pub fn read_contents(path: &Path) -> Result<Contents, Failure> {
    let text = read_text(path)?;
    // One level more than a snapshot may use, for the `{ "snapshot": … }` wrapper.
    let deepest = json::scan_text_limits(&text, MAX_DEPTH + 1)?;
    if let Some(file) = regular_snapshot_file(&text, deepest) {
        return Ok(Contents::Regular(file));
    }
    Ok(Contents::Values(split(json::parse_with_depth(
        &text,
        MAX_DEPTH + 1,
    )?)?))
}

/// The file's text, within the size limit and UTF-8.
fn read_text(path: &Path) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let limit = MAX_TEXT_BYTES as u64 + 1;
    let read = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| {
            // Room for the whole file at once (a file that grows meanwhile still reads).
            let size = f.metadata().map_or(0, |m| m.len()).min(limit);
            bytes.reserve_exact(usize::try_from(size).unwrap_or(0));
            f.take(limit).read_to_end(&mut bytes)
        })
    };
    read.map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(Error::InputTooLarge(format!(
            "{} holds more than {MAX_TEXT_BYTES} bytes",
            path.display()
        ))
        .into());
    }
    Ok(String::from_utf8(bytes)
        .map_err(|e| Error::InvalidJson(format!("{} is not UTF-8: {e}", path.display())))?)
}

/// Separates a `{ "snapshot", "options" }` file from a bare snapshot.
fn split(value: Value) -> Result<Input, Error> {
    match value {
        Value::Object(mut map) if map.contains_key("snapshot") => {
            let snapshot = map.remove("snapshot").unwrap_or(Value::Null);
            let options = match map.remove("options") {
                None | Some(Value::Null) => Map::new(),
                Some(Value::Object(o)) => o,
                Some(_) => {
                    return Err(Error::InvalidOption(
                        "options: expected an object in the input file".to_owned(),
                    ))
                }
            };
            Ok(Input { snapshot, options })
        }
        snapshot => Ok(Input {
            snapshot,
            options: Map::new(),
        }),
    }
}
