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
    /// The parameters (link names) the finding names: those of its code's
    /// ([`Code::params`]) its message or fix names, else all of them, and those it applies.
    pub params: Vec<&'static str>,
    /// Where the fix is one change: the values (link text) that make it, as one edit
    /// (`apply` in JSON, an object of parameter to value; absent otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "as_object")]
    pub apply: Vec<(&'static str, String)>,
}

/// The fix's values as a JSON object, parameter to value.
fn as_object<S: serde::Serializer>(
    apply: &[(&'static str, String)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(apply.len()))?;
    for (name, value) in apply {
        map.serialize_entry(name, value)?;
    }
    map.end()
}

/// A finding (the report's runway makes one too), with the parameters it names.
pub fn finding(code: Code, severity: Severity, message: String, fix: String) -> Finding {
    let named = |name: &str| {
        [&message, &fix].iter().any(|t| {
            t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|w| w == name)
        })
    };
    let mut params: Vec<&'static str> =
        code.params().iter().copied().filter(|p| named(p)).collect();
    if params.is_empty() {
        params = code.params().to_vec();
    }
    Finding {
        code,
        severity,
        message,
        fix,
        params,
        apply: Vec::new(),
    }
}

/// `plan` with a fix's values set (link text, in order), as one edit; `None` when one is out
/// of its range or breaks a constraint.
pub fn applied(plan: &Plan, values: &[(&'static str, String)]) -> Option<Plan> {
    values.iter().try_fold(plan.clone(), |p, (name, value)| {
        crate::plan::param(name).and_then(|param| p.with_text(param, value).ok())
    })
}

impl Finding {
    /// [`Finding::applying`] when the values apply to `plan` as they are (each in its range,
    /// no constraint broken), so that the page's Apply always works; else the finding as it is.
    pub fn applying_to(self, plan: &Plan, values: &[(&'static str, String)]) -> Self {
        match applied(plan, values) {
            Some(_) => self.applying(values),
            None => self,
        }
    }

    /// The finding with a fix of one change: these parameters set to these values (link text),
    /// which join its `params`.
    pub fn applying(mut self, values: &[(&'static str, String)]) -> Self {
        for (name, _) in values {
            if !self.params.contains(name) {
                self.params.push(name);
            }
        }
        self.apply = values.to_vec();
        self
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
