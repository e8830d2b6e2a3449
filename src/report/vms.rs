//! Which VM size: the data of the ranking (`decide::vms` works it out, `headroom eval` prints
//! it as `vms`) and what the page needs of it without the ranking itself: the plan's own sizes
//! (marked on the chart) and "Use this size" (`on_size`).

use crate::plan::{AllocMode, Plan, VmSize, WorkerPool};
use serde::Serialize;

/// One size for one pool.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VmRow {
    /// `user` or `worker`.
    pub pool: String,
    /// The size, e.g. `Standard_D8s_v5`.
    pub vm: String,
    /// Its vCPUs.
    pub vcpu: u32,
    /// Its nominal memory, GiB.
    pub mem_gib: f64,
    /// Allocatable CPU per node under AKS's rules, cores.
    pub alloc_cpu: f64,
    /// Allocatable memory per node under AKS's rules, GiB.
    pub alloc_mem_gib: f64,
    /// The pool's pods per node (web pods on the user pool, workers on their own).
    pub pods_per_node: u64,
    /// What binds a node: `cpu`, `memory` or `pods`; `none` when no pod fits.
    pub binds: String,
    /// The pool's nodes at peak, packed.
    pub nodes_peak: u64,
    /// The pool's nodes at the day's quietest.
    pub nodes_min: u64,
    /// The whole plan a month on this size, all pools: the simulated day's cost.
    pub monthly_usd: f64,
    /// Allocatable CPU not requested at peak, %.
    pub waste_cpu_pct: f64,
    /// Allocatable memory not requested at peak, %.
    pub waste_mem_pct: f64,
    /// Whether the largest pod fits a node.
    pub fits: bool,
    /// Whether `survive_zone` and `survive_nodes` still hold.
    pub survives: bool,
    /// `verified`, `unverified` (third-party or derived) or `unknown` (ranked last); `plan`
    /// when the plan gives the pool's price.
    pub price_status: String,
    /// Why the size does not fit, when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// The plan on `size` for `pool`, with AKS's reservation rules.
pub fn on_size(plan: &Plan, pool: &str, size: VmSize) -> Plan {
    let mut p = plan.clone();
    if pool == "worker" {
        p.worker_vm = size;
    } else {
        p.node_vm = size;
    }
    p.alloc = AllocMode::Aks;
    p
}

/// The pools whose size can change: the user pool, and the workers' own pool when they have
/// one (`worker_pool` = separate or spot).
pub fn pools(plan: &Plan) -> Vec<&'static str> {
    match plan.worker_pool {
        WorkerPool::Shared => vec!["user"],
        _ => vec!["user", "worker"],
    }
}

/// The plan's size of `pool` (`worker` or `user`).
pub fn size_of(plan: &Plan, pool: &str) -> VmSize {
    if pool == "worker" {
        plan.worker_vm
    } else {
        plan.node_vm
    }
}

/// The plan's own size of each pool whose size can change: what the ranking marks.
pub fn own_sizes(plan: &Plan) -> Vec<(&'static str, &'static str)> {
    pools(plan)
        .into_iter()
        .map(|pool| (pool, size_of(plan, pool).as_str()))
        .collect()
}
