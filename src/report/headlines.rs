//! Headline figures: what the cards, the compare table and the phone's summary line show,
//! each with its unit and the key of the engine's explanation. Plain functions of a sizing,
//! so native tests reach them; the app only lays them out.

use super::Report;
use crate::engine::format::{count, fmt, money};
use crate::plan::Platform;

/// A headline figure: its `data-testid`, title, unit, the engine's explanation key, and how to
/// read it from a sizing. The cards and the compare table both use this list.
pub struct Headline {
    /// The `data-testid` of the value.
    pub testid: &'static str,
    /// The card's title.
    pub title: &'static str,
    /// The unit.
    pub unit: &'static str,
    /// The engine's explanation key.
    pub explain: &'static str,
    /// The value as text, as people read it: money as "US$4,350.80", counts from 10,000 up
    /// with thousands separators. (`headroom eval` keeps plain numbers.)
    pub value: fn(&Report) -> String,
    /// The value as a number, for differences; `None` when it has none.
    pub number: fn(&Report) -> Option<f64>,
    /// Shown only for Container Apps plans.
    pub aca_only: bool,
}

impl Headline {
    /// The unit as it reads after this report's value: "1 pod", "2 pods".
    pub fn unit_for(&self, s: &Report) -> &'static str {
        let n = (self.number)(s);
        // A value with no number ("shared", "unstable", "—") reads without the unit.
        if n.is_none() {
            return "";
        }
        if n != Some(1.0) {
            return self.unit;
        }
        match self.unit {
            "pods" => "pod",
            "nodes" => "node",
            "replicas" => "replica",
            "processes" => "process",
            "requests" => "request",
            "connections" => "connection",
            unit => unit,
        }
    }
}

impl Headline {
    /// The unit as a column heading: "pods", "per month".
    pub fn unit_heading(&self) -> String {
        match self.unit.strip_prefix(PER) {
            Some(per) => format!("per {per}"),
            None => self.unit.to_string(),
        }
    }

    /// How the figure changed from report `a` to `b`: the difference and its share
    /// (`engine::math::change`), "=" when a figure without a number is the same, else "changed".
    pub fn change(&self, a: &Report, b: &Report) -> String {
        match ((self.number)(a), (self.number)(b)) {
            (Some(x), Some(y)) if self.unit == PER_MONTH => {
                crate::engine::format::money_change(x, y)
            }
            (Some(x), Some(y)) => crate::engine::format::change(x, y),
            _ if (self.value)(a) == (self.value)(b) => "=".to_string(),
            _ => "changed".to_string(),
        }
    }
}

/// "per", before a unit of time: a slash and a no-break space, so the unit never wraps apart.
const PER: &str = "/\u{a0}";
/// The unit of a monthly cost: "US$4,350.80 / month".
pub const PER_MONTH: &str = "/\u{a0}month";

fn opt(v: Option<u64>) -> String {
    v.map_or("—".to_string(), count)
}

/// Every headline figure, in display order.
pub static HEADLINES: &[Headline] = &[
    Headline {
        testid: "web-replicas-min",
        title: "Web replicas, minimum",
        unit: "pods",
        explain: "web.replicas_min",
        value: |r| count(r.sizing.web.replicas_min),
        number: |r| Some(r.sizing.web.replicas_min as f64),
        aca_only: false,
    },
    Headline {
        testid: "web-replicas-max",
        title: "Web replicas at peak",
        unit: "pods",
        explain: "web.replicas_max",
        value: |r| count(r.sizing.web.replicas_max),
        number: |r| Some(r.sizing.web.replicas_max as f64),
        aca_only: false,
    },
    Headline {
        testid: "web-replicas-hpa",
        title: "HPA steady state at peak",
        unit: "pods",
        explain: "web.replicas_hpa_steady",
        value: |r| count(r.sizing.web.replicas_hpa_steady),
        number: |r| Some(r.sizing.web.replicas_hpa_steady as f64),
        aca_only: false,
    },
    Headline {
        testid: "web-replicas-hpa-settles",
        title: "Where the CPU HPA settles",
        unit: "pods",
        explain: "web.replicas_hpa_settles",
        value: |r| count(r.sizing.web.replicas_hpa_settles),
        number: |r| Some(r.sizing.web.replicas_hpa_settles as f64),
        aca_only: false,
    },
    Headline {
        testid: "task-replicas-max",
        title: "Worker replicas at peak",
        unit: "pods",
        explain: "tasks.replicas_max",
        value: |r| count(r.sizing.tasks.replicas_max),
        number: |r| Some(r.sizing.tasks.replicas_max as f64),
        aca_only: false,
    },
    Headline {
        testid: "task-replicas-keda",
        title: "Where KEDA settles",
        unit: "pods",
        explain: "tasks.keda_steady",
        value: |r| count(r.sizing.tasks.keda_steady),
        number: |r| Some(r.sizing.tasks.keda_steady as f64),
        aca_only: false,
    },
    Headline {
        testid: "nodes-packed",
        title: "User nodes, packed",
        unit: "nodes",
        explain: "cluster.nodes_packed",
        value: |r| opt(r.sizing.cluster.nodes_packed),
        number: |r| r.sizing.cluster.nodes_packed.map(|n| n as f64),
        aca_only: false,
    },
    Headline {
        testid: "worker-nodes-packed",
        title: "Worker pool nodes, packed",
        unit: "nodes",
        explain: "cluster.workers",
        value: |r| {
            r.sizing
                .cluster
                .workers
                .as_ref()
                .map_or_else(|| "shared".to_string(), |w| opt(w.nodes_packed))
        },
        number: |r| {
            let w = r.sizing.cluster.workers.as_ref()?;
            w.nodes_packed.map(|n| n as f64)
        },
        aca_only: false,
    },
    Headline {
        testid: "nodes-aggregate",
        title: "User nodes, by CPU total",
        unit: "nodes",
        explain: "cluster.nodes_aggregate",
        value: |r| count(r.sizing.cluster.nodes_aggregate),
        number: |r| Some(r.sizing.cluster.nodes_aggregate as f64),
        aca_only: false,
    },
    Headline {
        testid: "autoscaler-min",
        title: "Autoscaler minimum",
        unit: "nodes",
        explain: "cluster.autoscaler_min",
        value: |r| count(r.sizing.cluster.autoscaler_min),
        number: |r| Some(r.sizing.cluster.autoscaler_min as f64),
        aca_only: false,
    },
    Headline {
        testid: "nodes-offpeak",
        title: "User nodes off-peak",
        unit: "nodes",
        explain: "cluster.nodes_offpeak",
        value: |r| count(r.sizing.cluster.nodes_offpeak),
        number: |r| Some(r.sizing.cluster.nodes_offpeak as f64),
        aca_only: false,
    },
    Headline {
        testid: "autoscaler-max",
        title: "Autoscaler maximum",
        unit: "nodes",
        explain: "cluster.autoscaler_max",
        value: |r| opt(r.sizing.cluster.autoscaler_max),
        number: |r| r.sizing.cluster.autoscaler_max.map(|n| n as f64),
        aca_only: false,
    },
    Headline {
        testid: "cost-monthly",
        title: "AKS, if every node ran all month",
        unit: PER_MONTH,
        explain: "cost.monthly_usd",
        value: |r| money(r.sizing.cost.monthly_usd),
        number: |r| Some(r.sizing.cost.monthly_usd),
        aca_only: false,
    },
    Headline {
        testid: "day-cost-monthly",
        title: "AKS, the simulated day",
        unit: PER_MONTH,
        explain: "day.monthly_usd",
        value: |r| money(r.day.summary.monthly_usd),
        number: |r| Some(r.day.summary.monthly_usd),
        aca_only: false,
    },
    Headline {
        testid: "cost-as-bought",
        title: "AKS as bought: reservations and savings plan",
        unit: PER_MONTH,
        explain: "cost.as_bought_usd",
        value: |r| money(r.as_bought_usd()),
        number: |r| Some(r.as_bought_usd()),
        aca_only: false,
    },
    Headline {
        testid: "day-overload",
        title: "Overloaded in the day",
        unit: "s",
        explain: "day.overload_s",
        value: |r| fmt(r.day.summary.overload_s),
        number: |r| Some(r.day.summary.overload_s),
        aca_only: false,
    },
    Headline {
        testid: "day-nodes-max",
        title: "Most nodes in the day",
        unit: "nodes",
        explain: "day.nodes_max",
        value: |r| count(r.day.summary.nodes_max),
        number: |r| Some(r.day.summary.nodes_max as f64),
        aca_only: false,
    },
    Headline {
        testid: "resilience-web-replicas",
        title: "Web replicas that survive",
        unit: "pods",
        explain: "resilience.web_replicas",
        value: |r| count(r.resilience.web_replicas),
        number: |r| Some(r.resilience.web_replicas as f64),
        aca_only: false,
    },
    Headline {
        testid: "resilience-nodes",
        title: "User nodes that survive",
        unit: "nodes",
        explain: "resilience.nodes_total",
        value: |r| count(r.resilience.nodes_total),
        number: |r| Some(r.resilience.nodes_total as f64),
        aca_only: false,
    },
    Headline {
        testid: "latency-p95",
        title: "p95 queue wait at peak",
        unit: "ms",
        explain: "latency.wait_p95_ms",
        value: |r| {
            r.sizing
                .latency
                .wait_p95_ms
                .map_or("unstable".to_string(), fmt)
        },
        number: |r| r.sizing.latency.wait_p95_ms,
        aca_only: false,
    },
    Headline {
        testid: "level",
        title: "Scaling level",
        unit: "of 4",
        explain: "level.recommended",
        value: |r| r.sizing.level.recommended.number().to_string(),
        number: |r| Some(r.sizing.level.recommended.number() as f64),
        aca_only: false,
    },
    Headline {
        testid: "gunicorn-workers",
        title: "gunicorn workers",
        unit: "per pod",
        explain: "gunicorn.workers",
        value: |r| count(r.sizing.gunicorn.workers),
        number: |r| Some(r.sizing.gunicorn.workers as f64),
        aca_only: false,
    },
    Headline {
        testid: "celery-concurrency",
        title: "Celery concurrency",
        unit: "per host",
        explain: "celery.concurrency",
        value: |r| count(r.sizing.celery.concurrency),
        number: |r| Some(r.sizing.celery.concurrency as f64),
        aca_only: false,
    },
    Headline {
        testid: "nginx-max-connections",
        title: "nginx connections",
        unit: "connections",
        explain: "nginx.max_connections",
        value: |r| count(r.sizing.nginx.max_connections),
        number: |r| Some(r.sizing.nginx.max_connections as f64),
        aca_only: false,
    },
    Headline {
        testid: "db-max-pool",
        title: "maxPoolSize",
        unit: "connections",
        explain: "db.max_pool_size",
        value: |r| count(r.sizing.db.max_pool_size),
        number: |r| Some(r.sizing.db.max_pool_size as f64),
        aca_only: false,
    },
    Headline {
        testid: "redis-tier",
        title: "Redis tier needed",
        unit: "",
        explain: "redis.tier_recommended",
        value: |r| {
            r.sizing
                .redis
                .tier_recommended
                .map_or("none fits", |t| t.as_str())
                .to_string()
        },
        number: |_| None,
        aca_only: false,
    },
    Headline {
        testid: "aca-replicas-needed",
        title: "ACA replicas needed",
        unit: "replicas",
        explain: "aca.replicas_needed",
        value: |r| count(r.sizing.aca.replicas_needed),
        number: |r| Some(r.sizing.aca.replicas_needed as f64),
        aca_only: true,
    },
    Headline {
        testid: "aca-total-workers",
        title: "ACA total workers",
        unit: "processes",
        explain: "aca.total_workers",
        value: |r| count(r.sizing.aca.total_workers),
        number: |r| Some(r.sizing.aca.total_workers as f64),
        aca_only: true,
    },
    Headline {
        testid: "aca-max-concurrency",
        title: "ACA max concurrency",
        unit: "requests",
        explain: "aca.max_concurrency",
        value: |r| count(r.sizing.aca.max_concurrency),
        number: |r| Some(r.sizing.aca.max_concurrency as f64),
        aca_only: true,
    },
    Headline {
        testid: "day-cold-starts",
        title: "Cold starts in the day",
        unit: "per day",
        explain: "day.aca_cold_starts",
        value: |r| count(r.day.facts.aca_cold_starts),
        number: |r| Some(r.day.facts.aca_cold_starts as f64),
        aca_only: true,
    },
    Headline {
        testid: "aca-day-cost",
        title: "Container Apps, the simulated day: web and worker apps, Redis",
        unit: PER_MONTH,
        explain: "day.aca_monthly_usd",
        value: |r| money(r.headline_usd()),
        number: |r| Some(r.headline_usd()),
        aca_only: true,
    },
    Headline {
        testid: "aca-cost-monthly",
        title: "Container Apps web app, the static month",
        unit: PER_MONTH,
        explain: "aca.monthly_usd",
        value: |r| money(r.sizing.aca.monthly_usd),
        number: |r| Some(r.sizing.aca.monthly_usd),
        aca_only: true,
    },
];

/// The sections the results are read in, in the order an architect reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The web pods, their autoscaling and latency.
    Web,
    /// The background workers.
    Tasks,
    /// The nodes and the cluster autoscaler.
    Nodes,
    /// What it costs a month.
    Cost,
    /// The simulated day.
    Day,
    /// What survives failures.
    Failures,
    /// Which VM size: the plan on every size (`report::vms`).
    Sizes,
    /// How long the plan lasts as traffic grows (`report::runway`).
    Growth,
    /// gunicorn, Celery, nginx, the database and Redis.
    Settings,
}

impl Section {
    /// Every section, in reading order.
    pub const ALL: [Section; 9] = [
        Section::Web,
        Section::Tasks,
        Section::Nodes,
        Section::Cost,
        Section::Day,
        Section::Failures,
        Section::Sizes,
        Section::Growth,
        Section::Settings,
    ];

    /// The heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::Web => "Web tier",
            Section::Tasks => "Background work",
            Section::Nodes => "Nodes",
            Section::Cost => "Cost",
            Section::Day => "The day",
            Section::Failures => "Failures",
            Section::Sizes => "Node size",
            Section::Growth => "Growth",
            Section::Settings => "App settings",
        }
    }

    /// A short name for ids: `data-testid="section-web"`.
    pub fn id(self) -> &'static str {
        match self {
            Section::Web => "web",
            Section::Tasks => "tasks",
            Section::Nodes => "nodes",
            Section::Cost => "cost",
            Section::Day => "day",
            Section::Failures => "failures",
            Section::Sizes => "sizes",
            Section::Growth => "growth",
            Section::Settings => "settings",
        }
    }

    /// The one or two key figures a collapsed heading shows.
    pub fn key_figures(self, plan: &crate::plan::Plan, r: &Report) -> String {
        let s = &r.sizing;
        match (self, plan.platform) {
            (Section::Web, Platform::Aca) => format!(
                "{} replicas at peak · p95 wait {}",
                count(s.aca.replicas_needed),
                wait(r)
            ),
            (Section::Web, Platform::Aks) => format!(
                "{} pods at peak · p95 wait {}",
                count(s.web.replicas_max),
                wait(r)
            ),
            (Section::Tasks, _) if !s.tasks.enabled => "no background work".to_string(),
            (Section::Tasks, _) => format!("{} workers at peak", count(s.tasks.replicas_max)),
            (Section::Nodes, _) => format!(
                "{}–{} nodes",
                count(s.cluster.nodes_offpeak),
                count(s.cluster.nodes_peak)
            ),
            (Section::Cost, _) => format!("{} {PER_MONTH}", money(r.headline_usd())),
            (Section::Day, _) => format!(
                "{} nodes at most · {} s overloaded",
                count(r.day.summary.nodes_max),
                fmt(r.day.summary.overload_s)
            ),
            (Section::Failures, _) => format!(
                "{} web pods, {} nodes survive",
                count(r.resilience.web_replicas),
                count(r.resilience.nodes_total)
            ),
            (Section::Sizes, Platform::Aca) => "no nodes to size".to_string(),
            (Section::Sizes, Platform::Aks) => format!("on {}", plan.node_vm.as_str()),
            (Section::Growth, _) if plan.growth_pct_month <= 0.0 => "no growth set".to_string(),
            (Section::Growth, _) => format!("+{} %/month", fmt(plan.growth_pct_month)),
            (Section::Settings, _) => {
                format!("{} gunicorn workers per pod", count(s.gunicorn.workers))
            }
        }
    }
}

/// The p95 queue wait as a heading says it: "20.1 ms" or "unstable".
fn wait(r: &Report) -> String {
    r.sizing
        .latency
        .wait_p95_ms
        .map_or("unstable".to_string(), |w| format!("{} ms", fmt(w)))
}

impl Headline {
    /// The section its card is in.
    pub fn section(&self) -> Section {
        match self.testid {
            "task-replicas-max" | "task-replicas-keda" => Section::Tasks,
            "nodes-packed"
            | "worker-nodes-packed"
            | "nodes-aggregate"
            | "autoscaler-min"
            | "nodes-offpeak"
            | "autoscaler-max" => Section::Nodes,
            "cost-monthly" | "day-cost-monthly" | "cost-as-bought" | "aca-cost-monthly"
            | "aca-day-cost" => Section::Cost,
            "day-overload" | "day-nodes-max" | "day-cold-starts" => Section::Day,
            "resilience-web-replicas" | "resilience-nodes" => Section::Failures,
            "gunicorn-workers"
            | "celery-concurrency"
            | "nginx-max-connections"
            | "db-max-pool"
            | "redis-tier" => Section::Settings,
            _ => Section::Web,
        }
    }

    /// Whether the card applies to the plan: a database pool needs a database (`pool_size`
    /// above 0), the workers' figures need background work, the worker pool's nodes a pool of
    /// their own (else the Nodes section says they share), the autoscaler maximum an
    /// autoscaler.
    pub fn applies(&self, plan: &crate::plan::Plan, r: &Report) -> bool {
        let s = &r.sizing;
        match self.testid {
            "db-max-pool" => plan.pool_size > 0,
            "task-replicas-max" | "task-replicas-keda" | "celery-concurrency" => s.tasks.enabled,
            "worker-nodes-packed" => s.cluster.workers.is_some(),
            "autoscaler-max" => s.cluster.autoscaler_max.is_some(),
            _ => true,
        }
    }
}

/// Looks a headline up by its `data-testid`.
pub fn headline(testid: &str) -> Option<&'static Headline> {
    HEADLINES.iter().find(|h| h.testid == testid)
}

/// The headlines in the order a plan on `platform` shows them: a Container Apps plan leads
/// with its own figures and keeps the AKS ones after them for comparison; an AKS plan shows
/// only the AKS ones.
pub fn for_platform(platform: Platform) -> Vec<&'static Headline> {
    let (aca, aks): (Vec<&Headline>, Vec<&Headline>) = HEADLINES.iter().partition(|h| h.aca_only);
    match platform {
        Platform::Aca => [aca, aks].concat(),
        Platform::Aks => aks,
    }
}

/// How the engine computed a headline's figure, from the report's explanations.
pub fn how(h: &Headline, report: &Report) -> String {
    report.explain.get(h.explain).cloned().unwrap_or_default()
}

/// The figures a phone keeps in view while its inputs are edited: (headline, words before the
/// value, a word before the card's unit).
type Pick = (&'static str, &'static str, &'static str);
const SUMMARY_AKS: [Pick; 4] = [
    ("web-replicas-max", "", "web "),
    ("nodes-packed", "", ""),
    ("day-cost-monthly", "", ""),
    ("latency-p95", "p95 wait ", ""),
];
const SUMMARY_ACA: [Pick; 3] = [
    ("aca-replicas-needed", "", "ACA "),
    ("aca-day-cost", "", ""),
    ("latency-p95", "p95 wait ", ""),
];

/// The one-line summary of a report: the main figures for the platform and the count of error
/// findings, e.g. "8 web pods · 29 nodes · 2500.00 USD/month · p95 wait 0 ms · 1 error".
pub fn summary(platform: Platform, report: &Report) -> String {
    let picks: &[Pick] = match platform {
        Platform::Aca => &SUMMARY_ACA,
        Platform::Aks => &SUMMARY_AKS,
    };
    let s = report;
    let figures = picks.iter().filter_map(|&(id, before, qualifier)| {
        let h = headline(id)?;
        // A value with no number ("unstable", "—") reads without the unit.
        let after = match (h.number)(s) {
            Some(_) => format!("{qualifier}{}", h.unit_for(s)),
            None => String::new(),
        };
        Some(
            format!("{before}{} {after}", (h.value)(s))
                .trim_end()
                .to_string(),
        )
    });
    let errors = report.errors();
    let findings =
        (errors > 0).then(|| format!("{errors} error{}", if errors == 1 { "" } else { "s" }));
    figures.chain(findings).collect::<Vec<_>>().join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::evaluate;
    use crate::share::presets;

    #[test]
    fn every_headline_is_explained_by_the_engine() {
        let mut plans = vec![crate::plan::Plan::default()];
        plans.extend(
            presets::PRESETS
                .iter()
                .filter_map(|p| presets::plan(p.name)),
        );
        for plan in plans {
            let report = evaluate(&plan);
            for h in HEADLINES {
                assert!(
                    !how(h, &report).is_empty(),
                    "{}: the engine does not explain {}",
                    h.testid,
                    h.explain
                );
            }
        }
    }

    #[test]
    fn summary_reads_the_main_figures() {
        let report = evaluate(&crate::plan::Plan::default());
        let line = summary(Platform::Aks, &report);
        assert!(line.starts_with("8 web pods · 29 nodes · "), "{line}");
        assert!(
            line.contains(&format!(" {PER_MONTH} · p95 wait ")),
            "{line}"
        );
        assert!(line.contains("US$"), "{line}");
    }

    #[test]
    fn a_single_figure_reads_in_the_singular() {
        let plan = crate::share::decode("min_replicas=1").plan;
        let s = evaluate(&plan);
        let h = headline("web-replicas-min").expect("headline");
        assert_eq!(h.unit_for(&s), "pod");
    }
}
