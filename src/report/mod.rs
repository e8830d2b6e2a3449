//! The report: what the shells show for a plan, composed in one place from the layers below:
//! the engine's sizing with its explanations, and the doctor's findings about both.
//!
//! `plan ← engine ← doctor ← report ← {export, charts} ← {app, cli}`: the engine never calls
//! the doctor; the shells never call them one by one. What comes next (the day simulation)
//! is composed here too, never inside the engine.

pub mod headlines;
pub mod json;

use crate::doctor::{self, Finding};
use crate::engine::{self, Explanations, Sizing};
use crate::plan::Plan;
use serde::Serialize;

/// Everything known about a plan: its sizing, how each headline figure was computed, and
/// what the doctor found. Serialized, it is the `headroom eval` JSON: the sizing's keys, then
/// `findings` and `explain`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The engine's figures.
    #[serde(flatten)]
    pub sizing: Sizing,
    /// What the doctor found, errors first.
    pub findings: Vec<Finding>,
    /// For each headline figure (by its dotted key), the formula with the plan's numbers in it.
    pub explain: Explanations,
}

impl Report {
    /// How many findings are errors: the plan cannot work as written.
    pub fn errors(&self) -> usize {
        doctor::errors(&self.findings)
    }
}

/// Sizes a plan, explains its figures and lints it.
pub fn evaluate(plan: &Plan) -> Report {
    let (sizing, explain) = engine::size_explained(plan);
    let findings = doctor::lint(plan, &sizing);
    Report {
        sizing,
        findings,
        explain,
    }
}
