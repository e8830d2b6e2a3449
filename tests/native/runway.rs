//! How long a plan lasts as traffic grows: the `runway` of `headroom eval` held to its
//! definition from outside the code. Month m is the plan with `peak_rps`, `offpeak_rps` and
//! `task_rate` multiplied by (1 + g)^m and `tasks` rounded up; at month `months` the scaled plan
//! does not raise the entry's finding, at `months` + 1 it does.

use headroom::decide::evaluate_searched;
use headroom::plan::Plan;
use headroom::report::evaluate;
use headroom::share::{self, presets};
use serde_json::Value;

/// The plan at month `m` of `g` % growth a month, built here from the definition.
fn month(plan: &Plan, g: f64, m: u32) -> Plan {
    let f = (1.0 + g / 100.0).powi(m as i32);
    let mut p = plan.clone();
    p.peak_rps *= f;
    p.offpeak_rps *= f;
    p.task_rate *= f;
    p.tasks = (f64::from(plan.tasks) * f).ceil() as u32;
    p.growth_pct_month = 0.0;
    p
}

fn codes(plan: &Plan) -> Vec<String> {
    evaluate(plan)
        .findings
        .iter()
        .map(|f| f.code.as_str().to_string())
        .collect()
}

/// The `runway` list as `headroom eval` prints it.
fn runway(plan: &Plan) -> Vec<Value> {
    let json = headroom::report::json::to_json(&evaluate_searched(plan));
    let v: Value = serde_json::from_str(&json).expect("eval JSON");
    v["runway"].as_array().cloned().expect("runway")
}

#[test]
fn every_preset_keeps_the_runway_invariant_at_5_percent() {
    let mut plans = vec![("default".to_string(), Plan::default())];
    for p in presets::PRESETS {
        plans.push((p.name.to_string(), presets::plan(p.name).expect("preset")));
    }
    plans.push(("node_max=32".into(), share::decode("node_max=32").plan));
    let mut checked = 0;
    for (name, mut plan) in plans {
        plan.growth_pct_month = 5.0;
        let list = runway(&plan);
        let months: Vec<u64> = list
            .iter()
            .map(|w| w["months"].as_u64().expect("months"))
            .collect();
        assert!(
            months.windows(2).all(|w| w[0] <= w[1]),
            "{name}: shortest first {months:?}"
        );
        for w in &list {
            let m = w["months"].as_u64().expect("months") as u32;
            assert!(m <= 60, "{name}: {w}");
            match w["finding"].as_str() {
                Some(code) => {
                    assert!(
                        !codes(&month(&plan, 5.0, m)).iter().any(|c| c == code),
                        "{name}: {code} at month {m}"
                    );
                    assert!(
                        codes(&month(&plan, 5.0, m + 1)).iter().any(|c| c == code),
                        "{name}: no {code} at month {}",
                        m + 1
                    );
                    checked += 1;
                }
                None => assert_eq!(m, 60, "{name}: {w}"),
            }
        }
    }
    assert!(checked >= 6, "only {checked} bounds broke within 60 months");
}

#[test]
fn the_autoscaler_runs_out_and_says_so() {
    let plan = share::decode("growth_pct_month=5&node_max=32").plan;
    let list = runway(&plan);
    assert_eq!(list[0]["bound"], "autoscaler max nodes");
    assert_eq!(list[0]["finding"], "autoscaler-max-below-packed");
    assert_eq!(list[0]["limit"], 32);
    let report = evaluate_searched(&plan);
    let short = report
        .findings
        .iter()
        .find(|f| f.code.as_str() == "runway-short")
        .expect("runway-short");
    assert_eq!(
        short.message,
        format!(
            "at +5 %/month the autoscaler's 32 nodes run out in {} months; raising a limit takes you 3 months",
            list[0]["months"]
        )
    );
    // No growth, no runway; the page's per-edit report never computes one.
    let flat = share::decode("node_max=32").plan;
    assert!(evaluate_searched(&flat).runway.is_none());
    assert!(evaluate(&plan).runway.is_none());
}

/// The text of the "Growth" section as HTML: how to set a rate while none is set (the page's
/// own note), the status the page writes, then (from the worker) a row per limit, shortest
/// first, and `runway-short` when it fires; "Undo" after "See +5 %/month".
#[test]
fn the_page_section_lists_each_limit_and_warns_when_short() {
    use headroom::decide::runway::{assess, held, outlook};
    use headroom::decide::sections::{growth_table, growth_top};
    use headroom::report::ahead::Ahead;
    let flat = share::decode("node_max=32").plan;
    assert!(Ahead::Growth.idle(&flat));
    assert!(Ahead::Growth
        .idle_note()
        .contains("data-testid=\"try-growth\""));
    assert!(Ahead::Growth.undo().contains("data-testid=\"growth-undo\""));
    assert!(Ahead::Growth
        .status(false)
        .contains("Working out the months"));
    assert!(Ahead::Growth
        .status(true)
        .contains("Worked out for this plan."));
    let plan = share::decode("growth_pct_month=5&node_max=32").plan;
    assert!(!Ahead::Growth.idle(&plan));
    let now = headroom::report::evaluate(&plan);
    let held = held(&plan, &now);
    assert!(!held.is_empty());
    let (runway, months) = outlook(&plan);
    assert_eq!(months.len(), 61);
    assert_eq!(runway, assess(&plan));
    let html = growth_table(&[], &runway);
    // Every limit the plan sets has its row in the runway.
    for (bound, _) in &held {
        assert!(runway.iter().any(|w| w.bound == *bound), "{bound}");
    }
    assert_eq!(
        html.matches("data-testid=\"runway-row\"").count(),
        runway.len()
    );
    let first = html
        .find("data-key=\"autoscaler max nodes\"")
        .expect("the autoscaler's row");
    assert!(html[first..].contains(&format!("<td>{}</td>", runway[0].months)));
    let top = growth_top(&plan, &runway);
    assert!(top.contains("data-code=\"runway-short\""), "{top}");
    // A limit broken already: a "broken now" row first on the page, none in eval's runway.
    let over = share::decode("growth_pct_month=5&hpa_max=3").plan;
    let broken = headroom::decide::runway::broken_now(&over);
    // (the defaults break the database's and Redis's limits too)
    let bounds: Vec<&str> = broken.iter().map(|w| w.bound.as_str()).collect();
    assert_eq!(bounds, ["database connections", "Redis clients", "hpa_max"]);
    let (runway, _) = outlook(&over);
    assert!(runway
        .iter()
        .all(|w| w.bound != "hpa_max" || w.finding.is_none()));
    let html = growth_table(&broken, &runway);
    let row = html.find("data-key=\"hpa_max\"").expect("the broken row");
    assert!(html[row..].starts_with("data-key=\"hpa_max\"><td>hpa_max</td><td>3</td><td>broken now</td><td>max-replicas-cap</td>"), "{html}");
    // A rate whose limits all hold past the lead time: no warning.
    let calm = share::decode("growth_pct_month=0.5").plan;
    let (runway, _) = outlook(&calm);
    let quiet = growth_top(&calm, &runway);
    assert!(!quiet.contains("runway-short"), "{quiet}");
}
