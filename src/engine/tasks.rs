//! Background workers scaled by KEDA on a Redis list.

use super::format::Num;
use super::math::{ceil, div};
use super::{given_or, Explain};
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
    /// Where KEDA actually settles at peak: its Redis list holds queued tasks only (a task a
    /// worker has taken, running or prefetched, has left it), so the smallest R in
    /// [min, keda_max] with ceil(max(0, peak − R × concurrency × prefetch) / target) ≤ R.
    pub keda_steady: u64,
    /// Whether the plan has background work: peak tasks above 0 or standing worker replicas.
    /// The one definition the exports (worker Deployment, KEDA, app.env, compose, redis.conf)
    /// and the doctor use.
    pub enabled: bool,
}

/// Sizes the workers (the AKS example §3.2: 1000 / 5 = 200 replicas).
pub fn size(plan: &Plan, ex: &mut impl Explain) -> Tasks {
    let peak = if plan.task_rate > 0.0 {
        ceil(plan.task_rate * plan.task_s)
    } else {
        u64::from(plan.tasks)
    };
    let min = u64::from(plan.task_min);
    let target = u64::from(plan.queue_target);
    let replicas_max = min.max(peak.div_ceil(target));
    let keda_max = plan.keda_max.get().map_or(replicas_max, u64::from);
    let held = u64::from(plan.task_concurrency).saturating_mul(prefetch(plan));
    let keda_steady = keda_settles(peak, min, keda_max, held, target);
    ex.add("tasks.keda_steady", || {
        format!(
            "KEDA's Redis list holds queued tasks only: each worker pod holds {} × prefetch {} = {} tasks off the list; the smallest R in [{}, {}] with ceil(max(0, {} − R × {}) / {}) ≤ R is {}",
            plan.task_concurrency,
            prefetch(plan),
            held,
            min,
            keda_max,
            peak,
            held,
            target,
            keda_steady
        )
    });
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
                Num(plan.task_rate),
                Num(plan.task_s),
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
            Num(plan.task_s),
            Num(throughput)
        )
    });
    ex.add("tasks.drain_s", || {
        format!(
            "{} tasks / {} tasks/s = {} s",
            peak,
            Num(throughput),
            Num(drain_s)
        )
    });

    Tasks {
        peak,
        replicas_min: min,
        replicas_max,
        keda_max,
        throughput_per_s: throughput,
        drain_s,
        keda_steady,
        enabled: peak > 0 || min > 0,
    }
}

/// Celery settings (the one-host example, "Celery Tuning").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Celery {
    /// Single-host concurrency: 2 × cores + 1 for I/O-bound tasks, cores for CPU-bound ones.
    /// On Kubernetes a worker pod runs `task_concurrency`, passed explicitly as --concurrency.
    pub concurrency: u64,
    /// worker_prefetch_multiplier: 4 / 2 / 1 for short / mixed / long tasks.
    pub prefetch: u64,
    /// task_time_limit, s.
    pub time_limit: u64,
    /// task_soft_time_limit, s: given, or hard − clamp(10 % of hard, 10, 60).
    pub soft_time_limit: u64,
    /// worker_max_tasks_per_child: 100 / 1000 / 10000 for heavy / normal / light memory.
    pub max_tasks_per_child: u64,
    /// Retry delays, s: retry_delay × 2^n, capped (the one-host example: 60, 120, 240; cap 600).
    pub retry_delays: Vec<u64>,
    /// Worker pods' terminationGracePeriodSeconds: given, or hard limit + 30.
    pub grace_s: u64,
}

/// Where KEDA settles on a list of `peak` tasks when each replica holds `held` of them off
/// the list: the smallest R in [min, max] whose list length per replica, ceil(max(0, peak −
/// R × held) / target), is at most R; `max` when none is (KEDA's Redis list scaler,
/// https://keda.sh/docs/latest/scalers/redis-lists/: it reads LLEN, the queued entries).
/// The condition only gets easier as R grows, so a binary search finds it.
pub fn keda_settles(peak: u64, min: u64, max: u64, held: u64, target: u64) -> u64 {
    let fits = |r: u64| {
        peak.saturating_sub(r.saturating_mul(held))
            .div_ceil(target.max(1))
            <= r
    };
    if max < min || !fits(max) {
        return max;
    }
    let (mut lo, mut hi) = (min, max);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// worker_prefetch_multiplier: 4 / 2 / 1 for short / mixed / long tasks (the one-host example).
pub fn prefetch(plan: &Plan) -> u64 {
    use crate::plan::TaskLength;
    match plan.task_length {
        TaskLength::Short => 4,
        TaskLength::Mixed => 2,
        TaskLength::Long => 1,
    }
}

/// Seconds a worker pod gets beyond the hard time limit when it is stopped (the automatic
/// `grace_s`).
pub const GRACE_MARGIN_S: u64 = 30;

/// The automatic soft time limit: hard − clamp(10 % of hard, 10, 60) (the one-host example: 300 → 270,
/// 60 → 50, 3600 → 3540).
pub fn auto_soft_limit(hard: u64) -> u64 {
    hard - (hard / 10).clamp(10, 60)
}

/// Celery's settings for the plan.
pub fn celery(plan: &Plan, ex: &mut impl Explain) -> Celery {
    use crate::plan::{TaskKind, TaskMemory};
    let cores = u64::from(plan.cores);
    let concurrency = match plan.task_kind {
        TaskKind::Io => 2 * cores + 1,
        TaskKind::Cpu => cores,
    };
    let hard = u64::from(plan.task_time_limit_s);
    let soft = plan
        .task_soft_limit_s
        .get()
        .map_or(auto_soft_limit(hard), u64::from);
    let cap = u64::from(plan.retry_max_s);
    let retry_delays = (0..plan.max_retries.min(63))
        .map(|n| {
            u64::from(plan.retry_delay_s)
                .saturating_mul(1u64 << n.min(62))
                .min(cap)
        })
        .collect();
    ex.add("celery.concurrency", || match plan.task_kind {
        TaskKind::Io => format!("I/O-bound: 2 × {} cores + 1 = {}", cores, concurrency),
        TaskKind::Cpu => format!("CPU-bound: = {} cores", cores),
    });
    let grace_s = plan.grace_s.get().map_or(hard + GRACE_MARGIN_S, u64::from);
    ex.add("celery.grace_s", || {
        given_or(plan.grace_s, grace_s, "s", || {
            format!(
                "hard time limit {} s + {} s, so a scale-down lets a running task finish = {} s",
                hard, GRACE_MARGIN_S, grace_s
            )
        })
    });
    ex.add("celery.soft_time_limit", || {
        given_or(plan.task_soft_limit_s, soft, "s", || {
            format!("{} − clamp(10 % of {}, 10, 60) = {} s", hard, hard, soft)
        })
    });
    Celery {
        concurrency,
        prefetch: prefetch(plan),
        time_limit: hard,
        soft_time_limit: soft,
        max_tasks_per_child: match plan.task_memory {
            TaskMemory::Heavy => 100,
            TaskMemory::Normal => 1000,
            TaskMemory::Light => 10_000,
        },
        retry_delays,
        grace_s,
    }
}
