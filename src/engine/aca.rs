//! Azure Container Apps: scale to zero (https://learn.microsoft.com/azure/container-apps/scale-app, https://learn.microsoft.com/azure/container-apps/billing).

use super::catalog::{ACA_FREE_GIB_S, ACA_FREE_REQUESTS, ACA_FREE_VCPU_S, HOURS_PER_MONTH};
use super::format::Num;
use super::math::{ceil, div};
use super::Explain;
use crate::plan::Plan;
use serde::Serialize;

/// Container Apps figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Aca {
    /// Replicas the HTTP rule asks for at peak: ceil(peak req/s / concurrentRequests), not capped.
    /// The platform counts the requests of the last 15 s divided by 15: a rate per replica.
    pub replicas_needed: u64,
    /// Replicas running at peak: min(needed, max).
    pub replicas_active: u64,
    /// Requests the rule allows at the maximum: max replicas × concurrentRequests.
    pub max_concurrency: u64,
    /// Worker processes at the maximum: workers × max replicas (the Container Apps example: 1 × 2 = 2).
    pub total_workers: u64,
    /// Monthly cost at `active_h` a day, after free grants when they apply, USD.
    pub monthly_usd: f64,
    /// Monthly cost if always active at the peak replicas, USD.
    pub always_on_usd: f64,
    /// Active hours a day at which Container Apps costs as much as the AKS plan; absent when
    /// there is no such point in 0–24 h.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breakeven_active_h: Option<f64>,
    /// Whether the cpu/memory pair is one the platform accepts (0.25-core steps up to 4, memory = 2 × cpu).
    pub cpu_mem_pair_valid: bool,
}

/// The workers' app on Container Apps: the smallest pair the consumption profile accepts that
/// holds a worker's requests (`task_cpu`, `task_mem`): cores in 0.25 steps up to 4, with 2 GiB
/// a core (https://learn.microsoft.com/azure/container-apps/containers). (cores, GiB).
pub fn worker_pair(plan: &Plan) -> (f64, f64) {
    let need = plan.task_cpu_cores.max(plan.task_mem_mib / 1024.0 / 2.0);
    let cores = ((need / 0.25).ceil() * 0.25).clamp(0.25, 4.0);
    (cores, 2.0 * cores)
}

/// Whether Container Apps accepts this cpu (cores) / memory (GiB) pair on the consumption profile:
/// cpu in 0.25-core steps from 0.25 to 4, memory exactly 2 GiB per core (https://learn.microsoft.com/azure/container-apps/scale-app).
pub fn valid_pair(cpu: f64, mem_gib: f64) -> bool {
    let quarters = cpu * 4.0;
    (quarters - quarters.round()).abs() < 1e-9
        && (0.25..=4.0).contains(&cpu)
        && (mem_gib - 2.0 * cpu).abs() < 1e-9
}

/// What a month of Container Apps uses: the billing meters before any price.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Usage {
    /// vCPU-seconds at the active rate.
    pub active_vcpu_s: f64,
    /// vCPU-seconds at the idle rate.
    pub idle_vcpu_s: f64,
    /// GiB-seconds (one rate, active or idle).
    pub gib_s: f64,
    /// Billable requests.
    pub requests: f64,
}

/// A month's usage with `active` replicas for `active_h` hours a day and `aca_min` idle
/// replicas the rest of the day, serving `peak_rps` while active.
pub fn monthly_usage(plan: &Plan, active_h: f64, active: u64) -> Usage {
    let days = HOURS_PER_MONTH / 24.0;
    let active_s = active_h * 3600.0 * days;
    let idle_s = (24.0 - active_h) * 3600.0 * days;
    Usage {
        active_vcpu_s: active as f64 * plan.aca_cpu_cores * active_s,
        idle_vcpu_s: f64::from(plan.aca_min) * plan.aca_cpu_cores * idle_s,
        gib_s: active as f64 * plan.aca_mem_gib * active_s
            + f64::from(plan.aca_min) * plan.aca_mem_gib * idle_s,
        requests: plan.peak_rps * active_s,
    }
}

/// The price of a month's usage: per-second active and idle rates, requests, and the monthly
/// free grants applied to the active usage first (https://learn.microsoft.com/azure/container-apps/billing).
pub fn price(plan: &Plan, usage: &Usage) -> f64 {
    let (free_vcpu, free_gib, free_req) = if plan.aca_grants {
        (ACA_FREE_VCPU_S, ACA_FREE_GIB_S, ACA_FREE_REQUESTS)
    } else {
        (0.0, 0.0, 0.0)
    };
    let billable_active = (usage.active_vcpu_s - free_vcpu).max(0.0);
    let left_free = (free_vcpu - usage.active_vcpu_s).max(0.0);
    let billable_idle = (usage.idle_vcpu_s - left_free).max(0.0);
    billable_active * plan.aca_vcpu_usd_per_s
        + billable_idle * plan.aca_idle_usd_per_vcpu_s
        + (usage.gib_s - free_gib).max(0.0) * plan.aca_mem_usd_per_gib_s
        + (usage.requests - free_req).max(0.0) / 1e6 * plan.aca_usd_per_million_requests
}

/// Monthly Container Apps cost for `active_h` hours a day with `active` replicas and
/// `aca_min` idle replicas the rest of the day.
pub fn monthly_cost(plan: &Plan, active_h: f64, active: u64) -> f64 {
    price(plan, &monthly_usage(plan, active_h, active))
}

/// Replicas the HTTP rule wants for `rps` (the rule counts the last 15 s of requests / 15,
/// against `aca_concurrency`), before the replica bounds.
pub fn replicas_for(plan: &Plan, rps: f64) -> u64 {
    ceil(div(rps, f64::from(plan.aca_concurrency)))
}

/// Sizes the Container Apps form of the plan; `aks_monthly` is the AKS plan's cost, for the break-even.
pub fn size(plan: &Plan, aks_monthly: f64, ex: &mut impl Explain) -> Aca {
    let concurrency = u64::from(plan.aca_concurrency);
    let max = u64::from(plan.aca_max);
    let replicas_needed = replicas_for(plan, plan.peak_rps);
    let replicas_active = replicas_needed.min(max).max(u64::from(plan.aca_min));
    let monthly = monthly_cost(plan, plan.active_h, replicas_active);
    let always_on = monthly_cost(plan, 24.0, replicas_active);
    let breakeven = breakeven(plan, replicas_active, aks_monthly);

    ex.add("aca.replicas_needed", || {
        format!(
            "ceil({} req/s / {} concurrent requests) = {} (the rule counts the last 15 s of requests / 15)",
            Num(plan.peak_rps),
            concurrency,
            replicas_needed
        )
    });
    ex.add("aca.total_workers", || {
        format!(
            "{} workers × {} max replicas = {}",
            plan.workers,
            max,
            max * u64::from(plan.workers)
        )
    });
    ex.add("aca.max_concurrency", || {
        format!(
            "{} max replicas × {} = {}",
            max,
            concurrency,
            max * concurrency
        )
    });
    ex.add("aca.monthly_usd", || {
        format!(
            "{} replicas × ({} vCPU, {} GiB) active {} h/day + {} idle replicas the other {} h, requests at ${}/M{} = ${}",
            replicas_active,
            Num(plan.aca_cpu_cores),
            Num(plan.aca_mem_gib),
            Num(plan.active_h),
            plan.aca_min,
            Num(24.0 - plan.active_h),
            Num(plan.aca_usd_per_million_requests),
            if plan.aca_grants { ", less the monthly free grants" } else { "" },
            Num(monthly)
        )
    });

    Aca {
        replicas_needed,
        replicas_active,
        max_concurrency: max * concurrency,
        total_workers: max * u64::from(plan.workers),
        monthly_usd: monthly,
        always_on_usd: always_on,
        breakeven_active_h: breakeven,
        cpu_mem_pair_valid: valid_pair(plan.aca_cpu_cores, plan.aca_mem_gib),
    }
}

/// The active hours a day at which Container Apps costs `target`, by bisection: the cost never
/// falls as active hours grow (active seconds cost at least what idle ones do).
fn breakeven(plan: &Plan, active: u64, target: f64) -> Option<f64> {
    let f = |h: f64| monthly_cost(plan, h, active) - target;
    let (mut lo, mut hi) = (0.0, 24.0);
    if f(lo) > 0.0 || f(hi) < 0.0 {
        return None;
    }
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some((lo + hi) / 2.0)
}

/// Container Apps monthly cost against active hours a day (0–24), beside the AKS plan's.
pub fn cost_curve(plan: &Plan, active: u64, points: usize) -> Vec<(f64, f64)> {
    let points = points.clamp(2, 1000);
    (0..points)
        .map(|i| {
            let h = 24.0 * i as f64 / (points - 1) as f64;
            (h, monthly_cost(plan, h, active))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_facts_worked_example() {
        // https://learn.microsoft.com/azure/container-apps/billing: 1 replica, 0.25 vCPU / 0.5 GiB, 24 × 7: $19.71 before grants, $14.31 after.
        let mut p = Plan {
            aca_cpu_cores: 0.25,
            aca_mem_gib: 0.5,
            peak_rps: 0.0,
            aca_grants: false,
            ..Plan::default()
        };
        assert!((monthly_cost(&p, 24.0, 1) - 19.71).abs() < 0.01);
        p.aca_grants = true;
        assert!((monthly_cost(&p, 24.0, 1) - 14.31).abs() < 0.01);
    }

    #[test]
    fn pairs() {
        // A worker of 0.5 cores and 512 MiB runs as 0.5 cores with 1 GiB; one of 0.3 cores and
        // 3 GiB as 1.5 cores with 3 GiB.
        let p = |cpu: f64, mib: f64| {
            worker_pair(&Plan {
                task_cpu_cores: cpu,
                task_mem_mib: mib,
                ..Plan::default()
            })
        };
        assert_eq!(p(0.5, 512.0), (0.5, 1.0));
        assert_eq!(p(0.3, 3072.0), (1.5, 3.0));
        assert_eq!(p(9.0, 512.0), (4.0, 8.0));
        assert!(valid_pair(p(0.3, 3072.0).0, p(0.3, 3072.0).1));
        assert!(valid_pair(0.25, 0.5));
        assert!(valid_pair(2.0, 4.0));
        assert!(!valid_pair(0.25, 1.0));
        assert!(!valid_pair(0.3, 0.6));
        assert!(!valid_pair(8.0, 16.0));
    }
}
