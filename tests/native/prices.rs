//! Issue #17's figures through `headroom eval`: the price book's date and region, the pools, the
//! costs people forget, the cost per thousand tasks and the commitments, worked by hand.
#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use headroom::{report, share};
use serde_json::{json, Value};

fn eval(query: &str) -> Value {
    let d = share::decode(query);
    assert!(d.problems.is_empty(), "{query}: {:?}", d.problems);
    serde_json::from_str(&report::json::to_json(&report::evaluate(&d.plan))).unwrap()
}

/// The findings' codes of an `eval` answer.
fn codes(v: &Value) -> Vec<String> {
    let findings = v["findings"].as_array().unwrap();
    findings
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_book_dates_and_places_every_cost() {
    let v = eval("v=1");
    let c = &v["cost"];
    assert_eq!(c["prices_as_of"], "2026-12-01");
    assert_eq!(c["region"], "eastus");
    assert_eq!(c["prices_missing"], json!([]));
    // The AKS example's pools: 2 DS2_v2 system nodes at $0.146/h, 29 D4s_v5 user nodes at $0.192/h.
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
    let q = "spot=1&spot_discount=0.6&spot_evictions_month=10&peak_rps=100&offpeak_rps=100&hours_peak=24&task_rate=10&task_s=60&task_concurrency=1";
    let v = eval(q);
    let r = &v["cost"]["spot_rerun"];
    assert_eq!(r["tasks_in_flight"], json!(600.0));
    assert_eq!(r["rerun_task_hours"], json!(100.0));
    assert_eq!(r["usd"], json!(1.097));
    assert_eq!(v["cost"]["breakdown"]["spot_reruns"], json!(1.097));
    let codes = codes(&v);
    assert!(
        codes.contains(&"spot-without-fallback".to_string()),
        "{codes:?}"
    );
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

/// Pools by role (issue #17): with `worker_pool` = separate or spot the workers get a pool of
/// their own, sized, priced and simulated alone; the user pool holds the web pods.
#[test]
fn workers_on_a_pool_of_their_own() {
    // The AKS example's default plan: 8 web pods of 0.25 cores and 200 workers of 0.5 cores on
    // 3.8-core D4s_v5 nodes. Shared: 29 nodes for both (today's figure).
    let shared = eval("v=1");
    assert_eq!(shared["cluster"]["nodes_peak"], 29);
    assert!(shared["cluster"]["workers"].is_null());
    assert_eq!(shared["cost"]["breakdown"]["worker_pool"], json!(0.0));
    // Separate: the web pods need 1 node, held at the autoscaler minimum of 2; the workers
    // ceil(200 / 7 a node) = 29 nodes, down to 0 (worker_nodes_min) when none runs.
    let v = eval("worker_pool=separate");
    let (user, workers) = (&v["cluster"], &v["cluster"]["workers"]);
    assert_eq!(user["nodes_packed"], 1);
    assert_eq!(user["nodes_peak"], 2);
    assert_eq!(workers["task_pods_per_node"], 7);
    assert_eq!(workers["nodes_packed"], 29);
    assert_eq!(workers["autoscaler_min"], 0);
    // Automatic maximum: ceil(29 × 1.1) = 32.
    assert_eq!(workers["max_count"], 32);
    let pools = v["cost"]["pools"].as_array().unwrap();
    assert_eq!(pools.len(), 3);
    assert_eq!(pools[2]["pool"], "workers");
    assert_eq!(pools[2]["price_type"], "payg");
    // 2 × 0.192 × 730 and 29 × 0.192 × 730, all day at peak (hours_peak 24).
    assert_eq!(v["cost"]["breakdown"]["user_pool"], json!(280.32));
    assert_eq!(v["cost"]["breakdown"]["worker_pool"], json!(4064.64));
    assert_eq!(pools[2]["monthly_usd"], json!(4064.64));
    // Two more nodes in all (2 + 29 against 29): two more P10 disks.
    assert_eq!(v["cost"]["extras"]["os_disk_workers"], "P10");
    let disks = |v: &Value| v["cost"]["extras"]["os_disks_usd"].as_f64().unwrap();
    assert!((disks(&v) - disks(&shared) - 2.0 * 19.71).abs() < 1e-9);

    // The day: every step's nodes include the workers' pool, priced at its own rate.
    let day = &v["day"];
    let hours = day["worker_node_hours"].as_f64().unwrap();
    assert!(hours > 0.0 && hours < day["node_hours"].as_f64().unwrap());
    assert!(day["worker_nodes_max"].as_u64().unwrap() <= 32);

    // A worker VM of its own: allocatable by AKS's rules, priced by the book. D8s_v5: 8
    // vCPUs − 0.18 reserved = 7.82 cores, 15 workers a node, ceil(200 / 15) = 14 nodes at
    // $0.384/h.
    let v = eval("worker_pool=separate&worker_vm=Standard_D8s_v5");
    assert_eq!(v["cluster"]["workers"]["task_pods_per_node"], 15);
    assert_eq!(v["cluster"]["workers"]["nodes_packed"], 14);
    assert_eq!(v["cost"]["pools"][2]["usd_per_hour"], json!(0.384));
    assert_eq!(
        v["cost"]["breakdown"]["worker_pool"],
        json!(14.0 * 0.384 * 730.0)
    );
}

/// A Spot worker pool: the book's Spot price, or the plan's discount; the book has no Spot
/// price yet, so without a discount the pool is priced at pay-as-you-go and listed missing.
#[test]
fn spot_workers_are_priced_by_the_book_or_the_plan() {
    let v = eval("worker_pool=spot&spot_discount=0.6");
    let workers = &v["cost"]["pools"][2];
    assert_eq!(workers["price_type"], "spot");
    assert_eq!(workers["usd_per_hour"], json!(0.077)); // 0.192 × 0.4 = 0.0768
    assert_eq!(
        v["cost"]["breakdown"]["worker_pool"],
        json!(29.0 * 0.0768 * 730.0)
    );
    // The web pods stay on the regular user pool: no web-on-spot, and a pool to fall back to.
    assert!(!codes(&v)
        .iter()
        .any(|c| c == "web-on-spot" || c == "spot-without-fallback"));
    let v = eval("worker_pool=spot");
    assert_eq!(v["cost"]["pools"][2]["usd_per_hour"], json!(0.192));
    assert_eq!(
        v["cost"]["prices_missing"],
        json!([{"item": "spot/Standard_D4s_v5", "region": "eastus"}])
    );
    let report = report::evaluate(&share::decode("worker_pool=spot").plan);
    assert!(report.sizing.cost.as_of_line().contains(
        "Not in the book for eastus: spot/Standard_D4s_v5 (counted as 0; a Spot pool at pay-as-you-go until spot_discount prices it)"
    ));
    // Evictions re-run the Spot workers' tasks at the Spot pool's price.
    let v = eval("worker_pool=spot&spot_discount=0.6&spot_evictions_month=10&task_rate=10&task_s=60&task_concurrency=1");
    assert_eq!(v["cost"]["spot_rerun"]["usd"], json!(1.097));
    // Web and workers both on Spot: no regular pool to fall back to.
    assert!(codes(&eval("worker_pool=spot&spot=1")).contains(&"spot-without-fallback".to_string()));
    // A regular worker pool beside a Spot web pool: the workers are safe, the web is not.
    let c = codes(&eval("worker_pool=separate&spot=1"));
    assert!(
        c.contains(&"web-on-spot".to_string()) && !c.contains(&"spot-without-fallback".to_string())
    );
}

/// Commitments per pool: a reservation reserves each regular pool's nodes at its own VM's
/// price; a Spot pool is never committed.
#[test]
fn commitments_cover_each_regular_pool() {
    // Reserved web + Spot workers: only the user pool is committed.
    let v = eval("commitment=ri1&commit_price=0.12&worker_pool=spot&spot_discount=0.6");
    let c = &v["cost"]["commitment"];
    assert_eq!(c["priced"], true);
    assert_eq!(c["pools"].as_array().unwrap().len(), 1);
    assert_eq!(c["pools"][0]["pool"], "user");
    // The 2 web nodes run all day: reserve both.
    assert_eq!(c["pools"][0]["reserved_nodes"], 2);
    assert_eq!(c["reserved_nodes"], 2);
    // Both regular pools: each reserved by its own day.
    let v = eval("commitment=ri1&commit_price=0.12&worker_pool=separate");
    let c = &v["cost"]["commitment"];
    let pools = c["pools"].as_array().unwrap();
    assert_eq!(pools.len(), 2);
    assert_eq!(pools[1]["pool"], "workers");
    let (web, workers) = (
        pools[0]["reserved_nodes"].as_u64().unwrap(),
        pools[1]["reserved_nodes"].as_u64().unwrap(),
    );
    assert_eq!(c["reserved_nodes"].as_u64().unwrap(), web + workers);
    assert!(c["monthly_with_usd"].as_f64().unwrap() < c["monthly_without_usd"].as_f64().unwrap());
    // A/B: pay-as-you-go shared against reserved web + Spot workers costs less as bought.
    let payg = eval("v=1")["cost"]["as_bought_usd"].as_f64().unwrap();
    let mixed = eval("commitment=ri1&commit_price=0.12&worker_pool=spot&spot_discount=0.6")["cost"]
        ["as_bought_usd"]
        .as_f64()
        .unwrap();
    assert!(mixed < payg, "{mixed} against {payg}");
}

/// The worker pool's own bounds and VM are checked like the user pool's.
#[test]
fn the_worker_pools_bounds_are_checked() {
    let v = eval("worker_pool=separate&worker_nodes_max=5");
    let found: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "autoscaler-max-below-packed")
        .collect();
    assert_eq!(found.len(), 1);
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("worker pool: autoscaler max 5 nodes is below the 29 nodes"));
    assert!(found[0]["fix"]
        .as_str()
        .unwrap()
        .starts_with("raise worker_nodes_max to at least 29"));
    // A worker pod larger than the worker VM: Pending, whatever the user pool.
    let v = eval("worker_pool=separate&worker_vm=Standard_D2s_v5&task_cpu=3&task_cpu_limit=3");
    assert!(v["cluster"]["workers"]["nodes_packed"].is_null());
    assert!(v["cluster"]["nodes_packed"].is_u64());
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "pod-unschedulable"
            && f["fix"].as_str().unwrap().contains("worker_vm")));
    // A worker pool with no background work to run: said, at its minimum.
    let v = eval("worker_pool=spot&tasks=0&task_min=0");
    assert!(v["cluster"]["workers"].is_object());
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "worker-pool-idle" && f["severity"] == "info"));
    assert!(!eval("worker_pool=spot")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "worker-pool-idle"));
}
