//! The doctor: cross-layer findings about a plan.
//!
//! `lint(&Plan, &Sizing)` runs every rule family and returns the findings, errors first.
//! A finding is not an input error: the plan is valid and sized; the finding says where its
//! settings contradict each other or the infrastructure. Finding codes are frozen once released.

mod aca;
mod cluster;
mod codes;
pub mod day;
mod edge;
mod limits;
pub mod resilience;
mod scaling;
mod stores;
mod tasks;
mod web;

pub use codes::Code;

use crate::engine::Sizing;
use crate::plan::Plan;
use serde::Serialize;

/// AKS's minimum for a system node pool's VM: 4 vCPUs and 4 GB of memory
/// (https://learn.microsoft.com/azure/aks/use-system-pools, "System node pools require a VM SKU
/// of at least 4 vCPUs and 4 GB memory"; older revisions said 2 vCPUs).
pub const SYSTEM_POOL_MIN_VCPU: u32 = 4;
/// See [`SYSTEM_POOL_MIN_VCPU`].
pub const SYSTEM_POOL_MIN_GIB: f64 = 4.0;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The plan cannot work as written.
    Error,
    /// The plan works but something will hurt.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Every severity, most serious first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The lowercase name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `pod-unschedulable`.
    pub code: Code,
    /// Error, warning or info.
    pub severity: Severity,
    /// What is wrong, with the numbers involved.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

/// A finding (the report's runway makes one too).
pub fn finding(code: Code, severity: Severity, message: String, fix: String) -> Finding {
    Finding {
        code,
        severity,
        message,
        fix,
    }
}

/// How many of `findings` are errors: the plan cannot work as written.
pub fn errors(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

/// Every finding for a sized plan, errors first, then by code: deterministic.
pub fn lint(plan: &Plan, s: &Sizing) -> Vec<Finding> {
    let mut out = Vec::new();
    web::lint(plan, s, &mut out);
    scaling::lint(plan, s, &mut out);
    cluster::lint(plan, s, &mut out);
    tasks::lint(plan, s, &mut out);
    edge::lint(plan, s, &mut out);
    stores::lint(plan, s, &mut out);
    aca::lint(plan, s, &mut out);
    limits::lint(plan, s, &mut out);
    sort(&mut out);
    out
}

/// Errors first, then warnings, then notes; by code within each.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(a.code.as_str().cmp(b.code.as_str()))
    });
}
