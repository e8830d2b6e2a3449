//! Issue #17's figures through `headroom eval`: the price book's date and region, the pools, the
//! costs people forget, the cost per thousand tasks and the commitments, worked by hand.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use headroom::{report, share};
use serde_json::{json, Value};

fn eval(query: &str) -> Value {
    let d = share::decode(query);
    assert!(d.problems.is_empty(), "{query}: {:?}", d.problems);
    serde_json::from_str(&report::json::to_json(&report::evaluate(&d.plan))).unwrap()
}

#[test]
fn the_book_dates_and_places_every_cost() {
    let v = eval("v=1");
    let c = &v["cost"];
    assert_eq!(c["prices_as_of"], "2026-12-01");
    assert_eq!(c["region"], "eastus");
    assert_eq!(c["prices_missing"], json!([]));
    // Seed 001's pools: 2 DS2_v2 system nodes at $0.146/h, 29 D4s_v5 user nodes at $0.192/h.
    assert_eq!(c["pools"][0]["pool"], "system");
    assert_eq!(c["pools"][0]["monthly_usd"], json!(213.16)); // 2 × 0.146 × 730
    assert_eq!(c["pools"][1]["vm"], "Standard_D4s_v5");
    assert_eq!(c["pools"][1]["price_type"], "payg");
    assert_eq!(c["pools"][1]["nodes_peak"], 29);
    assert_eq!(c["pools"][1]["monthly_usd"], json!(4064.64)); // 29 × 0.192 × 730
                                                              // Every node a P10 (both sizes have under 8 vCPUs): 31 × $19.71; LB and IP all month.
    assert_eq!(c["extras"]["os_disk_user"], "P10");
    assert_eq!(c["extras"]["os_disks_usd"], json!(611.01));
    assert_eq!(c["extras"]["load_balancer_usd"], json!(18.25)); // 0.025 × 730
    assert_eq!(c["extras"]["public_ip_usd"], json!(3.65)); // 0.005 × 730
                                                           // 4350.80 before the book's extras: + 611.01 + 18.25 + 3.65.
    assert_eq!(c["monthly_usd"], json!(4983.71));
    // 8 vCPUs take a P15, which the book lacks: named, and counted as 0.
    let v = eval("node_vm=Standard_D8s_v5");
    assert_eq!(v["cost"]["extras"]["os_disk_user"], "P15");
    assert_eq!(
        v["cost"]["prices_missing"],
        json!([{"item": "disk/P15", "region": "eastus"}])
    );
    // A price set in the plan replaces the book's: and fills the book's gap.
    let v = eval("node_price=1");
    assert_eq!(v["cost"]["pools"][1]["usd_per_hour"], json!(1.0));
    let v = eval("node_vm=Standard_D8s_v5&disk_price=40&lb_price=0.1&ip_price=0.01&aks_price=0.2");
    assert_eq!(v["cost"]["prices_missing"], json!([]));
    // 2 system + 29 user nodes (this plan's alloc is the measured 3.8 cores) × $40.
    assert_eq!(v["cost"]["extras"]["os_disks_usd"], json!(1240.0));
    assert_eq!(v["cost"]["extras"]["load_balancer_usd"], json!(73.0));
    assert_eq!(v["cost"]["extras"]["public_ip_usd"], json!(7.3));
    assert_eq!(v["cost"]["breakdown"]["control_plane"], json!(146.0));
}

#[test]
fn cost_per_thousand_tasks() {
    // 100 req/s all day and 10 tasks/s: 10 × 3600 × 730 = 26,280,000 tasks a month.
    let v = eval("peak_rps=100&offpeak_rps=100&hours_peak=24&task_rate=10&task_s=1");
    let monthly = v["cost"]["monthly_usd"].as_f64().unwrap();
    let per = v["cost"]["per_thousand_tasks_usd"].as_f64().unwrap();
    assert!(
        (per - monthly / 26_280.0).abs() < 0.001,
        "{per} vs {monthly}"
    );
    // Peak tasks without a rate: Little's law, 20 tasks of 2 s = 10 tasks/s.
    let v = eval("peak_rps=100&offpeak_rps=100&hours_peak=24&tasks=20&task_s=2");
    let per2 = v["cost"]["per_thousand_tasks_usd"].as_f64().unwrap();
    let monthly2 = v["cost"]["monthly_usd"].as_f64().unwrap();
    assert!((per2 - monthly2 / 26_280.0).abs() < 0.001);
    // No background work: no figure.
    assert!(eval("tasks=0&task_rate=0")["cost"]["per_thousand_tasks_usd"].is_null());
}

#[test]
fn commitments_price_the_day() {
    // A flat day: the default plan's 21 user nodes all day. A reservation at 0.12 of 0.192
    // (ratio 0.625) reserves all 21: 21 × 0.12 × 730 + system 213.16 = 2052.76, against
    // 21 × 0.192 × 730 + 213.16 = 3156.52 pay as you go.
    let v = eval("commitment=ri1&commit_price=0.12");
    let c = &v["cost"]["commitment"];
    assert_eq!(c["reserved_nodes"], 21);
    assert_eq!(c["monthly_without_usd"], json!(3156.52));
    assert_eq!(c["monthly_with_usd"], json!(2052.76));
    // A savings plan at d = 1 − 0.12/0.192 = 0.375 over a flat spend u = 21 × 0.192 + 2 ×
    // 0.146 = 4.324 $/h: the best C covers it all, u × (1 − d) = 2.7025 $/h, × 730 = 1972.825.
    let v = eval("commitment=sp1&commit_price=0.12");
    let c = &v["cost"]["commitment"];
    assert!((c["hourly_commit_usd"].as_f64().unwrap() - 2.7025).abs() < 0.001);
    assert_eq!(c["monthly_with_usd"], json!(1972.825));
    // No price in the book or the plan: not priced, and the missing price named.
    let v = eval("commitment=ri3");
    let c = &v["cost"]["commitment"];
    assert_eq!(c["priced"], false);
    assert_eq!(
        c["missing"],
        json!({"item": "ri3/Standard_D4s_v5", "region": "eastus"})
    );
    assert_eq!(c["monthly_with_usd"], c["monthly_without_usd"]);
    // Spot nodes are never committed.
    let v = eval("commitment=ri1&commit_price=0.12&spot=1");
    assert_eq!(v["cost"]["commitment"]["priced"], false);
    assert!(v["cost"]["commitment"]["missing"].is_null());
}

#[test]
fn spot_evictions_cost_re_run_work() {
    // 10 tasks/s of 60 s all day: 600 tasks in flight. 10 evictions re-run 10 × 600 × 60 s =
    // 100 task-hours, on Spot nodes at 0.192 × (1 − 0.6) = $0.0768/h holding 7 one-task pods
    // (3.8 cores ÷ 0.5): 100 × 0.0768 ÷ 7 = $1.097 a month.
    let q = "spot=1&spot_evictions_month=10&peak_rps=100&offpeak_rps=100&hours_peak=24&task_rate=10&task_s=60&task_concurrency=1";
    let v = eval(q);
    let r = &v["cost"]["spot_rerun"];
    assert_eq!(r["tasks_in_flight"], json!(600.0));
    assert_eq!(r["rerun_task_hours"], json!(100.0));
    assert_eq!(r["usd"], json!(1.097));
    assert_eq!(v["cost"]["breakdown"]["spot_reruns"], json!(1.097));
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"spot-without-fallback"), "{codes:?}");
    // Not on Spot, or no evictions set: no figure, no finding.
    assert!(eval("spot_evictions_month=10")["cost"]["spot_rerun"].is_null());
    assert!(eval("spot=1")["cost"]["spot_rerun"].is_null());
    let v = eval("v=1");
    assert!(!v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "spot-without-fallback"));
}

/// Found by the codec's property test: more peak traffic must never cost less, Spot re-runs
/// included (they once counted average tasks in flight, which fall as the peak grows past a
/// fixed off-peak).
#[test]
fn more_peak_traffic_never_lowers_the_spot_rerun_cost() {
    let link = "v=1&offpeak_rps=8.56778779857588&hours_peak=0&tasks=99999999&spot=1&spot_evictions_month=1";
    let plan = share::decode(link).plan;
    let mut bigger = plan.clone();
    bigger.peak_rps = plan.peak_rps * 2.7750243282304545;
    let (a, b) = (
        headroom::engine::size(&plan),
        headroom::engine::size(&bigger),
    );
    assert!(
        b.cost.monthly_usd >= a.cost.monthly_usd,
        "{} -> {}",
        a.cost.monthly_usd,
        b.cost.monthly_usd
    );
}
