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

/// Why the static month (every node all month) differs from the simulated day's, in a few
/// words, by an ordered rule: off-peak hours when the day has any; else KEDA settling below the
/// static worker count (`keda-counts-queued`); else the autoscalers' lag and scale-down tails;
/// else the day's autoscaling.
pub fn gap_reason(plan: &Plan, r: &Report) -> &'static str {
    let s = &r.sizing;
    if r.day
        .rows
        .iter()
        .any(|row| row.load_rps < plan.peak_rps * (1.0 - 1e-9))
    {
        "the day's off-peak hours"
    } else if r
        .findings
        .iter()
        .any(|f| f.code.as_str() == "keda-counts-queued")
        || (s.tasks.enabled && r.day.summary.task_replicas_max < s.tasks.replicas_max)
    {
        "KEDA settling below the static worker count"
    } else if r.day.facts.tail_node_s > 0.0 || r.day.facts.lag.is_some() {
        "the autoscalers' lag and scale-down tails"
    } else {
        "the day's autoscaling"
    }
}

/// How the findings change from plan A to plan B: each plan's state, then the codes B no
/// longer has and those it adds, e.g. "A: 2 errors, 2 warnings → B: 1 warning; gone:
/// redis-clients-over-limit; new: hpa-max-reached".
pub fn findings_change(a: &[Finding], b: &[Finding]) -> String {
    let codes = |x: &[Finding], y: &[Finding]| {
        let mut out: Vec<&str> = x
            .iter()
            .filter(|f| f.severity != Severity::Info && y.iter().all(|g| g.code != f.code))
            .map(|f| f.code.as_str())
            .collect();
        out.dedup();
        out.join(", ")
    };
    let mut line = format!("A: {} → B: {}", state_of(a), state_of(b));
    for (word, list) in [("gone", codes(a, b)), ("new", codes(b, a))] {
        if !list.is_empty() {
            line.push_str(&format!("; {word}: {list}"));
        }
    }
    line
}

/// The answer for a plan and its report: the traffic served and the latency promised, the
/// pods, the workers the day runs and its nodes, the plan's monthly cost (the headline: the
/// simulated day's on the plan's platform, the static month beside it with why they differ)
/// and the state. A Container Apps plan leads with its own replicas and cost and gives the AKS
/// alternative's.
pub fn answer(plan: &Plan, r: &Report) -> Vec<Part> {
    let s = &r.sizing;
    let sum = &r.day.summary;
    let mut parts = Vec::with_capacity(28);
    let say = |parts: &mut Vec<Part>, t: &'static str| parts.push(Part::Text(t));
    let pods = |n: u64, one: &'static str, many: &'static str| if n == 1 { one } else { many };
    parts.push(Part::Input("peak_rps", fmt(plan.peak_rps)));
    say(&mut parts, " req/s at peak, ");
    parts.push(Part::Input("latency_ms", fmt(plan.latency_ms)));
    say(&mut parts, " ms a request: ");
    let wait = |parts: &mut Vec<Part>, before: &'static str| {
        if let Some(w) = s.latency.wait_p95_ms {
            parts.push(Part::Text(before));
            parts.push(Part::Figure("latency.wait_p95_ms", fmt(w)));
            parts.push(Part::Text(" ms"));
        }
    };
    let unstable = s.latency.wait_p95_ms.is_none();
    let workers = |parts: &mut Vec<Part>| {
        if !s.tasks.enabled {
            return;
        }
        parts.push(Part::Text("; "));
        parts.push(Part::Figure(
            "day.task_replicas_max",
            count(sum.task_replicas_max),
        ));
        parts.push(Part::Text(pods(
            sum.task_replicas_max,
            " worker runs the background tasks",
            " workers run the background tasks",
        )));
        if sum.task_replicas_max != s.tasks.replicas_max {
            parts.push(Part::Text(" (sized for "));
            parts.push(Part::Figure(
                "tasks.replicas_max",
                count(s.tasks.replicas_max),
            ));
            parts.push(Part::Text(")"));
        }
    };
    match plan.platform {
        Platform::Aca => {
            parts.push(Part::Figure(
                "aca.replicas_needed",
                count(s.aca.replicas_needed),
            ));
            say(
                &mut parts,
                pods(
                    s.aca.replicas_needed,
                    " Container Apps replica needed at peak",
                    " Container Apps replicas needed at peak",
                ),
            );
            if unstable {
                say(
                    &mut parts,
                    " cannot keep up: requests arrive faster than the slots finish",
                );
            }
            wait(&mut parts, ", p95 queue wait ");
            if s.aca.replicas_needed > u64::from(plan.aca_max) {
                say(&mut parts, "; only ");
                parts.push(Part::Input("aca_max", plan.aca_max.to_string()));
                say(
                    &mut parts,
                    " run: capped by the max replicas, so the price is for an overloaded plan",
                );
            }
            workers(&mut parts);
            say(&mut parts, ". ");
            parts.push(Part::Figure(
                "day.aca_monthly_usd",
                monthly(r.headline_usd()),
            ));
            say(
                &mut parts,
                " for the simulated day on Container Apps, web and worker apps and Redis",
            );
            // A two-level day is active `active_h` on Container Apps, `hours_peak` on AKS: both
            // sides here run the Container Apps day.
            if plan.day.is_empty() && plan.active_h != plan.hours_peak {
                say(&mut parts, ", a day with ");
                parts.push(Part::Input("active_h", fmt(plan.active_h)));
                say(&mut parts, " active hours (the AKS plan's day has ");
                parts.push(Part::Input("hours_peak", fmt(plan.hours_peak)));
                say(&mut parts, " at peak)");
            }
            say(&mut parts, "; the AKS alternative: ");
            parts.push(Part::Figure("day.monthly_usd", monthly(sum.monthly_usd)));
        }
        Platform::Aks => {
            parts.push(Part::Figure("web.replicas_min", count(s.web.replicas_min)));
            say(&mut parts, "–");
            parts.push(Part::Figure("web.replicas_max", count(s.web.replicas_max)));
            say(&mut parts, " web pods");
            if unstable {
                say(
                    &mut parts,
                    " cannot keep up: requests arrive faster than the slots finish",
                );
            }
            wait(&mut parts, " keep the p95 queue wait at ");
            workers(&mut parts);
            say(&mut parts, "; ");
            if sum.nodes_min != sum.nodes_max {
                parts.push(Part::Figure("day.nodes_min", count(sum.nodes_min)));
                say(&mut parts, "–");
            }
            parts.push(Part::Figure("day.nodes_max", count(sum.nodes_max)));
            say(&mut parts, " nodes of ");
            parts.push(Part::Input("node_vm", plan.node_vm.as_str().to_string()));
            if s.cluster.workers.is_some() {
                say(&mut parts, " and ");
                parts.push(Part::Input(
                    "worker_vm",
                    plan.worker_vm.as_str().to_string(),
                ));
                say(&mut parts, " (the workers' pool)");
            }
            say(&mut parts, " over the day. ");
            parts.push(Part::Figure("day.monthly_usd", monthly(r.headline_usd())));
            say(&mut parts, " for the simulated day");
        }
    }
    // The static month beside the day's, with why they differ.
    say(&mut parts, " (");
    parts.push(Part::Figure(
        "cost.monthly_usd",
        monthly(s.cost.monthly_usd),
    ));
    say(&mut parts, " if every node ran all month");
    if (s.cost.monthly_usd - sum.monthly_usd).abs() >= 0.005 {
        say(&mut parts, ": the gap is ");
        say(&mut parts, gap_reason(plan, r));
    }
    say(&mut parts, "). ");
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
