//! The web pod: throughput claims, memory, processes, queueing.

use super::{finding, Code, Finding, Severity};
use crate::engine::format::Num;
use crate::engine::usl::Usl;
use crate::engine::Sizing;
use crate::plan::{CapacityMode, Plan, Platform};

/// The capacity Little's law allows, as the one value that claims it: the pod's (measured) or
/// a worker's (per worker), rounded down to a thousandth; none in the other modes.
fn littles_alternative(plan: &Plan, slot_bound: f64) -> Vec<(&'static str, String)> {
    let down = |x: f64| crate::engine::format::Num((x * 1000.0).floor() / 1000.0).to_string();
    match plan.capacity {
        CapacityMode::Measured => vec![("rps_per_pod", down(slot_bound))],
        CapacityMode::PerWorker if plan.workers > 0 => {
            vec![("worker_rps", down(slot_bound / f64::from(plan.workers)))]
        }
        _ => Vec::new(),
    }
}

/// The web pod: throughput claims, memory, processes, queueing.
pub(super) fn lint(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    let slots = s.web.slots_per_pod;
    let slot_bound = crate::engine::web::slot_bound_rps(plan);
    // A load test's curve obeys Little's law at every point it measured (N = X × R): its
    // capacity is not a claim to check against `latency_ms`.
    if plan.capacity != CapacityMode::Usl && s.web.capacity_rps_per_pod > slot_bound * (1.0 + 1e-9)
    {
        out.push(finding(
            Code::LittlesLaw,
            Severity::Error,
            format!(
                "{} slots at {} ms serve at most {} req/s per pod (Little's law), not the {} req/s claimed",
                slots,
                Num(plan.latency_ms),
                Num(slot_bound),
                Num(s.web.capacity_rps_per_pod)
            ),
            format!(
                "measure the capacity again, or raise workers × threads to at least {}, or lower latency_ms",
                crate::engine::math::ceil(s.web.capacity_rps_per_pod * plan.latency_ms / 1000.0)
            ),
        )
        .applying_to(plan, &littles_alternative(plan, slot_bound)));
    }
    let (limit_mib, cpu_limit, what) = match plan.platform {
        Platform::Aks => (
            plan.web_mem_limit_mib,
            plan.web_cpu_limit_cores,
            "the pod's limit",
        ),
        Platform::Aca => (
            plan.aca_mem_gib * 1024.0,
            plan.aca_cpu_cores,
            "the replica's memory",
        ),
    };
    if s.web.memory_per_pod_mib > limit_mib {
        out.push(finding(
            Code::PodMemory,
            Severity::Error,
            format!(
                "{} workers × {} MiB = {} MiB is above {} of {} MiB: the pod is OOM-killed",
                plan.workers,
                Num(plan.worker_mem_mib),
                Num(s.web.memory_per_pod_mib),
                what,
                Num(limit_mib)
            ),
            "lower workers (use threads), or raise the memory limit".to_string(),
        ));
    }
    let max_workers = 2 * cpu_limit.ceil() as u64 + 1;
    if u64::from(plan.workers) > max_workers {
        out.push(finding(
            Code::WorkersExceedCpu,
            Severity::Warning,
            format!(
                "{} worker processes on {} cores: gunicorn's (2 × cores) + 1 guidance, applied to the pod, allows {}",
                plan.workers,
                Num(cpu_limit),
                max_workers
            ),
            format!("use {} workers or fewer (more threads instead), or raise the CPU limit", max_workers),
        ));
    }
    if !s.latency.stable {
        out.push(finding(
            Code::UnstableQueue,
            Severity::Error,
            format!(
                "{} req/s × {} ms = {} requests in flight on {} slots: the queue grows without bound",
                Num(plan.peak_rps),
                Num(plan.latency_ms),
                Num(s.latency.load_erlangs),
                s.latency.servers
            ),
            format!("a stable queue needs at least {} slots at peak (replicas × workers × threads)", s.latency.servers_for_stability),
        ));
    }
    if plan.capacity == CapacityMode::Usl {
        usl(plan, s, out);
    }
}

/// A pod on a load test's curve: slots past the knee, where throughput falls, and slots far
/// past what the test measured.
fn usl(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    let u = Usl::of(plan);
    let slots = s.web.slots_per_pod;
    if let Some(peak) = u.peak_concurrency().filter(|&p| slots as f64 > p) {
        let (k, x) = u.best_within(slots);
        out.push(finding(
            Code::PastTheKnee,
            Severity::Warning,
            format!(
                "workers × threads = {} in flight, but throughput peaks at {} (X = {} req/s; the curve's knee is N = {}) and falls past it (κ = {}): {} in flight serve {} req/s",
                slots,
                k,
                Num(x),
                Num(peak),
                u.kappa,
                slots,
                Num(u.throughput(slots as f64))
            ),
            format!("set workers × threads ≤ {}", k),
        ));
    }
    if plan.usl_max_n > 0.0 && slots as f64 > plan.usl_max_n * 1.5 {
        out.push(finding(
            Code::UslExtrapolated,
            Severity::Info,
            format!(
                "the pod's {} slots are more than half again the load test's largest concurrency ({}): its capacity there is the curve's extrapolation, not a measurement",
                slots,
                Num(plan.usl_max_n)
            ),
            format!(
                "load-test up to {} in flight (loadtest.js's step mode or locustfile.py) and calibrate again",
                slots
            ),
        ));
    }
}
