//! The doctor: cross-layer findings about a plan (DESIGN.md "The doctor").
//!
//! `lint(&Plan, &Sizing)` runs every rule family and returns the findings, errors first.
//! A finding is not an input error: the plan is valid and sized; the finding says where its
//! settings contradict each other or the infrastructure. Finding codes are frozen once released.

use crate::engine::math::fmt;
use crate::engine::Sizing;
use crate::plan::Plan;
use serde::Serialize;

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
    pub code: &'static str,
    /// Error, warning or info.
    pub severity: Severity,
    /// What is wrong, with the numbers involved.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

fn finding(code: &'static str, severity: Severity, message: String, fix: String) -> Finding {
    Finding {
        code,
        severity,
        message,
        fix,
    }
}

/// Every finding for a sized plan, errors first, then by code: deterministic.
pub fn lint(plan: &Plan, s: &Sizing) -> Vec<Finding> {
    let mut out = Vec::new();
    scaling(plan, s, &mut out);
    cluster(plan, s, &mut out);
    out.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.code.cmp(b.code)));
    out
}

/// Autoscaler maxima against what peak needs.
fn scaling(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if plan.hpa_max > 0 && s.web.hpa_max < s.web.replicas_max {
        out.push(finding(
            "max-replicas-cap",
            Severity::Warning,
            format!(
                "HPA max {} is below the {} web replicas peak needs ({} req/s at {} req/s per pod × buffer {})",
                s.web.hpa_max,
                s.web.replicas_max,
                fmt(plan.peak_rps),
                fmt(s.web.capacity_rps_per_pod),
                fmt(plan.buffer)
            ),
            format!("raise hpa_max to at least {} or set it to 0 (automatic)", s.web.replicas_max),
        ));
    }
    if plan.keda_max > 0 && s.tasks.keda_max < s.tasks.replicas_max {
        out.push(finding(
            "max-replicas-cap",
            Severity::Warning,
            format!(
                "KEDA max {} is below the {} worker replicas the peak backlog needs ({} tasks / list length {})",
                s.tasks.keda_max, s.tasks.replicas_max, s.tasks.peak, plan.queue_target
            ),
            format!(
                "raise keda_max to at least {} or accept a drain time of {} s",
                s.tasks.replicas_max,
                fmt(s.tasks.peak as f64 * plan.task_s / (s.tasks.keda_max as f64 * f64::from(plan.task_concurrency)))
            ),
        ));
    }
}

/// Node pools: pods that fit no node, autoscaler maximum below the packed count.
fn cluster(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    let c = &s.cluster;
    if let Some(why) = &c.unschedulable {
        out.push(finding(
            "pod-unschedulable",
            Severity::Error,
            format!("{}: the pod stays Pending", why),
            "choose a larger node_vm, lower the pod's requests, or reduce DaemonSet overhead"
                .to_string(),
        ));
    }
    if let (Some(packed), true) = (c.nodes_packed, plan.node_max > 0) {
        if u64::from(plan.node_max) < packed {
            out.push(finding(
                "autoscaler-max-below-packed",
                Severity::Error,
                format!(
                    "autoscaler max {} nodes is below the {} nodes the pods need at peak ({} by CPU alone): {} pods stay Pending",
                    plan.node_max,
                    packed,
                    c.nodes_aggregate,
                    c.pods_requested
                ),
                format!(
                    "raise node_max to at least {} (recommended {})",
                    packed,
                    c.autoscaler_max_recommended.unwrap_or(packed)
                ),
            ));
        }
    }
}
