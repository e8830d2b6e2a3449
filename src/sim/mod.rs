//! The day simulation: one day from 00:00 in 15 s steps of the whole autoscaling chain (HPA →
//! pending pods → cluster autoscaler → nodes → cost; KEDA on the Redis list; Container Apps'
//! HTTP rule), a pure function of the plan. The model and every simplification are written
//! down in `docs/SIMULATION.md`; the report composes it beside the sizing, and sweeps never
//! call it.

mod aca;
mod autoscaler;
pub mod csv;
mod hpa;
mod keda;
pub mod load;
pub mod log;
mod month;
mod packing;
pub mod pods;
mod window;

use crate::engine::math::ceil;
use crate::engine::{tasks, web, Sizing};
use crate::plan::Plan;
use autoscaler::Pool;
use hpa::Hpa;
use log::Event;
use packing::{place, Kind, Node};
use pods::Pods;
use serde::Serialize;
use window::WindowMax;

pub use month::explain;

/// The step, s.
pub const STEP_S: f64 = 15.0;
/// Steps in a day: 24 h / 15 s.
pub const STEPS: usize = 5760;
/// The most nodes the simulation holds: five times AKS's 1,000 nodes a pool (the doctor's
/// `exceeds-platform-limit` already calls a plan past that an error).
pub const NODE_CAP: u64 = 5000;

/// The state at the end of one step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Row {
    /// The load, req/s.
    pub load_rps: f64,
    /// What the plan's platform serves: ready web pods (or Container Apps replicas) × capacity.
    pub capacity_rps: f64,
    /// Web replicas, pending ones included.
    pub web_replicas: u64,
    /// Web replicas ready.
    pub web_ready: u64,
    /// Worker replicas, pending ones included.
    pub task_replicas: u64,
    /// Worker replicas ready.
    pub task_ready: u64,
    /// User-pool nodes requested (billed), the workers' own pool included.
    pub nodes: u64,
    /// Nodes of the workers' own pool (`worker_pool` = separate or spot), included in `nodes`.
    pub worker_nodes: u64,
    /// User-pool nodes ready.
    pub nodes_ready: u64,
    /// Requests waiting, by the plan's platform.
    pub backlog: f64,
    /// Container Apps replicas.
    pub aca_replicas: u64,
}

/// The day's month on Container Apps, app by app (`day.aca_breakdown`), USD: the same
/// workloads as the AKS plan beside it, so the two compare like for like.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AcaBreakdown {
    /// The web app: its replicas' vCPU-seconds (active, and idle at the minimum with no load),
    /// GiB-seconds and requests, after the monthly free grants.
    pub web_app: f64,
    /// The workers' app (`<app>-worker`, KEDA on the Redis list): the day's worker replicas at
    /// `task_cpu`/`task_mem` each, billed active, what the grants leave after the web app.
    pub worker_app: f64,
    /// The Redis tier, as priced by `redis_price` (0 when not priced).
    pub redis: f64,
}

impl AcaBreakdown {
    /// The items in display order, with their names.
    pub fn items(&self) -> [(&'static str, f64); 3] {
        [
            ("web_app", self.web_app),
            ("worker_app", self.worker_app),
            ("redis", self.redis),
        ]
    }
}

/// The sum of a breakdown's items, in their order: the one way a total is made from its items
/// (so a total and its table agree to the cent).
pub fn total(items: &[(&'static str, f64)]) -> f64 {
    items.iter().map(|(_, usd)| usd).sum()
}

/// The day's figures: the `day.*` keys of `headroom eval`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// The day's month on AKS: the sum of `breakdown`.
    pub monthly_usd: f64,
    /// The items of `cost.breakdown`, costed from the day's node-hours: the pools' nodes and
    /// OS disks for the hours they ran, the system pool, control plane, load balancer, IP,
    /// Redis and Spot re-runs for the month.
    pub breakdown: crate::engine::cost::Breakdown,
    /// Requested user-pool node-hours in the day (the workers' own pool included).
    pub node_hours: f64,
    /// The workers' own pool: its node-hours in the day (included in `node_hours`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worker_node_hours: Option<f64>,
    /// The workers' own pool: its most nodes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worker_nodes_max: Option<u64>,
    /// Most requested user nodes.
    pub nodes_max: u64,
    /// Fewest requested user nodes.
    pub nodes_min: u64,
    /// Most web replicas.
    pub web_replicas_max: u64,
    /// Most worker replicas.
    pub task_replicas_max: u64,
    /// Seconds with the load above what the plan's platform serves.
    pub overload_s: f64,
    /// Most requests waiting.
    pub backlog_max: f64,
    /// Pod-seconds real pods waited for a node.
    pub pending_pod_s: f64,
    /// (step, series) changes over web replicas, workers, Container Apps replicas and nodes.
    pub scale_events: u64,
    /// Container Apps plans: the day's cost for a month, the sum of `aca_breakdown`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aca_monthly_usd: Option<f64>,
    /// Container Apps plans: the day's month, app by app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aca_breakdown: Option<AcaBreakdown>,
    /// The plan's headline month (this day's, on the plan's platform) per million requests
    /// served, USD; absent with no traffic. `cost.per_million_requests_usd` is the static
    /// month's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_million_requests_usd: Option<f64>,
    /// The headline month per thousand background tasks, USD; absent without background work.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_thousand_tasks_usd: Option<f64>,
    /// Container Apps plans: most replicas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aca_replicas_max: Option<u64>,
    /// Container Apps plans: steps where the replicas went from 0 to 1 or more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aca_cold_starts: Option<u64>,
}

/// Facts the findings read that the summary does not show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// First overload after a rise while the web tier (or Container Apps) was below its
    /// maximum: its start step and length, steps.
    pub lag: Option<(usize, usize)>,
    /// First step the HPA wanted more than `hpa_max`.
    pub hpa_max_at: Option<usize>,
    /// First step KEDA wanted more than its maximum.
    pub keda_max_at: Option<usize>,
    /// Node-seconds above what the pods needed.
    pub tail_node_s: f64,
    /// Requested node-seconds.
    pub node_s: f64,
    /// The longest any real pod waited, s, and when it started waiting.
    pub longest_wait: Option<(f64, usize)>,
    /// The Container Apps day's month, app by app (every plan; the summary has it on
    /// Container Apps plans).
    pub aca_breakdown: AcaBreakdown,
    /// Container Apps cold starts (every plan).
    pub aca_cold_starts: u64,
    /// Overload steps, by the plan's platform.
    pub overload_steps: usize,
}

impl Facts {
    /// The Container Apps day's cost for a month: web and worker apps and Redis (every plan).
    pub fn aca_monthly_usd(&self) -> f64 {
        total(&self.aca_breakdown.items())
    }
}

/// One simulated day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Day {
    /// One row per step.
    pub rows: Vec<Row>,
    /// Every scaling decision, in order.
    pub events: Vec<Event>,
    /// The `day.*` figures.
    pub summary: Summary,
    /// What the findings read.
    pub facts: Facts,
}

/// A step count from seconds: a time between steps takes effect at the first step after it.
fn steps_of(seconds: f64) -> usize {
    ceil(seconds / STEP_S) as usize
}

/// Whether step `then` lies in the window `(now − window_s, now]`.
fn within(now: usize, then: usize, window_s: f64) -> bool {
    ((now - then) as f64) * STEP_S < window_s
}

/// What the controllers read of the plan and its sizing, worked out once for the day.
struct Ctx<'a> {
    plan: &'a Plan,
    s: &'a Sizing,
    /// One web pod's capacity, req/s.
    cap: f64,
    /// The CPU share of a web pod one req/s takes.
    cpu_per_rps: f64,
    /// The HPA's CPU target, a fraction.
    target: f64,
    /// The web tier's (min, max) replicas.
    web_range: (u64, u64),
    tasks_on: bool,
    /// Tasks one worker holds (running and prefetched).
    held: u64,
    /// KEDA's list length per replica.
    queue_target: u64,
    /// KEDA's (min from one, max) replicas.
    task_range: (u64, u64),
    node_steps: usize,
    cold_steps: usize,
    /// Container Apps' (min, max) replicas.
    aca_range: (u64, u64),
}

impl<'a> Ctx<'a> {
    fn new(plan: &'a Plan, s: &'a Sizing) -> Self {
        Ctx {
            plan,
            s,
            cap: s.web.capacity_rps_per_pod,
            cpu_per_rps: s.web.cpu_share_per_rps,
            target: plan.hpa_cpu_pct / 100.0,
            web_range: (u64::from(plan.min_replicas), s.web.hpa_max),
            tasks_on: s.tasks.enabled,
            held: u64::from(plan.task_concurrency).saturating_mul(tasks::prefetch(plan)),
            queue_target: u64::from(plan.queue_target).max(1),
            task_range: (u64::from(plan.task_min).max(1), s.tasks.keda_max),
            node_steps: steps_of(f64::from(plan.node_start_s)),
            cold_steps: steps_of(plan.cold_start_s),
            aca_range: (u64::from(plan.aca_min), u64::from(plan.aca_max)),
        }
    }

    /// Tasks in the system at a load: the peak's share.
    fn tasks_at(&self, load: f64) -> u64 {
        if self.plan.peak_rps > 0.0 && self.tasks_on {
            ceil(self.s.tasks.peak as f64 * load / self.plan.peak_rps)
        } else {
            0
        }
    }

    /// The replicas Container Apps' HTTP rule wants at a load, within its bounds.
    fn aca_wants(&self, load: f64) -> u64 {
        crate::engine::aca::replicas_for(self.plan, load)
            .clamp(self.aca_range.0, self.aca_range.1.max(self.aca_range.0))
    }
}

/// The whole state of the day between steps.
struct State {
    web: Pods,
    task: Pods,
    holders: Pods,
    aca: Pods,
    /// The user pool (web pods, placeholders, and the workers unless they have their own
    /// pool), then the workers' own pool.
    pools: Vec<Pool>,
    /// The pool the workers run on: 0, or 1 with a pool of their own.
    task_at: usize,
    web_hpa: Hpa,
    task_hpa: Hpa,
    aca_wants: WindowMax,
    last_busy_poll: Option<usize>,
    backlog: f64,
    aca_backlog: f64,
    /// Steps from placement to ready.
    pod_steps: usize,
}

impl State {
    /// The pool that holds pods of `kind`.
    fn pool_of(&self, kind: Kind) -> usize {
        if kind == Kind::Task {
            self.task_at
        } else {
            0
        }
    }

    /// The (web-sized, worker) pods of pool `i`, by `count`.
    fn pods_of(&self, i: usize, count: impl Fn(&Pods) -> u64) -> (u64, u64) {
        let web = if i == 0 {
            count(&self.web) + count(&self.holders)
        } else {
            0
        };
        let task = if i == self.task_at {
            count(&self.task)
        } else {
            0
        };
        (web, task)
    }

    /// The pods of one kind.
    fn pods(&mut self, kind: Kind) -> &mut Pods {
        match kind {
            Kind::Web => &mut self.web,
            Kind::Task => &mut self.task,
            Kind::Holder => &mut self.holders,
        }
    }
}

/// Simulates the plan's day (docs/SIMULATION.md): each step runs the controllers in the order
/// the docs give, (2) the HPA, KEDA and Container Apps' rule, (3) pending pods onto ready
/// nodes, (4) the cluster autoscaler on each pool, (5, 6) nodes ready now take pending pods,
/// (7, 8) ready pods serve and the step is recorded.
pub fn simulate(plan: &Plan, s: &Sizing) -> Day {
    let x = Ctx::new(plan, s);
    let loads = load::loads(plan);
    let (mut st, start) = start(&x, loads[0]);
    let mut events = Vec::new();
    let mut tally = month::Tally::new(start);
    for (k, &load) in loads.iter().enumerate() {
        let before = k.saturating_sub(1);
        if k > 0 && load > loads[k - 1] {
            tally.rose_at = Some(k);
        }
        hpa::step(&x, &mut st, k, load, &mut events, &mut tally.facts);
        if x.tasks_on {
            keda::step(&x, &mut st, k, load, &mut events, &mut tally.facts);
        }
        aca::step(&x, &mut st, k, load, &mut events, &mut tally.facts);
        place(&mut st, k, before);
        let mut needed_total = Some(0u64);
        for i in 0..st.pools.len() {
            let needed =
                autoscaler::autoscale(&mut st, i, k, before, x.node_steps, plan, &mut events);
            let min = st.pools[i].min;
            needed_total = needed_total.zip(needed).map(|(a, n)| a + n.max(min));
        }
        place(&mut st, k, k);
        tally.record(&x, &mut st, k, load, needed_total);
    }
    tally.finish(&x, &st, events)
}

/// The steady state of the load at 00:00, all ready: the state, and the (web, worker,
/// Container Apps, node) counts the day starts from.
fn start(x: &Ctx, l0: f64) -> (State, (u64, u64, u64, u64)) {
    let plan = x.plan;
    let web0 = web::hpa_settles(plan, x.cap, x.cpu_per_rps, l0)
        .0
        .clamp(x.web_range.0, x.web_range.1.max(x.web_range.0));
    let task0 = if x.tasks_on {
        tasks::keda_settles(
            x.tasks_at(l0),
            u64::from(plan.task_min),
            x.s.tasks.keda_max,
            x.held,
            x.queue_target,
        )
    } else {
        0
    };
    let holders0 = u64::from(plan.overprovision);
    let mut pools = vec![Pool::new(plan, &x.s.cluster)];
    if let Some((wp, wc)) = x.s.cluster.workers_with_plan(plan) {
        pools.push(Pool::new(&wp, wc));
    }
    let mut st = State {
        web: Pods::default(),
        task: Pods::default(),
        holders: Pods::default(),
        aca: Pods::ready_from_start(x.aca_wants(l0)),
        task_at: pools.len() - 1,
        pools,
        web_hpa: Hpa::default(),
        task_hpa: Hpa::default(),
        aca_wants: WindowMax::default(),
        last_busy_poll: None,
        backlog: 0.0,
        aca_backlog: 0.0,
        pod_steps: steps_of(f64::from(plan.pod_start_s)),
    };
    st.web.add_pending(web0, 0);
    st.task.add_pending(task0, 0);
    st.holders.add_pending(holders0, 0);
    // Each pool starts with the nodes its share of the steady state needs, the pods laid out
    // as the exact packing lays them; first fit takes any that layout leaves (a start clamped
    // below what the pods need).
    let mut laid = true;
    for i in 0..st.pools.len() {
        let (w, t) = st.pods_of(i, |p| p.total());
        let pool = &mut st.pools[i];
        let packed = pool.cluster.pack(w, t).unwrap_or(0);
        let n = pool.even(packed.clamp(pool.min, pool.max));
        pool.cluster.nodes = vec![
            Node {
                ready_at: 0,
                web: 0,
                task: 0,
                holders: 0,
            };
            n as usize
        ];
        let h = if i == 0 { holders0 } else { 0 };
        laid &= pool.cluster.relayout(w - h, t, h);
    }
    if laid {
        st.web.place(web0, 0);
        st.task.place(task0, 0);
        st.holders.place(holders0, 0);
    } else {
        for pool in &mut st.pools {
            pool.cluster.relayout(0, 0, 0);
        }
    }
    place(&mut st, 0, 0);
    // What was placed at the start is ready at the start; the rest waits like any pod.
    st.web.settle(usize::MAX);
    st.task.settle(usize::MAX);
    st.holders.settle(usize::MAX);
    if task0 > 0 {
        st.last_busy_poll = Some(0);
    }
    let counts = (web0, task0, st.aca.total(), autoscaler::node_count(&st));
    (st, counts)
}
