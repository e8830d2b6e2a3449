//! Which VM size: the `vms` ranking of `headroom eval` held to its definition from outside the
//! code. Evaluating the plan with `node_vm=<row's vm>&alloc=aks` (a worker row: `worker_vm`)
//! gives the row's nodes at peak and monthly cost; `vm_allow` narrows the list and refuses an
//! unknown name; `cheaper-vm` fires and stays quiet.

use headroom::decide::evaluate_searched;
use headroom::report::{evaluate, json};
use headroom::share::{self, presets};
use serde_json::Value;

fn eval_json(report: &headroom::report::Report) -> Value {
    serde_json::from_str(&json::to_json(report)).expect("eval JSON")
}

fn vms(link: &str) -> Vec<Value> {
    let plan = share::decode(link).plan;
    eval_json(&evaluate_searched(&plan))["vms"]
        .as_array()
        .cloned()
        .expect("vms")
}

#[test]
fn every_row_is_what_eval_gives_for_its_size() {
    let mut links: Vec<String> = presets::PRESETS
        .iter()
        .map(|p| share::encode(&presets::plan(p.name).expect("preset")))
        .collect();
    links.push("v=1".into());
    links.push("v=1&worker_pool=separate".into());
    let mut rows_checked = 0;
    for link in links {
        let rows = vms(&link);
        let aca = share::decode(&link).plan.platform == headroom::plan::Platform::Aca;
        assert_eq!(rows.is_empty(), aca, "{link}: {} rows", rows.len());
        // Cheapest first, the unpriced after the priced.
        let key = |r: &Value| {
            (
                r["price_status"] == "unknown",
                r["monthly_usd"].as_f64().unwrap_or(f64::NAN),
            )
        };
        assert!(
            rows.windows(2).all(|w| key(&w[0]).0 <= key(&w[1]).0
                && (key(&w[0]).0 != key(&w[1]).0 || key(&w[0]).1 <= key(&w[1]).1)),
            "{link}"
        );
        for row in &rows {
            let (var, nodes_key) = match row["pool"].as_str() {
                Some("worker") => ("worker_vm", "workers"),
                _ => ("node_vm", ""),
            };
            let vm = row["vm"].as_str().expect("vm");
            let sized =
                share::decode_onto(share::decode(&link).plan, &format!("{var}={vm}&alloc=aks"));
            assert!(sized.problems.is_empty(), "{link}: {:?}", sized.problems);
            let e = eval_json(&evaluate(&sized.plan));
            let cluster = if nodes_key.is_empty() {
                &e["cluster"]
            } else {
                &e["cluster"][nodes_key]
            };
            assert_eq!(
                row["nodes_peak"], cluster["nodes_peak"],
                "{link} {var}={vm}"
            );
            assert_eq!(
                row["monthly_usd"], e["day"]["monthly_usd"],
                "{link} {var}={vm}"
            );
            assert_eq!(
                row["fits"].as_bool(),
                Some(cluster["nodes_packed"].is_u64()),
                "{link} {vm}"
            );
            rows_checked += 1;
        }
    }
    assert!(rows_checked >= 40, "{rows_checked} rows");
}

#[test]
fn vm_allow_narrows_the_list_and_refuses_unknown_names() {
    let rows = vms("vm_allow=Standard_D8s_v5,standard_d4s_v5");
    let names: Vec<&str> = rows.iter().filter_map(|r| r["vm"].as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"Standard_D4s_v5") && names.contains(&"Standard_D8s_v5"));
    // An unknown size is an input error naming vm_allow; the plan keeps all sizes.
    let d = share::decode("vm_allow=Standard_D4s_v5,Standard_Z99");
    assert_eq!(d.problems.len(), 1, "{:?}", d.problems);
    assert_eq!(d.problems[0].param, "vm_allow");
    assert!(
        d.problems[0].to_string().contains("Standard_Z99"),
        "{}",
        d.problems[0]
    );
    assert_eq!(d.plan.vm_allow, "");
    // The command line says so and exits 2.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["eval", "--query", "vm_allow=Standard_Z99"])
        .output()
        .expect("headroom");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("vm_allow"));
}

#[test]
fn cheaper_vm_names_the_size_and_the_saving() {
    let plan = share::decode("v=1").plan;
    let report = evaluate_searched(&plan);
    let f = report
        .findings
        .iter()
        .find(|f| f.code.as_str() == "cheaper-vm")
        .expect("cheaper-vm on the default plan");
    let rows = report.vms.as_ref().expect("vms");
    let best = rows.iter().find(|r| r.fits && r.survives).expect("a row");
    let own = rows
        .iter()
        .find(|r| r.vm == "Standard_D4s_v5")
        .expect("own");
    assert!(best.monthly_usd <= 0.9 * own.monthly_usd);
    assert!(
        f.message.contains(best.vm.as_str()) && f.message.contains(&best.nodes_peak.to_string()),
        "{}",
        f.message
    );
    assert!(f.fix.contains(&format!("node_vm={}", best.vm)), "{}", f.fix);
    // Quiet where the plan already runs on the cheapest allowed size.
    let cheapest = share::decode(&format!("node_vm={}", best.vm)).plan;
    assert!(!evaluate_searched(&cheapest)
        .findings
        .iter()
        .any(|f| f.code.as_str() == "cheaper-vm"));
}

#[test]
fn vm_prices_price_the_sizes_the_book_has_no_source_for() {
    // Without a price an AMD size is listed, unknown, after every priced size.
    let rows = vms("v=1");
    let row = rows
        .iter()
        .find(|r| r["vm"] == "Standard_D4as_v5")
        .expect("D4as_v5");
    assert_eq!(row["price_status"], "unknown");
    let first = rows
        .iter()
        .position(|r| r["price_status"] == "unknown")
        .expect("an unknown");
    assert!(first > 0 && rows[first..].iter().all(|r| r["price_status"] == "unknown"));
    // The plan's price ranks it with the others, and eval prices the plan on it the same way.
    let link = "vm_prices=Standard_D4as_v5:0.172";
    let rows = vms(link);
    let row = rows
        .iter()
        .find(|r| r["vm"] == "Standard_D4as_v5")
        .expect("D4as_v5");
    assert_eq!(row["price_status"], "plan");
    let e = eval_json(&evaluate(
        &share::decode(&format!("{link}&node_vm=Standard_D4as_v5&alloc=aks")).plan,
    ));
    assert_eq!(row["monthly_usd"], e["day"]["monthly_usd"]);
    assert_eq!(e["cost"]["node_usd_per_hour"], 0.172);
    // A malformed or unknown entry is an input error naming vm_prices.
    for bad in [
        "Standard_D4as_v5",
        "Standard_Q1:0.1",
        "Standard_D4as_v5:0",
        "Standard_D4as_v5:abc",
    ] {
        let d = share::decode(&format!("vm_prices={bad}"));
        assert_eq!(d.problems.len(), 1, "{bad}: {:?}", d.problems);
        assert_eq!(d.problems[0].param, "vm_prices", "{bad}");
    }
}

/// The page's "Node size" section as HTML: a table row per size with the row's figures, "Use
/// this size" on every row but the plan's own (from the worker); the status and "Undo" the page
/// writes itself; every text escaped.
#[test]
fn the_page_section_lists_every_size_with_a_button_but_its_own() {
    use headroom::decide::sections::{sizes_table, sizes_top};
    use headroom::decide::vms::rank;
    use headroom::report::ahead::{escaped, Ahead};
    let plan = share::decode("v=1").plan;
    let rows = rank(&plan);
    let html = sizes_table(&plan, &rows);
    assert_eq!(html.matches("data-testid=\"vms-row\"").count(), rows.len());
    assert_eq!(
        html.matches("data-testid=\"use-vm\"").count(),
        rows.len() - 1
    );
    assert!(html.contains("<strong>this plan</strong>"));
    assert!(!html.contains("vms-undo"));
    assert!(Ahead::Sizes.undo().contains("data-testid=\"vms-undo\""));
    for r in &rows {
        assert!(html.contains(&format!("data-key=\"{}\"", r.vm)), "{}", r.vm);
    }
    assert!(Ahead::Sizes
        .status(false)
        .contains("Working out the sizes for this plan…"));
    assert!(Ahead::Sizes.status(true).contains("Ranked for this plan."));
    // `cheaper-vm` shows in the section when it fires (the default plan), and only then.
    assert!(sizes_top(&plan, &rows).contains("data-code=\"cheaper-vm\""));
    let best = rows.iter().find(|r| r.fits && r.survives).expect("a row");
    let cheapest = share::decode(&format!("node_vm={}", best.vm)).plan;
    assert!(!sizes_top(&cheapest, &rank(&cheapest)).contains("cheaper-vm"));
    // Container Apps: nothing to size.
    let aca = share::decode("platform=aca").plan;
    assert!(Ahead::Sizes.idle(&aca));
    assert!(Ahead::Sizes.idle_note().contains("no nodes to size"));
    assert!(rank(&aca).is_empty());
    assert_eq!(
        escaped("<b a=\"1\">&</b>"),
        "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;"
    );
}
