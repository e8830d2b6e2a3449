//! Background workers: time limits, grace period, prefetch against KEDA.

use super::{finding, Code, Finding, Severity};
use crate::engine::format::Num;
use crate::engine::Sizing;
use crate::plan::Plan;
use crate::plan::Platform;

/// Background workers: time limits, grace period, prefetch against KEDA.
pub(super) fn lint(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if !s.tasks.enabled {
        return;
    }
    let c = &s.celery;
    if c.time_limit.saturating_sub(c.soft_time_limit) < 5 {
        out.push(finding(
            Code::SoftTimeLimit,
            Severity::Warning,
            format!(
                "the soft time limit {} s leaves {} s before the hard limit {} s kills the task: too little to clean up",
                c.soft_time_limit,
                c.time_limit.saturating_sub(c.soft_time_limit),
                c.time_limit
            ),
            format!("set task_soft_limit to 0 (automatic: {} s)", crate::engine::tasks::auto_soft_limit(c.time_limit)),
        ));
    }
    if c.grace_s < c.time_limit {
        out.push(finding(
            Code::GracePeriodBelowTask,
            Severity::Warning,
            format!(
                "worker pods get {} s to stop but a task may run {} s: scale-down kills tasks mid-run",
                c.grace_s, c.time_limit
            ),
            format!("set grace_s to at least {} (or 0: hard limit + 30 s)", c.time_limit + 30),
        ));
    }
    let queued_story = plan.platform == Platform::Aks && c.prefetch > 1;
    if plan.platform == Platform::Aks && s.tasks.keda_steady != s.tasks.replicas_max {
        let held = u64::from(plan.task_concurrency) * c.prefetch;
        let drain = |r: u64| {
            crate::engine::math::div(
                s.tasks.peak as f64 * plan.task_s,
                r as f64 * f64::from(plan.task_concurrency),
            )
        };
        out.push(finding(
            Code::KedaCountsQueued,
            Severity::Info,
            format!(
                "KEDA's Redis list scaler counts queued tasks only: each worker pod holds {} tasks off the list (running{}), so at {} tasks KEDA settles at {} worker pods, not {}; the backlog drains in about {} s instead of {} s, and the worker pods need fewer nodes than the packed count{}",
                held,
                if c.prefetch > 1 { " and prefetched" } else { "" },
                s.tasks.peak,
                s.tasks.keda_steady,
                s.tasks.replicas_max,
                Num(drain(s.tasks.keda_steady)),
                Num(drain(s.tasks.replicas_max)),
                if queued_story { "; prefetching makes it worse (see prefetch-hides-queue)" } else { "" }
            ),
            format!(
                "expect {} worker pods at peak, or lower queue_target to about {} for {} pods",
                s.tasks.keda_steady,
                crate::engine::math::ceil(s.tasks.peak.saturating_sub(s.tasks.replicas_max * held) as f64 / s.tasks.replicas_max.max(1) as f64).max(1),
                s.tasks.replicas_max
            ),
        ));
    }
    if queued_story {
        out.push(finding(
            Code::PrefetchHidesQueue,
            Severity::Warning,
            format!(
                "prefetch multiplier {} lets each worker reserve {} tasks the Redis list no longer shows: KEDA sees a shorter queue and scales too little",
                c.prefetch,
                c.prefetch * u64::from(plan.task_concurrency)
            ),
            "use prefetch 1 (task_length=long) with task_acks_late, or Celery 5.6's --disable-prefetch".to_string(),
        ).applying_to(plan, &[("task_length", "long".to_string())]));
    }
}
