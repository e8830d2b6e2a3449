//! Headline figures, each with its unit and, on demand, how the engine computed it.

use super::PlannerState;
use crate::engine::math::fmt;
use crate::engine::Sizing;
use crate::plan::Platform;
use leptos::prelude::*;

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
    /// The value as text.
    pub value: fn(&Sizing) -> String,
    /// The value as a number, for differences; `None` when it has none.
    pub number: fn(&Sizing) -> Option<f64>,
    /// Shown only for Container Apps plans.
    pub aca_only: bool,
}

impl Headline {
    /// The unit as it reads after this sizing's value: "1 pod", "2 pods".
    pub fn unit_for(&self, s: &Sizing) -> &'static str {
        if (self.number)(s) != Some(1.0) {
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

fn opt(v: Option<u64>) -> String {
    v.map_or("—".to_string(), |n| n.to_string())
}

/// Every headline figure, in display order.
pub static HEADLINES: &[Headline] = &[
    Headline {
        testid: "web-replicas-min",
        title: "Web replicas, minimum",
        unit: "pods",
        explain: "web.replicas_min",
        value: |s| s.web.replicas_min.to_string(),
        number: |s| Some(s.web.replicas_min as f64),
        aca_only: false,
    },
    Headline {
        testid: "web-replicas-max",
        title: "Web replicas at peak",
        unit: "pods",
        explain: "web.replicas_max",
        value: |s| s.web.replicas_max.to_string(),
        number: |s| Some(s.web.replicas_max as f64),
        aca_only: false,
    },
    Headline {
        testid: "web-replicas-hpa",
        title: "HPA steady state at peak",
        unit: "pods",
        explain: "web.replicas_hpa_steady",
        value: |s| s.web.replicas_hpa_steady.to_string(),
        number: |s| Some(s.web.replicas_hpa_steady as f64),
        aca_only: false,
    },
    Headline {
        testid: "task-replicas-max",
        title: "Worker replicas at peak",
        unit: "pods",
        explain: "tasks.replicas_max",
        value: |s| s.tasks.replicas_max.to_string(),
        number: |s| Some(s.tasks.replicas_max as f64),
        aca_only: false,
    },
    Headline {
        testid: "nodes-packed",
        title: "User nodes, packed",
        unit: "nodes",
        explain: "cluster.nodes_packed",
        value: |s| opt(s.cluster.nodes_packed),
        number: |s| s.cluster.nodes_packed.map(|n| n as f64),
        aca_only: false,
    },
    Headline {
        testid: "nodes-aggregate",
        title: "User nodes, by CPU total",
        unit: "nodes",
        explain: "cluster.nodes_aggregate",
        value: |s| s.cluster.nodes_aggregate.to_string(),
        number: |s| Some(s.cluster.nodes_aggregate as f64),
        aca_only: false,
    },
    Headline {
        testid: "autoscaler-min",
        title: "Autoscaler minimum",
        unit: "nodes",
        explain: "cluster.autoscaler_min",
        value: |s| s.cluster.autoscaler_min.to_string(),
        number: |s| Some(s.cluster.autoscaler_min as f64),
        aca_only: false,
    },
    Headline {
        testid: "autoscaler-max",
        title: "Autoscaler maximum",
        unit: "nodes",
        explain: "cluster.autoscaler_max",
        value: |s| opt(s.cluster.autoscaler_max),
        number: |s| s.cluster.autoscaler_max.map(|n| n as f64),
        aca_only: false,
    },
    Headline {
        testid: "cost-monthly",
        title: "AKS cost",
        unit: "USD/month",
        explain: "cost.monthly_usd",
        value: |s| format!("{:.2}", s.cost.monthly_usd),
        number: |s| Some(s.cost.monthly_usd),
        aca_only: false,
    },
    Headline {
        testid: "latency-p95",
        title: "p95 queue wait at peak",
        unit: "ms",
        explain: "latency.wait_p95_ms",
        value: |s| s.latency.wait_p95_ms.map_or("unstable".to_string(), fmt),
        number: |s| s.latency.wait_p95_ms,
        aca_only: false,
    },
    Headline {
        testid: "level",
        title: "Scaling level",
        unit: "of 4",
        explain: "level.recommended",
        value: |s| s.level.recommended.to_string(),
        number: |s| Some(s.level.recommended as f64),
        aca_only: false,
    },
    Headline {
        testid: "gunicorn-workers",
        title: "gunicorn workers",
        unit: "per pod",
        explain: "gunicorn.workers",
        value: |s| s.gunicorn.workers.to_string(),
        number: |s| Some(s.gunicorn.workers as f64),
        aca_only: false,
    },
    Headline {
        testid: "celery-concurrency",
        title: "Celery concurrency",
        unit: "per host",
        explain: "celery.concurrency",
        value: |s| s.celery.concurrency.to_string(),
        number: |s| Some(s.celery.concurrency as f64),
        aca_only: false,
    },
    Headline {
        testid: "nginx-max-connections",
        title: "nginx connections",
        unit: "connections",
        explain: "nginx.max_connections",
        value: |s| s.nginx.max_connections.to_string(),
        number: |s| Some(s.nginx.max_connections as f64),
        aca_only: false,
    },
    Headline {
        testid: "db-max-pool",
        title: "maxPoolSize",
        unit: "connections",
        explain: "db.max_pool_size",
        value: |s| s.db.max_pool_size.to_string(),
        number: |s| Some(s.db.max_pool_size as f64),
        aca_only: false,
    },
    Headline {
        testid: "redis-tier",
        title: "Redis tier needed",
        unit: "",
        explain: "redis.tier_recommended",
        value: |s| s.redis.tier_recommended.unwrap_or("none fits").to_string(),
        number: |_| None,
        aca_only: false,
    },
    Headline {
        testid: "aca-replicas-needed",
        title: "ACA replicas needed",
        unit: "replicas",
        explain: "aca.replicas_needed",
        value: |s| s.aca.replicas_needed.to_string(),
        number: |s| Some(s.aca.replicas_needed as f64),
        aca_only: true,
    },
    Headline {
        testid: "aca-total-workers",
        title: "ACA total workers",
        unit: "processes",
        explain: "aca.total_workers",
        value: |s| s.aca.total_workers.to_string(),
        number: |s| Some(s.aca.total_workers as f64),
        aca_only: true,
    },
    Headline {
        testid: "aca-max-concurrency",
        title: "ACA max concurrency",
        unit: "requests",
        explain: "aca.max_concurrency",
        value: |s| s.aca.max_concurrency.to_string(),
        number: |s| Some(s.aca.max_concurrency as f64),
        aca_only: true,
    },
    Headline {
        testid: "aca-cost-monthly",
        title: "Container Apps cost",
        unit: "USD/month",
        explain: "aca.monthly_usd",
        value: |s| format!("{:.2}", s.aca.monthly_usd),
        number: |s| Some(s.aca.monthly_usd),
        aca_only: true,
    },
];

/// The headline cards, the level's reason, and why packed and aggregate node counts differ.
#[component]
pub fn Results() -> impl IntoView {
    let state = PlannerState::expect_context();
    let is_aca = Memo::new(move |_| state.plan.with(|p| p.platform == Platform::Aca));
    let cards = move || {
        // A Container Apps plan leads with its own figures; the AKS ones follow for comparison.
        let aca = is_aca.get();
        let (first, rest): (Vec<&Headline>, Vec<&Headline>) =
            HEADLINES.iter().partition(|h| h.aca_only);
        let order = if aca { [first, rest].concat() } else { rest };
        order
            .into_iter()
            .map(|h| {
                let value = move || state.sizing.with(|s| (h.value)(s));
                let unit = move || state.sizing.with(|s| h.unit_for(s));
                let how = move || {
                    state.sizing.with(|s| {
                        s.explain
                            .get(h.explain)
                            .cloned()
                            .unwrap_or_else(|| "as configured".into())
                    })
                };
                view! {
                    <div class="card">
                        <h3>{h.title}</h3>
                        <p class="figure">
                            <output data-testid=h.testid>{value}</output>
                            " "
                            <span class="unit">{unit}</span>
                        </p>
                        <details>
                            <summary>"How?"</summary>
                            <p class="how">{how}</p>
                        </details>
                    </div>
                }
            })
            .collect_view()
    };
    // Why packed and aggregate differ: the engine's own explanation, shown when they do.
    let packing_note = move || {
        state.sizing.with(|s| {
            (s.cluster.nodes_packed != Some(s.cluster.nodes_aggregate))
                .then(|| s.explain.get("cluster.nodes_packed").cloned())
                .flatten()
        })
    };
    view! {
        <div class="results" aria-live="polite" data-testid="results">{cards}</div>
        <p class="note explain" data-testid="packing-note">{packing_note}</p>
        <p class="note explain" data-testid="level-reason">{move || state.sizing.with(|s| s.level.reason.clone())}</p>
    }
}

/// The figures a phone keeps in view while its inputs are edited: (headline, words before the
/// value, a word before the card's unit).
type Pick = (&'static str, &'static str, &'static str);
const SUMMARY_AKS: [Pick; 4] = [
    ("web-replicas-max", "", "web "),
    ("nodes-packed", "", ""),
    ("cost-monthly", "", ""),
    ("latency-p95", "p95 wait ", ""),
];
const SUMMARY_ACA: [Pick; 3] = [
    ("aca-replicas-needed", "", "ACA "),
    ("aca-cost-monthly", "", ""),
    ("latency-p95", "p95 wait ", ""),
];

/// The main figures, kept at the top of narrow screens (where the inputs come before the
/// results) so that an edit shows its effect in view; a tap on them goes to all results.
/// Wide screens, which show inputs and results side by side, hide it.
#[component]
pub fn Summary() -> impl IntoView {
    let state = PlannerState::expect_context();
    let line = move || {
        let picks: &[Pick] = if state.plan.with(|p| p.platform == Platform::Aca) {
            &SUMMARY_ACA
        } else {
            &SUMMARY_AKS
        };
        state.sizing.with(|s| {
            let errors = crate::doctor::errors(&s.findings);
            let figures = picks.iter().filter_map(|&(id, before, qualifier)| {
                let h = HEADLINES.iter().find(|h| h.testid == id)?;
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
            let findings = (errors > 0)
                .then(|| format!("{errors} error{}", if errors == 1 { "" } else { "s" }));
            figures.chain(findings).collect::<Vec<_>>().join(" · ")
        })
    };
    view! {
        <a class="summary" href="#results" data-testid="summary" title="All results">{line}</a>
    }
}

/// The monthly cost by component.
#[component]
pub fn CostBreakdown() -> impl IntoView {
    let state = PlannerState::expect_context();
    view! {
        <table class="breakdown" data-testid="cost-breakdown">
            <caption>"AKS monthly cost by component (730 h month)"</caption>
            <tbody>
                {move || {
                    state.sizing.with(|s| {
                        s.cost
                            .breakdown
                            .items()
                            .into_iter()
                            .map(|(name, usd)| view! {
                                <tr><th scope="row">{name.replace('_', " ")}</th><td>{format!("{:.2} USD", usd)}</td></tr>
                            })
                            .collect_view()
                    })
                }}
                <tr class="total">
                    <th scope="row">"total"</th>
                    <td>{move || state.sizing.with(|s| format!("{:.2} USD", s.cost.monthly_usd))}</td>
                </tr>
            </tbody>
        </table>
        <p class="note">
            {move || state.sizing.with(|s| if s.cost.prices_verified { String::new() } else {
                format!("Catalogue prices are unverified snapshots ({}); override them under Prices.", crate::engine::catalog::PRICES_AS_OF)
            })}
        </p>
    }
}
