//! `migrate --dry-run --out plan.json` and `migrate --apply plan.json`: a saved plan with the
//! fingerprints of the rows it was computed from (Terraform's plan and apply).

use std::collections::BTreeMap;
use std::path::Path;

use genova_sessions_core::TZDB_VERSION;
use serde::{Deserialize, Serialize};

use crate::db::write::{NewSession, SessionMove};
use crate::exit::Failure;
use crate::run_plan::RunPlan;

/// The version of the plan file's own layout (the plan inside has its own). 1.1 added
/// `legacyTimezone` and `moveLegacyRows`.
pub const PLAN_FILE_VERSION: &str = "1.1";

/// A saved plan.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanFile {
    /// [`PLAN_FILE_VERSION`].
    pub format_version: String,
    /// The run's `now` (RFC 3339).
    pub now: String,
    /// Weeks planned.
    pub weeks: i64,
    /// Zone of classes without one.
    pub default_timezone: String,
    /// The zone the old generator ran in (SPEC §3.9), if the plan was made with one.
    #[serde(default)]
    pub legacy_timezone: Option<String>,
    /// Whether `--apply` writes the plan's `moves` (made with `--move-legacy-rows`).
    #[serde(default)]
    pub move_legacy_rows: bool,
    /// The IANA database the plan was computed with.
    pub tzdb_version: String,
    /// Class id → SHA-256 of the rows its plan came from.
    pub fingerprints: BTreeMap<String, String>,
    /// The plan (SPEC §4), with the CLI's errors.
    pub plan: RunPlan,
}

impl PlanFile {
    /// Reads and checks a plan file: its layout version and tz database must be this build's.
    /// A file that cannot be read or is no plan file is a bad flag (exit 2); a plan made with
    /// another tz database is stale (exit 1).
    pub fn read(path: &Path) -> Result<PlanFile, Failure> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::Usage(format!("cannot read plan file {}: {e}", path.display()))
        })?;
        let file: PlanFile = serde_json::from_str(&text)
            .map_err(|e| Failure::Usage(format!("{} is not a plan file: {e}", path.display())))?;
        if file.format_version.split('.').next() != PLAN_FILE_VERSION.split('.').next() {
            return Err(Failure::Usage(format!(
                "{}: plan file version {} is not supported (expected {PLAN_FILE_VERSION})",
                path.display(),
                file.format_version
            )));
        }
        if file.tzdb_version != TZDB_VERSION {
            return Err(Failure::Runtime(format!(
                "plan is stale: it was made with tz database {}, this build has {TZDB_VERSION}; \
                 make a new plan",
                file.tzdb_version
            )));
        }
        Ok(file)
    }

    /// The file as written: compact JSON and one newline.
    pub fn to_json_line(&self) -> String {
        let mut text = serde_json::to_string(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The plan's legacy rows to move for the classes `batch`.
    pub fn moves_of(&self, batch: &[String]) -> Vec<SessionMove> {
        of_classes(&self.plan.core().moves, batch, |m| &m.class_id)
    }

    /// The plan's sessions to create for the classes `batch`.
    pub fn creates_of(&self, batch: &[String]) -> Vec<NewSession> {
        of_classes(&self.plan.core().create, batch, |c| &c.class_id)
    }
}

/// The entries of `items` whose class is in `batch`, converted for writing.
fn of_classes<'a, T, W: From<&'a T>>(
    items: &'a [T],
    batch: &[String],
    class_of: impl Fn(&T) -> &str,
) -> Vec<W> {
    let classes: std::collections::BTreeSet<&str> = batch.iter().map(String::as_str).collect();
    items
        .iter()
        .filter(|i| classes.contains(class_of(i)))
        .map(W::from)
        .collect()
}
