//! # genova-sessions-js
//!
//! The JavaScript boundary of the Genova sessions engine, written once for the Node addon
//! (`bindings-node`, napi-rs) and the WebAssembly build (`bindings-wasm`, wasm-bindgen), the
//! way lightningcss's `node/` crate and oxc's `napi/` crates wrap their core. It owns:
//!
//! - reading JS values into the core's input ([`read`]: the rules of SPEC §2 and §5);
//! - SPEC §5's order of fatal errors across the arguments (limits, options, fields, then
//!   `NOT_FOUND`), checked step by step — never by running the engine on an empty input;
//! - the error thrown to JS ([`Failure`]: its `code` and `message`, in JS terms — a missing
//!   argument is `undefined`, a value containing itself is a cycle);
//! - the export list ([`EXPORTS`]) and each export's body, returning the result as the JSON
//!   text the core writes, for the binding to hand to `JSON.parse` (one string across the
//!   boundary instead of one call per object: the faster way on both builds, see the
//!   bindings' READMEs);
//! - with the `tsify` feature, the TypeScript declarations both bindings publish
//!   ([`declarations`]).
//!
//! A binding keeps only what differs: how a JS value is asked what it is (a [`Host`]), how
//! a [`Failure`] becomes a thrown `Error`, and its attribute on each export, whose body is one
//! call into this crate. No rule of the SPEC lives here or there.

#![deny(missing_docs)]

mod failure;
pub mod read;
mod types;

use genova_sessions_core as core;
use serde::Serialize;
use serde_json::Value;

pub use failure::{caught, panic_message, panicked, Failure, INTERNAL};
pub use read::{Arg, Host, HostError, Kind, Read};
#[cfg(feature = "tsify")]
pub use types::declarations;
pub use types::{FunctionOptions, PlanOptions};

/// The exports of both bindings, by their JS names. The Node addon adds [`NODE_ONLY`].
pub const EXPORTS: &[&str] = &[
    "plan",
    "planJson",
    "availableTutors",
    "cascadeSlotDeactivated",
    "cascadeWeekCancelled",
    "repriceTutor",
    "tzdbVersion",
];

/// The exports only the Node addon has: planning on libuv's thread pool, and joining the
/// plans of batches (what a server planning a batch at a time needs, not a browser).
pub const NODE_ONLY: &[&str] = &["planAsync", "mergePlans"];

/// What JSON could not say about the arguments read so far, to put core messages in JS terms.
#[derive(Default)]
struct Notes(Vec<(String, Note)>);

enum Note {
    Undefined,
    Cycle,
}

impl Notes {
    fn add(&mut self, arg: Arg, read: &Read) {
        if read.undefined {
            self.0.push((arg.name().to_owned(), Note::Undefined));
        }
        if let Some(path) = &read.cycle {
            self.0.push((path.clone(), Note::Cycle));
        }
    }

    /// A core error in JS terms: `found null` for what was `undefined`, and a cycle for the
    /// `null` that stood for one.
    fn explain(&self, e: core::Error) -> Failure {
        let mut failure = Failure::from(e);
        for (path, note) in &self.0 {
            let Some(rest) = failure.message.strip_prefix(path.as_str()) else {
                continue;
            };
            if !rest.starts_with(": ") {
                continue;
            }
            match note {
                Note::Undefined => {
                    if let Some(head) = failure.message.strip_suffix("found null") {
                        failure.message = format!("{head}found undefined");
                    }
                }
                Note::Cycle => {
                    failure.message = format!(
                        "{path}: the value contains itself (a cycle), which JSON cannot hold"
                    );
                }
            }
            break;
        }
        failure
    }
}

/// A non-finite number where it is reported with `code`.
fn finite(read: &Read, code: &'static str) -> Result<(), Failure> {
    match &read.non_finite {
        Some(message) => Err(Failure::new(code, message.clone())),
        None => Ok(()),
    }
}

/// The compact JSON of a core result (its typed serializer, never a `serde_json::Value`'s).
fn json<T: Serialize>(result: &T) -> Result<String, Failure> {
    serde_json::to_string(result)
        .map_err(|e| Failure::internal(format!("could not write the result: {e}")))
}

/// `plan`'s arguments, read and checked: what runs off the main thread for `planAsync`.
pub struct PlanInput {
    snapshot: Value,
    options: Value,
    notes: Notes,
}

/// Reads `plan`'s arguments, reporting problems in SPEC §5's order: the limits (while
/// reading either), the options, then the snapshot's fields.
pub fn plan_input<H: Host>(
    host: &mut H,
    snapshot: H::Value,
    options: H::Value,
) -> Result<PlanInput, Failure> {
    let snapshot = read::read(host, snapshot, Arg::Snapshot)?;
    let options = read::read(host, options, Arg::Options)?;
    let mut notes = Notes::default();
    notes.add(Arg::Options, &options);
    finite(&options, "INVALID_OPTION")?;
    core::Options::from_value(&options.value).map_err(|e| notes.explain(e))?;
    notes.add(Arg::Snapshot, &snapshot);
    finite(&snapshot, "INVALID_FIELD")?;
    Ok(PlanInput {
        snapshot: snapshot.value,
        options: options.value,
        notes,
    })
}

impl PlanInput {
    /// Plans: the plan's JSON text (SPEC §4).
    pub fn plan(&self) -> Result<String, Failure> {
        Ok(self.plan_typed()?.to_json_ascii())
    }

    /// Plans: the core's plan.
    pub fn plan_typed(&self) -> Result<core::Plan, Failure> {
        core::plan_value(&self.snapshot, &self.options).map_err(|e| self.notes.explain(e))
    }
}

/// `plan(snapshot, options)`: the plan's JSON text.
pub fn plan<H: Host>(
    host: &mut H,
    snapshot: H::Value,
    options: H::Value,
) -> Result<String, Failure> {
    plan_input(host, snapshot, options)?.plan()
}

/// `planJson(text, options)`: the snapshot read from JSON text (the CLI's path, so `1.0` is
/// not an integer), the plan's JSON text.
pub fn plan_json<H: Host>(
    host: &mut H,
    text: H::Value,
    options: H::Value,
) -> Result<String, Failure> {
    let options = read::read(host, options, Arg::Options)?;
    let text = host
        .text(&text)
        .map_err(|e| Failure::internal(format!("reading the text: {e:?}")))?
        .ok_or_else(|| Failure::new("INVALID_JSON", "text: expected a string of JSON"))?;
    // The text's own problems (INPUT_TOO_LARGE, INVALID_JSON) come before the options'.
    let read = core::SnapshotText::read(&text)?;
    let mut notes = Notes::default();
    notes.add(Arg::Options, &options);
    finite(&options, "INVALID_OPTION")?;
    let plan = read.plan(&options.value);
    Ok(plan.map_err(|e| notes.explain(e))?.to_json_ascii())
}

/// One of SPEC §3.8's functions on JSON values (the core's `*_value` functions).
pub type Function<T> = fn(&Value, &Value, Option<&Value>) -> Result<T, core::Error>;

/// Runs a §3.8 function on JS values, in SPEC §5's order: the limits (while reading), the
/// options, the snapshot's and the request's fields, then `NOT_FOUND`. `options` is `None`
/// when the binding saw no argument.
fn function<H: Host, T: Serialize>(
    host: &mut H,
    snapshot: H::Value,
    request: H::Value,
    options: Option<H::Value>,
    run: Function<T>,
) -> Result<String, Failure> {
    let snapshot = read::read(host, snapshot, Arg::Snapshot)?;
    let request = read::read(host, request, Arg::Request)?;
    let options = match options {
        Some(options) => Some(read::read(host, options, Arg::Options)?),
        None => None,
    };
    let mut notes = Notes::default();
    // Absent options (`undefined`) are allowed: the functions default the zone to UTC.
    let options = options.filter(|o| !o.undefined);
    if let Some(options) = &options {
        notes.add(Arg::Options, options);
        finite(options, "INVALID_OPTION")?;
    }
    let options = options.map(|o| o.value);
    core::js::check_function_options(options.as_ref()).map_err(|e| notes.explain(e))?;
    notes.add(Arg::Snapshot, &snapshot);
    notes.add(Arg::Request, &request);
    finite(&snapshot, "INVALID_FIELD")?;
    finite(&request, "INVALID_FIELD")?;
    let result = run(&snapshot.value, &request.value, options.as_ref());
    json(&result.map_err(|e| notes.explain(e))?)
}

/// `availableTutors(snapshot, request, options?)`: `{ tutorIds }` as JSON text.
pub fn available_tutors<H: Host>(
    host: &mut H,
    snapshot: H::Value,
    request: H::Value,
    options: Option<H::Value>,
) -> Result<String, Failure> {
    function(
        host,
        snapshot,
        request,
        options,
        core::available_tutors_value,
    )
}

/// `cascadeSlotDeactivated(snapshot, request, options?)`: `{ cancel }` as JSON text.
pub fn cascade_slot_deactivated<H: Host>(
    host: &mut H,
    snapshot: H::Value,
    request: H::Value,
    options: Option<H::Value>,
) -> Result<String, Failure> {
    function(
        host,
        snapshot,
        request,
        options,
        core::cascade_slot_deactivated_value,
    )
}

/// `cascadeWeekCancelled(snapshot, request, options?)`: `{ cancel }` as JSON text.
pub fn cascade_week_cancelled<H: Host>(
    host: &mut H,
    snapshot: H::Value,
    request: H::Value,
    options: Option<H::Value>,
) -> Result<String, Failure> {
    function(
        host,
        snapshot,
        request,
        options,
        core::cascade_week_cancelled_value,
    )
}

/// `repriceTutor(snapshot, request, options?)`: `{ updates }` as JSON text.
pub fn reprice_tutor<H: Host>(
    host: &mut H,
    snapshot: H::Value,
    request: H::Value,
    options: Option<H::Value>,
) -> Result<String, Failure> {
    function(host, snapshot, request, options, core::reprice_tutor_value)
}

/// `tzdbVersion()`: the IANA release compiled in.
pub fn tzdb_version() -> &'static str {
    core::TZDB_VERSION
}

/// `mergePlans(parts, tutorSessions)` (Node): the core's `merge` of plans of disjoint groups
/// of classes planned for the same window, as JSON text.
pub fn merge_plans<H: Host>(
    host: &mut H,
    parts: H::Value,
    tutor_sessions: H::Value,
) -> Result<String, Failure> {
    let parts = read::read(host, parts, Arg::Parts)?;
    finite(&parts, "INVALID_FIELD")?;
    let parts: Vec<core::Plan> = serde_json::from_value(parts.value)
        .map_err(|e| Failure::new("INVALID_FIELD", format!("parts: {e}")))?;
    let Some(window) = parts.first().map(|p| p.window) else {
        return Err(Failure::new(
            "INVALID_FIELD",
            "parts: expected at least one plan",
        ));
    };
    if parts.iter().any(|p| p.window != window) {
        return Err(Failure::new(
            "INVALID_FIELD",
            "parts: plans of different windows",
        ));
    }
    let sessions = read::read(host, tutor_sessions, Arg::TutorSessions)?;
    finite(&sessions, "INVALID_FIELD")?;
    let sessions = serde_json::json!({ "existingSessions": sessions.value });
    let snapshot = core::Snapshot::from_value(&sessions)?;
    json(&core::merge(window, parts, &snapshot.existing_sessions))
}
