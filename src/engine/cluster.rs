//! The AKS cluster: allocatable per node, aggregate and packed node counts, autoscaler bounds
//! (https://learn.microsoft.com/azure/aks/node-resource-reservations).

use super::catalog;
use super::format::Num;
use super::math::{ceil, div, floor, sat_add};
use super::tasks::Tasks;
use super::web::Web;
use super::Explain;
use crate::plan::{AksRules, AllocMode, Plan, WorkerPool};
use serde::Serialize;

/// Cluster figures, at the web and worker maxima.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cluster {
    /// Allocatable CPU per user node, before DaemonSets, cores.
    pub node_alloc_cpu: f64,
    /// Allocatable memory per user node, before DaemonSets, GiB.
    pub node_alloc_mem_gib: f64,
    /// CPU requested by every pod at the maxima, cores.
    pub cpu_requested: f64,
    /// Memory requested by every pod at the maxima, GiB.
    pub mem_requested_gib: f64,
    /// Pods at the maxima (web + workers).
    pub pods_requested: u64,
    /// The AKS example's method: ceil(CPU requested / (allocatable CPU − DaemonSet CPU)).
    pub nodes_aggregate: u64,
    /// The fewest nodes that hold every pod when pods are indivisible; absent when a pod fits no node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nodes_packed: Option<u64>,
    /// The resource that limits pods per node: `cpu`, `memory` or `pods`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub binding: Option<Binding>,
    /// Web pods one empty node holds.
    pub web_pods_per_node: u64,
    /// Worker pods one empty node holds.
    pub task_pods_per_node: u64,
    /// Why a pod fits no node, when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unschedulable: Option<String>,
    /// Packed nodes at the minimum replicas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nodes_packed_min: Option<u64>,
    /// Cluster autoscaler minimum: max(node_min, packed count at minimum replicas).
    pub autoscaler_min: u64,
    /// Recommended autoscaler maximum: ceil(packed × (1 + spare)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autoscaler_max_recommended: Option<u64>,
    /// Autoscaler maximum: the configured `node_max`, else the recommended value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autoscaler_max: Option<u64>,
    /// User nodes running at peak, within the autoscaler's bounds.
    pub nodes_peak: u64,
    /// User nodes running off-peak: max(autoscaler min, the pods off-peak packed — web where the
    /// HPA settles at `offpeak_rps`, workers at their minimum), within the autoscaler maximum.
    pub nodes_offpeak: u64,
    /// The user pool's `--max-count`: the autoscaler maximum, or the aggregate count when no
    /// node holds every pod; at least the autoscaler minimum and 1.
    pub max_count: u64,
    /// The workers' own pool (`worker_pool` = separate or spot), sized the same way for the
    /// workers alone; the figures above are then the web pods' user pool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workers: Option<Box<Cluster>>,
}

impl Cluster {
    /// The pool the workers run on: their own, or this one (shared).
    pub fn worker_pool(&self) -> &Cluster {
        self.workers.as_deref().unwrap_or(self)
    }

    /// User nodes at peak over the user pools (web and workers).
    pub fn user_nodes_peak(&self) -> u64 {
        self.nodes_peak + self.workers.as_ref().map_or(0, |w| w.nodes_peak)
    }

    /// The workers' own pool, when they have one, with its plan (`worker_plan`): what every
    /// consumer of the second pool (cost, day, resilience, exports) starts from.
    pub fn workers_with_plan(&self, plan: &Plan) -> Option<(Plan, &Cluster)> {
        worker_plan(plan).zip(self.workers.as_deref())
    }
}

/// The plan of the workers' own pool, when they have one: the plan with the worker pool's VM,
/// autoscaler bounds and priority in the user pool's place (`worker_vm`, `worker_nodes_min`,
/// `worker_nodes_max`; Spot for `worker_pool = spot`), so that every pool is sized, simulated
/// and priced by the same code.
pub fn worker_plan(plan: &Plan) -> Option<Plan> {
    let spot = match plan.worker_pool {
        WorkerPool::Shared => return None,
        WorkerPool::Separate => false,
        WorkerPool::Spot => true,
    };
    let mut p = plan.clone();
    p.node_vm = plan.worker_vm;
    p.node_min = plan.worker_nodes_min;
    p.node_max = plan.worker_nodes_max;
    p.spot = spot;
    // The user VM's price override and fixed allocatable figures describe the user VM: another
    // worker VM is priced by the book and its allocatable found by AKS's rules.
    if plan.worker_vm != plan.node_vm {
        p.node_usd_per_h = crate::plan::Auto::Auto;
        p.alloc = AllocMode::Aks;
    }
    Some(p)
}

/// The resource that limits how many pods one node holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Binding {
    /// Allocatable CPU.
    Cpu,
    /// Allocatable memory.
    Memory,
    /// Max pods per node.
    Pods,
}

impl Binding {
    /// The resource's name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Binding::Cpu => "cpu",
            Binding::Memory => "memory",
            Binding::Pods => "pods",
        }
    }
}

/// What one node offers to application pods, after reservations and DaemonSets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeRoom {
    /// CPU, cores.
    pub cpu: f64,
    /// Memory, MiB.
    pub mem_mib: f64,
    /// Pods.
    pub pods: u64,
}

/// A pod's requests.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PodShape {
    /// CPU, cores.
    pub cpu: f64,
    /// Memory, MiB.
    pub mem_mib: f64,
}

/// AKS kube-reserved CPU in millicores by host cores (AKS node resource reservations, https://learn.microsoft.com/azure/aks/node-resource-reservations).
const AKS_CPU_RESERVED_M: &[(u32, f64)] = &[
    (1, 60.0),
    (2, 100.0),
    (4, 140.0),
    (8, 180.0),
    (16, 260.0),
    (32, 420.0),
    (64, 740.0),
];

/// Allocatable (cores, MiB) of a node under AKS's rules (https://learn.microsoft.com/azure/aks/node-resource-reservations):
/// CPU = vCPU − table; kube-reserved memory 1.29+ = min(20 MiB × max pods + 50 MiB, 25 %),
/// legacy = 25 % of the first 4 GiB, 20 % of the next 4, 10 % of the next 8, 6 % of the next
/// 112, 2 % above 128; both computed from the VM's **nominal** memory and rounded down to whole
/// MiB, then subtracted with the eviction threshold (100 MiB, legacy 750 MiB) from the memory
/// the node's OS **reports** (`reported_kib`). Published nodes reproduce to the KiB this way: a
/// DS2_v2 reports 7113660 KiB and allocates 4668348 KiB (1638 + 750 MiB,
/// https://chunliu.me/2020/06/11/node-allocatable-in-aks/), a 16 GiB node 16403296 and
/// 12909408 KiB (2662 + 750 MiB, https://github.com/Azure/AKS/issues/1216).
pub fn aks_allocatable(
    vcpu: u32,
    nominal_gib: f64,
    reported_kib: u64,
    max_pods: u32,
    rules: AksRules,
) -> (f64, f64) {
    let reserved_m = AKS_CPU_RESERVED_M
        .iter()
        .rev()
        .find(|(c, _)| *c <= vcpu)
        .map_or(60.0, |(_, m)| *m);
    let cpu = f64::from(vcpu) - reserved_m / 1000.0;
    let nominal_mib = nominal_gib * 1024.0;
    let (kube_mib, eviction_mib) = match rules {
        AksRules::Current => (
            (20.0 * f64::from(max_pods) + 50.0).min(0.25 * nominal_mib),
            100.0,
        ),
        AksRules::Legacy => {
            let tiers = [
                (4.0, 0.25),
                (4.0, 0.20),
                (8.0, 0.10),
                (112.0, 0.06),
                (f64::INFINITY, 0.02),
            ];
            let mut left = nominal_gib;
            let mut kube_gib = 0.0;
            for (size, share) in tiers {
                let part = left.min(size);
                kube_gib += part * share;
                left -= part;
                if left <= 0.0 {
                    break;
                }
            }
            (kube_gib * 1024.0, 750.0)
        }
    };
    let mem_kib = reported_kib as f64 - (kube_mib.floor() + eviction_mib) * 1024.0;
    (cpu, (mem_kib / 1024.0).max(0.0))
}

/// Allocatable (cores, GiB) per user node before DaemonSets, by the plan's `alloc` mode. With
/// AKS's rules the reservations are computed from the VM's nominal memory and subtracted from
/// the memory its OS reports (the catalogue's `reported_kib`).
pub fn node_allocatable(plan: &Plan) -> (f64, f64) {
    match plan.alloc {
        AllocMode::Fixed => (plan.node_cpu_cores, plan.node_mem_gib),
        AllocMode::Aks => {
            let vm = catalog::vm(plan.node_vm);
            let (cpu, mib) = aks_allocatable(
                vm.vcpu,
                vm.mem_gib,
                vm.reported_kib,
                plan.node_pods,
                plan.aks_rules,
            );
            (cpu, mib / 1024.0)
        }
    }
}

/// Room for application pods on one node: allocatable less the DaemonSet overhead.
pub fn node_room(plan: &Plan) -> NodeRoom {
    let (cpu, mem_gib) = node_allocatable(plan);
    NodeRoom {
        cpu: (cpu - plan.ds_cpu_cores).max(0.0),
        mem_mib: (mem_gib * 1024.0 - plan.ds_mem_mib).max(0.0),
        // DaemonSet pods take pod slots on every node.
        pods: u64::from(plan.node_pods.saturating_sub(plan.ds_pods)),
    }
}

/// How many pods of one shape fit beside `used` pods of another, and which resource binds.
fn room_for(node: NodeRoom, shape: PodShape, used: PodShape, used_n: u64) -> (u64, Binding) {
    let none = PodShape {
        cpu: 0.0,
        mem_mib: 0.0,
    };
    room_beside(node, shape, (used, used_n), (none, 0))
}

/// How many pods of `shape` fit on a node already holding `a.1` pods of shape `a.0` and `b.1`
/// of shape `b.0`, and which resource binds (the day simulation's nodes hold both kinds).
pub fn room_beside(
    node: NodeRoom,
    shape: PodShape,
    a: (PodShape, u64),
    b: (PodShape, u64),
) -> (u64, Binding) {
    let (na, nb) = (a.1 as f64, b.1 as f64);
    let by_cpu = floor(div(node.cpu - (a.0.cpu * na + b.0.cpu * nb), shape.cpu));
    let by_mem = floor(div(
        node.mem_mib - (a.0.mem_mib * na + b.0.mem_mib * nb),
        shape.mem_mib,
    ));
    let by_pods = node.pods.saturating_sub(a.1.saturating_add(b.1));
    if by_cpu <= by_mem && by_cpu <= by_pods {
        (by_cpu, Binding::Cpu)
    } else if by_mem <= by_pods {
        (by_mem, Binding::Memory)
    } else {
        (by_pods, Binding::Pods)
    }
}

/// Why packing failed: a pod that fits no node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unfit {
    /// A web pod is larger than a node.
    Web,
    /// A worker pod is larger than a node.
    Task,
}

/// The fewest identical nodes that hold `w` web pods and `t` worker pods, pods being indivisible,
/// honouring CPU, memory and max pods per node. Exact, and its cost does not grow with the pod counts:
/// it binary-searches the node count, and tests a count by trying every pair of per-node layouts
/// (worker pods per node, with the most web pods beside them) plus one node of any layout.
pub fn pack(node: NodeRoom, web: PodShape, w: u64, task: PodShape, t: u64) -> Result<u64, Unfit> {
    let none = PodShape {
        cpu: 0.0,
        mem_mib: 0.0,
    };
    let a0 = room_for(node, web, none, 0).0;
    let bmax = room_for(node, task, none, 0).0;
    if w > 0 && a0 == 0 {
        return Err(Unfit::Web);
    }
    if t > 0 && bmax == 0 {
        return Err(Unfit::Task);
    }
    if t == 0 {
        return Ok(w.div_ceil(a0.max(1)));
    }
    if w == 0 {
        return Ok(t.div_ceil(bmax));
    }
    let layouts = layouts(node, web, task, bmax);
    let mut lo = t.div_ceil(bmax).max(w.div_ceil(a0));
    let mut hi = t.div_ceil(bmax) + w.div_ceil(a0); // separate nodes always work
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if feasible(mid, &layouts, w, t) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

/// The Pareto-optimal layouts of one node as (worker pods, web pods): more workers, fewer web pods.
fn layouts(node: NodeRoom, web: PodShape, task: PodShape, bmax: u64) -> Vec<(u64, u64)> {
    let a = |b: u64| room_for(node, web, task, b).0;
    let mut out = Vec::with_capacity(bmax as usize + 1);
    let mut next = a(0);
    for b in 0..=bmax {
        let here = next;
        next = if b < bmax { a(b + 1) } else { 0 };
        if b == bmax || here > next {
            out.push((b, here));
        }
    }
    out
}

/// Whether `n` nodes hold `w` web and `t` worker pods using at most two layouts plus one extra node.
fn feasible(n: u64, layouts: &[(u64, u64)], w: u64, t: u64) -> bool {
    arrange(n, layouts, w, t).is_some()
}

/// How `n` nodes hold `w` web and `t` worker pods: up to three groups of (nodes, worker pods
/// per node, web pods per node), at most two layouts plus one extra node; `None` when they
/// cannot. The capacities may exceed the pods: fill each group in turn.
fn arrange(n: u64, layouts: &[(u64, u64)], w: u64, t: u64) -> Option<[(u64, u64, u64); 3]> {
    if n == 0 {
        return (w == 0 && t == 0).then_some([(0, 0, 0); 3]);
    }
    let extras = std::iter::once(None).chain(layouts.iter().copied().map(Some));
    for extra in extras {
        let (m, tt, ww) = match extra {
            None => (n, t, w),
            Some((b, a)) => (n - 1, t.saturating_sub(b), w.saturating_sub(a)),
        };
        let first = extra.map_or((0, 0, 0), |(b, a)| (1, b, a));
        if m == 0 {
            if tt == 0 && ww == 0 {
                return Some([first, (0, 0, 0), (0, 0, 0)]);
            }
            continue;
        }
        for (i, &(bi, ai)) in layouts.iter().enumerate() {
            if m * bi >= tt && m * ai >= ww {
                return Some([first, (m, bi, ai), (0, 0, 0)]);
            }
            for &(bj, aj) in &layouts[i + 1..] {
                // bj > bi and aj < ai: put as many nodes on layout i as the worker count allows.
                if m * bj < tt {
                    continue;
                }
                let k = ((m * bj - tt) / (bj - bi)).min(m);
                if k * ai + (m - k) * aj >= ww {
                    return Some([first, (k, bi, ai), (m - k, bj, aj)]);
                }
            }
        }
    }
    None
}

/// How `n` identical nodes hold `w` web and `t` worker pods, as the exact packing found it:
/// per node, (worker pods, web pods) it can take, `n` entries; `None` when they cannot.
pub fn arrangement(
    node: NodeRoom,
    web: PodShape,
    w: u64,
    task: PodShape,
    t: u64,
    n: u64,
) -> Option<Vec<(u64, u64)>> {
    let none = PodShape {
        cpu: 0.0,
        mem_mib: 0.0,
    };
    let bmax = room_for(node, task, none, 0).0;
    let groups = arrange(n, &layouts(node, web, task, bmax), w, t)?;
    let mut out = Vec::with_capacity(n as usize);
    for (count, b, a) in groups {
        out.extend(std::iter::repeat_n((b, a), count as usize));
    }
    out.resize(n as usize, (0, 0));
    Some(out)
}

/// The requests of a web pod and of a worker pod: what packing places.
pub fn shapes(plan: &Plan) -> (PodShape, PodShape) {
    (
        PodShape {
            cpu: plan.web_cpu_cores,
            mem_mib: plan.web_mem_mib,
        },
        PodShape {
            cpu: plan.task_cpu_cores,
            mem_mib: plan.task_mem_mib,
        },
    )
}

/// Sizes the cluster (the AKS example §4: 102 cores / 3.8 → 27 nodes by aggregate; 29 packed): one
/// user pool for web and workers, or with `worker_pool` = separate or spot a user pool for the
/// web pods and a pool of the workers' own (`workers`).
pub fn size(plan: &Plan, web: &Web, tasks: &Tasks, ex: &mut impl Explain) -> Cluster {
    let w = (web.hpa_max, web.replicas_min, web.replicas_offpeak);
    let t = (tasks.keda_max, tasks.replicas_min);
    let Some(wp) = worker_plan(plan) else {
        ex.add("cluster.workers", || {
            "the workers share the user pool with the web pods (worker_pool = shared): the user pool's figures hold both".to_string()
        });
        return size_pool(plan, w, t, ex);
    };
    // The workers' pool first, through the same sink (one copy of the sizing code in the
    // bundle): the user pool's explanations then replace its `cluster.*` ones.
    let workers = size_pool(&wp, (0, 0, 0), t, ex);
    let mut cluster = size_pool(plan, w, (0, 0), ex);
    ex.add("cluster.workers", || {
        format!(
            "the workers' own {} pool of {}: {} worker pods at most, {} a node: {} nodes at peak, {} off-peak (autoscaler {}–{})",
            plan.worker_pool.as_str(),
            plan.worker_vm.as_str(),
            t.0,
            workers.task_pods_per_node,
            workers.nodes_peak,
            workers.nodes_offpeak,
            workers.autoscaler_min,
            workers.max_count
        )
    });
    cluster.workers = Some(Box::new(workers));
    cluster
}

/// Sizes one user pool for web pods (maximum, minimum, off-peak) and workers (maximum,
/// minimum), by the plan's VM and autoscaler bounds.
fn size_pool(
    plan: &Plan,
    (w, w_min, w_off): (u64, u64, u64),
    (t, t_min): (u64, u64),
    ex: &mut impl Explain,
) -> Cluster {
    let (alloc_cpu, alloc_mem_gib) = node_allocatable(plan);
    let room = node_room(plan);
    let (web_shape, task_shape) = shapes(plan);

    let cpu_requested = w as f64 * plan.web_cpu_cores + t as f64 * plan.task_cpu_cores;
    let mem_requested_gib = (w as f64 * plan.web_mem_mib + t as f64 * plan.task_mem_mib) / 1024.0;
    let nodes_aggregate = ceil(div(cpu_requested, room.cpu));

    let none = PodShape {
        cpu: 0.0,
        mem_mib: 0.0,
    };
    let (web_per_node, web_binds) = room_for(room, web_shape, none, 0);
    let (task_per_node, task_binds) = room_for(room, task_shape, none, 0);
    let packed = pack(room, web_shape, w, task_shape, t);
    let packed_min = pack(room, web_shape, w_min, task_shape, t_min).ok();
    let unschedulable = packed.err().map(|which| {
        let (what, shape) = match which {
            Unfit::Web => ("a web pod", web_shape),
            Unfit::Task => ("a worker pod", task_shape),
        };
        let daemonsets = if plan.ds_cpu_cores >= alloc_cpu || plan.ds_mem_mib >= alloc_mem_gib * 1024.0 {
            format!(
                " (DaemonSets take {} of {} allocatable cores and {} of {} MiB)",
                Num(plan.ds_cpu_cores),
                Num(alloc_cpu),
                Num(plan.ds_mem_mib),
                Num(alloc_mem_gib * 1024.0)
            )
        } else {
            String::new()
        };
        format!(
            "{} ({} cores, {} MiB) does not fit a node with {} cores, {} MiB and {} pods free for it{}",
            what,
            Num(shape.cpu),
            Num(shape.mem_mib),
            Num(room.cpu),
            Num(room.mem_mib),
            room.pods,
            daemonsets
        )
    });
    let packed = packed.ok();
    let binding = packed.map(|_| if t > 0 { task_binds } else { web_binds });

    let autoscaler_min = u64::from(plan.node_min).max(packed_min.unwrap_or(0));
    let recommended = packed.map(|p| ceil(p as f64 * (1.0 + plan.spare)));
    let autoscaler_max = plan.node_max.get().map(u64::from).or(recommended);
    let needed = packed.unwrap_or(nodes_aggregate);
    let nodes_peak = autoscaler_max
        .map_or(needed, |mx| needed.min(mx))
        .max(autoscaler_min);

    let packed_offpeak = pack(room, web_shape, w_off, task_shape, t_min).ok();
    let nodes_offpeak = autoscaler_max
        .map_or(packed_offpeak.unwrap_or(0), |mx| {
            packed_offpeak.unwrap_or(0).min(mx)
        })
        .max(autoscaler_min);
    ex.add("cluster.nodes_offpeak", || {
        format!(
            "max({} autoscaler min, {} web + {} worker pods off-peak packed = {}) = {}",
            autoscaler_min,
            w_off,
            t_min,
            packed_offpeak.map_or("—".to_string(), |p| p.to_string()),
            nodes_offpeak
        )
    });
    let vm = catalog::vm(plan.node_vm);
    ex.add("cluster.node_alloc_mem_gib", || match plan.alloc {
        AllocMode::Aks => format!(
            "AKS {} rules: reserved from the nominal {} GiB, subtracted from the {} GiB {} reports (observed or estimated: {}; ±30 MiB between node images) = {} GiB",
            plan.aks_rules.as_str(),
            Num(vm.mem_gib),
            Num(vm.reported_mem_gib()),
            plan.node_vm.as_str(),
            vm.reported_source,
            Num(alloc_mem_gib)
        ),
        AllocMode::Fixed => format!("given: {} GiB (alloc = fixed)", Num(alloc_mem_gib)),
    });
    let max_count = autoscaler_max
        .unwrap_or(nodes_aggregate)
        .max(autoscaler_min)
        .max(1);
    ex.add("cluster.max_count", || match autoscaler_max {
        Some(mx) => format!(
            "max(autoscaler max {}, autoscaler min {}, 1) = {}",
            mx, autoscaler_min, max_count
        ),
        None => format!(
            "no node holds every pod: max({} nodes by CPU alone, autoscaler min {}, 1) = {}",
            nodes_aggregate, autoscaler_min, max_count
        ),
    });
    ex.add("cluster.cpu_requested", || {
        format!(
            "{} web × {} + {} workers × {} = {} cores",
            w,
            Num(plan.web_cpu_cores),
            t,
            Num(plan.task_cpu_cores),
            Num(cpu_requested)
        )
    });
    ex.add("cluster.nodes_aggregate", || {
        format!(
            "ceil({} cores / {} cores per node) = {}",
            Num(cpu_requested),
            Num(room.cpu),
            nodes_aggregate
        )
    });
    ex.add("cluster.nodes_packed", || match packed {
        Some(p) => format!(
            "pods are indivisible: a node holds at most {} worker pods or {} web pods ({} binds); \
             {} web + {} worker pods need {} nodes",
            task_per_node,
            web_per_node,
            binding.unwrap_or(Binding::Cpu).as_str(),
            w,
            t,
            p
        ),
        None => unschedulable.clone().unwrap_or_default(),
    });
    ex.add("cluster.autoscaler_min", || {
        format!(
            "max({} configured, {} packed at minimum replicas) = {}",
            plan.node_min,
            packed_min.map_or("—".to_string(), |p| p.to_string()),
            autoscaler_min
        )
    });
    ex.add("cluster.autoscaler_max", || {
        match (plan.node_max.get(), recommended) {
            (None, Some(r)) => format!(
                "ceil({} packed × (1 + {})) = {}",
                needed,
                Num(plan.spare),
                r
            ),
            (None, None) => "no node holds every pod".to_string(),
            (Some(n), _) => format!(
                "configured: {} (recommended {})",
                n,
                recommended.map_or("—".into(), |r| r.to_string())
            ),
        }
    });

    Cluster {
        node_alloc_cpu: alloc_cpu,
        node_alloc_mem_gib: alloc_mem_gib,
        cpu_requested,
        mem_requested_gib,
        pods_requested: sat_add(w, t),
        nodes_aggregate,
        nodes_packed: packed,
        binding,
        web_pods_per_node: web_per_node,
        task_pods_per_node: task_per_node,
        unschedulable,
        nodes_packed_min: packed_min,
        autoscaler_min,
        autoscaler_max_recommended: recommended,
        autoscaler_max,
        nodes_peak,
        nodes_offpeak,
        max_count,
        workers: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exact minimum by dynamic programming over nodes (slow; small cases only).
    fn brute(node: NodeRoom, web: PodShape, w: u64, task: PodShape, t: u64) -> Option<u64> {
        if w == 0 && t == 0 {
            return Some(0);
        }
        let none = PodShape {
            cpu: 0.0,
            mem_mib: 0.0,
        };
        let bmax = room_for(node, task, none, 0).0;
        let a = |b: u64| room_for(node, web, task, b).0;
        // best[x] = most web pods placeable with x worker pods placed (x capped at t).
        let mut best: Vec<Option<u64>> = vec![None; t as usize + 1];
        best[0] = Some(0);
        for n in 1..=(w + t + 1) {
            let mut next = vec![None; t as usize + 1];
            for (x, v) in best.iter().enumerate() {
                let Some(v) = v else { continue };
                for b in 0..=bmax {
                    let nx = (x as u64 + b).min(t) as usize;
                    let nv = (v + a(b)).min(w);
                    if next[nx].is_none_or(|cur| cur < nv) {
                        next[nx] = Some(nv);
                    }
                }
            }
            best = next;
            if best[t as usize].is_some_and(|v| v >= w) {
                return Some(n);
            }
        }
        None
    }

    #[test]
    fn seed_001_needs_29_nodes() {
        let node = NodeRoom {
            cpu: 3.8,
            mem_mib: 14.0 * 1024.0,
            pods: 110,
        };
        let web = PodShape {
            cpu: 0.25,
            mem_mib: 256.0,
        };
        let task = PodShape {
            cpu: 0.5,
            mem_mib: 512.0,
        };
        assert_eq!(pack(node, web, 8, task, 200), Ok(29));
        assert_eq!(pack(node, web, 3, task, 0), Ok(1));
        assert_eq!(pack(node, web, 0, task, 7), Ok(1));
        assert_eq!(pack(node, web, 0, task, 8), Ok(2));
    }

    #[test]
    fn packing_matches_brute_force() {
        let mut cases = 0;
        for (ncpu, nmem, npods) in [
            (4.0, 16384.0, 110),
            (3.8, 14336.0, 10),
            (2.0, 4096.0, 30),
            (8.0, 8192.0, 12),
        ] {
            let node = NodeRoom {
                cpu: ncpu,
                mem_mib: nmem,
                pods: npods,
            };
            for (wc, wm) in [(0.25, 256.0), (1.0, 3000.0), (0.6, 512.0), (1.5, 700.0)] {
                for (tc, tm) in [(0.5, 512.0), (1.5, 1024.0), (0.3, 2500.0), (0.9, 100.0)] {
                    let web = PodShape {
                        cpu: wc,
                        mem_mib: wm,
                    };
                    let task = PodShape {
                        cpu: tc,
                        mem_mib: tm,
                    };
                    for w in [0, 1, 3, 7, 11] {
                        for t in [0, 1, 2, 5, 9, 14] {
                            let fast = pack(node, web, w, task, t).ok();
                            let slow = brute(node, web, w, task, t);
                            assert_eq!(
                                fast, slow,
                                "node {node:?} web {web:?}×{w} task {task:?}×{t}"
                            );
                            // The arrangement behind the count holds every pod, each node
                            // within its room; one node fewer has none.
                            if let Some(n) = fast {
                                let layout =
                                    arrangement(node, web, w, task, t, n).expect("n holds them");
                                assert_eq!(layout.len() as u64, n);
                                let (b, a) =
                                    layout.iter().fold((0, 0), |s, l| (s.0 + l.0, s.1 + l.1));
                                assert!(b >= t && a >= w, "{layout:?}");
                                for &(b, a) in &layout {
                                    assert!(a <= room_for(node, web, task, b).0, "{layout:?}");
                                }
                                if n > 0 {
                                    assert_eq!(arrangement(node, web, w, task, t, n - 1), None);
                                }
                            }
                            cases += 1;
                        }
                    }
                }
            }
        }
        assert!(cases > 1000);
    }

    #[test]
    fn aks_allocatable_matches_the_docs() {
        // https://learn.microsoft.com/azure/aks/node-resource-reservations: D4s_v5, 1.29 rules:
        // CPU 3860m; memory at 30 pods 650 MiB reserved + 100 MiB eviction.
        let kib = |gib: f64| (gib * 1_048_576.0) as u64;
        let (cpu, mem) = aks_allocatable(4, 16.0, kib(16.0), 30, AksRules::Current);
        assert!((cpu - 3.86).abs() < 1e-9);
        assert!((mem - (16384.0 - 650.0 - 100.0)).abs() < 1e-9);
        // 4 GB at 70 pods: 25 % = 1024 MiB caps the 1450 MiB formula.
        let (_, mem) = aks_allocatable(2, 4.0, kib(4.0), 70, AksRules::Current);
        assert!((mem - (4096.0 - 1024.0 - 100.0)).abs() < 1e-9);
        let (cpu, _) = aks_allocatable(2, 7.0, kib(7.0), 30, AksRules::Current);
        assert!((cpu - 1.9).abs() < 1e-9);
    }

    #[test]
    fn published_nodes_reproduce_to_the_kib() {
        // A DS2_v2, pre-1.29: 7113660Ki capacity, 4668348Ki allocatable (1638 Mi + 750 Mi).
        let (_, mem) = aks_allocatable(2, 7.0, 7_113_660, 30, AksRules::Legacy);
        assert_eq!(mem * 1024.0, 4_668_348.0);
        // A 16 GiB node: 16403296Ki and 12909408Ki (2662 Mi + 750 Mi).
        let (_, mem) = aks_allocatable(4, 16.0, 16_403_296, 110, AksRules::Legacy);
        assert_eq!(mem * 1024.0, 12_909_408.0);
        // The catalogue's own DS2_v2 and D4s_v5 are those nodes.
        for (size, want) in [
            (crate::plan::VmSize::Ds2V2, 4_668_348.0),
            (crate::plan::VmSize::D4sV5, 12_909_408.0),
            // Microsoft's 8 vCPU / 32 GiB node: 28362636Ki allocatable (3645 Mi + 750 Mi).
            (crate::plan::VmSize::D8sV5, 28_362_636.0),
        ] {
            let vm = catalog::vm(size);
            let (_, mem) =
                aks_allocatable(vm.vcpu, vm.mem_gib, vm.reported_kib, 30, AksRules::Legacy);
            assert_eq!(mem * 1024.0, want, "{size:?}");
        }
    }
}
