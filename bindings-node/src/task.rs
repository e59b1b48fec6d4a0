//! `planAsync`: the planning runs on libuv's thread pool (a napi `AsyncTask`).

use genova_sessions_js::{caught, Failure, PlanInput};
use napi::{Env, Task};

use crate::host::{parse_json, throw, JsRaw};

/// The work of one `planAsync` call: arguments read on the main thread, planned off it.
pub struct PlanTask {
    input: Option<Result<PlanInput, Failure>>,
}

impl PlanTask {
    /// A task for arguments already read (or the failure reading them gave).
    pub fn new(input: Result<PlanInput, Failure>) -> PlanTask {
        PlanTask { input: Some(input) }
    }
}

impl Task for PlanTask {
    type Output = Result<String, Failure>;
    type JsValue = JsRaw;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let input = self.input.take();
        Ok(caught(|| match input {
            Some(input) => input?.plan(),
            None => Err(Failure::internal("the task ran twice")),
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<JsRaw> {
        output
            .and_then(|text| parse_json(env.raw(), &text).map(JsRaw))
            .map_err(|f| throw(env.raw(), f))
    }
}
