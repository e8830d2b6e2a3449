//! Which VM size: every size of the catalogue the plan allows (`vm_allow`), ranked by what the
//! whole plan costs a month on it. A row is the plan evaluated with that size and AKS's own
//! reservation rules (`node_vm` = the size and `alloc = aks`; for a worker pool of its own,
//! `worker_vm`), nothing else changed: its nodes, the month's cost (the simulated day's, all
//! pools), the waste at peak, whether the largest pod fits and whether the plan's failure
//! settings still hold. `headroom eval` prints it (`vms`); a row's figures are what `eval`
//! gives for that size, never an estimate.

use crate::doctor::{finding, Code, Finding, Severity};
use crate::engine::catalog;
use crate::engine::cluster::{worker_plan, Cluster};
use crate::engine::format::{count, money};
use crate::plan::{Plan, Platform, VmSize};
use crate::report::vms::{on_size, pools, size_of, VmRow};
use crate::report::{figures, Report};

/// The sizes `vm_allow` lets the plan use (all when it is empty).
fn allowed(plan: &Plan) -> Vec<VmSize> {
    let names: Vec<&str> = plan.vm_allow.split(',').filter(|n| !n.is_empty()).collect();
    VmSize::ALL
        .iter()
        .copied()
        .filter(|v| names.is_empty() || names.contains(&v.as_str()))
        .collect()
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
fn row(plan: &Plan, pool: &'static str, size: VmSize) -> VmRow {
    let p = on_size(plan, pool, size);
    let r = figures(&p, false);
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
        pool: pool.to_string(),
        vm: size.as_str().to_string(),
        vcpu: vm.vcpu,
        mem_gib: vm.mem_gib,
        alloc_cpu: c.node_alloc_cpu,
        alloc_mem_gib: c.node_alloc_mem_gib,
        pods_per_node: if pool == "worker" {
            c.task_pods_per_node
        } else {
            c.web_pods_per_node
        },
        binds: c.binding.map_or("none", |b| b.as_str()).to_string(),
        nodes_peak: c.nodes_peak,
        nodes_min,
        monthly_usd: r.day.summary.monthly_usd,
        waste_cpu_pct: pct_unused(c.cpu_requested, c.node_alloc_cpu, c.nodes_peak),
        waste_mem_pct: pct_unused(c.mem_requested_gib, c.node_alloc_mem_gib, c.nodes_peak),
        fits: c.nodes_packed.is_some(),
        survives,
        price_status: price_status.to_string(),
        why: c.unschedulable.clone(),
    }
}

/// The rows to work out, in no order: each pool whose size can change with each allowed size.
/// Empty on a Container Apps plan (it has no nodes to size).
fn candidates(plan: &Plan) -> Vec<(&'static str, VmSize)> {
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
fn order(rows: &mut [VmRow]) {
    rows.sort_by(|a, b| {
        (a.price_status == "unknown")
            .cmp(&(b.price_status == "unknown"))
            .then(a.monthly_usd.total_cmp(&b.monthly_usd))
            .then(a.pool.cmp(&b.pool))
            .then(a.vm.cmp(&b.vm))
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
            ).applying_to(plan, &[(var, b.vm.to_string()), ("alloc", "aks".to_string())]));
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
