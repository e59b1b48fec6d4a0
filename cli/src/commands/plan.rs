//! `genova-sessions plan --input FILE`: the plan of a snapshot file, with no database.

use std::io::{BufWriter, Write};

use genova_sessions_core::{json, Options, Snapshot};
use serde_json::{Map, Value};

use crate::cli::PlanArgs;
use crate::exit::{Done, Failure};
use crate::input::{self, Contents};

/// Weeks planned when neither `--weeks` nor the file's options say.
pub const DEFAULT_WEEKS: i64 = 4;

/// The current time, RFC 3339 with milliseconds: `now` when neither a flag nor a file says.
pub fn current_time() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Prints the plan as compact JSON and one newline (SPEC §6).
pub fn run(args: &PlanArgs) -> Result<Done, Failure> {
    let (snapshot, options) = match input::read_contents(&args.input)? {
        Contents::Regular(file) => {
            let options = options(args, file.options)?;
            file.snapshot.check_unique_ids()?;
            (file.snapshot, options)
        }
        // `plan_value`'s steps in its order (limits, options, fields), so that the JSON tree
        // is dropped before planning: it and the typed snapshot are never held beside the plan.
        Contents::Values(input) => {
            json::check_value_limits(&input.snapshot, json::MAX_DEPTH)?;
            let options = options(args, input.options)?;
            (Snapshot::from_value(&input.snapshot)?, options)
        }
    };
    let plan = genova_sessions_core::plan(&snapshot, &options)?;
    drop(snapshot);
    // Streamed: the plan's JSON is never held whole (60 MB for a year of 100 classes).
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = plan.write_json_line(&mut out).and_then(|()| out.flush());
    // The process ends here: the OS takes the plan's memory back faster than freeing it
    // entry by entry would.
    std::mem::forget(plan);
    Ok(Done::Ok)
}

/// The file's options overridden by the flags, with the documented defaults where neither
/// gives one: the clock, 4 weeks.
fn options(args: &PlanArgs, mut options: Map<String, Value>) -> Result<Options, Failure> {
    if let Some(now) = &args.now {
        options.insert("now".into(), Value::String(now.clone()));
    }
    if let Some(weeks) = args.weeks {
        options.insert("weeks".into(), Value::from(weeks));
    }
    if let Some(zone) = &args.default_timezone {
        options.insert("defaultTimezone".into(), Value::String(zone.clone()));
    }
    if let Some(zone) = &args.legacy_timezone {
        options.insert("legacyTimezone".into(), Value::String(zone.clone()));
    }
    options
        .entry("now")
        .or_insert_with(|| Value::String(current_time()));
    options
        .entry("weeks")
        .or_insert_with(|| Value::from(DEFAULT_WEEKS));
    Ok(Options::from_value(&Value::Object(options))?)
}
