//! How to buy the capacity (`cost.commitment`): a reservation of each regular pool's nodes worth
//! reserving, or a compute savings plan's best hourly commitment, both from the simulated
//! day's node counts (docs/PRICES.md, "Ways to buy"). Weekends are not modelled: every day of
//! the month is the simulated day.

use crate::engine::catalog::HOURS_PER_MONTH;
use crate::engine::cost::{Missing, PoolRole};
use crate::engine::format::Num;
use crate::engine::{prices, Explain, Sizing};
use crate::plan::{Auto, Commitment, Plan, VmSize, WorkerPool};
use crate::sim::{Day, STEP_S};
use serde::Serialize;

/// Points of the savings-plan sweep (and of the reservation curve at most).
const SWEEP_POINTS: usize = 101;

/// The commitment's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Buying {
    /// `payg`, `ri1`, `ri3`, `sp1` or `sp3`.
    pub commitment: Commitment,
    /// Whether the commitment could be priced (its price is in the book or the plan).
    pub priced: bool,
    /// A reservation: the user nodes reserved all month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserved_nodes: Option<u64>,
    /// A savings plan: the hourly commitment C, USD/h.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hourly_commit_usd: Option<f64>,
    /// The committed price of one user VM, USD/h.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committed_usd_per_hour: Option<f64>,
    /// Each committed pool (every pool not on Spot), with its price and reservation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pools: Vec<CommittedPool>,
    /// The pools' compute a month without the commitment (the day's node-hours, pay as you go).
    pub monthly_without_usd: f64,
    /// With it.
    pub monthly_with_usd: f64,
    /// The price the book lacks, when the plan does not give it either.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<Missing>,
    /// The curve the chart draws: (reserved nodes or C, monthly compute), and the chosen point.
    #[serde(skip)]
    pub curve: Vec<(f64, f64)>,
    /// The chosen point of the curve.
    #[serde(skip)]
    pub chosen: Option<(f64, f64)>,
}

/// One pool under the commitment (`cost.commitment.pools`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommittedPool {
    /// `user` or `workers`.
    pub pool: PoolRole,
    /// Its VM size.
    pub vm: &'static str,
    /// One VM under the commitment, USD/h.
    pub committed_usd_per_hour: f64,
    /// A reservation: the pool's nodes reserved all month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserved_nodes: Option<u64>,
}

impl Buying {
    /// The commitment as the page states it.
    pub fn summary(&self) -> String {
        use crate::engine::format::money;
        let term = match self.commitment {
            Commitment::Ri1 => "1-year reservation",
            Commitment::Ri3 => "3-year reservation",
            Commitment::Sp1 => "1-year savings plan",
            Commitment::Sp3 => "3-year savings plan",
            Commitment::Payg => {
                return format!(
                    "Pay as you go: {} of compute a month (the pools over the simulated day). Choose a commitment under Buying to see what a reservation or a savings plan saves.",
                    money(self.monthly_without_usd)
                )
            }
        };
        if let Some(m) = &self.missing {
            return format!(
                "{}: the price book has no {} price for {}; set commit_price (Buying) to price it.",
                term, m.item, m.region
            );
        }
        if !self.priced {
            return format!(
                "{}: Spot nodes cannot be committed; the pools stay on Spot.",
                term
            );
        }
        let what = match (self.reserved_nodes, self.hourly_commit_usd) {
            (Some(r), _) => {
                let by_pool: Vec<String> = self
                    .pools
                    .iter()
                    .map(|p| format!("{} {}", p.reserved_nodes.unwrap_or(0), p.pool.as_str()))
                    .collect();
                format!("{} of {} nodes ({})", term, r, by_pool.join(", "))
            }
            (_, Some(c)) => format!("{} of ${}/h", term, Num(c)),
            _ => term.to_string(),
        };
        format!(
            "{}: {} of compute a month against {} pay as you go ({} less; the day's node counts, every day alike: weekends are not modelled).",
            what,
            money(self.monthly_with_usd),
            money(self.monthly_without_usd),
            money(self.monthly_without_usd - self.monthly_with_usd)
        )
    }

    /// What the commitment changes in the month: with − without (negative when it saves).
    pub fn delta_usd(&self) -> f64 {
        self.monthly_with_usd - self.monthly_without_usd
    }
}

/// The number of nodes worth reserving: the largest R whose share of the day at or above R
/// is at least `ratio` (reserved price ÷ pay-as-you-go price). A node reserved costs `ratio`
/// of a pay-as-you-go node all the time; it pays when it is busy at least that share.
pub fn nodes_to_reserve(counts: &[u64], ratio: f64) -> u64 {
    let max = counts.iter().copied().max().unwrap_or(0) as usize;
    // How many steps have exactly c nodes, then (from the top) at least c.
    let mut at_least = vec![0usize; max + 2];
    for &c in counts {
        at_least[c as usize] += 1;
    }
    for c in (0..=max).rev() {
        at_least[c] += at_least[c + 1];
    }
    let n = counts.len().max(1) as f64;
    (1..=max)
        .take_while(|&r| at_least[r] as f64 / n >= ratio)
        .last()
        .unwrap_or(0) as u64
}

/// One hour's cost under a savings plan of C USD/h at discount d for pay-as-you-go spend u:
/// C + max(0, u − C / (1 − d)).
pub fn savings_plan_hour(c: f64, d: f64, u: f64) -> f64 {
    c + (u - c / (1.0 - d)).max(0.0)
}

/// The month under a savings plan of C USD/h over the day's hourly spends.
pub fn savings_plan_month(c: f64, d: f64, hourly: &[f64]) -> f64 {
    hourly
        .iter()
        .map(|&u| savings_plan_hour(c, d, u))
        .sum::<f64>()
        * HOURS_PER_MONTH
        / hourly.len().max(1) as f64
}

/// The commitment for a plan and its simulated day, and the month as bought
/// (`cost.as_bought_usd`: the day's month with the commitment's difference).
pub fn assess(plan: &Plan, s: &Sizing, day: &Day, ex: &mut impl Explain) -> Buying {
    let b = commit(plan, s, day, ex);
    ex.add("cost.as_bought_usd", || {
        format!(
            "the simulated day's month ${} {} the {} commitment's ${} = ${}",
            Num(day.summary.monthly_usd),
            if b.delta_usd() <= 0.0 { "−" } else { "+" },
            b.commitment.as_str(),
            Num(b.delta_usd().abs()),
            Num(day.summary.monthly_usd + b.delta_usd())
        )
    });
    b
}

/// One user pool through the day, as the commitment sees it.
struct Billed {
    pool: PoolRole,
    vm: VmSize,
    /// Nodes at each step.
    counts: Vec<u64>,
    /// Pay-as-you-go (or Spot) price of one node, USD/h.
    payg: f64,
    /// Spot nodes are never committed.
    spot: bool,
}

impl Billed {
    /// The pool's month at its price: node-steps × step hours × price × 730 / 24.
    fn month(&self, over: u64) -> f64 {
        let steps: u64 = self.counts.iter().map(|&c| c.saturating_sub(over)).sum();
        steps as f64 * STEP_S / 3600.0 * self.payg * HOURS_PER_MONTH / 24.0
    }
}

/// The user pools of the day: the user pool, and the workers' own pool when they have one.
fn billed(plan: &Plan, s: &Sizing, day: &Day) -> Vec<Billed> {
    let mut pools = vec![Billed {
        pool: PoolRole::User,
        vm: plan.node_vm,
        counts: day.rows.iter().map(|r| r.nodes - r.worker_nodes).collect(),
        payg: s.cost.node_usd_per_hour,
        spot: plan.spot,
    }];
    if let Some(usd) = s.cost.worker_usd_per_hour {
        pools.push(Billed {
            pool: PoolRole::Workers,
            vm: plan.worker_vm,
            counts: day.rows.iter().map(|r| r.worker_nodes).collect(),
            payg: usd,
            spot: plan.worker_pool == WorkerPool::Spot,
        });
    }
    pools
}

fn commit(plan: &Plan, s: &Sizing, day: &Day, ex: &mut impl Explain) -> Buying {
    let sys = f64::from(plan.sys_nodes) * s.cost.sys_usd_per_hour;
    let pools = billed(plan, s, day);
    let without = pools.iter().map(|p| p.month(0)).sum::<f64>() + sys * HOURS_PER_MONTH;
    let mut out = Buying {
        commitment: plan.commitment,
        priced: true,
        reserved_nodes: None,
        hourly_commit_usd: None,
        committed_usd_per_hour: None,
        pools: Vec::new(),
        monthly_without_usd: without,
        monthly_with_usd: without,
        missing: None,
        curve: Vec::new(),
        chosen: None,
    };
    if plan.commitment == Commitment::Payg {
        return out;
    }
    let term = plan.commitment.as_str();
    // Each pool that can be committed (not Spot), with its committed price: the plan's
    // commit_price for the user VM, else the book's.
    let mut committed = Vec::with_capacity(pools.len());
    for p in pools.iter().filter(|p| !p.spot && p.payg > 0.0) {
        let item = format!("{}/{}", term, p.vm.as_str());
        let usd = match plan.commit_usd_per_h {
            Auto::Set(usd) if p.vm == plan.node_vm => Some(usd),
            _ => prices::book()
                .get(plan.region.as_str(), &item)
                .map(|b| b.usd),
        };
        match usd {
            Some(usd) => committed.push((p, usd)),
            None => {
                out.priced = false;
                out.missing.get_or_insert(Missing {
                    item,
                    region: plan.region.as_str(),
                });
            }
        }
    }
    if committed.is_empty() || out.missing.is_some() {
        out.priced = false;
        let missing = out.missing.clone();
        ex.add("cost.commitment", || match missing {
            Some(m) => format!(
                "no {} in the price book for {}: set commit_price to price it",
                m.item, m.region
            ),
            None => {
                "Spot nodes cannot be reserved or covered by a savings plan: the pools stay on Spot"
                    .to_string()
            }
        });
        return out;
    }
    // Spot pools (and the system pool under a reservation) stay at their price.
    let spot_month: f64 = pools.iter().filter(|p| p.spot).map(|p| p.month(0)).sum();
    let (first, first_usd) = committed[0];
    out.committed_usd_per_hour = Some(first_usd);
    if term.starts_with("ri") {
        // Per pool and VM size, the nodes worth reserving (the rule).
        let reserve: Vec<u64> = committed
            .iter()
            .map(|(p, usd)| nodes_to_reserve(&p.counts, usd / p.payg))
            .collect();
        let pool_with = |i: usize, r: u64| {
            let (p, usd) = committed[i];
            r as f64 * usd * HOURS_PER_MONTH + p.month(r)
        };
        let rest: f64 = (1..committed.len())
            .map(|i| pool_with(i, reserve[i]))
            .sum::<f64>()
            + spot_month
            + sys * HOURS_PER_MONTH;
        let month_with = |r: u64| pool_with(0, r) + rest;
        // The chart varies the first committed pool's reservation, the others at theirs.
        let max = first.counts.iter().copied().max().unwrap_or(0);
        let stride = max as usize / SWEEP_POINTS + 1;
        out.curve = (0..=max)
            .step_by(stride)
            .map(|x| (x as f64, month_with(x)))
            .collect();
        out.reserved_nodes = Some(reserve.iter().sum());
        out.monthly_with_usd = month_with(reserve[0]);
        out.chosen = Some((reserve[0] as f64, out.monthly_with_usd));
        out.pools = committed
            .iter()
            .zip(&reserve)
            .map(|((p, usd), &r)| CommittedPool {
                pool: p.pool,
                vm: p.vm.as_str(),
                committed_usd_per_hour: *usd,
                reserved_nodes: Some(r),
            })
            .collect();
        let texts: Vec<String> = committed
            .iter()
            .zip(&reserve)
            .map(|((p, usd), &r)| {
                let share = |r: u64| {
                    p.counts.iter().filter(|&&c| c >= r).count() as f64
                        / p.counts.len().max(1) as f64
                };
                format!(
                    "{} pool: reserved ${}/h ÷ pay-as-you-go ${}/h = {}; the day has {} or more of its nodes {} % of the time and {} or more {} %: reserve {} (the largest count busy at least {} % of the day)",
                    p.pool.as_str(),
                    Num(*usd),
                    Num(p.payg),
                    Num(usd / p.payg),
                    r,
                    Num(share(r) * 100.0),
                    r + 1,
                    Num(share(r + 1) * 100.0),
                    r,
                    Num(usd / p.payg * 100.0)
                )
            })
            .collect();
        ex.add("cost.commitment", || {
            format!(
                "{}; the reserved nodes × 730 h + the nodes above them pay as you go + Spot pools + system pool = ${} a month, against ${} without",
                texts.join("; "),
                Num(out.monthly_with_usd),
                Num(without)
            )
        });
    } else {
        let ratio = first_usd / first.payg;
        let d = (1.0 - ratio).clamp(0.0, 0.99);
        // The pay-as-you-go compute spend of each hour of the day: the committed pools' nodes
        // and the system pool.
        let steps = first.counts.len();
        let per_hour = (steps / 24).max(1);
        let hourly: Vec<f64> = (0..steps)
            .step_by(per_hour)
            .map(|h| {
                let end = (h + per_hour).min(steps);
                committed
                    .iter()
                    .map(|(p, _)| {
                        p.counts[h..end].iter().sum::<u64>() as f64 / (end - h) as f64 * p.payg
                    })
                    .sum::<f64>()
                    + sys
            })
            .collect();
        let top = hourly.iter().copied().fold(0.0, f64::max) * (1.0 - d);
        // The month is convex and piecewise linear in C: its minimum is at a breakpoint
        // C = u × (1 − d) of some hour (or at 0).
        let sp_month = |c: f64| savings_plan_month(c, d, &hourly) + spot_month;
        let best = hourly
            .iter()
            .map(|&u| u * (1.0 - d))
            .chain(std::iter::once(0.0))
            .map(|c| (c, sp_month(c)))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0)))
            .unwrap_or((0.0, without));
        out.curve = (0..SWEEP_POINTS)
            .map(|i| top * 1.25 * i as f64 / (SWEEP_POINTS - 1) as f64)
            .map(|c| (c, sp_month(c)))
            .collect();
        out.hourly_commit_usd = Some(best.0);
        out.monthly_with_usd = best.1;
        out.chosen = Some(best);
        out.pools = committed
            .iter()
            .map(|(p, usd)| CommittedPool {
                pool: p.pool,
                vm: p.vm.as_str(),
                committed_usd_per_hour: *usd,
                reserved_nodes: None,
            })
            .collect();
        ex.add("cost.commitment", || {
            format!(
                "discount d = 1 − ${}/h ÷ ${}/h = {} %; each hour costs C + max(0, u − C / (1 − d)) for the hour's pay-as-you-go spend u ({} and system pool, ${} to ${} an hour over the day); the best C is ${}/h: ${} a month against ${} without",
                Num(first_usd),
                Num(first.payg),
                Num(d * 100.0),
                committed
                    .iter()
                    .map(|(p, _)| format!("{} nodes", p.pool.as_str()))
                    .collect::<Vec<_>>()
                    .join(", "),
                Num(hourly.iter().copied().fold(f64::INFINITY, f64::min)),
                Num(hourly.iter().copied().fold(0.0, f64::max)),
                Num(best.0),
                Num(best.1),
                Num(without)
            )
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example: a reserved/pay-as-you-go ratio of 0.6, a day of 10 nodes
    /// for 30 % and 4 nodes for 70 %: reserve 4.
    #[test]
    fn reserve_the_nodes_busy_at_least_the_ratio() {
        let day: Vec<u64> = [vec![10; 30], vec![4; 70]].concat();
        assert_eq!(nodes_to_reserve(&day, 0.6), 4);
        // At a ratio of 0.3 the 10 busy 30 % of the day are worth it too.
        assert_eq!(nodes_to_reserve(&day, 0.3), 10);
        assert_eq!(nodes_to_reserve(&day, 0.31), 4);
        assert_eq!(nodes_to_reserve(&[], 0.5), 0);
        assert_eq!(nodes_to_reserve(&[0, 0], 0.5), 0);
    }

    /// The savings-plan hour: C + max(0, u − C / (1 − d)).
    #[test]
    fn savings_plan_hours() {
        // C = 6 at d = 0.4 covers 10 of pay-as-you-go spend.
        assert_eq!(savings_plan_hour(6.0, 0.4, 10.0), 6.0);
        assert_eq!(savings_plan_hour(6.0, 0.4, 4.0), 6.0);
        assert!((savings_plan_hour(6.0, 0.4, 15.0) - 11.0).abs() < 1e-12);
        assert_eq!(savings_plan_hour(0.0, 0.4, 15.0), 15.0);
        // A flat 10 all day: the best C is 6 and the month 6 × 730.
        let month = savings_plan_month(6.0, 0.4, &[10.0; 24]);
        assert!((month - 6.0 * 730.0).abs() < 1e-9);
        assert!(savings_plan_month(5.0, 0.4, &[10.0; 24]) > month);
        assert!(savings_plan_month(7.0, 0.4, &[10.0; 24]) > month);
    }
}
