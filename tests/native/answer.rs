//! The answer at the top of the page: every figure it shows is the `headroom eval` key it names,
//! written by the page's one display rule, on the default plan, every preset and a plan with a
//! worker pool of its own.

#[path = "../common/eval_text.rs"]
mod eval_text;

use eval_text::{at, shown};
use headroom::engine::format::fmt;
use headroom::plan::{Plan, PARAMS};
use headroom::report::answer::{answer, text, Part};
use headroom::report::{evaluate, json};
use headroom::share::{self, presets};
use serde_json::Value;

/// The plans checked: the default, each preset, and the AKS example with its workers on a pool
/// of their own.
fn plans() -> Vec<(String, Plan)> {
    let mut all = vec![("default".to_string(), Plan::default())];
    for p in presets::PRESETS {
        all.push((p.name.to_string(), presets::plan(p.name).expect("preset")));
    }
    all.push((
        "worker_pool=separate".to_string(),
        share::decode("worker_pool=separate").plan,
    ));
    all
}

fn keys(parts: &[Part]) -> Vec<&'static str> {
    parts
        .iter()
        .filter_map(|p| match p {
            Part::Figure(k, _) => Some(*k),
            _ => None,
        })
        .collect()
}

#[test]
fn every_figure_of_the_answer_is_its_eval_key() {
    for (name, plan) in plans() {
        let report = evaluate(&plan);
        let eval: Value = serde_json::from_str(&json::to_json(&report)).expect("eval JSON");
        let parts = answer(&plan, &report);
        for part in &parts {
            match part {
                Part::Figure(key, text) => {
                    assert_eq!(text, &shown(key, &at(&eval, key)), "{name}: {key}")
                }
                Part::Input(param, text) => {
                    let p = PARAMS.iter().find(|p| p.name == *param).expect("param");
                    let value = p.get(&plan).to_text();
                    let want = value.parse::<f64>().map_or(value.clone(), fmt);
                    assert_eq!(text, &want, "{name}: {param}");
                }
                _ => {}
            }
        }
        let line = text(&parts);
        assert!(
            !line.contains("NaN") && !line.contains("inf"),
            "{name}: {line}"
        );
    }
}

#[test]
fn the_answer_names_the_figures_that_decide_the_plan() {
    let plan = Plan::default();
    let parts = answer(&plan, &evaluate(&plan));
    assert_eq!(
        keys(&parts),
        [
            "web.replicas_min",
            "web.replicas_max",
            "latency.wait_p95_ms",
            "day.task_replicas_max",
            "tasks.replicas_max",
            "day.nodes_max",
            "day.monthly_usd",
            "cost.monthly_usd",
        ]
    );
    let line = text(&parts);
    assert_eq!(
        line,
        "100 req/s at peak, 50 ms a request: 3–8 web pods keep the p95 queue wait at 20.1 ms; \
         143 workers run the background tasks (sized for 200); 21 nodes of Standard_D4s_v5 over \
         the day. US$3,705 /\u{a0}month for the simulated day (US$4,984 /\u{a0}month if every \
         node ran all month: the gap is KEDA settling below the static worker count). 2 errors, \
         2 warnings."
    );
    // Container Apps: its own replicas and cost first, the AKS alternative after.
    let aca = presets::plan("aca-scale-to-zero").expect("preset");
    let parts = answer(&aca, &evaluate(&aca));
    assert_eq!(
        keys(&parts),
        [
            "aca.replicas_needed",
            "latency.wait_p95_ms",
            "day.aca_monthly_usd",
            "day.monthly_usd",
            "cost.monthly_usd",
        ]
    );
}

#[test]
fn the_state_counts_errors_and_warnings() {
    let state = |q: &str| headroom::report::answer::state(&evaluate(&share::decode(q).plan));
    assert_eq!(state(""), "2 errors, 2 warnings");
    // Notes are not problems: the retiring Redis tier is only worth knowing.
    assert_eq!(state("tasks=0&pool_size=0"), "1 warning");
    assert_eq!(
        state("tasks=0&task_rate=0&pool_size=0&redis_conn_web=0&sys_vm=Standard_D4s_v5"),
        "no problems found"
    );
}

#[test]
fn the_form_opens_on_the_essentials_and_counts_changes() {
    use headroom::plan::{changed_in, in_group, Group, ESSENTIALS};
    // Every essential is a real input, and every input is in exactly one group of the form.
    for name in ESSENTIALS {
        assert!(PARAMS.iter().any(|p| p.name == name), "{name}");
    }
    let mut seen: usize = in_group(None).count();
    assert_eq!(seen, ESSENTIALS.len());
    assert!(seen <= 11);
    for g in Group::ALL {
        seen += in_group(Some(g)).count();
    }
    assert_eq!(seen, PARAMS.len());
    // A link's changed inputs are counted in their groups.
    let default = Plan::default();
    let plan = share::decode("peak_rps=300&hpa_down_window_s=60&hpa_up_pods=8").plan;
    assert_eq!(changed_in(None, &plan, &default), 1);
    assert_eq!(changed_in(Some(Group::Day), &plan, &default), 2);
    assert_eq!(changed_in(Some(Group::Web), &plan, &default), 0);
    // The page counts every group in one pass: the same counts.
    let mut all = headroom::plan::changed_by_group(&plan, &default);
    all.sort_by_key(|(g, _)| g.map(|g| g.title()));
    assert_eq!(all, [(None, 1), (Some(Group::Day), 2)]);
    // The filter finds an input by its label, its link name or its help, in any case.
    let hpa_cpu = PARAMS
        .iter()
        .find(|p| p.name == "hpa_cpu")
        .expect("hpa_cpu");
    assert!(hpa_cpu.matches(&hpa_cpu.label.to_uppercase()));
    assert!(hpa_cpu.matches("hpa_cpu"));
    assert!(!hpa_cpu.matches("redis"));
}

#[test]
fn compare_names_money_and_findings() {
    use headroom::engine::format::money_change;
    assert_eq!(money_change(1000.0, 1350.0), "+US$350 (+35 %)");
    assert_eq!(money_change(1000.0, 900.0), "-US$100 (-10 %)");
    assert_eq!(money_change(5.0, 5.0), "=");
    let a = evaluate(&Plan::default());
    let b = evaluate(&share::decode("redis_tier=C3&task_length=long").plan);
    let line = headroom::report::answer::findings_change(&a.findings, &b.findings);
    assert!(line.starts_with("A: 2 errors, 2 warnings → B: "), "{line}");
    assert!(
        line.contains("gone: ") && line.contains("redis-clients-over-limit"),
        "{line}"
    );
    assert!(line.contains("prefetch-hides-queue"), "{line}");
}

/// On Container Apps: a day that differs from the AKS plan's is said, and `aca_max` below the
/// need says the price is for an overloaded plan.
#[test]
fn container_apps_say_their_day_and_their_cap() {
    let line = |q: &str| {
        let plan = share::decode(q).plan;
        text(&answer(&plan, &evaluate(&plan)))
    };
    let day = line("platform=aca&active_h=6&hours_peak=12");
    assert!(
        day.contains("a day with 6 active hours (the AKS plan's day has 12 at peak)"),
        "{day}"
    );
    assert!(!line("platform=aca&active_h=12&hours_peak=12").contains("active hours"));
    let capped = line("platform=aca&aca_max=2&peak_rps=300");
    assert!(
        capped.contains(
            "only 2 run: capped by the max replicas, so the price is for an overloaded plan"
        ),
        "{capped}"
    );
}
