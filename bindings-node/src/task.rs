//! `planAsync`: the planning runs on libuv's thread pool (a napi `AsyncTask`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use genova_sessions_core as core;
use napi::{Env, Task};
use serde_json::Value;

use crate::error::{panicked, Failure};
use crate::{output, JsRaw};

/// The work of one `planAsync` call: arguments read on the main thread, planned off it.
pub struct PlanTask {
    input: Option<Result<(Value, Value), Failure>>,
}

impl PlanTask {
    /// A task for arguments already read (or the failure reading them gave).
    pub fn new(input: Result<(Value, Value), Failure>) -> PlanTask {
        PlanTask { input: Some(input) }
    }
}

impl Task for PlanTask {
    type Output = Result<String, Failure>;
    type JsValue = JsRaw;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let input = self
            .input
            .take()
            .unwrap_or_else(|| Err(Failure::internal("the task ran twice")));
        let planned = catch_unwind(AssertUnwindSafe(|| {
            let (snapshot, options) = input?;
            let plan = core::plan_value(&snapshot, &options)?;
            Ok(plan.to_json_line())
        }));
        Ok(planned.unwrap_or_else(|p| Err(panicked(p))))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<JsRaw> {
        output
            .and_then(|text| output::parse_json(env.raw(), &text).map(JsRaw))
            .map_err(|f| f.into_napi(env.raw()))
    }
}
