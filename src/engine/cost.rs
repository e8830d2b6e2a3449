//! Monthly cost: node pools over 730 h, time-weighted between peak and minimum,
//! spot discount, control-plane tier, and cost per million requests.

use super::catalog::{self, HOURS_PER_MONTH};
use super::cluster::Cluster;
use super::format::Num;
use super::{prices, Explain};
use crate::plan::{AksTier, Auto, Plan};
use serde::Serialize;

/// Monthly cost by component, USD.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Breakdown {
    /// The system node pool, always on.
    pub system_pool: f64,
    /// The user node pool, time-weighted between peak and minimum node counts.
    pub user_pool: f64,
    /// The workers' own pool (`worker_pool` = separate or spot), time-weighted the same way;
    /// 0 when they share the user pool.
    pub worker_pool: f64,
    /// The AKS control plane (Standard tier: per cluster-hour).
    pub control_plane: f64,
    /// The Redis tier, as priced by `redis_price` (0 when not priced).
    pub redis: f64,
    /// One managed OS disk per node, for the hours its node runs (0 when not in the book).
    pub os_disks: f64,
    /// The cluster's Standard load balancer (every AKS cluster has one for outbound traffic).
    pub load_balancer: f64,
    /// The load balancer's public IP.
    pub public_ip: f64,
    /// Background tasks Spot evictions make run again (0 unless on Spot with evictions set).
    pub spot_reruns: f64,
}

/// Spot evictions as re-run work (`cost.spot_rerun`): each eviction kills the tasks in flight,
/// which Celery re-queues (`task_acks_late`, `task_reject_on_worker_lost`) and runs again.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpotRerun {
    /// Evictions a month (`spot_evictions_month`).
    pub evictions: u32,
    /// Tasks running at peak (`task_rate` × `task_s`, or `tasks`): what an eviction at peak
    /// kills, an upper bound for evictions at other times (and it never falls as traffic grows).
    pub tasks_in_flight: f64,
    /// Task-hours run again a month: evictions × tasks in flight × task time.
    pub rerun_task_hours: f64,
    /// Their compute, USD/month: a task's share of a node (one of pods per node × concurrency).
    pub usd: f64,
}

/// The costs people forget (`cost.extras`): each with its unit price from the book.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Extras {
    /// The OS disk AKS gives a user node: the managed tier by the VM's vCPUs (`P10`…).
    pub os_disk_user: &'static str,
    /// The OS disk of a system node.
    pub os_disk_system: &'static str,
    /// A user node's OS disk, USD/month (absent when the book has no price for its tier).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_disk_user_usd_month: Option<f64>,
    /// A system node's OS disk, USD/month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_disk_system_usd_month: Option<f64>,
    /// The OS disk of a node of the workers' own pool (absent when they share the user pool).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_disk_workers: Option<&'static str>,
    /// A worker-pool node's OS disk, USD/month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_disk_workers_usd_month: Option<f64>,
    /// All OS disks, USD/month.
    pub os_disks_usd: f64,
    /// The Standard load balancer, USD/month.
    pub load_balancer_usd: f64,
    /// Its public IP, USD/month.
    pub public_ip_usd: f64,
}

/// One node pool's cost (`cost.pools`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pool {
    /// `system`, `user` or `workers`.
    pub pool: PoolRole,
    /// Its VM size.
    pub vm: &'static str,
    /// Nodes at peak.
    pub nodes_peak: u64,
    /// Nodes at the quietest time.
    pub nodes_min: u64,
    /// `payg`, `spot`, or the commitment that buys it.
    pub price_type: &'static str,
    /// One node, USD/h (pay-as-you-go or Spot: before any commitment).
    pub usd_per_hour: f64,
    /// The pool per month, USD (nodes only; their disks are in `extras`).
    pub monthly_usd: f64,
}

/// What a node pool is for, written `system`, `user` or `workers` in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PoolRole {
    /// AKS's system pool.
    System,
    /// The user pool: the web pods, and the workers unless they have a pool of their own.
    User,
    /// The workers' own pool (`worker_pool` = separate or spot).
    Workers,
}

impl PoolRole {
    /// The role as written in JSON and on the page.
    pub fn as_str(self) -> &'static str {
        match self {
            PoolRole::System => "system",
            PoolRole::User => "user",
            PoolRole::Workers => "workers",
        }
    }
}

/// A price the cost needed and the book does not have for the region.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Missing {
    /// The book's item (`disk/P15`).
    pub item: String,
    /// The plan's region.
    pub region: &'static str,
}

/// Monthly cost figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cost {
    /// Total per month, USD.
    pub monthly_usd: f64,
    /// By component.
    pub breakdown: Breakdown,
    /// USD per million requests; absent when the plan serves less than one request a month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_million_requests_usd: Option<f64>,
    /// USD per thousand background tasks; absent without background tasks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_thousand_tasks_usd: Option<f64>,
    /// Price of one user node, USD/h, after any spot discount.
    pub node_usd_per_hour: f64,
    /// Price of one node of the workers' own pool, USD/h, Spot or pay-as-you-go; absent when
    /// they share the user pool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worker_usd_per_hour: Option<f64>,
    /// Price of one system node, USD/h.
    pub sys_usd_per_hour: f64,
    /// Whether every price used was checked against the vendor (catalogue prices are not).
    pub prices_verified: bool,
    /// The node pools.
    pub pools: Vec<Pool>,
    /// OS disks, load balancer and public IP.
    pub extras: Extras,
    /// Spot evictions as re-run work; absent unless the pool is on Spot with evictions set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spot_rerun: Option<SpotRerun>,
    /// The price book's date.
    pub prices_as_of: &'static str,
    /// The region priced.
    pub region: &'static str,
    /// The prices used from the book (item names), for the page's list of sources.
    #[serde(skip)]
    pub prices_used: Vec<&'static str>,
    /// Prices the book lacks for the region (their lines are 0).
    pub prices_missing: Vec<Missing>,
}

impl Breakdown {
    /// The components in display order, with their names.
    pub fn items(&self) -> [(&'static str, f64); 9] {
        [
            ("system_pool", self.system_pool),
            ("user_pool", self.user_pool),
            ("worker_pool", self.worker_pool),
            ("control_plane", self.control_plane),
            ("redis", self.redis),
            ("os_disks", self.os_disks),
            ("load_balancer", self.load_balancer),
            ("public_ip", self.public_ip),
            ("spot_reruns", self.spot_reruns),
        ]
    }
}

impl Breakdown {
    /// The components as the cost chart draws them: the OS disks, load balancer and public IP
    /// as one line (three thin lines near zero would only crowd the chart and its legend).
    pub fn chart_items(&self) -> [(&'static str, f64); 7] {
        [
            ("system_pool", self.system_pool),
            ("user_pool", self.user_pool),
            ("worker_pool", self.worker_pool),
            ("control_plane", self.control_plane),
            ("redis", self.redis),
            (
                "disks_lb_ip",
                self.os_disks + self.load_balancer + self.public_ip,
            ),
            ("spot_reruns", self.spot_reruns),
        ]
    }
}

/// Requests served in a month: (peak × peak hours + off-peak × the other hours) × 3600 × 730 / 24.
pub fn requests_per_month(plan: &Plan) -> f64 {
    let per_day =
        (plan.peak_rps * plan.hours_peak + plan.offpeak_rps * (24.0 - plan.hours_peak)) * 3600.0;
    per_day * HOURS_PER_MONTH / 24.0
}

/// Background tasks in a month: the peak task rate (`task_rate`, or peak tasks ÷ `task_s` by
/// Little's law) follows the traffic through the day, so tasks = peak rate × requests per
/// month ÷ peak req/s. Zero without background work.
pub fn tasks_per_month(plan: &Plan) -> f64 {
    let peak_rate = if plan.task_rate > 0.0 {
        plan.task_rate
    } else if plan.task_s > 0.0 {
        f64::from(plan.tasks) / plan.task_s
    } else {
        0.0
    };
    if plan.peak_rps > 0.0 {
        peak_rate * requests_per_month(plan) / plan.peak_rps
    } else {
        0.0
    }
}

/// The OS disk AKS gives a node of this VM when none is specified: an ephemeral disk if the VM's
/// temporary storage holds at least 128 GiB (none of the catalogue's sizes does), else a
/// managed Premium SSD whose tier follows the vCPUs: 1–7 P10 (128 GiB), 8–15 P15, 16–63 P20,
/// 64+ P30 (learn.microsoft.com/azure/aks/concepts-storage, "Default OS disk sizing").
pub fn os_disk_tier(vcpu: u32) -> &'static str {
    match vcpu {
        0..=7 => "P10",
        8..=15 => "P15",
        16..=63 => "P20",
        _ => "P30",
    }
}

/// The OS disks' month for (system, user, worker-pool) nodes running on average: each disk is
/// billed while its node runs; a tier the book lacks counts 0 (and is listed missing).
pub fn os_disks_usd(disk_usd_month: [Option<f64>; 3], nodes: [f64; 3]) -> f64 {
    disk_usd_month
        .iter()
        .zip(nodes)
        .map(|(usd, n)| n * usd.unwrap_or(0.0))
        .sum()
}

/// Prices from the book for one plan's region, remembering what was used and what is missing.
pub struct Prices {
    region: &'static str,
    /// The plan's own VM prices (`vm_prices`), which replace the book's.
    vm_prices: String,
    used: Vec<&'static str>,
    missing: Vec<Missing>,
}

impl Prices {
    /// A lookup in the plan's region.
    pub fn new(plan: &Plan) -> Self {
        Prices {
            region: plan.region.as_str(),
            vm_prices: plan.vm_prices.clone(),
            used: Vec::with_capacity(8),
            missing: Vec::new(),
        }
    }

    /// The book's price of `kind/name` (in the book's unit), or `None`, noted as missing.
    pub fn get(&mut self, kind: &str, name: &str) -> Option<(f64, bool)> {
        // The plan's own price is what the user says: it needs no source.
        if let Some(usd) = (kind == "vm")
            .then(|| crate::plan::vm_price(&self.vm_prices, name))
            .flatten()
        {
            return Some((usd, true));
        }
        match prices::book().find(self.region, kind, name) {
            Some(p) => {
                if !self.used.contains(&p.item) {
                    self.used.push(p.item);
                }
                Some((p.usd, p.verified))
            }
            None => {
                let item = format!("{}/{}", kind, name);
                if !self.missing.iter().any(|m| m.item == item) {
                    self.missing.push(Missing {
                        item,
                        region: self.region,
                    });
                }
                None
            }
        }
    }
}

impl Cost {
    /// The pool a breakdown item prices (`system_pool`, `user_pool`, `worker_pool`): `None` for
    /// other items, and for `worker_pool` when the workers share the user pool.
    pub fn pool_of(&self, item: &str) -> Option<&Pool> {
        let pool = match item {
            "system_pool" => PoolRole::System,
            "user_pool" => PoolRole::User,
            "worker_pool" => PoolRole::Workers,
            _ => return None,
        };
        self.pools.iter().find(|p| p.pool == pool)
    }

    /// "prices as of 2026-12-01, eastus", and how many of the prices used are unverified
    /// third-party snapshots: the page's line under the breakdown.
    pub fn as_of_line(&self) -> String {
        let book = prices::book();
        let unverified = self
            .prices_used
            .iter()
            .filter(|item| book.get(self.region, item).is_some_and(|p| !p.verified))
            .count();
        let mut line = format!("prices as of {}, {}", self.prices_as_of, self.region);
        if unverified > 0 {
            line += &format!(
                ": {} of the {} book prices used are third-party snapshots, unverified (sources below); override them under Prices and Buying",
                unverified,
                self.prices_used.len()
            );
        }
        if !self.prices_missing.is_empty() {
            let items: Vec<&str> = self
                .prices_missing
                .iter()
                .map(|m| m.item.as_str())
                .collect();
            let spot = if items.iter().any(|i| i.starts_with("spot/")) {
                "; a Spot pool at pay-as-you-go until spot_discount prices it"
            } else {
                ""
            };
            line += &format!(
                ". Not in the book for {}: {} (counted as 0{})",
                self.region,
                items.join(", "),
                spot
            );
        }
        line
    }

    /// Each book price the cost used, with its unit, date, status and source.
    pub fn sources(&self) -> Vec<String> {
        let book = prices::book();
        self.prices_used
            .iter()
            .filter_map(|item| book.get(self.region, item))
            .map(|p| {
                format!(
                    "{}: ${}/{}, read {}, {}: {}",
                    p.item,
                    Num(p.usd),
                    p.unit,
                    p.read_on,
                    if p.verified { "verified" } else { "unverified" },
                    p.source
                )
            })
            .collect()
    }
}

/// A price the plan gives, else the book's (0 when the book has none: it is listed missing).
fn given_or_book(given: Auto<f64>, book: impl FnOnce() -> Option<f64>) -> f64 {
    match given {
        Auto::Set(usd) => usd,
        Auto::Auto => book().unwrap_or(0.0),
    }
}

/// A user pool's line of `cost.pools`: its nodes at peak and at the quietest time.
fn user_pool(
    plan: &Plan,
    pool: PoolRole,
    vm: crate::plan::VmSize,
    c: &Cluster,
    spot: bool,
    usd_per_hour: f64,
    monthly_usd: f64,
) -> Pool {
    Pool {
        pool,
        vm: vm.as_str(),
        nodes_peak: c.nodes_peak,
        nodes_min: if plan.hours_peak >= 24.0 {
            c.nodes_peak
        } else {
            c.nodes_offpeak.min(c.nodes_peak)
        },
        price_type: if spot { "spot" } else { "payg" },
        usd_per_hour,
        monthly_usd,
    }
}

/// Costs the plan for a 730-hour month.
pub fn size(plan: &Plan, cluster: &Cluster, ex: &mut impl Explain) -> Cost {
    let mut book = Prices::new(plan);
    let mut verified = true;
    let mut price = |book: &mut Prices, kind: &str, name: &str| match book.get(kind, name) {
        Some((usd, v)) => {
            verified &= v;
            Some(usd)
        }
        None => {
            verified = false;
            None
        }
    };
    let node_vm = catalog::vm(plan.node_vm);
    let sys_vm = catalog::vm(plan.sys_vm);
    // One pool's node, USD/h: the plan's price or the book's pay-as-you-go; on Spot the plan's
    // discount off it, else the book's Spot price, else pay-as-you-go (listed missing: never a
    // price the book does not have).
    let mut pool_price = |book: &mut Prices, p: &Plan| {
        let list = given_or_book(p.node_usd_per_h, || price(book, "vm", p.node_vm.as_str()));
        match (p.spot, p.spot_discount) {
            (false, _) => list,
            (true, Auto::Set(d)) => list * (1.0 - d),
            (true, Auto::Auto) => price(book, "spot", p.node_vm.as_str()).unwrap_or(list),
        }
    };
    let node_price = pool_price(&mut book, plan);
    let worker = cluster
        .workers_with_plan(plan)
        .map(|(wp, wc)| (pool_price(&mut book, &wp), wp, wc));
    let sys_price = given_or_book(plan.sys_usd_per_h, || {
        price(&mut book, "vm", plan.sys_vm.as_str())
    });
    let control_plane = match plan.aks_tier {
        AksTier::Free => 0.0,
        AksTier::Standard => {
            given_or_book(plan.aks_usd_per_h, || price(&mut book, "aks", "standard"))
                * HOURS_PER_MONTH
        }
    };
    let (user_tier, sys_tier) = (os_disk_tier(node_vm.vcpu), os_disk_tier(sys_vm.vcpu));
    let worker_tier = worker
        .as_ref()
        .map(|_| os_disk_tier(catalog::vm(plan.worker_vm).vcpu));
    let (user_disk, sys_disk, worker_disk) = match plan.disk_usd_per_month {
        Auto::Set(usd) => (Some(usd), Some(usd), worker_tier.map(|_| usd)),
        Auto::Auto => (
            price(&mut book, "disk", user_tier),
            price(&mut book, "disk", sys_tier),
            worker_tier.and_then(|tier| price(&mut book, "disk", tier)),
        ),
    };
    let lb =
        given_or_book(plan.lb_usd_per_h, || price(&mut book, "lb", "standard")) * HOURS_PER_MONTH;
    let ip =
        given_or_book(plan.ip_usd_per_h, || price(&mut book, "ip", "standard")) * HOURS_PER_MONTH;

    let peak_share = plan.hours_peak / 24.0;
    let avg = |c: &Cluster| {
        c.nodes_peak as f64 * peak_share + c.nodes_offpeak as f64 * (1.0 - peak_share)
    };
    let user_nodes_avg = avg(cluster);
    let node_hours = user_nodes_avg * HOURS_PER_MONTH;
    let worker_nodes_avg = worker.as_ref().map_or(0.0, |(_, _, wc)| avg(wc));
    let os_disks = os_disks_usd(
        [sys_disk, user_disk, worker_disk],
        [f64::from(plan.sys_nodes), user_nodes_avg, worker_nodes_avg],
    );
    let tasks = tasks_per_month(plan);
    let in_flight = if plan.task_rate > 0.0 {
        plan.task_rate * plan.task_s
    } else {
        f64::from(plan.tasks)
    };
    // The workers' pool, its node price, and whether it is on Spot.
    let (task_pool, task_price, task_spot) = match &worker {
        Some((usd, wp, wc)) => (*wc, *usd, wp.spot),
        None => (cluster, node_price, plan.spot),
    };
    // Task slots a node holds: worker pods a node × tasks a pod runs at once.
    let slots = (task_pool.task_pods_per_node * u64::from(plan.task_concurrency)).max(1);
    let spot_rerun = (task_spot && plan.spot_evictions_month > 0 && in_flight > 0.0).then(|| {
        let hours = f64::from(plan.spot_evictions_month) * in_flight * plan.task_s / 3600.0;
        SpotRerun {
            evictions: plan.spot_evictions_month,
            tasks_in_flight: in_flight,
            rerun_task_hours: hours,
            usd: hours * task_price / slots as f64,
        }
    });
    let breakdown = Breakdown {
        system_pool: f64::from(plan.sys_nodes) * sys_price * HOURS_PER_MONTH,
        user_pool: node_hours * node_price,
        worker_pool: worker_nodes_avg * HOURS_PER_MONTH * task_price,
        control_plane,
        redis: plan.redis_usd_per_month,
        os_disks,
        load_balancer: lb,
        public_ip: ip,
        spot_reruns: spot_rerun.as_ref().map_or(0.0, |r| r.usd),
    };
    let monthly = breakdown.items().iter().map(|(_, usd)| usd).sum::<f64>();
    let requests = requests_per_month(plan);
    // Below one request a month the plan serves practically nothing: no price per request
    // (and the quotient would overflow to infinity).
    let per_million = (requests >= 1.0).then(|| monthly / (requests / 1e6));
    let per_thousand_tasks = (tasks >= 1.0).then(|| monthly / (tasks / 1e3));

    ex.add("cost.monthly_usd", || {
        format!(
            "system {} × ${}/h × 730 h = ${} + user ({} nodes × {} h/day + {} nodes × {} h/day) / 24 × 730 h × ${}/h = ${}{} + control plane ${} + Redis ${} + OS disks ${} + load balancer ${} + public IP ${} = ${}",
            plan.sys_nodes,
            Num(sys_price),
            Num(breakdown.system_pool),
            cluster.nodes_peak,
            Num(plan.hours_peak),
            cluster.nodes_offpeak,
            Num(24.0 - plan.hours_peak),
            Num(node_price),
            Num(breakdown.user_pool),
            match &worker {
                Some((usd, wp, wc)) => format!(
                    " + workers' {} pool ({} nodes × {} h/day + {} nodes × {} h/day) / 24 × 730 h × ${}/h = ${}",
                    if wp.spot { "Spot" } else { "pay-as-you-go" },
                    wc.nodes_peak,
                    Num(plan.hours_peak),
                    wc.nodes_offpeak,
                    Num(24.0 - plan.hours_peak),
                    Num(*usd),
                    Num(breakdown.worker_pool)
                ),
                None => String::new(),
            },
            Num(breakdown.control_plane),
            Num(breakdown.redis),
            Num(breakdown.os_disks),
            Num(breakdown.load_balancer),
            Num(breakdown.public_ip),
            Num(monthly)
        )
    });
    ex.add("cost.extras", || {
        let disk = |tier: &str, usd: Option<f64>| match usd {
            Some(usd) => format!("{} ${}/month", tier, Num(usd)),
            None => format!("{} (not in the price book for {})", tier, plan.region.as_str()),
        };
        format!(
            "OS disks: {} system × {} + {} user nodes on average × {}{} = ${}; load balancer ${}/h × 730 h = ${}; public IP ${}/h × 730 h = ${}",
            plan.sys_nodes,
            disk(sys_tier, sys_disk),
            Num(user_nodes_avg),
            disk(user_tier, user_disk),
            match worker_tier {
                Some(tier) => format!(
                    " + {} worker nodes on average × {}",
                    Num(worker_nodes_avg),
                    disk(tier, worker_disk)
                ),
                None => String::new(),
            },
            Num(os_disks),
            Num(lb / HOURS_PER_MONTH),
            Num(lb),
            Num(ip / HOURS_PER_MONTH),
            Num(ip)
        )
    });
    if let Some(pm) = per_million {
        ex.add("cost.per_million_requests_usd", || {
            format!(
                "${} / {} M requests a month = ${} per million",
                Num(monthly),
                Num(requests / 1e6),
                Num(pm)
            )
        });
    }
    if let Some(r) = &spot_rerun {
        ex.add("cost.spot_rerun", || {
            format!(
                "{} evictions × {} tasks in flight at peak × {} s = {} task-hours run again (Celery's acks_late re-queues them) × ${}/h ÷ {} task slots a node = ${} a month",
                r.evictions,
                Num(r.tasks_in_flight),
                Num(plan.task_s),
                Num(r.rerun_task_hours),
                Num(task_price),
                slots,
                Num(r.usd)
            )
        });
    }
    if let Some(pt) = per_thousand_tasks {
        ex.add("cost.per_thousand_tasks_usd", || {
            format!(
                "${} / {} thousand tasks a month (the peak task rate following the traffic: requests a month × peak tasks/s ÷ peak req/s) = ${} per thousand",
                Num(monthly),
                Num(tasks / 1e3),
                Num(pt)
            )
        });
    }

    let mut pools = vec![
        Pool {
            pool: PoolRole::System,
            vm: plan.sys_vm.as_str(),
            nodes_peak: u64::from(plan.sys_nodes),
            nodes_min: u64::from(plan.sys_nodes),
            price_type: "payg",
            usd_per_hour: sys_price,
            monthly_usd: breakdown.system_pool,
        },
        user_pool(
            plan,
            PoolRole::User,
            plan.node_vm,
            cluster,
            plan.spot,
            node_price,
            breakdown.user_pool,
        ),
    ];
    if let Some((usd, wp, wc)) = &worker {
        pools.push(user_pool(
            plan,
            PoolRole::Workers,
            plan.worker_vm,
            wc,
            wp.spot,
            *usd,
            breakdown.worker_pool,
        ));
    }
    let prices_verified = verified;
    Cost {
        monthly_usd: monthly,
        per_million_requests_usd: per_million,
        per_thousand_tasks_usd: per_thousand_tasks,
        node_usd_per_hour: node_price,
        worker_usd_per_hour: worker.as_ref().map(|w| w.0),
        sys_usd_per_hour: sys_price,
        prices_verified,
        pools,
        extras: Extras {
            os_disk_user: user_tier,
            os_disk_system: sys_tier,
            os_disk_user_usd_month: user_disk,
            os_disk_system_usd_month: sys_disk,
            os_disk_workers: worker_tier,
            os_disk_workers_usd_month: worker_disk,
            os_disks_usd: breakdown.os_disks,
            load_balancer_usd: breakdown.load_balancer,
            public_ip_usd: breakdown.public_ip,
        },
        spot_rerun,
        breakdown,
        prices_as_of: prices::book().as_of,
        region: plan.region.as_str(),
        prices_used: book.used,
        prices_missing: book.missing,
    }
}
