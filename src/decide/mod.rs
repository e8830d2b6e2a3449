//! Decisions out: questions answered by evaluating the whole plan many times. `vms` ranks every
//! allowed VM size by the plan's monthly cost on it; `runway` finds how many months each limit
//! holds as traffic grows; `sections` writes the page's "Node size" and "Growth" text from them.
//! Each calls the report (`report::evaluate_with`) and never re-derives a rule the engine owns.
//! The CLI calls them through [`evaluate_searched`]; the page gets them from the worker
//! (`worker::handle`), never on an edit.

pub mod runway;
pub mod sections;
pub mod vms;

use crate::doctor;
use crate::plan::Plan;
use crate::report::{evaluate_with, Report};

/// The report with the scale-lag finding's search for the smallest lag-free minimum (up to 12
/// more simulated days), every allowed VM size ranked (`vms`, `cheaper-vm`) and, with growth,
/// the runway and its `runway-short` finding: what `headroom eval` prints.
pub fn evaluate_searched(plan: &Plan) -> Report {
    let mut report = evaluate_with(plan, true);
    if plan.growth_pct_month > 0.0 {
        let ahead = runway::assess(plan);
        report.findings.extend(runway::short(plan, &ahead));
        report.runway = Some(ahead);
    }
    vms::assess(plan, &mut report);
    doctor::sort(&mut report.findings);
    report
}
