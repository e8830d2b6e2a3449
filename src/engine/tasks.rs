//! Background workers scaled by KEDA on a Redis list (DESIGN.md "Background work").

use super::math::{ceil, div, fmt};
use super::Explainer;
use crate::plan::Plan;
use serde::Serialize;

/// Background worker figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tasks {
    /// Peak concurrent tasks: `tasks`, or ceil(task_rate × task_s) when a rate is given.
    pub peak: u64,
    /// Minimum worker replicas (KEDA `minReplicaCount`).
    pub replicas_min: u64,
    /// Worker replicas at peak: max(min, ceil(peak tasks / list length target)).
    pub replicas_max: u64,
    /// KEDA's maximum: the configured `keda_max`, or `replicas_max` when automatic.
    pub keda_max: u64,
    /// Tasks finished per second at the maximum: replicas × concurrency / duration.
    pub throughput_per_s: f64,
    /// Time to drain the peak backlog at that throughput, s; 0 with no tasks.
    pub drain_s: f64,
}

/// Sizes the workers (seed 001 §3.2: 1000 / 5 = 200 replicas).
pub fn size(plan: &Plan, ex: &mut Explainer) -> Tasks {
    let peak = if plan.task_rate > 0.0 {
        ceil(plan.task_rate * plan.task_s)
    } else {
        u64::from(plan.tasks)
    };
    let min = u64::from(plan.task_min);
    let target = u64::from(plan.queue_target);
    let replicas_max = min.max(peak.div_ceil(target));
    let keda_max = if plan.keda_max > 0 {
        u64::from(plan.keda_max)
    } else {
        replicas_max
    };
    let throughput = replicas_max as f64 * f64::from(plan.task_concurrency) / plan.task_s;
    let drain_s = if peak == 0 {
        0.0
    } else {
        div(peak as f64, throughput)
    };

    if plan.task_rate > 0.0 {
        ex.add("tasks.peak", || {
            format!(
                "ceil({} tasks/s × {} s) = {} tasks (Little's law)",
                fmt(plan.task_rate),
                fmt(plan.task_s),
                peak
            )
        });
    }
    ex.add("tasks.replicas_max", || {
        format!(
            "max({}, ceil({} / {})) = {}",
            min, peak, target, replicas_max
        )
    });
    ex.add("tasks.throughput_per_s", || {
        format!(
            "{} replicas × {} per pod / {} s = {} tasks/s",
            replicas_max,
            plan.task_concurrency,
            fmt(plan.task_s),
            fmt(throughput)
        )
    });
    ex.add("tasks.drain_s", || {
        format!(
            "{} tasks / {} tasks/s = {} s",
            peak,
            fmt(throughput),
            fmt(drain_s)
        )
    });

    Tasks {
        peak,
        replicas_min: min,
        replicas_max,
        keda_max,
        throughput_per_s: throughput,
        drain_s,
    }
}
