//! The answer: what the plan *is*, in two plain sentences, with the figures that decide it.
//! Each figure names the `headroom eval` key (or the plan's link parameter) it shows, so a test
//! outside the code can hold the page to the CLI.

use super::Report;
use crate::doctor::{Finding, Severity};
use crate::engine::format::{count, fmt, money};
use crate::plan::{Plan, Platform};

/// A piece of the answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Plain words.
    Text(&'static str),
    /// A figure from the report: its `headroom eval` key (dotted) and its text.
    Figure(&'static str, String),
    /// A figure from the plan's inputs: its share-link parameter and its text.
    Input(&'static str, String),
    /// The state of the plan ("2 errors, 5 warnings" or "no problems found"), which links to the
    /// findings: always the last part.
    State(String),
}

/// A monthly cost as the answer says it: "US$3,705 / month".
fn monthly(usd: f64) -> String {
    format!("{} /\u{a0}month", money(usd))
}

/// "1 error", "2 warnings".
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The plan's state from its report's findings: errors and warnings counted, notes left out.
pub fn state(report: &Report) -> String {
    state_of(&report.findings)
}

/// The state from findings (the page adds what its worker found to the report's).
pub fn state_of(findings: &[Finding]) -> String {
    let of = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (of(Severity::Error), of(Severity::Warning));
    match (errors, warnings) {
        (0, 0) => "no problems found".to_string(),
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// The answer for a plan and its report: the traffic served and the latency promised, the
/// pods, workers and nodes, one monthly cost (the simulated day's, the static one beside it)
/// and the state. A Container Apps plan leads with its own replicas and cost and gives the AKS
/// alternative's.
pub fn answer(plan: &Plan, r: &Report) -> Vec<Part> {
    let s = &r.sizing;
    let mut parts = Vec::with_capacity(24);
    let say = |parts: &mut Vec<Part>, t: &'static str| parts.push(Part::Text(t));
    parts.push(Part::Input("peak_rps", fmt(plan.peak_rps)));
    say(&mut parts, " req/s at peak, ");
    parts.push(Part::Input("latency_ms", fmt(plan.latency_ms)));
    say(&mut parts, " ms a request: ");
    let wait = s.latency.wait_p95_ms.map_or("unstable".to_string(), fmt);
    let wait_words = |parts: &mut Vec<Part>, before: &'static str| {
        parts.push(Part::Text(before));
        let unstable = s.latency.wait_p95_ms.is_none();
        parts.push(Part::Figure("latency.wait_p95_ms", wait.clone()));
        parts.push(Part::Text(if unstable {
            " (more requests than the slots finish)"
        } else {
            " ms"
        }));
    };
    match plan.platform {
        Platform::Aca => {
            parts.push(Part::Figure(
                "aca.replicas_needed",
                count(s.aca.replicas_needed),
            ));
            say(
                &mut parts,
                if s.aca.replicas_needed == 1 {
                    " Container Apps replica at peak"
                } else {
                    " Container Apps replicas at peak"
                },
            );
            wait_words(&mut parts, ", p95 queue wait ");
            say(&mut parts, ". ");
            parts.push(Part::Figure("aca.monthly_usd", monthly(s.aca.monthly_usd)));
            say(&mut parts, " on Container Apps; the same plan on AKS: ");
        }
        Platform::Aks => {
            parts.push(Part::Figure("web.replicas_min", count(s.web.replicas_min)));
            say(&mut parts, "–");
            parts.push(Part::Figure("web.replicas_max", count(s.web.replicas_max)));
            say(&mut parts, " web pods");
            wait_words(&mut parts, " keep the p95 queue wait at ");
            if s.tasks.enabled {
                say(&mut parts, "; ");
                parts.push(Part::Figure(
                    "tasks.replicas_max",
                    count(s.tasks.replicas_max),
                ));
                say(
                    &mut parts,
                    if s.tasks.replicas_max == 1 {
                        " worker at peak runs the background tasks"
                    } else {
                        " workers at peak run the background tasks"
                    },
                );
            }
            say(&mut parts, "; ");
            parts.push(Part::Figure(
                "cluster.nodes_offpeak",
                count(s.cluster.nodes_offpeak),
            ));
            say(&mut parts, "–");
            parts.push(Part::Figure(
                "cluster.nodes_peak",
                count(s.cluster.nodes_peak),
            ));
            say(&mut parts, " nodes of ");
            parts.push(Part::Input("node_vm", plan.node_vm.as_str().to_string()));
            if let Some(w) = &s.cluster.workers {
                say(&mut parts, ", and ");
                parts.push(Part::Figure(
                    "cluster.workers.nodes_offpeak",
                    count(w.nodes_offpeak),
                ));
                say(&mut parts, "–");
                parts.push(Part::Figure(
                    "cluster.workers.nodes_peak",
                    count(w.nodes_peak),
                ));
                say(&mut parts, " worker nodes of ");
                parts.push(Part::Input(
                    "worker_vm",
                    plan.worker_vm.as_str().to_string(),
                ));
            }
            say(&mut parts, ". ");
        }
    }
    // One monthly cost, the simulated day's, with the static month beside it: the AKS plan's,
    // or on Container Apps the AKS alternative's.
    parts.push(Part::Figure(
        "day.monthly_usd",
        monthly(r.day.summary.monthly_usd),
    ));
    say(&mut parts, " for the simulated day (");
    parts.push(Part::Figure(
        "cost.monthly_usd",
        monthly(s.cost.monthly_usd),
    ));
    say(&mut parts, " if every node ran all month). ");
    parts.push(Part::State(state(r)));
    parts
}

/// The answer as plain text, as a screen reader or a terminal reads it: the parts, then a full
/// stop after the state (which ends the answer).
pub fn text(parts: &[Part]) -> String {
    let mut line: String = parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => t,
            Part::Figure(_, t) | Part::Input(_, t) | Part::State(t) => t.as_str(),
        })
        .collect();
    line.push('.');
    line
}
