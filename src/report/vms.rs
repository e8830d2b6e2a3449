//! Which VM size: every size of the catalogue the plan allows (`vm_allow`), ranked by what the
//! whole plan costs a month on it. A row is the plan evaluated with that size and AKS's own
//! reservation rules (`node_vm` = the size and `alloc = aks`; for a worker pool of its own,
//! `worker_vm`), nothing else changed: its nodes, the month's cost (the simulated day's, all
//! pools), the waste at peak, whether the largest pod fits and whether the plan's failure
//! settings still hold. `headroom eval` prints it (`vms`); a row's figures are what `eval`
//! gives for that size, never an estimate.

use super::{evaluate_with, Report};
use crate::doctor::{finding, Code, Finding, Severity};
use crate::engine::catalog;
use crate::engine::cluster::{worker_plan, Cluster};
use crate::engine::format::{count, money};
use crate::measure::insertion_sort;
use crate::plan::{AllocMode, Plan, Platform, VmSize, WorkerPool};
use serde::Serialize;

/// One size for one pool.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VmRow {
    /// `user` or `worker`.
    pub pool: &'static str,
    /// The size, e.g. `Standard_D8s_v5`.
    pub vm: &'static str,
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
    pub binds: &'static str,
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
    pub price_status: &'static str,
    /// Why the size does not fit, when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// The sizes `vm_allow` lets the plan use (all when it is empty).
pub fn allowed(plan: &Plan) -> Vec<VmSize> {
    let names: Vec<&str> = plan.vm_allow.split(',').filter(|n| !n.is_empty()).collect();
    VmSize::ALL
        .iter()
        .copied()
        .filter(|v| names.is_empty() || names.contains(&v.as_str()))
        .collect()
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

fn pct_unused(requested: f64, per_node: f64, nodes: u64) -> f64 {
    let total = per_node * nodes as f64;
    if total > 0.0 {
        (100.0 * (1.0 - requested / total)).max(0.0)
    } else {
        0.0
    }
}

/// One row: the plan evaluated on the size.
pub fn row(plan: &Plan, pool: &'static str, size: VmSize) -> VmRow {
    let p = on_size(plan, pool, size);
    let r = evaluate_with(&p, false);
    let c: &Cluster = if pool == "worker" {
        r.sizing.cluster.worker_pool()
    } else {
        &r.sizing.cluster
    };
    let vm = catalog::vm(size);
    let role = if pool == "worker" { "workers" } else { "user" };
    let nodes_min = r
        .sizing
        .cost
        .pools
        .iter()
        .find(|x| x.pool.as_str() == role)
        .map_or(c.nodes_offpeak, |x| x.nodes_min);
    let given = if pool == "worker" {
        worker_plan(&p).is_some_and(|w| w.node_usd_per_h.is_set())
    } else {
        p.node_usd_per_h.is_set()
    };
    let item = format!("vm/{}", size.as_str());
    let price_status = match crate::engine::prices::book().get(p.region.as_str(), &item) {
        _ if given || crate::plan::vm_price(&p.vm_prices, size.as_str()).is_some() => "plan",
        Some(price) if price.verified => "verified",
        Some(_) => "unverified",
        None => "unknown",
    };
    let survives = !r
        .findings
        .iter()
        .any(|f| matches!(f.code, Code::ZoneLossCapacity | Code::NodeLossCapacity));
    VmRow {
        pool,
        vm: size.as_str(),
        vcpu: vm.vcpu,
        mem_gib: vm.mem_gib,
        alloc_cpu: c.node_alloc_cpu,
        alloc_mem_gib: c.node_alloc_mem_gib,
        pods_per_node: if pool == "worker" {
            c.task_pods_per_node
        } else {
            c.web_pods_per_node
        },
        binds: c.binding.map_or("none", |b| b.as_str()),
        nodes_peak: c.nodes_peak,
        nodes_min,
        monthly_usd: r.day.summary.monthly_usd,
        waste_cpu_pct: pct_unused(c.cpu_requested, c.node_alloc_cpu, c.nodes_peak),
        waste_mem_pct: pct_unused(c.mem_requested_gib, c.node_alloc_mem_gib, c.nodes_peak),
        fits: c.nodes_packed.is_some(),
        survives,
        price_status,
        why: c.unschedulable.clone(),
    }
}

/// The pools whose size can change: the user pool, and the workers' own pool when they have
/// one (`worker_pool` = separate or spot).
fn pools(plan: &Plan) -> Vec<&'static str> {
    match plan.worker_pool {
        WorkerPool::Shared => vec!["user"],
        _ => vec!["user", "worker"],
    }
}

/// The plan's size of `pool` (`worker` or `user`).
fn size_of(plan: &Plan, pool: &str) -> VmSize {
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

/// The rows to work out, in no order: each pool whose size can change with each allowed size.
/// Empty on a Container Apps plan (it has no nodes to size).
pub fn candidates(plan: &Plan) -> Vec<(&'static str, VmSize)> {
    if plan.platform == Platform::Aca {
        return Vec::new();
    }
    let sizes = allowed(plan);
    pools(plan)
        .into_iter()
        .flat_map(|pool| sizes.iter().map(move |&size| (pool, size)))
        .collect()
}

/// Cheapest first; sizes without a price after the priced ones.
pub fn order(rows: &mut [VmRow]) {
    insertion_sort(rows, |a, b| {
        (a.price_status == "unknown")
            .cmp(&(b.price_status == "unknown"))
            .then(a.monthly_usd.total_cmp(&b.monthly_usd))
            .then(a.pool.cmp(b.pool))
            .then(a.vm.cmp(b.vm))
            .is_lt()
    });
}

/// Every allowed size for each pool, cheapest first; sizes without a price after the priced
/// ones. Empty on a Container Apps plan.
pub fn rank(plan: &Plan) -> Vec<VmRow> {
    let mut rows: Vec<VmRow> = candidates(plan)
        .into_iter()
        .map(|(pool, size)| row(plan, pool, size))
        .collect();
    order(&mut rows);
    rows
}

/// `cheaper-vm`: an allowed size that fits and survives the same failures costs at least 10 % a
/// month less than the plan's own size (both with AKS's reservation rules).
pub fn cheaper(plan: &Plan, rows: &[VmRow]) -> Option<Finding> {
    for pool in pools(plan) {
        let own_size = size_of(plan, pool);
        let own = rows
            .iter()
            .find(|r| r.pool == pool && r.vm == own_size.as_str())
            .cloned()
            .unwrap_or_else(|| row(plan, pool, own_size));
        if own.price_status == "unknown" {
            continue;
        }
        let better = rows.iter().find(|r| {
            r.pool == pool
                && r.vm != own.vm
                && r.fits
                && r.survives
                && r.price_status != "unknown"
                && r.monthly_usd <= 0.9 * own.monthly_usd
        });
        if let Some(b) = better {
            let saving = own.monthly_usd - b.monthly_usd;
            let var = if pool == "worker" {
                "worker_vm"
            } else {
                "node_vm"
            };
            return Some(finding(
                Code::CheaperVm,
                Severity::Warning,
                format!(
                    "the {} pool on {} nodes of {} costs {} a month, {} ({} %) less than on {} nodes of {} ({}; the whole plan with AKS's reservation rules, surviving the same failures)",
                    pool,
                    count(b.nodes_peak),
                    b.vm,
                    money(b.monthly_usd),
                    money(saving),
                    (100.0 * saving / own.monthly_usd).round(),
                    count(own.nodes_peak),
                    own.vm,
                    money(own.monthly_usd)
                ),
                format!("set {var}={} and alloc=aks, or list the sizes you approve in vm_allow", b.vm),
            ));
        }
    }
    None
}

/// The report's `vms` and `cheaper-vm` for the CLI.
pub fn assess(plan: &Plan, report: &mut Report) {
    let rows = rank(plan);
    if let Some(f) = cheaper(plan, &rows) {
        report.findings.push(f);
    }
    report.vms = Some(rows);
}
