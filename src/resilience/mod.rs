//! Capacity that survives: replicas and nodes that still serve the peak with a zone or nodes
//! lost, the upgrade's surge (quota and subnet addresses), rollouts and the disruption budget
//! (docs/RESILIENCE.md). A pure function of the plan and its sizing, composed by the report;
//! every input defaults to "off", where every figure equals the static one.

use crate::engine::catalog::{self, HOURS_PER_MONTH};
use crate::engine::cluster::{node_room, pack, shapes};
use crate::engine::format::Num;
use crate::engine::math::{ceil, floor, sat_add, sat_mul};
use crate::engine::{Explain, Sizing};
use crate::plan::{Budget, Network, Plan, ZonePools};
use serde::Serialize;

/// A state of the cluster the plan must serve its peak in, written as in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum StateKind {
    /// Every node and pod up.
    #[serde(rename = "normal")]
    Normal,
    /// One availability zone down.
    #[serde(rename = "zone lost")]
    ZoneLost,
    /// `survive_nodes` nodes down.
    #[serde(rename = "nodes lost")]
    NodesLost,
    /// A node-image upgrade: the surge nodes up, the disruption budget's pods down.
    #[serde(rename = "during upgrade")]
    DuringUpgrade,
    /// A rolling update of the web Deployment.
    #[serde(rename = "during rollout")]
    DuringRollout,
}

impl StateKind {
    /// The state as written in JSON and on the page.
    pub fn as_str(self) -> &'static str {
        match self {
            StateKind::Normal => "normal",
            StateKind::ZoneLost => "zone lost",
            StateKind::NodesLost => "nodes lost",
            StateKind::DuringUpgrade => "during upgrade",
            StateKind::DuringRollout => "during rollout",
        }
    }
}

/// The capacity in one state of the cluster.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct State {
    /// Which state: `normal`, `zone lost`, `nodes lost`, `during upgrade`, `during rollout`.
    pub state: StateKind,
    /// What the ready web pods serve, req/s.
    pub capacity_rps: f64,
    /// The peak, req/s.
    pub peak_rps: f64,
    /// Web pods ready.
    pub web_ready: u64,
    /// User nodes up.
    pub nodes: u64,
}

/// A step of the node-count waterfall: why the user pool has the nodes it has.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// What the step adds.
    pub label: &'static str,
    /// Nodes after it.
    pub nodes: u64,
}

/// The resilience figures: the `resilience.*` keys of `headroom eval`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resilience {
    /// Web replicas the HPA must hold at peak so that the failures asked for leave the peak's need.
    pub web_replicas: u64,
    /// Worker replicas likewise.
    pub task_replicas: u64,
    /// The HPA's CPU target that holds `web_replicas` at peak: target × need / replicas, %.
    pub effective_cpu_target_pct: f64,
    /// User nodes per zone at the maxima (packed per zone).
    pub nodes_per_zone: u64,
    /// User nodes at the maxima, every zone.
    pub nodes_total: u64,
    /// The workers' own pool (`worker_pool` = separate or spot): its nodes holding the surviving
    /// workers, every zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worker_nodes_total: Option<u64>,
    /// Extra nodes an upgrade adds, every pool.
    pub surge_nodes: u64,
    /// vCPUs at the pools' maxima plus the upgrade's surge, the system pool included.
    pub vcpu_needed: u64,
    /// Subnet addresses the nodes (and, with Azure CNI, their pods) take, surge included.
    pub ips_needed: u64,
    /// Usable addresses of the node subnet (Azure keeps 5 of each subnet).
    pub ips_usable: u64,
    /// The web PodDisruptionBudget's maxUnavailable.
    pub pdb_max_unavailable: u64,
    /// Extra web pods a rollout starts at peak (maxSurge of the replicas, rounded up).
    pub rollout_extra_pods: u64,
    /// Whether the nodes at peak have room for those extra pods beside every other pod.
    pub rollout_fits: bool,
    /// Monthly cost of the nodes resilience adds over the static plan.
    pub monthly_usd: f64,
    /// The node count, step by step.
    pub waterfall: Vec<Step>,
    /// Normal, zone lost, nodes lost, during upgrade, during rollout.
    pub states: Vec<State>,
}

/// Azure keeps the first four addresses and the last of every subnet.
const AZURE_RESERVED_IPS: u64 = 5;

/// Replicas that survive the plan's failures, in closed form (counts saturate at 2^53):
/// - a lost zone: an even spread over Z zones holds at most ⌈R/Z⌉ in one, and
///   R − ⌈R/Z⌉ = ⌊R(Z − 1)/Z⌋ ≥ need exactly when R ≥ need × Z / (Z − 1);
/// - `k` lost nodes, worst case each holding `per_node` of them: R − k × min(R, per_node) ≥ need
///   holds from R = need + k × per_node (below per_node it only falls).
fn surviving(plan: &Plan, need: u64, per_node: u64) -> u64 {
    let z = u64::from(plan.zones);
    let zone = if plan.survive_zone && z > 1 {
        sat_mul(need, z).div_ceil(z - 1)
    } else {
        need
    };
    let k = u64::from(plan.survive_nodes);
    let nodes = if k > 0 && need > 0 {
        sat_add(need, sat_mul(k, per_node.max(1)))
    } else {
        need
    };
    zone.max(nodes)
}

/// The workers' own pool under the failures asked for.
#[derive(Clone, Copy)]
struct WorkerNodes {
    /// Packed at the maxima.
    base: u64,
    /// Holding the surviving workers, every zone.
    total: u64,
    /// Its autoscaler maximum, raised to `total`.
    max: u64,
    /// What an upgrade adds, every zone pool.
    surge: u64,
    /// vCPUs a node.
    vcpu: u32,
    /// One node and its OS disk, USD a month.
    node_month_usd: f64,
}

/// The figures alone, for the exporters: the same code path as the report's (one copy of it in
/// the browser bundle), the explanations dropped.
pub fn figures(plan: &Plan, s: &Sizing) -> Resilience {
    assess(plan, s, &mut crate::engine::Quiet)
}

/// Computes the plan's resilience figures and explains them.
pub fn assess(plan: &Plan, s: &Sizing, ex: &mut impl Explain) -> Resilience {
    let z = u64::from(plan.zones.max(1));
    let web_need = s.web.replicas_hpa_settles;
    let task_need = s.tasks.keda_steady;
    let web = surviving(plan, web_need, s.cluster.web_pods_per_node);
    let task = if s.tasks.enabled {
        surviving(plan, task_need, s.cluster.worker_pool().task_pods_per_node)
    } else {
        task_need
    };
    let target = plan.hpa_cpu_pct * web_need as f64 / web.max(1) as f64;
    ex.add("resilience.web_replicas", || {
        format!(
            "{} web replicas hold the peak's {} (where the CPU HPA settles){}{}; the HPA holds them at a CPU target of {} % × {} / {} = {} %",
            web,
            web_need,
            if plan.survive_zone && z > 1 {
                format!(" with one of {} zones lost (R − ⌈R/{}⌉ ≥ {})", z, z, web_need)
            } else {
                String::new()
            },
            if plan.survive_nodes > 0 {
                format!(
                    " and {} nodes lost (R − {} × min(R, {} pods a node) ≥ {})",
                    plan.survive_nodes, plan.survive_nodes, s.cluster.web_pods_per_node, web_need
                )
            } else {
                String::new()
            },
            Num(plan.hpa_cpu_pct),
            web_need,
            web,
            Num(target)
        )
    });

    // Nodes at the maxima: the HPA's and KEDA's, raised to the surviving counts, per zone.
    let room = node_room(plan);
    let (web_shape, task_shape) = shapes(plan);
    // With a pool of their own the workers are not packed here but on theirs (below).
    let shared = s.cluster.workers.is_none();
    let packed = |w: u64, t: u64| {
        let t = if shared { t } else { 0 };
        pack(room, web_shape, w, task_shape, t).ok()
    };
    let (w_max, t_max) = (s.web.hpa_max, s.tasks.keda_max);
    let base = s.cluster.nodes_packed.unwrap_or(s.cluster.nodes_aggregate);
    let spread = packed(w_max.div_ceil(z), t_max.div_ceil(z)).map_or(base, |n| sat_mul(n, z));
    let (w_hold, t_hold) = (w_max.max(web), t_max.max(task));
    let per_zone = packed(w_hold.div_ceil(z), t_hold.div_ceil(z)).unwrap_or(base.div_ceil(z));
    let total = sat_mul(per_zone, z).max(base);
    let pools = match plan.zone_pools {
        ZonePools::PerZone if z > 1 => z,
        _ => 1,
    };
    let surge_per = |pool_size: u64| {
        if plan.max_surge_nodes > 0 {
            u64::from(plan.max_surge_nodes)
        } else {
            ceil(f64::from(plan.max_surge_pct) / 100.0 * pool_size as f64)
        }
    };
    let user_max = s.cluster.max_count.max(total);
    let surge = sat_mul(pools, surge_per(user_max.div_ceil(pools)));
    // The workers' own pool: its nodes holding the surviving workers spread over the zones,
    // (packed, those nodes, its maximum, its surge, vCPU a node, USD a node-month).
    let workers = s.cluster.workers_with_plan(plan).map(|(wp, wc)| {
        let base = wc.nodes_packed.unwrap_or(wc.nodes_aggregate);
        let zone = pack(node_room(&wp), web_shape, 0, task_shape, t_hold.div_ceil(z)).ok();
        let total = zone.map_or(base, |n| sat_mul(n, z)).max(base);
        let max = wc.max_count.max(total);
        let usd = s.cost.worker_usd_per_hour.unwrap_or(0.0) * HOURS_PER_MONTH
            + s.cost.extras.os_disk_workers_usd_month.unwrap_or(0.0);
        WorkerNodes {
            base,
            total,
            max,
            surge: sat_mul(pools, surge_per(max.div_ceil(pools))),
            vcpu: catalog::vm(wp.node_vm).vcpu,
            node_month_usd: usd,
        }
    });
    let (w_nodes, w_vcpu) = workers.map_or((0, 0), |w| {
        let nodes = sat_add(w.max, w.surge);
        (nodes, sat_mul(nodes, u64::from(w.vcpu)))
    });
    let sys_nodes = u64::from(plan.sys_nodes);
    let sys_surge = surge_per(sys_nodes);
    let vcpu = sat_add(
        sat_mul(
            sat_add(user_max, surge),
            u64::from(catalog::vm(plan.node_vm).vcpu),
        ),
        sat_add(
            sat_mul(
                sys_nodes + sys_surge,
                u64::from(catalog::vm(plan.sys_vm).vcpu),
            ),
            w_vcpu,
        ),
    );
    let nodes_all = sat_add(
        sat_add(sat_add(user_max, surge), sys_nodes + sys_surge),
        w_nodes,
    );
    let ips = match plan.network {
        Network::AzureCni => sat_mul(nodes_all, u64::from(plan.node_pods) + 1),
        Network::Kubenet | Network::Overlay => nodes_all,
    };
    let usable = (1u64 << (32 - plan.subnet_prefix.min(32))).saturating_sub(AZURE_RESERVED_IPS);
    ex.add("resilience.nodes_total", || {
        format!(
            "{} packed at the maxima; {} spread evenly over {} zone(s); {} holding {} web and {} worker replicas ({} a zone × {}); the upgrade adds {} ({} pool(s) of {} at {})",
            base,
            spread,
            z,
            total,
            w_hold,
            t_hold,
            per_zone,
            z,
            surge,
            pools,
            user_max.div_ceil(pools),
            if plan.max_surge_nodes > 0 {
                format!("{} nodes", plan.max_surge_nodes)
            } else {
                format!("{} %, rounded up", plan.max_surge_pct)
            }
        )
    });
    ex.add("resilience.vcpu_needed", || {
        format!(
            "user ({} max + {} surge) × {} vCPU + system ({} + {} surge) × {} vCPU{} = {} vCPU{}",
            user_max,
            surge,
            catalog::vm(plan.node_vm).vcpu,
            sys_nodes,
            sys_surge,
            catalog::vm(plan.sys_vm).vcpu,
            workers.map_or(String::new(), |w| format!(
                " + workers ({} max + {} surge) × {} vCPU",
                w.max, w.surge, w.vcpu
            )),
            vcpu,
            if plan.vcpu_quota > 0 {
                format!(" against a quota of {}", plan.vcpu_quota)
            } else {
                String::new()
            }
        )
    });
    ex.add("resilience.ips_needed", || {
        format!(
            "{}: {} nodes (surge included){} = {} addresses of the /{} subnet's {} usable",
            plan.network.as_str(),
            nodes_all,
            if plan.network == Network::AzureCni {
                format!(" × ({} pods + 1)", plan.node_pods)
            } else {
                String::new()
            },
            ips,
            plan.subnet_prefix,
            usable
        )
    });

    // The disruption budget, at the off-peak minimum.
    // What the off-peak load needs where the CPU HPA would settle, before its minimum.
    let min = s.web.replicas_min;
    let offpeak_need =
        ceil(plan.offpeak_rps * s.web.cpu_share_per_rps / (plan.hpa_cpu_pct / 100.0))
            .max(1)
            .min(min);
    let pdb = match plan.pdb {
        Budget::Unavailable(n) => u64::from(n),
        Budget::Auto => min.saturating_sub(offpeak_need).max(1),
    };
    ex.add("resilience.pdb_max_unavailable", || match plan.pdb {
        Budget::Unavailable(n) => {
            format!("given: {} web pods may be unavailable during a drain", n)
        }
        Budget::Auto => format!(
            "auto: max(1, {} minimum replicas − {} the off-peak load needs at the CPU target) = {}",
            min, offpeak_need, pdb
        ),
    });
    let rollout_extra = ceil(f64::from(plan.rollout_surge_pct) / 100.0 * web as f64);
    let rollout_down = floor(f64::from(plan.rollout_unavailable_pct) / 100.0 * web as f64);
    // The extra pods fit on the peak's nodes, or the autoscaler adds nodes (up to its maximum)
    // and the rollout waits for them; past the maximum it cannot finish at peak.
    let rollout_nodes = packed(sat_add(web, rollout_extra), task);
    let rollout_fits = rollout_nodes.is_some_and(|n| n <= user_max);
    ex.add("resilience.rollout_extra_pods", || {
        let wait = match rollout_nodes {
            Some(n) if n <= total => format!("the {} nodes at peak have room for them", total),
            Some(n) if n <= user_max => format!(
                "they need {} more node(s): the rollout waits about node_start_s ({} s) for them",
                n - total,
                plan.node_start_s
            ),
            _ => format!(
                "they do not fit even at the autoscaler's maximum of {} nodes",
                user_max
            ),
        };
        format!(
            "ceil({} % × {} web replicas) = {} extra pods during a rollout at peak; {}",
            plan.rollout_surge_pct, web, rollout_extra, wait
        )
    });

    // The states, at peak with `web` replicas held.
    let cap = s.web.capacity_rps_per_pod;
    let k = u64::from(plan.survive_nodes.max(1));
    let state = |state, web_ready: u64, nodes: u64| State {
        state,
        capacity_rps: web_ready as f64 * cap,
        peak_rps: plan.peak_rps,
        web_ready,
        nodes,
    };
    let mut states = vec![state(StateKind::Normal, web, total)];
    if z > 1 {
        states.push(state(
            StateKind::ZoneLost,
            web - web.div_ceil(z),
            total - per_zone,
        ));
    }
    states.push(state(
        StateKind::NodesLost,
        web.saturating_sub(sat_mul(k, web.min(s.cluster.web_pods_per_node.max(1)))),
        total.saturating_sub(k),
    ));
    states.push(state(
        StateKind::DuringUpgrade,
        web.saturating_sub(pdb),
        sat_add(total, surge),
    ));
    states.push(state(
        StateKind::DuringRollout,
        web.saturating_sub(rollout_down),
        total,
    ));

    let price = s.cost.node_usd_per_hour;
    let extra_nodes = total.saturating_sub(base);
    Resilience {
        web_replicas: web,
        task_replicas: task,
        effective_cpu_target_pct: target,
        nodes_per_zone: per_zone,
        nodes_total: total,
        worker_nodes_total: workers.map(|w| w.total),
        surge_nodes: surge,
        vcpu_needed: vcpu,
        ips_needed: ips,
        ips_usable: usable,
        pdb_max_unavailable: pdb,
        rollout_extra_pods: rollout_extra,
        rollout_fits,
        // Each extra node with its OS disk (the price book's tier for the VM).
        monthly_usd: extra_nodes as f64
            * (price * HOURS_PER_MONTH + s.cost.extras.os_disk_user_usd_month.unwrap_or(0.0))
            + workers.map_or(0.0, |w| {
                w.total.saturating_sub(w.base) as f64 * w.node_month_usd
            }),
        waterfall: vec![
            Step {
                label: "packed",
                nodes: base,
            },
            Step {
                label: "zone spread",
                nodes: spread.max(base),
            },
            Step {
                label: "failure tolerance",
                nodes: total,
            },
            Step {
                label: "upgrade surge",
                nodes: sat_add(total, surge),
            },
        ],
        states,
    }
}

/// The plan as it runs when it survives its failures: the figures the exports deploy
/// (`kubernetes.yaml`'s HPA maximum and CPU target, the ScaledObject's maximum,
/// `aks-nodepools.sh`'s `--max-count`) in the sizing's place, and the plan the day is
/// simulated with (the HPA's CPU target lowered to hold the surviving replicas). A plan that
/// leaves the Resilience group alone runs as it is sized; `web.replicas_min` never moves
/// (surviving is about the peak, and the minimum is the plan's own choice).
///
/// The engine's other figures (the static month `cost.*`, the packing, the connection
/// budgets) stay the sized plan's: the resilience block says what the survival adds.
pub fn survive<'a>(
    plan: &'a Plan,
    mut s: Sizing,
    r: &Resilience,
    ex: &mut impl Explain,
) -> (std::borrow::Cow<'a, Plan>, Sizing) {
    use std::borrow::Cow;
    if !plan.uses(crate::plan::Group::Resilience) {
        return (Cow::Borrowed(plan), s);
    }
    // Each figure raised says so after its own formula.
    let mut raise = |key: &'static str, figure: &mut u64, to: u64, why: &'static str| {
        if to > *figure {
            let from = *figure;
            ex.append(key, || format!("raised from {from} to {to}: {why}"));
            *figure = to;
        }
    };
    let web = "the web replicas that survive the failures asked for (resilience.web_replicas)";
    raise("web.hpa_max", &mut s.web.hpa_max, r.web_replicas, web);
    raise(
        "web.replicas_max",
        &mut s.web.replicas_max,
        r.web_replicas,
        web,
    );
    if s.tasks.enabled {
        let why = "the workers that survive the failures asked for (resilience.task_replicas)";
        raise(
            "tasks.keda_max",
            &mut s.tasks.keda_max,
            r.task_replicas,
            why,
        );
    }
    let nodes = "the user nodes that hold the surviving replicas (resilience.nodes_total)";
    let c = &mut s.cluster;
    raise(
        "cluster.nodes_peak",
        &mut c.nodes_peak,
        r.nodes_total,
        nodes,
    );
    raise("cluster.max_count", &mut c.max_count, r.nodes_total, nodes);
    if let Some(m) = c.autoscaler_max.as_mut() {
        raise("cluster.autoscaler_max", m, r.nodes_total, nodes);
    }
    if let (Some(w), Some(total)) = (c.workers.as_deref_mut(), r.worker_nodes_total) {
        w.nodes_peak = w.nodes_peak.max(total);
        w.max_count = w.max_count.max(total);
        w.autoscaler_max = w.autoscaler_max.map(|m| m.max(total));
    }
    let target = deployed_cpu_target(r);
    if target < plan.hpa_cpu_pct {
        let mut run = plan.clone();
        run.hpa_cpu_pct = target;
        return (Cow::Owned(run), s);
    }
    (Cow::Borrowed(plan), s)
}

/// The sizing as the exports deploy it: [`survive`]'s figures, without explanations.
pub fn deployed(plan: &Plan, s: &Sizing, r: &Resilience) -> Sizing {
    survive(plan, s.clone(), r, &mut crate::engine::Quiet).1
}

/// The HPA's CPU target as `kubernetes.yaml` deploys it: the effective target, whole percent,
/// at least 1.
pub fn deployed_cpu_target(r: &Resilience) -> f64 {
    r.effective_cpu_target_pct.round().max(1.0)
}
