//! The day simulation: one day from 00:00 in 15 s steps of the whole autoscaling chain (HPA →
//! pending pods → cluster autoscaler → nodes → cost; KEDA on the Redis list; Container Apps'
//! HTTP rule), a pure function of the plan. The model and every simplification are written
//! down in `docs/SIMULATION.md`; the report composes it beside the sizing, and sweeps never
//! call it.

pub mod csv;
pub mod load;
pub mod log;
pub mod pods;

use crate::engine::catalog::HOURS_PER_MONTH;
use crate::engine::cluster::{
    arrangement, node_room, pack, room_beside, shapes, NodeRoom, PodShape,
};
use crate::engine::math::{ceil, div, floor};
use crate::engine::{tasks, web, Sizing};
use crate::plan::{Plan, Platform, ZonePools};
use log::{Event, Limit, What};
use pods::Pods;
use serde::Serialize;

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

/// The day's figures: the `day.*` keys of `headroom eval`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// System pool + control plane + Redis + the day's user-pool node-hours × price × 730 / 24.
    pub monthly_usd: f64,
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
    /// Container Apps plans: the day's cost for a month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aca_monthly_usd: Option<f64>,
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
    /// The day's user-pool node-hours for a month, at the node price (the workers' own pool
    /// included, at its price).
    pub user_pool_usd: f64,
    /// OS disks (for the day's node-hours), load balancer and public IP, USD/month.
    pub extras_usd: f64,
    /// The Container Apps day's cost for a month (every plan).
    pub aca_monthly_usd: f64,
    /// Container Apps cold starts (every plan).
    pub aca_cold_starts: u64,
    /// Overload steps, by the plan's platform.
    pub overload_steps: usize,
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

/// The highest value recorded in a sliding window of steps: a queue of (step, value) whose
/// values fall from front to back, so the front is the maximum (each value enters and leaves
/// once, however long the window).
#[derive(Clone, Debug, Default)]
struct WindowMax {
    queue: std::collections::VecDeque<(usize, u64)>,
}

impl WindowMax {
    /// Records `value` at `step` and forgets what left the window `(step − window_s, step]`.
    fn push(&mut self, step: usize, value: u64, window_s: f64) {
        while self.queue.back().is_some_and(|&(_, v)| v <= value) {
            self.queue.pop_back();
        }
        self.queue.push_back((step, value));
        while self
            .queue
            .front()
            .is_some_and(|&(s, _)| !within(step, s, window_s))
        {
            self.queue.pop_front();
        }
    }

    /// The highest value in the window (the latest value is always in it).
    fn max(&self) -> Option<u64> {
        self.queue.front().map(|&(_, v)| v)
    }

    fn clear(&mut self) {
        self.queue.clear();
    }
}

/// The HPA's controller state for one scale target (web, or KEDA's workers at 1 or more).
#[derive(Clone, Debug, Default)]
struct Hpa {
    /// Recommendations in the scale-down window.
    recs: WindowMax,
    /// (step, pods added) in the scale-up period, and their sum.
    adds: std::collections::VecDeque<(usize, u64)>,
    added: u64,
}

/// One HPA decision: the new count, and the limit that held it back.
struct Decision {
    to: u64,
    wants: u64,
    limit: Option<Limit>,
}

impl Hpa {
    /// The HPA algorithm of docs/SIMULATION.md for `current` replicas: `ratio` is usage over
    /// target, `raw` the recommendation outside the tolerance.
    fn decide(
        &mut self,
        plan: &Plan,
        step: usize,
        current: u64,
        ratio: f64,
        raw: u64,
        (min, max): (u64, u64),
    ) -> Decision {
        let rec = if (ratio - 1.0).abs() <= plan.hpa_tolerance + 1e-9 {
            current
        } else {
            raw
        };
        self.recs.push(step, rec, f64::from(plan.hpa_down_window_s));
        let highest = self.recs.max().unwrap_or(rec);
        let period = f64::from(plan.hpa_up_period_s);
        while let Some(&(s, n)) = self.adds.front() {
            if within(step, s, period) {
                break;
            }
            self.added -= n;
            self.adds.pop_front();
        }
        let mut limit = None;
        let mut to = if rec > current {
            let start = current.saturating_sub(self.added);
            let by_pods = start.saturating_add(u64::from(plan.hpa_up_pods));
            let by_pct = ceil(start as f64 * (1.0 + f64::from(plan.hpa_up_pct) / 100.0));
            let cap = by_pods.max(by_pct).max(current);
            if rec > cap {
                limit = Some(if by_pct >= by_pods {
                    Limit::UpPercent(plan.hpa_up_pct, plan.hpa_up_period_s)
                } else {
                    Limit::UpPods(plan.hpa_up_pods, plan.hpa_up_period_s)
                });
            }
            rec.min(cap)
        } else {
            if highest < current {
                let floor_n = ceil(current as f64 * (1.0 - f64::from(plan.hpa_down_pct) / 100.0));
                if floor_n > highest {
                    limit = Some(Limit::DownPercent(plan.hpa_down_pct));
                }
                highest.max(floor_n)
            } else {
                current
            }
        };
        let wants = if rec > current { rec } else { highest };
        to = to.clamp(min, max.max(min));
        if to > current {
            self.adds.push_back((step, to - current));
            self.added += to - current;
        }
        Decision { to, wants, limit }
    }

    fn reset(&mut self) {
        self.recs.clear();
        self.adds.clear();
        self.added = 0;
    }
}

/// A node: when it is ready and the pods on it.
#[derive(Clone, Copy, Debug)]
struct Node {
    ready_at: usize,
    web: u64,
    task: u64,
    holders: u64,
}

impl Node {
    /// The pods of one kind on the node.
    fn count_mut(&mut self, kind: Kind) -> &mut u64 {
        match kind {
            Kind::Web => &mut self.web,
            Kind::Task => &mut self.task,
            Kind::Holder => &mut self.holders,
        }
    }
}

/// The three kinds of pod on a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Web,
    Task,
    Holder,
}

/// The nodes, their room, and the pod shapes.
struct Cluster {
    /// In creation order, which is also ready order (every node takes the same time to start).
    nodes: Vec<Node>,
    room: NodeRoom,
    web: PodShape,
    task: PodShape,
    /// Counts the changes that may free room (pods leave, nodes become ready or go): a kind
    /// whose last placement left pods waiting skips the nodes until this moves.
    freed: u64,
    /// Per kind (web, task, placeholder): `freed` and the ready nodes when it last left pods waiting.
    stuck: [Option<(u64, u64)>; 3],
    /// The last packings asked for: ((web-sized pods, workers), nodes). The pod counts change
    /// only at scaling decisions, and a packing can cost a few thousand layout pairs.
    packed: [Option<Packed>; 4],
}

/// A packing asked for: ((web-sized pods, workers), the nodes that hold them).
type Packed = ((u64, u64), Option<u64>);

impl Cluster {
    /// How many more pods of `kind` fit on `node`.
    fn room_of(room: NodeRoom, web: PodShape, task: PodShape, node: &Node, kind: Kind) -> u64 {
        let shape = match kind {
            Kind::Task => task,
            Kind::Web | Kind::Holder => web,
        };
        room_beside(
            room,
            shape,
            (web, node.web + node.holders),
            (task, node.task),
        )
        .0
    }

    fn slot(kind: Kind) -> usize {
        match kind {
            Kind::Web => 0,
            Kind::Task => 1,
            Kind::Holder => 2,
        }
    }

    /// Places up to `n` pods of `kind` first fit on nodes ready by `ready_by`; returns how many.
    fn fit(&mut self, kind: Kind, n: u64, ready_by: usize) -> u64 {
        let ready = self.ready(ready_by);
        if n == 0 || self.stuck[Self::slot(kind)] == Some((self.freed, ready)) {
            return 0;
        }
        let mut left = n;
        for node in self.nodes[..ready as usize].iter_mut() {
            if left == 0 {
                break;
            }
            let k = Self::room_of(self.room, self.web, self.task, node, kind).min(left);
            *node.count_mut(kind) += k;
            left -= k;
        }
        self.stuck[Self::slot(kind)] = (left > 0).then_some((self.freed, ready));
        n - left
    }

    /// Places up to `n` real pods by evicting placeholders; returns (placed, evicted). As the
    /// scheduler does, a node's placeholders are evicted only when that makes room.
    fn preempt(&mut self, kind: Kind, n: u64, ready_by: usize, placed_holders: u64) -> (u64, u64) {
        if n == 0 || placed_holders == 0 {
            return (0, 0);
        }
        let (mut left, mut evicted) = (n, 0);
        let ready = self.ready(ready_by) as usize;
        for node in self.nodes[..ready].iter_mut() {
            if left == 0 {
                break;
            }
            if node.holders == 0 {
                continue;
            }
            let bare = Node {
                holders: 0,
                ..*node
            };
            if Self::room_of(self.room, self.web, self.task, &bare, kind) == 0 {
                continue;
            }
            while left > 0 && node.holders > 0 {
                node.holders -= 1;
                evicted += 1;
                let k = Self::room_of(self.room, self.web, self.task, node, kind).min(left);
                *node.count_mut(kind) += k;
                left -= k;
            }
        }
        if evicted > 0 {
            self.freed += 1;
        }
        (n - left, evicted)
    }

    /// Takes `n` pods of `kind` off the newest nodes that hold them.
    fn unfit(&mut self, kind: Kind, n: u64) {
        if n == 0 {
            return;
        }
        self.freed += 1;
        let mut left = n;
        for node in self.nodes.iter_mut().rev() {
            let c = node.count_mut(kind);
            let k = (*c).min(left);
            *c -= k;
            left -= k;
        }
    }

    /// Lays `web` web pods, `task` workers and `holders` placeholders out on the nodes as the
    /// exact packing arranges them; `false` (and nothing changed) when it cannot.
    fn relayout(&mut self, web: u64, task: u64, holders: u64) -> bool {
        let n = self.nodes.len() as u64;
        let Some(layout) = arrangement(self.room, self.web, web + holders, self.task, task, n)
        else {
            return false;
        };
        let (mut w, mut t, mut h) = (web, task, holders);
        for (node, (b, a)) in self.nodes.iter_mut().zip(layout) {
            node.task = t.min(b);
            t -= node.task;
            node.web = w.min(a);
            w -= node.web;
            node.holders = h.min(a - node.web);
            h -= node.holders;
        }
        self.freed += 1;
        w + t + h == 0
    }

    /// Nodes ready at `step`: a prefix, since nodes are ready in creation order.
    fn ready(&self, step: usize) -> u64 {
        self.nodes.partition_point(|n| n.ready_at <= step) as u64
    }

    /// The fewest nodes that hold these pods (the engine's exact packing), `None` when a pod
    /// fits no node.
    fn pack(&mut self, web_like: u64, task: u64) -> Option<u64> {
        let key = (web_like, task);
        if let Some((_, n)) = self.packed.iter().flatten().find(|(k, _)| *k == key) {
            return *n;
        }
        let n = pack(self.room, self.web, web_like, self.task, task).ok();
        self.packed.rotate_right(1);
        self.packed[0] = Some((key, n));
        n
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

/// One node pool through the day: its nodes and its cluster autoscaler's state.
struct Pool {
    cluster: Cluster,
    /// The autoscaler's bounds.
    min: u64,
    max: u64,
    /// Nodes come in whole rounds, one in each zone pool (issue 16).
    round: u64,
    unneeded_since: Option<usize>,
    last_add: Option<usize>,
}

impl Pool {
    /// A pool for `plan`'s user VM and bounds, and the pods' shapes.
    fn new(plan: &Plan, c: &crate::engine::cluster::Cluster) -> Pool {
        let min = c.autoscaler_min.min(NODE_CAP);
        let max = c.autoscaler_max.unwrap_or(c.max_count).clamp(min, NODE_CAP);
        let (web, task) = shapes(plan);
        Pool {
            cluster: Cluster {
                nodes: Vec::new(),
                room: node_room(plan),
                web,
                task,
                freed: 0,
                stuck: [None; 3],
                packed: [None; 4],
            },
            min,
            max,
            // The autoscaler balances the zone pools: nodes come in whole rounds.
            round: match plan.zone_pools {
                ZonePools::PerZone if plan.zones > 1 => u64::from(plan.zones),
                _ => 1,
            },
            unneeded_since: None,
            last_add: None,
        }
    }

    /// `n` nodes rounded up to whole rounds, within the maximum.
    fn even(&self, n: u64) -> u64 {
        n.div_ceil(self.round)
            .saturating_mul(self.round)
            .min(self.max)
    }
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

/// Simulates the plan's day (docs/SIMULATION.md).
pub fn simulate(plan: &Plan, s: &Sizing) -> Day {
    let loads = load::loads(plan);
    let cap = s.web.capacity_rps_per_pod;
    let c = s.web.cpu_share_per_rps;
    let target = plan.hpa_cpu_pct / 100.0;
    let web_range = (u64::from(plan.min_replicas), s.web.hpa_max);
    let tasks_on = s.tasks.enabled;
    let held = u64::from(plan.task_concurrency).saturating_mul(tasks::prefetch(plan));
    let queue_target = u64::from(plan.queue_target).max(1);
    let task_range = (u64::from(plan.task_min).max(1), s.tasks.keda_max);
    let pod_steps = steps_of(f64::from(plan.pod_start_s));
    let node_steps = steps_of(f64::from(plan.node_start_s));
    let cold_steps = steps_of(plan.cold_start_s);
    let aca_range = (u64::from(plan.aca_min), u64::from(plan.aca_max));
    let tasks_at = |load: f64| -> u64 {
        if plan.peak_rps > 0.0 && tasks_on {
            ceil(s.tasks.peak as f64 * load / plan.peak_rps)
        } else {
            0
        }
    };
    let aca_wants = |load: f64| {
        crate::engine::aca::replicas_for(plan, load)
            .clamp(aca_range.0, aca_range.1.max(aca_range.0))
    };

    // The steady state of the load at 00:00, all ready.
    let l0 = loads[0];
    let web0 = web::hpa_settles(plan, cap, c, l0)
        .0
        .clamp(web_range.0, web_range.1.max(web_range.0));
    let task0 = if tasks_on {
        tasks::keda_settles(
            tasks_at(l0),
            u64::from(plan.task_min),
            s.tasks.keda_max,
            held,
            queue_target,
        )
    } else {
        0
    };
    let holders0 = u64::from(plan.overprovision);
    let mut pools = vec![Pool::new(plan, &s.cluster)];
    if let Some((wp, wc)) = s.cluster.workers_with_plan(plan) {
        pools.push(Pool::new(&wp, wc));
    }
    let mut st = State {
        web: Pods::default(),
        task: Pods::default(),
        holders: Pods::default(),
        aca: Pods::ready_from_start(aca_wants(l0)),
        task_at: pools.len() - 1,
        pools,
        web_hpa: Hpa::default(),
        task_hpa: Hpa::default(),
        aca_wants: WindowMax::default(),
        last_busy_poll: None,
        backlog: 0.0,
        aca_backlog: 0.0,
        pod_steps,
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

    let mut rows = Vec::with_capacity(STEPS);
    let mut events = Vec::new();
    let mut facts = Facts::default();
    let mut sum = Summary {
        nodes_min: u64::MAX,
        ..Summary::default()
    };
    let mut prev = (web0, task0, st.aca.total(), node_count(&st));
    let mut usage = crate::engine::aca::Usage::default();
    let mut lag_open: Option<usize> = None;
    let mut rose_at: Option<usize> = None;
    let mut waits: Vec<(usize, u64)> = Vec::new();
    let mut worker_node_s = 0.0;

    for (k, &load) in loads.iter().enumerate() {
        let before = if k == 0 { 0 } else { k - 1 };
        if k > 0 && load > loads[k - 1] {
            rose_at = Some(k);
        }

        // (2) The HPA on the web pods: it sees CPU, not demand.
        let ready = st.web.ready(before);
        let current = st.web.total();
        if ready > 0 {
            let u = (load / ready as f64).min(cap) * c;
            let ratio = div(u, target);
            let raw = ceil(ready as f64 * ratio);
            let d = st.web_hpa.decide(plan, k, current, ratio, raw, web_range);
            if d.wants > web_range.1 && facts.hpa_max_at.is_none() {
                facts.hpa_max_at = Some(k);
            }
            if d.to != current {
                events.push(Event {
                    step: k,
                    what: What::Hpa {
                        from: current,
                        to: d.to,
                        ready,
                        cpu_pct: u * 100.0,
                        target_pct: plan.hpa_cpu_pct,
                        wants: d.wants,
                        limit: d.limit,
                    },
                });
                scale_to(&mut st.web, &mut st.pools[0].cluster, Kind::Web, d.to, k);
            }
        }

        // KEDA on the workers: activation 0 → 1 at a poll, the HPA from 1, cooldown to 0.
        if tasks_on {
            let ready = st.task.ready(before);
            let list = tasks_at(load).saturating_sub(ready.saturating_mul(held));
            let poll = k == 0
                || floor(k as f64 * STEP_S / f64::from(plan.keda_poll_s))
                    > floor((k - 1) as f64 * STEP_S / f64::from(plan.keda_poll_s));
            if poll && list > 0 {
                st.last_busy_poll = Some(k);
            }
            let current = st.task.total();
            let mut to = current;
            let mut why = None;
            if current == 0 {
                if poll && list > 0 {
                    to = 1;
                }
            } else {
                let ratio = div(list as f64, current as f64 * queue_target as f64);
                let raw = list.div_ceil(queue_target);
                let d = st.task_hpa.decide(plan, k, current, ratio, raw, task_range);
                if d.wants > task_range.1 && facts.keda_max_at.is_none() {
                    facts.keda_max_at = Some(k);
                }
                to = d.to;
                why = Some((d.wants, d.limit));
                let idle_s = st
                    .last_busy_poll
                    .map_or(f64::INFINITY, |b| (k - b) as f64 * STEP_S);
                if plan.task_min == 0 && poll && idle_s >= f64::from(plan.keda_cooldown_s) {
                    to = 0;
                    why = None;
                }
            }
            if to != current {
                if to == 0 || current == 0 {
                    st.task_hpa.reset();
                }
                events.push(Event {
                    step: k,
                    what: What::Keda {
                        from: current,
                        to,
                        list,
                        target: queue_target,
                        wants: why.map(|w| w.0),
                        limit: why.and_then(|w| w.1),
                        cooldown_s: plan.keda_cooldown_s,
                    },
                });
                let at = st.task_at;
                scale_to(&mut st.task, &mut st.pools[at].cluster, Kind::Task, to, k);
            }
        }

        // Container Apps' HTTP rule.
        let want = aca_wants(load);
        st.aca_wants.push(k, want, f64::from(plan.aca_cooldown_s));
        let n = st.aca.total();
        let highest = st.aca_wants.max().unwrap_or(want);
        let to = if want > n {
            if n == 0 {
                1
            } else {
                want.min((2 * n).max(4))
            }
        } else if highest < n {
            highest
        } else {
            n
        };
        if to != n {
            let cold = n == 0;
            if cold {
                facts.aca_cold_starts += 1;
            }
            events.push(Event {
                step: k,
                what: What::Aca {
                    from: n,
                    to,
                    wants: if to > n { want } else { highest },
                    cold_start: cold,
                    cooldown_s: plan.aca_cooldown_s,
                },
            });
            if to > n {
                st.aca.add_placed(to - n, k, k + cold_steps);
            } else {
                st.aca.remove(n - to);
            }
        }

        // (3) Pending pods onto nodes ready before this step.
        place(&mut st, k, before);
        // (4) The cluster autoscaler, on each pool.
        let mut needed_total = Some(0u64);
        for i in 0..st.pools.len() {
            let needed = autoscale(&mut st, i, k, before, node_steps, plan, &mut events);
            let min = st.pools[i].min;
            needed_total = needed_total.zip(needed).map(|(a, n)| a + n.max(min));
        }
        // (5, 6) Nodes ready now take pending pods.
        place(&mut st, k, k);

        // (7, 8) Ready pods serve.
        let web_ready = st.web.ready(k);
        let aca_ready = st.aca.ready(k);
        let aks_capacity = web_ready as f64 * cap;
        let aca_capacity = aca_ready as f64 * cap;
        st.backlog = (st.backlog + (load - aks_capacity) * STEP_S).max(0.0);
        st.aca_backlog = (st.aca_backlog + (load - aca_capacity) * STEP_S).max(0.0);
        let (capacity, backlog, at_max) = match plan.platform {
            Platform::Aks => (aks_capacity, st.backlog, st.web.total() >= web_range.1),
            Platform::Aca => (aca_capacity, st.aca_backlog, st.aca.total() >= aca_range.1),
        };
        let over = load > capacity * (1.0 + 1e-9) + 1e-9;
        if over {
            facts.overload_steps += 1;
            if !at_max && rose_at.is_some() && facts.lag.is_none() && lag_open.is_none() {
                lag_open = Some(k);
            }
        } else if let Some(start) = lag_open.take() {
            facts.lag = Some((start, k - start));
        }

        // Billing and the day's figures.
        let nodes = node_count(&st);
        let worker_nodes = if st.task_at > 0 {
            st.pools[st.task_at].cluster.nodes.len() as u64
        } else {
            0
        };
        let nodes_ready = st.pools.iter().map(|p| p.cluster.ready(k)).sum();
        facts.node_s += nodes as f64 * STEP_S;
        worker_node_s += worker_nodes as f64 * STEP_S;
        if let Some(n) = needed_total {
            facts.tail_node_s += nodes.saturating_sub(n) as f64 * STEP_S;
        }
        let waiting = st.web.pending() + st.task.pending();
        sum.pending_pod_s += waiting as f64 * STEP_S;
        track_waits(&mut waits, &mut facts, waiting, k);
        let aca_n = st.aca.total() as f64;
        if load > 0.0 {
            usage.active_vcpu_s += aca_n * plan.aca_cpu_cores * STEP_S;
        } else {
            let idle = aca_n.min(f64::from(plan.aca_min));
            usage.idle_vcpu_s += idle * plan.aca_cpu_cores * STEP_S;
            usage.active_vcpu_s += (aca_n - idle) * plan.aca_cpu_cores * STEP_S;
        }
        usage.gib_s += aca_n * plan.aca_mem_gib * STEP_S;
        usage.requests += load * STEP_S;

        let row = Row {
            load_rps: load,
            capacity_rps: capacity,
            web_replicas: st.web.total(),
            web_ready,
            task_replicas: st.task.total(),
            task_ready: st.task.ready(k),
            nodes,
            worker_nodes,
            nodes_ready,
            backlog,
            aca_replicas: st.aca.total(),
        };
        let now = (row.web_replicas, row.task_replicas, row.aca_replicas, nodes);
        sum.scale_events += u64::from(now.0 != prev.0)
            + u64::from(now.1 != prev.1)
            + u64::from(now.2 != prev.2)
            + u64::from(now.3 != prev.3);
        prev = now;
        sum.nodes_max = sum.nodes_max.max(nodes);
        sum.nodes_min = sum.nodes_min.min(nodes);
        sum.web_replicas_max = sum.web_replicas_max.max(row.web_replicas);
        sum.task_replicas_max = sum.task_replicas_max.max(row.task_replicas);
        sum.backlog_max = sum.backlog_max.max(backlog);
        rows.push(row);
        st.web.settle(k);
        st.task.settle(k);
        st.aca.settle(k);
    }
    if let Some(start) = lag_open {
        facts.lag = Some((start, STEPS - start));
    }

    let days_per_month = HOURS_PER_MONTH / 24.0;
    sum.overload_s = facts.overload_steps as f64 * STEP_S;
    sum.node_hours = facts.node_s / 3600.0;
    let b = &s.cost.breakdown;
    let worker_hours = worker_node_s / 3600.0;
    facts.user_pool_usd = ((sum.node_hours - worker_hours) * s.cost.node_usd_per_hour
        + worker_hours * s.cost.worker_usd_per_hour.unwrap_or(0.0))
        * days_per_month;
    facts.extras_usd = day_extras(plan, s, sum.node_hours - worker_hours, worker_hours);
    if st.task_at > 0 {
        sum.worker_node_hours = Some(worker_hours);
        sum.worker_nodes_max = rows.iter().map(|r| r.worker_nodes).max();
    }
    sum.monthly_usd =
        b.system_pool + b.control_plane + b.redis + facts.user_pool_usd + facts.extras_usd;
    let month = crate::engine::aca::Usage {
        active_vcpu_s: usage.active_vcpu_s * days_per_month,
        idle_vcpu_s: usage.idle_vcpu_s * days_per_month,
        gib_s: usage.gib_s * days_per_month,
        requests: usage.requests * days_per_month,
    };
    facts.aca_monthly_usd = crate::engine::aca::price(plan, &month);
    if plan.platform == Platform::Aca {
        sum.aca_monthly_usd = Some(facts.aca_monthly_usd);
        sum.aca_replicas_max = rows.iter().map(|r| r.aca_replicas).max();
        sum.aca_cold_starts = Some(facts.aca_cold_starts);
    }
    Day {
        rows,
        events,
        summary: sum,
        facts,
    }
}

/// Follows how long the waiting pods have waited: (step they started waiting, count).
fn track_waits(waits: &mut Vec<(usize, u64)>, facts: &mut Facts, waiting: u64, k: usize) {
    let had: u64 = waits.iter().map(|w| w.1).sum();
    if waiting > had {
        waits.push((k, waiting - had));
    } else {
        // The oldest are placed first.
        let mut gone = had - waiting;
        for w in waits.iter_mut() {
            let g = w.1.min(gone);
            w.1 -= g;
            gone -= g;
            if w.1 == 0 {
                let waited = (k - w.0) as f64 * STEP_S;
                if facts.longest_wait.is_none_or(|(l, _)| waited > l) {
                    facts.longest_wait = Some((waited, w.0));
                }
            }
        }
        waits.retain(|w| w.1 > 0);
    }
}

/// Creates or deletes pods of one series to reach `to`.
fn scale_to(pods: &mut Pods, cluster: &mut Cluster, kind: Kind, to: u64, step: usize) {
    let n = pods.total();
    if to > n {
        pods.add_pending(to - n, step);
    } else {
        let placed = pods.remove(n - to);
        cluster.unfit(kind, placed);
    }
}

/// Step (3) or (6): pending pods onto nodes ready by `ready_by`, oldest first, real pods
/// before placeholders (which real pods preempt).
fn place(st: &mut State, step: usize, ready_by: usize) {
    // Oldest first across web and workers; web first on a tie.
    let web = (Kind::Web, st.web.oldest_pending());
    let task = (Kind::Task, st.task.oldest_pending());
    let age = |at: Option<usize>| at.unwrap_or(usize::MAX);
    let order = if age(task.1) < age(web.1) {
        [task, web]
    } else {
        [web, task]
    };
    for (kind, at) in order {
        if at.is_none() {
            continue;
        }
        let want = st.pods(kind).pending();
        let (at, holders) = (st.pool_of(kind), st.holders.placed());
        let cluster = &mut st.pools[at].cluster;
        let mut placed = cluster.fit(kind, want, ready_by);
        let (more, evicted) = cluster.preempt(kind, want - placed, ready_by, holders);
        placed += more;
        let ready_at = step + st.pod_steps;
        st.pods(kind).place(placed, ready_at);
        if evicted > 0 {
            st.holders.unplace(evicted, step);
        }
    }
    let want = st.holders.pending();
    let placed = st.pools[0].cluster.fit(Kind::Holder, want, ready_by);
    st.holders.place(placed, step);
}

/// User nodes requested over the pools.
fn node_count(st: &State) -> u64 {
    st.pools.iter().map(|p| p.cluster.nodes.len() as u64).sum()
}

/// Step (4), the cluster autoscaler on pool `i`: nodes for its pending pods (none while the
/// booting ones will hold them), and the unneeded ones removed after `ca_unneeded_s` (not
/// within `ca_delay_after_add_s` of an addition). Returns the nodes the pool's pods need.
fn autoscale(
    st: &mut State,
    i: usize,
    k: usize,
    before: usize,
    node_steps: usize,
    plan: &Plan,
    events: &mut Vec<Event>,
) -> Option<u64> {
    let (pw, pt) = st.pods_of(i, |p| p.pending());
    let holders = if i == 0 { st.holders.pending() } else { 0 };
    let waiting = pw - holders + pt;
    let (w, t) = st.pods_of(i, |p| p.total());
    let pool = &mut st.pools[i];
    let requested = pool.cluster.nodes.len() as u64;
    let booting = requested - pool.cluster.ready(before);
    if pw + pt > 0 && k > 0 {
        if let Some(packed) = pool.cluster.pack(pw, pt) {
            let add = pool.even(requested + packed.saturating_sub(booting)) - requested;
            if add > 0 {
                events.push(Event {
                    step: k,
                    what: What::NodesUp {
                        pool: if i == 0 { "" } else { "workers " },
                        from: requested,
                        to: requested + add,
                        waiting,
                        holders,
                    },
                });
                pool.cluster.nodes.extend(std::iter::repeat_n(
                    Node {
                        ready_at: k + node_steps,
                        web: 0,
                        task: 0,
                        holders: 0,
                    },
                    add as usize,
                ));
                pool.last_add = Some(k);
            }
        }
    }
    let needed = pool.cluster.pack(w, t);
    let requested = pool.cluster.nodes.len() as u64;
    let floor_n = needed.map_or(requested, |n| pool.even(n.max(pool.min)).min(requested));
    if floor_n >= requested {
        pool.unneeded_since = None;
        return needed;
    }
    let since = *pool.unneeded_since.get_or_insert(k);
    let unneeded_s = (k - since) as f64 * STEP_S;
    let after_add_s = pool
        .last_add
        .map_or(f64::INFINITY, |a| (k - a) as f64 * STEP_S);
    if unneeded_s >= f64::from(plan.ca_unneeded_s)
        && after_add_s >= f64::from(plan.ca_delay_after_add_s)
    {
        events.push(Event {
            step: k,
            what: What::NodesDown {
                pool: if i == 0 { "" } else { "workers " },
                from: requested,
                to: floor_n,
                unneeded_s,
            },
        });
        remove_nodes(st, i, floor_n as usize, k);
        st.pools[i].unneeded_since = None;
    }
    needed
}

/// The cluster autoscaler removes the newest nodes down to `keep`; their pods move to the
/// remaining nodes first fit and stay ready (a pod that no longer fits waits again).
fn remove_nodes(st: &mut State, i: usize, keep: usize, step: usize) {
    let (w, t) = st.pods_of(i, |p| p.placed());
    let h = if i == 0 { st.holders.placed() } else { 0 };
    let cluster = &mut st.pools[i].cluster;
    let mut removed = cluster.nodes.split_off(keep);
    cluster.freed += 1;
    // Every placed pod, laid out again on the remaining nodes as the packing would (the
    // autoscaler removed them because the packing says they hold every pod).
    if cluster.nodes.iter().all(|n| n.ready_at <= step) && cluster.relayout(w - h, t, h) {
        return;
    }
    for kind in [Kind::Web, Kind::Task, Kind::Holder] {
        let n: u64 = removed.iter_mut().map(|node| *node.count_mut(kind)).sum();
        let left = n - st.pools[i].cluster.fit(kind, n, usize::MAX);
        if left > 0 {
            st.pods(kind).unplace(left, step);
        }
    }
}

/// The month's OS disks, load balancer, public IP and Spot re-runs with the day's user
/// node-hours: a node's
/// disk costs while its node runs (the system pool's all the time).
fn day_extras(plan: &Plan, s: &Sizing, user_node_hours: f64, worker_node_hours: f64) -> f64 {
    let x = &s.cost.extras;
    crate::engine::cost::os_disks_usd(
        [
            x.os_disk_system_usd_month,
            x.os_disk_user_usd_month,
            x.os_disk_workers_usd_month,
        ],
        [
            f64::from(plan.sys_nodes),
            user_node_hours / 24.0,
            worker_node_hours / 24.0,
        ],
    ) + x.load_balancer_usd
        + x.public_ip_usd
        + s.cost.breakdown.spot_reruns
}

/// The day's figures explained, for the report's explanations (`day.*` keys).
pub fn explain(plan: &Plan, s: &Sizing, day: &Day, ex: &mut impl crate::engine::Explain) {
    use crate::engine::math::{count, money, Num};
    let sum = &day.summary;
    let b = &s.cost.breakdown;
    let user = day.facts.user_pool_usd;
    ex.add("day.monthly_usd", || {
        let diff = sum.monthly_usd - s.cost.monthly_usd;
        let versus = if diff.abs() < 0.005 {
            "the same as".to_string()
        } else {
            format!(
                "{} {} than",
                money(diff.abs()),
                if diff > 0.0 { "more" } else { "less" }
            )
        };
        let c = &s.cluster;
        let offpeak = c.nodes_offpeak + c.workers.as_ref().map_or(0, |w| w.nodes_offpeak);
        let assumes = if plan.hours_peak >= 24.0 {
            format!("{} user nodes all day", c.user_nodes_peak())
        } else {
            format!(
                "{} user nodes for {} h and {} the rest of the day",
                c.user_nodes_peak(),
                Num(plan.hours_peak),
                offpeak
            )
        };
        format!(
            "system {} + control plane {} + Redis {} + ({} user node-hours a day × ${}/h{}) × 730 / 24 = {} + OS disks, load balancer and IP {} = {}: {} the static {}, which assumes {} (the day follows the autoscalers, their lags and scale-down tails)",
            money(b.system_pool),
            money(b.control_plane),
            money(b.redis),
            Num(sum.node_hours - sum.worker_node_hours.unwrap_or(0.0)),
            Num(s.cost.node_usd_per_hour),
            match (sum.worker_node_hours, s.cost.worker_usd_per_hour) {
                (Some(h), Some(usd)) => format!(" + {} worker-pool node-hours × ${}/h", Num(h), Num(usd)),
                _ => String::new(),
            },
            money(user),
            money(day.facts.extras_usd),
            money(sum.monthly_usd),
            versus,
            money(s.cost.monthly_usd),
            assumes
        )
    });
    ex.add("day.overload_s", || {
        let first = day
            .facts
            .lag
            .map_or(String::new(), |(at, len)| {
                format!("; after a rise from {} for {} s", log::clock(at), Num(len as f64 * STEP_S))
            });
        format!(
            "{} steps of 15 s with the load above what the ready {} serve{}; up to {} requests waited",
            day.facts.overload_steps,
            match plan.platform {
                Platform::Aks => "web pods",
                Platform::Aca => "Container Apps replicas",
            },
            first,
            count(sum.backlog_max.round() as u64)
        )
    });
    ex.add("day.nodes_max", || {
        format!(
            "requested user nodes ranged from {} to {} over the day ({} node-hours; the static peak is {})",
            sum.nodes_min,
            sum.nodes_max,
            Num(sum.node_hours),
            s.cluster.user_nodes_peak()
        )
    });
    ex.add("day.aca_cold_starts", || {
        format!(
            "{} times the app went from 0 replicas to 1 or more; each keeps the first requests up to {} s (cold_start_s); the day costs {} a month on Container Apps",
            day.facts.aca_cold_starts,
            Num(plan.cold_start_s),
            money(day.facts.aca_monthly_usd)
        )
    });
}
