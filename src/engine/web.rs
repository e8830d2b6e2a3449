//! The web tier: pod capacity, replicas, in-flight requests, gunicorn.

use super::aca::Aca;
use super::format::Num;
use super::math::{ceil, div, sat_mul};
use super::usl;
use super::Explain;
use crate::plan::{CapacityMode, Plan, Platform};
use serde::Serialize;

/// Web tier figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Web {
    /// Requests per second one pod serves, by the plan's capacity mode.
    pub capacity_rps_per_pod: f64,
    /// Concurrent requests one pod holds: workers × threads.
    pub slots_per_pod: u64,
    /// Minimum replicas, as configured.
    pub replicas_min: u64,
    /// Replicas needed at peak with the buffer: max(min, ceil(peak / capacity × buffer)).
    pub replicas_max: u64,
    /// Replicas the HPA settles on at peak: max(min, ceil(peak / (capacity × target))).
    pub replicas_hpa_steady: u64,
    /// The HPA's maximum: the configured `hpa_max`, or `replicas_max` when automatic.
    pub hpa_max: u64,
    /// Requests in flight at peak, by Little's law: peak × latency.
    pub in_flight: f64,
    /// Concurrent request slots at the HPA maximum.
    pub slots_at_max: u64,
    /// Memory the worker processes of one pod use: workers × memory per worker, MiB.
    pub memory_per_pod_mib: f64,
    /// terminationGracePeriodSeconds of a web pod: gunicorn's graceful timeout plus 5 s for the
    /// pod to leave the Service's endpoints before its workers are told to stop.
    pub termination_grace_s: u64,
    /// Where the CPU-target HPA actually settles at peak: it sees CPU, not requests. Equal to
    /// `replicas_hpa_steady` whenever a pod at its capacity uses its whole CPU request.
    pub replicas_hpa_settles: u64,
    /// CPU one request per second costs, as a share of a pod's CPU request (`c`).
    pub cpu_share_per_rps: f64,
    /// Web replicas off-peak: max(min, where the HPA settles at `offpeak_rps`).
    pub replicas_offpeak: u64,
}

/// The HPA's default tolerance: it does not scale while usage / target is within 10 % of 1
/// (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details,
/// `--horizontal-pod-autoscaler-tolerance`, default 0.1).
pub const HPA_TOLERANCE: f64 = 0.1;

/// CPU one request per second costs, as a share of the pod's CPU request: derived capacity from
/// `cpu_ms` (cpu_ms / 1000 cores per req/s, over the request); measured and per-worker
/// capacity from `cpu_at_capacity` (that share of the request at the pod's capacity).
pub fn cpu_share_per_rps(plan: &Plan, capacity: f64) -> f64 {
    match plan.capacity {
        CapacityMode::Derived => div(plan.cpu_ms / 1000.0, plan.web_cpu_cores),
        CapacityMode::Measured | CapacityMode::PerWorker | CapacityMode::Usl => {
            div(plan.cpu_at_capacity_pct / 100.0, capacity)
        }
    }
}

/// Where a CPU-target HPA settles serving `rate` req/s, with the answer's reason. The CPU
/// target asks for R* = max(min, ceil(rate × c / target)). If at R* each pod would get more
/// than its capacity, a pod's CPU stops at capacity × c: below (1 − tolerance) × target the
/// HPA keeps scaling down to `min_replicas`, where it settles; from there to the target it
/// holds wherever it is, and R* is reported.
pub fn hpa_settles(plan: &Plan, capacity: f64, c: f64, rate: f64) -> (u64, Settle) {
    let min = u64::from(plan.min_replicas);
    let target = plan.hpa_cpu_pct / 100.0;
    let wanted = min.max(ceil(div(rate * c, target)));
    let saturated = wanted > 0 && rate / wanted as f64 > capacity * (1.0 + 1e-9);
    if saturated && capacity * c / target < 1.0 - HPA_TOLERANCE {
        (min, Settle::Blind)
    } else {
        (wanted, Settle::Target)
    }
}

/// Why the HPA settles where it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settle {
    /// At the count its CPU target asks for.
    Target,
    /// At its minimum: pods saturate below the CPU target, so the HPA sees idle pods.
    Blind,
}

/// gunicorn settings (the gunicorn scaling guide's gunicorn.conf.py reads these from the environment).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gunicorn {
    /// Worker processes.
    pub workers: u64,
    /// Threads per worker.
    pub threads: u64,
    /// Worker timeout, s.
    pub timeout: u64,
    /// Keep-alive, s.
    pub keepalive: u64,
    /// Requests before a worker is recycled.
    pub max_requests: u64,
    /// Random jitter on max_requests.
    pub max_requests_jitter: u64,
    /// Graceful shutdown timeout, s.
    pub graceful_timeout: u64,
}

/// Capacity of one pod, req/s: measured; workers × per-worker; derived as
/// min(CPU-bound cores × 1000 / cpu_ms, concurrency-bound slots × 1000 / latency_ms); or on a
/// load test's USL curve, the best X(k) for k in 1…slots (`engine::usl`).
pub fn capacity_rps(plan: &Plan) -> f64 {
    match plan.capacity {
        CapacityMode::Usl => usl::Usl::of(plan).best_within(slots(plan)).1,
        CapacityMode::Measured => plan.rps_per_pod,
        CapacityMode::PerWorker => f64::from(plan.workers) * plan.worker_rps,
        CapacityMode::Derived => {
            let cpu_bound = div(plan.web_cpu_cores * 1000.0, plan.cpu_ms);
            cpu_bound.min(slot_bound_rps(plan))
        }
    }
}

/// The most a pod can serve by Little's law: slots × 1000 / latency_ms, req/s.
pub fn slot_bound_rps(plan: &Plan) -> f64 {
    div(slots(plan) as f64 * 1000.0, plan.latency_ms)
}

fn slots(plan: &Plan) -> u64 {
    u64::from(plan.workers) * u64::from(plan.threads)
}

/// Sizes the web tier (the AKS example §3.1: max = ceil(100 / 20 × 1.5) = 8).
pub fn size(plan: &Plan, ex: &mut impl Explain) -> Web {
    let capacity = capacity_rps(plan);
    let min = u64::from(plan.min_replicas);
    let replicas_max = min.max(ceil(div(plan.peak_rps, capacity) * plan.buffer));
    let target = plan.hpa_cpu_pct / 100.0;
    let replicas_hpa_steady = min.max(ceil(div(plan.peak_rps, capacity * target)));
    let hpa_max = plan.hpa_max.get().map_or(replicas_max, u64::from);
    let in_flight = plan.peak_rps * plan.latency_ms / 1000.0;
    let slots_per_pod = slots(plan);
    let c = cpu_share_per_rps(plan, capacity);
    let (settles, why) = hpa_settles(plan, capacity, c, plan.peak_rps);
    let (offpeak, _) = hpa_settles(plan, capacity, c, plan.offpeak_rps);
    let replicas_offpeak = min.max(offpeak);

    ex.add("web.replicas_hpa_settles", || {
        let wanted = min.max(ceil(div(plan.peak_rps * c, target)));
        let head = format!(
            "CPU per req/s c = {} of the request; the {} % target asks for max({}, ceil({} req/s × {} / {} %)) = {}",
            Num(c),
            Num(plan.hpa_cpu_pct),
            min,
            Num(plan.peak_rps),
            Num(c),
            Num(plan.hpa_cpu_pct),
            wanted
        );
        match why {
            Settle::Target => format!("{head}; it settles there"),
            Settle::Blind => format!(
                "{head}, but there each pod would get {} req/s, past its {} req/s capacity, and uses only {} × {} = {} % of its CPU request, below the {} % target less the HPA's 10 % tolerance ({} %): the HPA scales down to its minimum, {}",
                Num(plan.peak_rps / wanted.max(1) as f64),
                Num(capacity),
                Num(capacity),
                Num(c),
                Num(capacity * c * 100.0),
                Num(plan.hpa_cpu_pct),
                Num(plan.hpa_cpu_pct * (1.0 - HPA_TOLERANCE)),
                settles
            ),
        }
    });
    ex.add("web.replicas_offpeak", || {
        format!(
            "where the HPA settles at {} req/s off-peak, at least {}: {}",
            Num(plan.offpeak_rps),
            min,
            replicas_offpeak
        )
    });

    ex.add("web.capacity_rps_per_pod", || {
        capacity_text(plan, slots_per_pod, capacity)
    });
    ex.add("web.replicas_max", || {
        format!(
            "max({}, ceil({} / {} × {})) = {}",
            min,
            Num(plan.peak_rps),
            Num(capacity),
            Num(plan.buffer),
            replicas_max
        )
    });
    ex.add("web.replicas_hpa_steady", || {
        format!(
            "max({}, ceil({} / ({} × {} %))) = {}",
            min,
            Num(plan.peak_rps),
            Num(capacity),
            Num(plan.hpa_cpu_pct),
            replicas_hpa_steady
        )
    });
    ex.add("web.replicas_min", || {
        format!("configured: min_replicas = {} (kept for availability)", min)
    });
    ex.add("web.in_flight", || {
        format!(
            "{} req/s × {} ms = {} requests in flight (Little's law)",
            Num(plan.peak_rps),
            Num(plan.latency_ms),
            Num(in_flight)
        )
    });

    Web {
        capacity_rps_per_pod: capacity,
        slots_per_pod,
        replicas_min: min,
        replicas_max,
        replicas_hpa_steady,
        hpa_max,
        in_flight,
        slots_at_max: sat_mul(hpa_max, slots_per_pod),
        memory_per_pod_mib: f64::from(plan.workers) * plan.worker_mem_mib,
        termination_grace_s: u64::from(plan.graceful_timeout_s) + ENDPOINT_REMOVAL_S,
        replicas_hpa_settles: settles,
        cpu_share_per_rps: c,
        replicas_offpeak,
    }
}

/// Seconds a terminating pod waits, beyond gunicorn's graceful timeout, for its removal from
/// the Service's endpoints to reach every proxy.
pub const ENDPOINT_REMOVAL_S: u64 = 5;

/// The web replicas serving at peak, the one definition the latency figure uses: on AKS where
/// the HPA settles (it sees CPU, `replicas_hpa_settles`), within its minimum and maximum; on
/// Container Apps the replicas running, `aca.replicas_active` = max(aca_min, min(needed, aca_max)).
pub fn replicas_at_peak(plan: &Plan, web: &Web, aca: &Aca) -> u64 {
    match plan.platform {
        Platform::Aks => web
            .replicas_hpa_settles
            .clamp(web.replicas_min, web.hpa_max.max(web.replicas_min)),
        Platform::Aca => aca.replicas_active,
    }
}

/// gunicorn's settings for the plan: its processes and the gunicorn scaling guide's lifecycle settings.
pub fn gunicorn(plan: &Plan, ex: &mut impl Explain) -> Gunicorn {
    ex.add("gunicorn.workers", || {
        format!(
            "configured: workers = {} per pod, each with {} thread{} (set explicitly, never from the host's CPU count)",
            plan.workers,
            plan.threads,
            if plan.threads == 1 { "" } else { "s" }
        )
    });
    Gunicorn {
        workers: u64::from(plan.workers),
        threads: u64::from(plan.threads),
        timeout: u64::from(plan.worker_timeout_s),
        keepalive: u64::from(plan.keepalive_s),
        max_requests: u64::from(plan.max_requests),
        max_requests_jitter: u64::from(plan.max_requests_jitter),
        graceful_timeout: u64::from(plan.graceful_timeout_s),
    }
}

/// How the plan's capacity mode finds one pod's capacity, with the numbers: "measured: 20 req/s
/// per pod" (the explanation of `web.capacity_rps_per_pod`, and the page's line beside the
/// inputs the mode reads).
pub fn capacity_text(plan: &Plan, slots_per_pod: u64, capacity: f64) -> String {
    match plan.capacity {
        CapacityMode::Measured => format!("measured: {} req/s per pod", Num(capacity)),
        CapacityMode::PerWorker => format!(
            "{} workers × {} req/s per worker = {} req/s",
            plan.workers,
            Num(plan.worker_rps),
            Num(capacity)
        ),
        CapacityMode::Derived => format!(
            "min(CPU: {} cores × 1000 / {} ms, slots: {} × 1000 / {} ms) = {} req/s",
            Num(plan.web_cpu_cores),
            Num(plan.cpu_ms),
            slots_per_pod,
            Num(plan.latency_ms),
            Num(capacity)
        ),
        CapacityMode::Usl => {
            let u = usl::Usl::of(plan);
            let (k, _) = u.best_within(slots_per_pod);
            format!(
                "the load test's curve X(N) = {} N / (1 + {} (N − 1) + {} N (N − 1)) is highest within the pod's {} slots at N = {}: X({}) = {} req/s{}",
                Num(u.lambda_rps),
                Num(u.sigma),
                u.kappa,
                slots_per_pod,
                k,
                k,
                Num(capacity),
                u.peak_concurrency().map_or(String::new(), |p| format!(" (the curve peaks at N = {})", Num(p)))
            )
        }
    }
}
