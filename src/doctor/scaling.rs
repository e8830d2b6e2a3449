//! Autoscaler maxima against what peak needs; autoscalers that read something else than load.

use super::{finding, Code, Finding, Severity};
use crate::engine::format::Num;
use crate::engine::Sizing;
use crate::plan::Plan;
use crate::plan::Platform;

/// Autoscaler maxima against what peak needs; autoscalers that read something else than load.
pub(super) fn lint(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if plan.platform == Platform::Aks && s.web.replicas_hpa_settles < s.web.replicas_hpa_steady {
        out.push(finding(
            Code::HpaBlindToLoad,
            Severity::Error,
            format!(
                "the HPA sees CPU, not requests: at its capacity of {} req/s a pod uses only {} % of its CPU request, below the {} % target, so the HPA settles at {} replica{} instead of the {} the load needs, and requests queue",
                Num(s.web.capacity_rps_per_pod),
                Num(s.web.capacity_rps_per_pod * s.web.cpu_share_per_rps * 100.0),
                Num(plan.hpa_cpu_pct),
                s.web.replicas_hpa_settles,
                if s.web.replicas_hpa_settles == 1 { "" } else { "s" },
                s.web.replicas_hpa_steady
            ),
            format!(
                "lower the pod's CPU request so that capacity uses it, scale on concurrency or request rate instead (a KEDA prometheus or HTTP trigger), or set min_replicas to {}",
                s.web.replicas_hpa_steady
            ),
        ));
    }
    if plan.hpa_max.is_set() && s.web.hpa_max < s.web.replicas_max {
        out.push(finding(
            Code::MaxReplicasCap,
            Severity::Warning,
            format!(
                "HPA max {} is below the {} web replicas peak needs ({} req/s at {} req/s per pod × buffer {})",
                s.web.hpa_max,
                s.web.replicas_max,
                Num(plan.peak_rps),
                Num(s.web.capacity_rps_per_pod),
                Num(plan.buffer)
            ),
            format!("raise hpa_max to at least {} or set it to 0 (automatic)", s.web.replicas_max),
        ).applying_to(plan, &[("hpa_max", s.web.replicas_max.to_string())]));
    }
    if s.web.replicas_hpa_steady > s.web.hpa_max {
        out.push(finding(
            Code::HpaBufferMismatch,
            Severity::Warning,
            format!(
                "at a {} % CPU target the HPA settles on {} replicas at peak, above its maximum of {}",
                Num(plan.hpa_cpu_pct),
                s.web.replicas_hpa_steady,
                s.web.hpa_max
            ),
            format!(
                "raise the buffer to at least {} or the HPA target towards {} %",
                Num(100.0 / plan.hpa_cpu_pct),
                Num((100.0 / plan.buffer).ceil())
            ),
        ));
    }
    if plan.platform == Platform::Aca && s.aca.replicas_needed > u64::from(plan.aca_max) {
        out.push(finding(
            Code::MaxReplicasCap,
            Severity::Warning,
            format!(
                "the HTTP rule wants {} replicas at {} req/s ({} per replica), above max replicas {}",
                s.aca.replicas_needed,
                Num(plan.peak_rps),
                plan.aca_concurrency,
                plan.aca_max
            ),
            format!("raise aca_max to {} or aca_concurrency to {}", s.aca.replicas_needed, crate::engine::math::ceil(plan.peak_rps / f64::from(plan.aca_max))),
        ).applying_to(plan, &[("aca_max", s.aca.replicas_needed.to_string())]));
    }
    if plan.keda_max.is_set() && s.tasks.keda_max < s.tasks.replicas_max {
        out.push(finding(
            Code::MaxReplicasCap,
            Severity::Warning,
            format!(
                "KEDA max {} is below the {} worker replicas the peak backlog needs ({} tasks / list length {})",
                s.tasks.keda_max, s.tasks.replicas_max, s.tasks.peak, plan.queue_target
            ),
            format!(
                "raise keda_max to at least {} or accept a drain time of {} s",
                s.tasks.replicas_max,
                Num(s.tasks.peak as f64 * plan.task_s / (s.tasks.keda_max as f64 * f64::from(plan.task_concurrency)))
            ),
        ).applying_to(plan, &[("keda_max", s.tasks.replicas_max.to_string())]));
    }
    if plan.day_burst > BURST_HIDDEN {
        out.push(finding(
            Code::BurstHidden,
            Severity::Warning,
            format!(
                "the busiest sample ran at {} × the busiest 5 minutes: the day's peak understates the load",
                Num(plan.day_burst)
            ),
            "plan on peak × the burst factor (raise buffer or model a spike)".to_string(),
        ));
    }
}

/// The burst factor above which the 5-minute day hides too much (`burst-hidden`).
pub const BURST_HIDDEN: f64 = 1.25;
