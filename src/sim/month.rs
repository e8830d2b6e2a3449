//! From the day to the month: the figures each step adds to, and the day's cost for a month with
//! its explanation (`day.*` keys).

use super::autoscaler::node_count;
use super::log::{self, Event};
use super::{Ctx, Day, Facts, Row, State, Summary, STEPS, STEP_S};
use crate::engine::aca::Usage;
use crate::engine::catalog::HOURS_PER_MONTH;
use crate::engine::Sizing;
use crate::plan::{Plan, Platform};

/// What the steps add up to: the rows, the summary, the findings' facts and the Container
/// Apps usage.
pub(super) struct Tally {
    rows: Vec<Row>,
    pub(super) facts: Facts,
    sum: Summary,
    /// The last step's (web, workers, Container Apps, nodes), for counting changes.
    prev: (u64, u64, u64, u64),
    usage: Usage,
    /// The start of an overload after a rise that is still going on.
    lag_open: Option<usize>,
    /// The last step the load rose.
    pub(super) rose_at: Option<usize>,
    waits: Vec<(usize, u64)>,
    worker_node_s: f64,
    /// The worker replicas as a Container Apps app would bill them: vCPU-seconds, GiB-seconds.
    worker_app: (f64, f64),
}

impl Tally {
    /// An empty tally for a day that starts at these counts.
    pub(super) fn new(start: (u64, u64, u64, u64)) -> Self {
        Tally {
            rows: Vec::with_capacity(STEPS),
            facts: Facts::default(),
            sum: Summary {
                nodes_min: u64::MAX,
                ..Summary::default()
            },
            prev: start,
            usage: Usage::default(),
            lag_open: None,
            rose_at: None,
            waits: Vec::new(),
            worker_node_s: 0.0,
            worker_app: (0.0, 0.0),
        }
    }

    /// Steps (7, 8): ready pods serve, the backlog moves, and the step is billed and recorded.
    pub(super) fn record(
        &mut self,
        x: &Ctx,
        st: &mut State,
        k: usize,
        load: f64,
        needed_total: Option<u64>,
    ) {
        let plan = x.plan;
        let (facts, sum) = (&mut self.facts, &mut self.sum);
        let web_ready = st.web.ready(k);
        let aca_ready = st.aca.ready(k);
        let aks_capacity = web_ready as f64 * x.cap;
        let aca_capacity = aca_ready as f64 * x.cap;
        st.backlog = (st.backlog + (load - aks_capacity) * STEP_S).max(0.0);
        st.aca_backlog = (st.aca_backlog + (load - aca_capacity) * STEP_S).max(0.0);
        let (capacity, backlog, at_max) = match plan.platform {
            Platform::Aks => (aks_capacity, st.backlog, st.web.total() >= x.web_range.1),
            Platform::Aca => (
                aca_capacity,
                st.aca_backlog,
                st.aca.total() >= x.aca_range.1,
            ),
        };
        let over = load > capacity * (1.0 + 1e-9) + 1e-9;
        if over {
            facts.overload_steps += 1;
            if !at_max && self.rose_at.is_some() && facts.lag.is_none() && self.lag_open.is_none() {
                self.lag_open = Some(k);
            }
        } else if let Some(start) = self.lag_open.take() {
            facts.lag = Some((start, k - start));
        }

        // Billing and the day's figures.
        let nodes = node_count(st);
        let worker_nodes = if st.task_at > 0 {
            st.pools[st.task_at].cluster.nodes.len() as u64
        } else {
            0
        };
        let nodes_ready = st.pools.iter().map(|p| p.cluster.ready(k)).sum();
        facts.node_s += nodes as f64 * STEP_S;
        self.worker_node_s += worker_nodes as f64 * STEP_S;
        if let Some(n) = needed_total {
            facts.tail_node_s += nodes.saturating_sub(n) as f64 * STEP_S;
        }
        let waiting = st.web.pending() + st.task.pending();
        sum.pending_pod_s += waiting as f64 * STEP_S;
        track_waits(&mut self.waits, facts, waiting, k);
        let usage = &mut self.usage;
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
        let workers = st.task.total() as f64;
        let (cores, gib) = crate::engine::aca::worker_pair(plan);
        self.worker_app.0 += workers * cores * STEP_S;
        self.worker_app.1 += workers * gib * STEP_S;

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
        let prev = self.prev;
        sum.scale_events += u64::from(now.0 != prev.0)
            + u64::from(now.1 != prev.1)
            + u64::from(now.2 != prev.2)
            + u64::from(now.3 != prev.3);
        self.prev = now;
        sum.nodes_max = sum.nodes_max.max(nodes);
        sum.nodes_min = sum.nodes_min.min(nodes);
        sum.web_replicas_max = sum.web_replicas_max.max(row.web_replicas);
        sum.task_replicas_max = sum.task_replicas_max.max(row.task_replicas);
        sum.backlog_max = sum.backlog_max.max(backlog);
        self.rows.push(row);
        st.web.settle(k);
        st.task.settle(k);
        st.aca.settle(k);
    }

    /// The day for a month: node-hours, the user pools' and extras' cost, Container Apps'
    /// usage priced.
    pub(super) fn finish(self, x: &Ctx, st: &State, events: Vec<Event>) -> Day {
        let (plan, s) = (x.plan, x.s);
        let Tally {
            rows,
            mut facts,
            mut sum,
            usage,
            lag_open,
            worker_node_s,
            worker_app,
            ..
        } = self;
        if let Some(start) = lag_open {
            facts.lag = Some((start, STEPS - start));
        }
        let days_per_month = HOURS_PER_MONTH / 24.0;
        sum.overload_s = facts.overload_steps as f64 * STEP_S;
        sum.node_hours = facts.node_s / 3600.0;
        let worker_hours = worker_node_s / 3600.0;
        let breakdown = day_breakdown(plan, s, sum.node_hours - worker_hours, worker_hours);
        if st.task_at > 0 {
            sum.worker_node_hours = Some(worker_hours);
            sum.worker_nodes_max = rows.iter().map(|r| r.worker_nodes).max();
        }
        sum.monthly_usd = super::total(&breakdown.items());
        sum.breakdown = breakdown;
        let month = Usage {
            active_vcpu_s: usage.active_vcpu_s * days_per_month,
            idle_vcpu_s: usage.idle_vcpu_s * days_per_month,
            gib_s: usage.gib_s * days_per_month,
            requests: usage.requests * days_per_month,
        };
        let web_app = crate::engine::aca::price(plan, &month);
        // The worker app shares the subscription's free grants: it costs what it adds.
        let with_workers = Usage {
            active_vcpu_s: month.active_vcpu_s + worker_app.0 * days_per_month,
            gib_s: month.gib_s + worker_app.1 * days_per_month,
            ..month
        };
        let aca = super::AcaBreakdown {
            web_app,
            worker_app: (crate::engine::aca::price(plan, &with_workers) - web_app).max(0.0),
            redis: s.cost.breakdown.redis,
        };
        facts.aca_breakdown = aca.clone();
        let headline = match plan.platform {
            Platform::Aks => sum.monthly_usd,
            Platform::Aca => facts.aca_monthly_usd(),
        };
        let (requests, tasks) = (
            crate::engine::cost::requests_per_month(plan),
            crate::engine::cost::tasks_per_month(plan),
        );
        sum.per_million_requests_usd = (requests >= 1.0).then(|| headline / (requests / 1e6));
        sum.per_thousand_tasks_usd = (tasks >= 1.0).then(|| headline / (tasks / 1e3));
        if plan.platform == Platform::Aca {
            sum.aca_monthly_usd = Some(facts.aca_monthly_usd());
            sum.aca_breakdown = Some(aca.clone());
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

/// The items of `cost.breakdown` for the day's month: the user and worker pools' nodes and
/// their OS disks for the day's node-hours (a disk costs while its node runs), the system
/// pool's all the time, and the month's control plane, load balancer, public IP, Redis and
/// Spot re-runs as the static month has them.
fn day_breakdown(
    plan: &Plan,
    s: &Sizing,
    user_node_hours: f64,
    worker_node_hours: f64,
) -> crate::engine::cost::Breakdown {
    let (b, x) = (&s.cost.breakdown, &s.cost.extras);
    let days_per_month = HOURS_PER_MONTH / 24.0;
    crate::engine::cost::Breakdown {
        user_pool: user_node_hours * s.cost.node_usd_per_hour * days_per_month,
        worker_pool: worker_node_hours * s.cost.worker_usd_per_hour.unwrap_or(0.0) * days_per_month,
        os_disks: crate::engine::cost::os_disks_usd(
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
        ),
        load_balancer: x.load_balancer_usd,
        public_ip: x.public_ip_usd,
        ..b.clone()
    }
}

/// The day's figures explained, for the report's explanations (`day.*` keys).
pub fn explain(plan: &Plan, s: &Sizing, day: &Day, ex: &mut impl crate::engine::Explain) {
    use crate::engine::format::{count, money, Num};
    let sum = &day.summary;
    let b = &s.cost.breakdown;
    let user = sum.breakdown.user_pool + sum.breakdown.worker_pool;
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
            money(
                sum.breakdown.os_disks
                    + sum.breakdown.load_balancer
                    + sum.breakdown.public_ip
                    + sum.breakdown.spot_reruns
            ),
            money(sum.monthly_usd),
            versus,
            money(s.cost.monthly_usd),
            assumes
        )
    });
    {
        let (aca, total) = (&day.facts.aca_breakdown, day.facts.aca_monthly_usd());
        ex.add("day.aca_monthly_usd", || {
            format!(
                "web app {} (the day's replicas at {} vCPU and {} GiB each, after the free grants) + worker app {} ({}) + Redis {} = {}",
                money(aca.web_app),
                Num(plan.aca_cpu_cores),
                Num(plan.aca_mem_gib),
                money(aca.worker_app),
                if s.tasks.enabled {
                    let (cores, gib) = crate::engine::aca::worker_pair(plan);
                    format!(
                        "the day's workers, {} at most, at {} vCPU and {} GiB each (the smallest pair Container Apps offers that holds task_cpu and task_mem), billed active",
                        sum.task_replicas_max,
                        Num(cores),
                        Num(gib)
                    )
                } else {
                    "no background work".to_string()
                },
                money(aca.redis),
                money(total)
            )
        });
    }
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
            money(day.facts.aca_monthly_usd())
        )
    });
}
