//! Node pools: pods that fit no node, autoscaler maxima below the packed count, the system pool.

use super::{finding, Code, Finding, Severity};
use super::{SYSTEM_POOL_MIN_GIB, SYSTEM_POOL_MIN_VCPU};
use crate::engine::format::Num;
use crate::engine::Sizing;
use crate::plan::Plan;
use crate::plan::Platform;
use crate::plan::WorkerPool;

/// Node pools: pods that fit no node, autoscaler maximum below the packed count, system pool size.
/// The pools whose VM the plan picks, with the size: the user pool, and the workers' own pool.
fn picked_sizes(plan: &Plan) -> Vec<(&'static str, crate::plan::VmSize)> {
    let mut out = vec![("user", plan.node_vm)];
    if plan.worker_pool != WorkerPool::Shared {
        out.push(("workers'", plan.worker_vm));
    }
    out
}

/// `arm-image`: an Arm64 size (Dpsv5) runs only images built for linux/arm64.
fn arm_image(plan: &Plan, out: &mut Vec<Finding>) {
    if plan.platform != Platform::Aks {
        return;
    }
    for (pool, size) in picked_sizes(plan) {
        if crate::engine::catalog::vm(size).arm64 {
            out.push(finding(
                Code::ArmImage,
                Severity::Warning,
                format!(
                    "the {pool} pool's {} is Arm64: the image {} must be built for linux/arm64",
                    size.as_str(),
                    plan.image
                ),
                "build it multi-arch (docker buildx --platform linux/amd64,linux/arm64) or use an x86 size".to_string(),
            ));
        }
    }
}

/// `burstable-baseline`: on a B-series size, the CPU the plan's pods use on a node, averaged
/// over the simulated day, is above the size's base performance, so the node runs out of CPU
/// credits and is held to its base. Web pods use `cpu_share_per_rps` × the requests served;
/// worker pods their CPU request while ready.
pub fn burstable_baseline(plan: &Plan, s: &Sizing, day: &crate::sim::Day) -> Option<Finding> {
    if plan.platform != Platform::Aks {
        return None;
    }
    let separate = plan.worker_pool != WorkerPool::Shared;
    picked_sizes(plan).into_iter().find_map(|(pool, size)| {
        let base = crate::engine::catalog::vm(size).base_cpu_pct? / 100.0;
        let workers = pool != "user";
        let (mut cpu_s, mut node_s) = (0.0, 0.0);
        for row in &day.rows {
            let web = row.load_rps.min(row.capacity_rps) * s.web.cpu_share_per_rps;
            let tasks = row.task_ready as f64 * plan.task_cpu_cores;
            let (cpu, nodes) = match (workers, separate) {
                (true, _) => (tasks, row.worker_nodes),
                (false, true) => (web, row.nodes - row.worker_nodes),
                (false, false) => (web + tasks, row.nodes),
            };
            cpu_s += cpu;
            node_s += nodes as f64;
        }
        let used = if node_s > 0.0 { cpu_s / node_s } else { 0.0 };
        (used > base).then(|| {
            finding(
                Code::BurstableBaseline,
                Severity::Warning,
                format!(
                    "pods use {} vCPU a node over the day on the {pool} pool's {}, above its {} vCPU base: out of CPU credits, nodes run at their base",
                    Num(used),
                    size.as_str(),
                    Num(base)
                ),
                "pick a size that runs at full speed (Dsv5, Dasv5)".to_string(),
            )
        })
    })
}

pub(super) fn lint(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    arm_image(plan, out);
    let c = &s.cluster;
    if plan.platform == Platform::Aks && plan.sys_nodes < 2 {
        out.push(finding(
            Code::SystemPoolSize,
            Severity::Warning,
            format!(
                "{} system node: CoreDNS, metrics-server and KEDA stop when it does",
                plan.sys_nodes
            ),
            "use at least 2 system nodes for production; AKS recommends 3".to_string(),
        ));
    }
    let aks = plan.platform == Platform::Aks;
    if aks
        && plan.ds_cpu_cores == 0.0
        && plan.ds_mem_mib == 0.0
        && plan.ds_pods == 0
        && plan.node_pods <= 30
    {
        out.push(finding(
            Code::DaemonsetsUnset,
            Severity::Warning,
            format!(
                "{} pods per node (Azure CNI's default is 30) with no DaemonSet CPU, memory or pods: every node runs a few (kube-proxy, the CNI, CSI drivers, log agents), and at this pod limit they decide the node count",
                plan.node_pods
            ),
            "set ds_pods, ds_cpu and ds_mem to what your nodes run (kubectl get pods -A -o wide on one node)".to_string(),
        ));
    }
    let sys = crate::engine::catalog::vm(plan.sys_vm);
    if aks && (sys.vcpu < SYSTEM_POOL_MIN_VCPU || sys.mem_gib < SYSTEM_POOL_MIN_GIB) {
        let book = crate::engine::prices::book();
        let region = plan.region.as_str();
        let hourly = |v: &crate::engine::catalog::Vm| {
            book.find(region, "vm", v.size.as_str()).map(|p| p.usd)
        };
        let cheapest = crate::engine::catalog::VMS
            .iter()
            .filter(|v| v.vcpu >= SYSTEM_POOL_MIN_VCPU && v.mem_gib >= SYSTEM_POOL_MIN_GIB)
            .filter_map(|v| hourly(v).map(|usd| (v, usd)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let fix = match cheapest {
            Some((v, usd)) => format!(
                "use {} for the system pool: {} × (${}/h − ${}/h) × 730 h = {} a month more (price book, {})",
                v.size.as_str(),
                plan.sys_nodes,
                Num(usd),
                Num(s.cost.sys_usd_per_hour),
                crate::engine::format::money(f64::from(plan.sys_nodes) * (usd - s.cost.sys_usd_per_hour) * crate::engine::catalog::HOURS_PER_MONTH),
                region
            ),
            None => "use a VM with at least 4 vCPUs and 4 GB for the system pool".to_string(),
        };
        out.push(finding(
            Code::SystemPoolVm,
            Severity::Warning,
            format!(
                "the system pool's {} has {} vCPUs and {} GiB: AKS requires at least {} vCPUs and {} GB for a system node pool",
                plan.sys_vm.as_str(),
                sys.vcpu,
                Num(sys.mem_gib),
                SYSTEM_POOL_MIN_VCPU,
                Num(SYSTEM_POOL_MIN_GIB)
            ),
            fix,
        ).applying_to(plan, &[("sys_vm", "Standard_D4s_v5".to_string())]));
    }
    if aks && plan.spot {
        out.push(finding(
            Code::WebOnSpot,
            Severity::Warning,
            "the user pool runs on Spot VMs, web pods included: Spot has no SLA and evicts with 30 s notice, so the web tier can lose every pod at once".to_string(),
            "keep the web tier on a regular pool (spot=0) and run only the retryable workers on Spot: worker_pool=spot gives them a Spot pool of their own".to_string(),
        ));
    }
    // Workers on a Spot pool of their own fall back to a regular user pool; beside Spot web
    // pods (or on the Spot user pool itself) they have none.
    if aks && plan.spot && plan.worker_pool != WorkerPool::Separate && s.tasks.enabled {
        out.push(finding(
            Code::SpotWithoutFallback,
            Severity::Warning,
            "the background workers run only on Spot VMs, with no regular pool to fall back to: when Spot capacity is evicted or runs out in the region, the queue has no worker until it returns".to_string(),
            "give the workers a regular pool to fall back to: worker_pool=spot with spot=0 (a Spot worker pool beside a regular user pool), or worker_pool=separate".to_string(),
        ));
    }
    // Each user pool: the user pool, and the workers' own when they have one.
    let mut pools = vec![(c, plan.node_max, "node_vm", "node_max", "")];
    if let Some(w) = &c.workers {
        if !s.tasks.enabled {
            out.push(finding(
                Code::WorkerPoolIdle,
                Severity::Info,
                "the workers' own pool (worker_pool) has no background work to run: it stays at its minimum".to_string(),
                "set worker_pool = shared, or describe the background work (tasks or task_rate)"
                    .to_string(),
            ));
        }
        pools.push((
            w,
            plan.worker_nodes_max,
            "worker_vm",
            "worker_nodes_max",
            "worker pool: ",
        ));
    }
    for (c, max, vm, max_name, whose) in pools {
        if let Some(why) = &c.unschedulable {
            out.push(finding(
                Code::PodUnschedulable,
                Severity::Error,
                format!("{}{}: the pod stays Pending", whose, why),
                format!(
                    "choose a larger {}, lower the pod's requests, or reduce DaemonSet overhead",
                    vm
                ),
            ));
        }
        if let (Some(packed), Some(node_max)) = (c.nodes_packed, max.get()) {
            if u64::from(node_max) < packed {
                out.push(finding(
                    Code::AutoscalerMaxBelowPacked,
                    Severity::Error,
                    format!(
                        "{}autoscaler max {} nodes is below the {} nodes the pods need at peak ({} by CPU alone): some pods stay Pending",
                        whose,
                        node_max,
                        packed,
                        c.nodes_aggregate
                    ),
                    format!(
                        "raise {} to at least {} (recommended {})",
                        max_name,
                        packed,
                        c.autoscaler_max_recommended.unwrap_or(packed)
                    ),
                ));
            }
        }
    }
}
