//! Load tests read back (`measure`): each format's rules on its fixture, the fit on the R
//! package's worked examples, planning on the curve, its findings, and `headroom calibrate`.
#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use headroom::engine::usl::Usl;
use headroom::measure::{self, Format};
use headroom::plan::{CapacityMode, Plan};
use headroom::{engine, report, share};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/loadtest")
        .join(name);
    std::fs::read(&path).unwrap()
}

fn calibrate(name: &str) -> measure::Calibration {
    measure::calibrate(name, &fixture(name), None, 1, &Plan::default()).unwrap()
}

#[test]
fn a_csv_of_measurements_fits_the_r_packages_worked_example() {
    let c = calibrate("specsdm91.csv");
    assert_eq!(c.format, Format::Csv);
    assert_eq!(c.points.len(), 7);
    assert!(c.points.iter().all(|p| p.used));
    let sig4 = |x: f64| format!("{:.3e}", x);
    assert_eq!(sig4(c.usl.sigma), sig4(0.02773));
    assert_eq!(sig4(c.usl.kappa), sig4(1.044e-4));
    assert_eq!(sig4(c.usl.lambda), sig4(90.00));
    assert_eq!(sig4(c.usl.peak_concurrency.unwrap()), sig4(96.52));
    // The default plan's pod has 1 slot: X(1) = λ.
    assert_eq!(c.capacity.slots, 1);
    assert_eq!(c.capacity.concurrency, 1);
    assert_eq!(c.capacity.rps_per_pod, c.usl.lambda);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn locust_plateaus_drop_their_ramp_row_and_failed_ones_are_not_fitted() {
    let c = calibrate("locust_stats_history.csv");
    assert_eq!(c.format, Format::Locust);
    let n: Vec<f64> = c.points.iter().map(|p| p.concurrency).collect();
    // 0 users is no plateau; 128 users has one row (its ramp): noted, not a point.
    assert_eq!(n, [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0]);
    assert!(
        c.warnings.iter().any(|w| w.contains("128 users")),
        "{:?}",
        c.warnings
    );
    let failed = c.points.iter().find(|p| p.concurrency == 64.0).unwrap();
    assert!(!failed.used && failed.why.as_deref().unwrap().contains("failed"));
    // The ramp row is dropped: X is the full rate, not the mean with the half-rate ramp.
    let truth = Usl {
        sigma: 0.05,
        kappa: 0.002,
        lambda_rps: 50.0,
    };
    for p in c.points.iter().filter(|p| p.used) {
        let want = truth.throughput(p.concurrency);
        assert!((p.throughput_rps - want).abs() < 0.1, "{p:?} vs {want}");
        // The latency of the kept rows alone: N / X.
        let lat = p.latency_ms.unwrap();
        assert!((lat - p.concurrency / want * 1000.0).abs() < 0.5, "{p:?}");
    }
    assert!((c.usl.sigma - 0.05).abs() < 0.005, "{:?}", c.usl);
    assert!((c.usl.kappa - 0.002).abs() < 0.0005, "{:?}", c.usl);
    assert!(c.usl.r2 > 0.999);
}

#[test]
fn k6_steps_in_both_summary_shapes_read_the_same() {
    let a = calibrate("k6-handle-summary.json");
    let b = calibrate("k6-summary-export.json");
    assert_eq!(a.format, Format::K6);
    assert_eq!(a.points, b.points);
    assert_eq!(a.points.len(), 7);
    // X = count / the step's seconds (not k6's whole-run rate); N = X × avg / 1000.
    let v: serde_json::Value = serde_json::from_slice(&fixture("k6-handle-summary.json")).unwrap();
    let m = &v["metrics"];
    let count = m["http_reqs{scenario:step_02_20rps_60s}"]["values"]["count"]
        .as_f64()
        .unwrap();
    let avg = m["http_req_duration{scenario:step_02_20rps_60s}"]["values"]["avg"]
        .as_f64()
        .unwrap();
    let p = &a.points[1];
    assert_eq!(p.throughput_rps, count / 60.0);
    assert_eq!(p.concurrency, count / 60.0 * avg / 1000.0);
    assert_eq!(p.latency_ms, Some(avg));
    // Step 07 dropped 5 % of its iterations: listed, not fitted.
    let dropped = &a.points[6];
    assert!(!dropped.used && dropped.why.as_deref().unwrap().contains("dropped"));
    assert!(a.points[..6].iter().all(|p| p.used));
}

#[test]
fn linear_scaling_has_no_knee_and_the_plan_uses_every_slot() {
    let csv = "concurrency,throughput,latency_ms\n1,10,100\n2,20,100\n4,40,100\n8,80,100\n";
    let plan = Plan {
        workers: 4,
        threads: 2,
        ..Plan::default()
    };
    let c = measure::calibrate("linear.csv", csv.as_bytes(), None, 1, &plan).unwrap();
    assert_eq!((c.usl.sigma, c.usl.kappa), (0.0, 0.0));
    assert_eq!(c.usl.peak_concurrency, None);
    assert_eq!(c.usl.peak_rps, None);
    assert_eq!(c.usl.roof_rps, None);
    assert_eq!(c.capacity.concurrency, 8);
    assert!((c.capacity.rps_per_pod - 80.0).abs() < 1e-9);
    assert_eq!(c.warnings.len(), 1, "fewer than 6 points: {:?}", c.warnings);
    // --pods 2: the test ran against two pods; each served half.
    let two = measure::calibrate("linear.csv", csv.as_bytes(), None, 2, &plan).unwrap();
    assert_eq!(two.points[3].concurrency, 4.0);
    assert_eq!(two.points[3].throughput_rps, 40.0);
}

/// The link `calibrate` prints evaluates to exactly its capacity; an old link or preset keeps
/// `capacity = measured` and its figures.
#[test]
fn the_calibrated_link_plans_on_the_curve() {
    let c = calibrate("locust_stats_history.csv");
    let d = share::decode(&c.query);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert_eq!(d.plan.capacity, CapacityMode::Usl);
    let s = engine::size(&d.plan);
    assert_eq!(s.web.capacity_rps_per_pod, c.capacity.rps_per_pod);
    assert_eq!(d.plan.usl_max_n, 32.0);
    for p in headroom::share::presets::PRESETS {
        assert_ne!((p.plan)().capacity, CapacityMode::Usl, "{}", p.name);
    }
    assert_eq!(share::decode("v=1").plan.capacity, CapacityMode::Measured);
    // More slots follow the curve, not a straight line: 32 slots past the knee (21.8) serve
    // less than 22 would.
    let past = share::decode(&format!("{}&workers=4&threads=8", c.query)).plan;
    let s = engine::size(&past);
    let u = Usl::of(&past);
    assert_eq!(s.web.capacity_rps_per_pod, u.best_within(32).1);
    assert_eq!(u.best_within(32).0, 22);
    assert!(report::evaluate(&past)
        .explain
        .get("web.capacity_rps_per_pod")
        .unwrap()
        .contains("N = 22"));
}

#[test]
fn bad_files_are_refused_by_name() {
    let plan = Plan::default();
    let refused = |name: &str, bytes: &[u8], says: &str| {
        let e = measure::calibrate(name, bytes, None, 1, &plan).unwrap_err();
        assert!(e.starts_with(name) && e.contains(says), "{name}: {e}");
    };
    refused("empty.csv", b"", "empty");
    refused(
        "bytes.csv",
        b"concurrency,throughput\n1,\xff\n",
        "not UTF-8",
    );
    refused("cols.csv", b"users,rps\n1,2\n", "expected a CSV");
    refused("cols2.csv", b"concurrency,rps\n1,2\n", "Locust");
    refused(
        "text.csv",
        b"concurrency,throughput\n1,ten\n",
        "line 2, throughput: 'ten' is not a number",
    );
    refused(
        "nan.csv",
        b"concurrency,throughput\n1,NaN\n",
        "not a number",
    );
    refused(
        "few.csv",
        b"concurrency,throughput\n1,1\n2,2\n3,3\n",
        "at least 4 points",
    );
    refused(
        "same.csv",
        b"concurrency,throughput\n1,1\n1,1\n2,2\n2,2\n",
        "3 or more concurrencies",
    );
    refused("other.json", b"{\"a\": 1}", "another shape");
    refused(
        "nosteps.json",
        b"{\"metrics\": {\"http_reqs\": {\"count\": 3}}}",
        "no step scenarios",
    );
    let one = "Timestamp,User Count,Type,Name,Total Request Count,Total Failure Count,Total Average Response Time\n1,4,,Aggregated,0,0,0\n11,4,,Aggregated,100,0,20\n21,4,,Aggregated,200,0,20\n31,4,,Aggregated,300,0,20\n";
    refused(
        "one_plateau_stats_history.csv",
        one.as_bytes(),
        "at least 4 points",
    );
    let big = vec![b' '; measure::MAX_BYTES + 1];
    refused("big.csv", &big, "larger than 16 MiB");
}

#[test]
fn past_the_knee_and_extrapolated_fire_and_stay_quiet() {
    let c = calibrate("locust_stats_history.csv");
    let on = |extra: &str| {
        let d = share::decode(&format!("{}{}", c.query, extra));
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        d.plan
    };
    let codes_of = |plan: &Plan| -> Vec<&'static str> {
        report::evaluate(plan)
            .findings
            .iter()
            .map(|f| f.code.as_str())
            .collect()
    };
    let codes = |extra: &str| codes_of(&on(extra));
    // Knee at 21.8: 32 slots are past it, 16 are not.
    let past = codes("&workers=4&threads=8");
    assert!(past.contains(&"past-the-knee"), "{past:?}");
    assert!(!codes("&workers=4&threads=4").contains(&"past-the-knee"));
    // Measured up to 32: 64 slots are an extrapolation, 48 are not (half again is the line).
    assert!(codes("&workers=8&threads=8").contains(&"usl-extrapolated"));
    assert!(!codes("&workers=6&threads=8").contains(&"usl-extrapolated"));
    // Linear (κ = 0): never past a knee.
    let mut linear = on("&workers=8&threads=8");
    linear.usl_kappa = 0.0;
    assert!(!codes_of(&linear).contains(&"past-the-knee"));
}

/// The exported step test, run by node with k6's modules stubbed: its scenarios are the steps
/// the k6 reader expects (names, rates, no-op thresholds for every submetric), and the
/// `headroom-steps.json` its `handleSummary` writes from k6-shaped data calibrates.
#[test]
fn the_exported_step_test_writes_what_calibrate_reads() {
    let plan = share::decode("workers=2&threads=2").plan;
    let s = engine::size(&plan);
    let js = headroom::export::render_one("loadtest.js", &plan, &s)
        .unwrap()
        .text;
    let dir = std::env::temp_dir().join(format!("headroom-steps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let stubbed = js
        .replace(
            "import http from 'k6/http';",
            "const http = { get: () => ({ status: 200 }) };",
        )
        .replace("import { check } from 'k6';", "const check = () => true;");
    assert_ne!(stubbed, js, "the imports to stub");
    std::fs::write(dir.join("loadtest.mjs"), stubbed).unwrap();
    // k6-shaped data for each scenario: a pod on a known curve, at the step's rate where it can.
    let harness = r#"
globalThis.__ENV = { MODE: 'steps' };
const m = await import('./loadtest.mjs');
const names = Object.keys(m.options.scenarios);
const X = (n) => 30 * n / (1 + 0.05 * (n - 1) + 0.01 * n * (n - 1));
const metrics = {};
for (const name of names) {
  const sc = m.options.scenarios[name];
  let lo = 0.01, hi = Math.sqrt(0.95 / 0.01);
  for (let i = 0; i < 100; i++) { const mid = (lo + hi) / 2; if (X(mid) < sc.rate) lo = mid; else hi = mid; }
  const n = (lo + hi) / 2, x = Math.min(sc.rate, X(n)), secs = parseInt(sc.duration);
  metrics[`http_reqs{scenario:${name}}`] = { type: 'counter', contains: 'default', values: { count: Math.round(x * secs), rate: 0 } };
  metrics[`http_req_duration{scenario:${name}}`] = { type: 'trend', contains: 'time', values: { avg: n / x * 1000 } };
}
const out = m.handleSummary({ metrics, root_group: {}, options: {}, state: {} });
console.log(JSON.stringify({ names, thresholds: Object.keys(m.options.thresholds), json: out['headroom-steps.json'], stdout: out.stdout }));
"#;
    std::fs::write(dir.join("harness.mjs"), harness).unwrap();
    let out = std::process::Command::new("node")
        .arg(dir.join("harness.mjs"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    let rates = headroom::engine::loadtest::step_rates(s.web.capacity_rps_per_pod);
    let want: Vec<String> = rates
        .iter()
        .enumerate()
        .map(|(i, r)| format!("step_{:02}_{}rps_60s", i + 1, r))
        .collect();
    assert_eq!(names, want);
    for name in &want {
        for metric in ["http_reqs", "http_req_duration", "dropped_iterations"] {
            let key = format!("{metric}{{scenario:{name}}}");
            assert!(
                v["thresholds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t == &key[..]),
                "{key}"
            );
        }
    }
    assert!(v["stdout"]
        .as_str()
        .unwrap()
        .contains("headroom calibrate headroom-steps.json"));
    let steps = v["json"].as_str().unwrap();
    let c = measure::calibrate("headroom-steps.json", steps.as_bytes(), None, 1, &plan).unwrap();
    assert_eq!(c.format, Format::K6);
    assert_eq!(c.points.len(), 7);
    assert!(c.points.iter().all(|p| p.used));
    let _ = std::fs::remove_dir_all(&dir);
}
