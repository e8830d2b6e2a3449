//! Container Apps: resource shapes and cold starts.

use super::{finding, Code, Finding, Severity};
use crate::engine::format::Num;
use crate::engine::Sizing;
use crate::plan::Plan;
use crate::plan::Platform;

/// Container Apps: resource shapes and cold starts.
pub(super) fn lint(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if !s.aca.cpu_mem_pair_valid {
        out.push(finding(
            Code::AcaCpuMemPair,
            Severity::Error,
            format!(
                "Container Apps rejects {} cores with {} GiB: cpu must be a multiple of 0.25 up to 4 with 2 GiB per core",
                Num(plan.aca_cpu_cores),
                Num(plan.aca_mem_gib)
            ),
            format!("use {} cores with {} GiB", Num(plan.aca_cpu_cores.clamp(0.25, 4.0)), Num(2.0 * plan.aca_cpu_cores.clamp(0.25, 4.0))),
        ));
    }
    let first_response = plan.cold_start_s + plan.latency_ms / 1000.0;
    if plan.platform == Platform::Aca
        && plan.aca_min == 0
        && plan.deadline_s > 0.0
        && first_response > plan.deadline_s
    {
        out.push(finding(
            Code::ColdStartDeadline,
            Severity::Error,
            format!(
                "from zero replicas the first request takes {} s cold start + {} ms = {} s, past the client's {} s deadline",
                Num(plan.cold_start_s),
                Num(plan.latency_ms),
                Num(first_response),
                Num(plan.deadline_s)
            ),
            "set aca_min to 1 (idle-priced), or make the start faster than the deadline allows".to_string(),
        ));
    }
}
