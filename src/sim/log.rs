//! The decision log: every scaling decision of the day, kept as numbers and written as a line
//! only when asked (`headroom simulate --log`, the page's decision log).

use super::STEP_S;
use crate::engine::format::{count, Num};

/// What held a scaling decision back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// The scale-up percent policy: this % per this many seconds.
    UpPercent(u32, u32),
    /// The scale-up pods policy: this many pods per this many seconds.
    UpPods(u32, u32),
    /// The scale-down percent policy: this % per 15 s.
    DownPercent(u32),
}

/// One decision.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// The HPA changed the web replicas.
    Hpa {
        /// Replicas before.
        from: u64,
        /// Replicas after.
        to: u64,
        /// Ready pods it measured.
        ready: u64,
        /// CPU each ready pod used, % of its request.
        cpu_pct: f64,
        /// The CPU target, %.
        target_pct: f64,
        /// What it wanted (before its policies and bounds).
        wants: u64,
        /// The policy that held it back.
        limit: Option<Limit>,
    },
    /// KEDA (and the HPA it drives) changed the workers.
    Keda {
        /// Workers before.
        from: u64,
        /// Workers after.
        to: u64,
        /// The Redis list's length.
        list: u64,
        /// The list length target per worker.
        target: u64,
        /// What the HPA wanted, when it decided.
        wants: Option<u64>,
        /// The policy that held it back.
        limit: Option<Limit>,
        /// The cooldown before scaling to zero, s.
        cooldown_s: u32,
    },
    /// The cluster autoscaler added nodes.
    NodesUp {
        /// The pool: "" for the user pool, "workers " for the workers' own.
        pool: &'static str,
        /// Nodes before.
        from: u64,
        /// Nodes after.
        to: u64,
        /// Real pods waiting.
        waiting: u64,
        /// Placeholders waiting.
        holders: u64,
    },
    /// The cluster autoscaler removed nodes.
    NodesDown {
        /// The pool: "" for the user pool, "workers " for the workers' own.
        pool: &'static str,
        /// Nodes before.
        from: u64,
        /// Nodes after.
        to: u64,
        /// How long they had been unneeded, s.
        unneeded_s: f64,
    },
    /// Container Apps changed the replicas.
    Aca {
        /// Replicas before.
        from: u64,
        /// Replicas after.
        to: u64,
        /// What the rule wanted (the highest want of the cooldown window when scaling down).
        wants: u64,
        /// Whether this started the app from zero.
        cold_start: bool,
        /// The cooldown, s.
        cooldown_s: u32,
    },
}

/// A decision at a step.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The step (15 s each from 00:00).
    pub step: usize,
    /// The decision.
    pub what: What,
}

/// A time of day, `hh:mm:ss`.
pub fn clock(step: usize) -> String {
    let s = (step as f64 * STEP_S) as u64;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

impl Limit {
    fn text(self) -> String {
        match self {
            Limit::UpPercent(pct, period) => format!("+{} %/{} s", pct, period),
            Limit::UpPods(pods, period) => format!("+{} pods/{} s", pods, period),
            Limit::DownPercent(pct) => format!("−{} %/15 s", pct),
        }
    }
}

impl Event {
    /// The series the decision changed: `web`, `workers`, `nodes` or `aca`.
    pub fn series(&self) -> &'static str {
        match self.what {
            What::Hpa { .. } => "web",
            What::Keda { .. } => "workers",
            What::NodesUp { .. } | What::NodesDown { .. } => "nodes",
            What::Aca { .. } => "aca",
        }
    }

    /// The log line, e.g. `08:00:15 hpa web 5 → 8 (5 ready at 100 % CPU vs target 70 %, wants 8)`.
    pub fn line(&self) -> String {
        let at = clock(self.step);
        let limited = |to: u64, limit: Option<Limit>| {
            limit.map_or(String::new(), |l| {
                format!("; limited to {} by {}", count(to), l.text())
            })
        };
        match &self.what {
            What::Hpa {
                from,
                to,
                ready,
                cpu_pct,
                target_pct,
                wants,
                limit,
            } => format!(
                "{} hpa web {} → {} ({} ready at {} % CPU vs target {} %, wants {}{})",
                at,
                count(*from),
                count(*to),
                count(*ready),
                Num(*cpu_pct),
                Num(*target_pct),
                count(*wants),
                limited(*to, *limit)
            ),
            What::Keda {
                from,
                to,
                list,
                target,
                wants,
                limit,
                cooldown_s,
            } => {
                let why = match wants {
                    _ if *from == 0 => format!("a poll saw {} tasks on the list", count(*list)),
                    _ if *to == 0 => {
                        format!("the list read empty at every poll for {} s", cooldown_s)
                    }
                    Some(w) => format!(
                        "list {} tasks vs target {} per worker, wants {}{}",
                        count(*list),
                        target,
                        count(*w),
                        limited(*to, *limit)
                    ),
                    None => format!("list {} tasks", count(*list)),
                };
                format!(
                    "{} keda workers {} → {} ({})",
                    at,
                    count(*from),
                    count(*to),
                    why
                )
            }
            What::NodesUp {
                pool,
                from,
                to,
                waiting,
                holders,
            } => {
                let held = if *holders > 0 {
                    format!(" and {} placeholders", count(*holders))
                } else {
                    String::new()
                };
                format!(
                    "{} cluster-autoscaler {}nodes {} → {} ({} pods{} waiting)",
                    at,
                    pool,
                    count(*from),
                    count(*to),
                    count(*waiting),
                    held
                )
            }
            What::NodesDown {
                pool,
                from,
                to,
                unneeded_s,
            } => format!(
                "{} cluster-autoscaler {}nodes {} → {} (unneeded for {} s; {} hold every pod)",
                at,
                pool,
                count(*from),
                count(*to),
                Num(*unneeded_s),
                count(*to)
            ),
            What::Aca {
                from,
                to,
                wants,
                cold_start,
                cooldown_s,
            } => {
                let why = if *cold_start {
                    format!("cold start; wants {}", count(*wants))
                } else if to > from {
                    format!(
                        "wants {}, at most max(4, 2 × {}) a step",
                        count(*wants),
                        count(*from)
                    )
                } else {
                    format!(
                        "the highest want in the last {} s is {}",
                        cooldown_s,
                        count(*wants)
                    )
                };
                format!(
                    "{} aca replicas {} → {} ({})",
                    at,
                    count(*from),
                    count(*to),
                    why
                )
            }
        }
    }
}
