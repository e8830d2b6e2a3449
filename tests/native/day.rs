//! The day simulation against hand-worked numbers (issue 15's acceptance; docs/SIMULATION.md).

use headroom::engine;
use headroom::plan::Plan;
use headroom::report;
use headroom::share;
use headroom::sim::{self, Day, Row};

use crate::domain;

fn plan(query: &str) -> Plan {
    let d = share::decode(query);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    d.plan
}

fn day(p: &Plan) -> Day {
    sim::simulate(p, &engine::size(p))
}

/// The row at a time of day.
fn at(day: &Day, hms: &str) -> Row {
    let parts: Vec<usize> = hms
        .split(':')
        .map(|x| x.parse().expect("hh:mm:ss"))
        .collect();
    day.rows[(parts[0] * 3600 + parts[1] * 60 + parts[2]) / 15]
}

const STEP_UP: &str = "rps_per_pod=20&hpa_cpu=70&min_replicas=3&hpa_max=100&peak_rps=1400&tasks=0&pod_start_s=0&node_start_s=0&day=3,3,3,3,3,3,3,3,100,100,100,100,100,100,100,100,100,100,3,3,3,3,3,3";

/// Acceptance 1: Saturated pods show 100 % CPU, so the HPA climbs by 1/0.7 a step: ceil(3/0.7) = 5,
/// ceil(5/0.7) = 8, … (each within the +100 % or +4 pods a 15 s policy allows), then 100.
#[test]
fn the_hpa_steps_up_by_its_cpu_ratio() {
    let d = day(&plan(STEP_UP));
    assert_eq!(at(&d, "07:59:45").web_replicas, 3);
    let climb: Vec<u64> = [
        "08:00:00", "08:00:15", "08:00:30", "08:00:45", "08:01:00", "08:01:15", "08:01:30",
        "08:01:45", "08:02:00",
    ]
    .iter()
    .map(|t| at(&d, t).web_replicas)
    .collect();
    assert_eq!(climb, [5, 8, 12, 18, 26, 38, 55, 79, 100]);
    // Overloaded while 5 … 55 pods serve 20 req/s each: 7 steps.
    assert_eq!(d.summary.overload_s, 105.0);
    assert_eq!(
        d.summary.backlog_max,
        15.0 * (1300.0 + 1240.0 + 1160.0 + 1040.0 + 880.0 + 640.0 + 300.0)
    );
    assert_eq!(d.summary.backlog_max, 98_400.0);
    // The log says why, with the policy that held a step back.
    let first = d
        .events
        .iter()
        .find(|e| e.series() == "web")
        .expect("an HPA event");
    assert_eq!(
        first.line(),
        "08:00:00 hpa web 3 → 5 (3 ready at 100 % CPU vs target 70 %, wants 5)"
    );
}

/// Acceptance 2: The last high recommendation is at 17:59:45 (100 pods at 70 % CPU: within tolerance,
/// so the current count); it leaves the 300 s window after 18:04:30.
#[test]
fn the_scale_down_waits_for_the_window() {
    let d = day(&plan(STEP_UP));
    assert_eq!(at(&d, "18:04:30").web_replicas, 100);
    assert_eq!(at(&d, "18:04:45").web_replicas, 3);
}

/// Acceptance 3: Measured 20 req/s, target 70 %, 10 ready pods: 154 and 126 req/s are within 10 % of the
/// target (77 % and 63 % CPU); 155 wants ceil(10 × 0.775 / 0.7) = 12; 125 wants 9, once the
/// window has passed.
#[test]
fn the_tolerance_band_is_inclusive() {
    // 1400 req/s peak: 10 % is 140 req/s, where the HPA settles on ceil(140 × 0.05 / 0.7) = 10.
    let base = "rps_per_pod=20&hpa_cpu=70&min_replicas=1&hpa_max=100&peak_rps=1000&tasks=0&pod_start_s=0&node_start_s=0";
    let with = |later: &str| {
        let q = format!("{base}&day=14,{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later},{later}");
        day(&plan(&q))
    };
    for keeps in ["15.4", "12.6"] {
        let d = with(keeps);
        assert!(d.rows.iter().all(|r| r.web_replicas == 10), "{keeps}");
    }
    let up = with("15.5");
    assert_eq!(at(&up, "00:59:45").web_replicas, 10);
    assert_eq!(at(&up, "01:00:00").web_replicas, 12);
    let down = with("12.5");
    // The recommendation of 00:59:45 (10) holds until it leaves the window.
    assert_eq!(at(&down, "01:04:30").web_replicas, 10);
    assert_eq!(at(&down, "01:04:45").web_replicas, 9);
}

/// Acceptance 4: Container Apps from zero: 1, then max(4, 2n) a step up to the 10 wanted; one cold start;
/// the cooldown's highest want (10 at 17:59:45) holds until 18:04:30.
#[test]
fn container_apps_start_from_zero() {
    let p = plan("platform=aca&aca_concurrency=10&aca_min=0&aca_max=10&peak_rps=100&tasks=0&day=0,0,0,0,0,0,0,0,100,100,100,100,100,100,100,100,100,100,0,0,0,0,0,0");
    let d = day(&p);
    let steps: Vec<u64> = ["07:59:45", "08:00:00", "08:00:15", "08:00:30", "08:00:45"]
        .iter()
        .map(|t| at(&d, t).aca_replicas)
        .collect();
    assert_eq!(steps, [0, 1, 4, 8, 10]);
    assert_eq!(d.summary.aca_cold_starts, Some(1));
    assert_eq!(at(&d, "18:04:30").aca_replicas, 10);
    assert_eq!(at(&d, "18:04:45").aca_replicas, 0);
    assert_eq!(d.summary.aca_replicas_max, Some(10));
}

/// Acceptance 6: A flat day starts where it stays: no scale event, and the user pool holds
/// pack(web where the HPA settles at peak, KEDA's steady workers) all day.
#[test]
fn a_flat_default_day_is_still() {
    let p = Plan {
        day: vec![100.0; 24],
        ..Plan::default()
    };
    let s = engine::size(&p);
    let d = sim::simulate(&p, &s);
    assert_eq!(d.summary.scale_events, 0, "{:?}", d.events.first());
    let room = engine::cluster::node_room(&p);
    let web = engine::cluster::PodShape {
        cpu: p.web_cpu_cores,
        mem_mib: p.web_mem_mib,
    };
    let task = engine::cluster::PodShape {
        cpu: p.task_cpu_cores,
        mem_mib: p.task_mem_mib,
    };
    let packed = engine::cluster::pack(
        room,
        web,
        s.web.replicas_hpa_settles,
        task,
        s.tasks.keda_steady,
    )
    .expect("fits");
    // 8 web pods and 143 workers (the AKS example's plan): 0.25 + 0.5-core pods on 3.8-core nodes.
    assert_eq!((s.web.replicas_hpa_settles, s.tasks.keda_steady), (8, 143));
    assert_eq!(d.summary.node_hours, 24.0 * packed as f64);
}

/// Acceptance 8: A profile is 24 numbers from 0 to 100, without spaces; a spike may cross midnight.
#[test]
fn a_bad_profile_is_refused_by_name() {
    let ones = |n: usize| vec!["1"; n].join(",");
    for bad in [
        ones(23),
        ones(25),
        format!("{},101", ones(23)),
        format!("{},x", ones(23)),
        format!("{},+1", ones(23)),
        format!("{},%201", ones(23)),
    ] {
        let d = share::decode(&format!("v=1&day={bad}"));
        assert_eq!(d.problems.len(), 1, "{bad}");
        assert_eq!(d.problems[0].param, "day", "{bad}");
        assert_eq!(d.plan, Plan::default());
    }
    // In a link the profile's commas stay literal, and it reads back exactly.
    let office = Plan {
        day: headroom::plan::shapes::shape("office").expect("office"),
        ..Plan::default()
    };
    let link = share::encode(&office);
    assert!(link.contains("&day=10,10,10,10,10,10,10,40,100,"), "{link}");
    assert_eq!(share::decode(&link).plan, office);
    let p = plan("v=1&spike_x=3&spike_at_h=23.5&spike_min=60&peak_rps=100");
    let d = day(&p);
    assert_eq!(at(&d, "23:30:00").load_rps, 300.0);
    assert_eq!(at(&d, "00:29:45").load_rps, 300.0);
    assert_eq!(at(&d, "00:30:00").load_rps, 100.0);
}

/// Every old link evaluates exactly as before: the report's static figures do not read the day.
#[test]
fn the_day_moves_no_static_figure() {
    let p = plan(STEP_UP);
    let mut other = p.clone();
    other.day = vec![50.0; 24];
    other.node_start_s = 600;
    other.overprovision = 5;
    assert_eq!(engine::size(&p), engine::size(&other));
    let r = report::evaluate(&p);
    assert_eq!(r.sizing, engine::size(&p));
}

/// Acceptance 5, worked by hand (docs/SIMULATION.md has the same walk-through). Plan 1 with
/// nodes that take 240 s: 15 web pods (0.25 cores) fit a 3.8-core node; the day starts on the
/// autoscaler's minimum of 2 nodes (30 pods).
/// - 08:01:15: the HPA asks for 38 pods, 8 wait: +1 node (ready 08:05:15). 08:01:30: 43 pods
///   (ceil(30 ready / 0.7)), 13 wait; the booting node holds them, so no add.
/// - 08:05:15: the node is ready, 43 pods run. 08:05:30: 62 pods, 17 wait: +2 nodes (ready
///   08:09:30); 08:05:45: 65, 20 wait.
/// - 08:09:30: 65 run. 08:09:45: 93 pods, 18 wait: +2 nodes (ready 08:13:45); 08:10:00: 100
///   (hpa_max), 25 wait. 08:13:45: all 100 run on 7 nodes.
///
/// Pending: 8 × 15 + 15 steps × 13 × 15 + 17 × 15 + 15 × 20 × 15 + 18 × 15 + 15 × 25 × 15
/// = 13,695 pod-seconds. Overloaded until 75 pods are ready at 08:09:45: 08:00:00–08:09:30,
/// 39 steps, 585 s.
#[test]
fn pods_wait_for_nodes_and_nodes_wait_to_go() {
    let p = plan(&STEP_UP.replace("node_start_s=0", "node_start_s=240"));
    let d = day(&p);
    let nodes = |t: &str| at(&d, t).nodes;
    let ready = |t: &str| at(&d, t).nodes_ready;
    assert_eq!(nodes("08:01:00"), 2);
    assert_eq!(
        (nodes("08:01:15"), ready("08:05:00"), ready("08:05:15")),
        (3, 2, 3)
    );
    assert_eq!(
        (
            at(&d, "08:01:15").web_replicas,
            at(&d, "08:01:15").web_ready
        ),
        (38, 30)
    );
    assert_eq!(
        (
            at(&d, "08:01:45").web_replicas,
            at(&d, "08:01:45").web_ready
        ),
        (43, 30)
    );
    assert_eq!(at(&d, "08:05:15").web_ready, 43);
    assert_eq!((nodes("08:05:30"), ready("08:09:30")), (5, 5));
    assert_eq!(
        (nodes("08:09:45"), ready("08:13:30"), ready("08:13:45")),
        (7, 5, 7)
    );
    assert_eq!(at(&d, "08:13:45").web_ready, 100);
    assert_eq!(d.summary.pending_pod_s, 13_695.0);
    assert_eq!(
        d.summary.pending_pod_s,
        15.0 * (8.0 + 15.0 * 13.0 + 17.0 + 15.0 * 20.0 + 18.0 + 15.0 * 25.0)
    );
    assert_eq!(d.summary.overload_s, 585.0);
    // The need falls at 18:04:45 (3 pods fit the 2-node minimum); ca_unneeded_s = 600 later
    // the newest 5 nodes go.
    assert_eq!((nodes("18:14:30"), nodes("18:14:45")), (7, 2));
    // Requested node-steps: 2 × 1925 + 3 × 17 + 5 × 17 + 7 × 2420 + 2 × 1381 = 23,688.
    assert_eq!(d.summary.node_hours, 23_688.0 * 15.0 / 3600.0);
    assert_eq!((d.summary.nodes_min, d.summary.nodes_max), (2, 7));
    let adds: Vec<String> = d
        .events
        .iter()
        .filter(|e| e.series() == "nodes")
        .map(|e| e.line())
        .collect();
    assert_eq!(
        adds[0],
        "08:01:15 cluster-autoscaler nodes 2 → 3 (8 pods waiting)"
    );

    // No removal within ca_delay_after_add_s of the last add (08:09:45): with a 2 h delay and
    // the load falling at 09:00, the nodes go at 10:09:45, not at 09:14:45.
    let mut short = p.clone();
    short.day[9..].fill(3.0);
    short.ca_delay_after_add_s = 7200;
    let d = day(&short);
    assert_eq!(at(&d, "09:04:45").web_replicas, 3);
    assert_eq!(at(&d, "10:09:30").nodes, 7);
    assert_eq!(at(&d, "10:09:45").nodes, 2);
}

/// Over the edges of every parameter's range: every figure is finite, the series hold their
/// invariants (ready within created, nodes within the autoscaler's bounds, no negative
/// backlog), and the CSV has a row a step.
#[test]
fn any_plan_gives_a_sound_day() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new(Config {
        cases: 40,
        ..Config::default()
    });
    let strategy = domain::any_link();
    for _ in 0..40 {
        let link = strategy.new_tree(&mut runner).unwrap().current();
        let p = share::decode(&link).plan;
        let s = engine::size(&p);
        let d = sim::simulate(&p, &s);
        assert_eq!(d.rows.len(), sim::STEPS, "{link}");
        // Each pool within its own bounds (the workers' own pool, when they have one).
        let bound = |c: &headroom::engine::cluster::Cluster| {
            c.autoscaler_max
                .unwrap_or(c.max_count)
                .min(sim::NODE_CAP)
                .max(c.autoscaler_min.min(sim::NODE_CAP))
        };
        let worker_max = s.cluster.workers.as_deref().map_or(0, bound);
        for (k, r) in d.rows.iter().enumerate() {
            let ok = r.load_rps.is_finite()
                && r.capacity_rps.is_finite()
                && r.backlog.is_finite()
                && r.backlog >= 0.0
                && r.web_ready <= r.web_replicas
                && r.task_ready <= r.task_replicas
                && r.nodes_ready <= r.nodes
                && r.worker_nodes <= r.nodes
                && r.nodes - r.worker_nodes <= bound(&s.cluster)
                && r.worker_nodes <= worker_max
                && r.web_replicas <= s.web.hpa_max.max(u64::from(p.min_replicas));
            assert!(ok, "{link}: step {k}: {r:?}");
        }
        let sum = &d.summary;
        for x in [
            sum.monthly_usd,
            sum.node_hours,
            sum.overload_s,
            sum.backlog_max,
            sum.pending_pod_s,
        ] {
            assert!(x.is_finite() && x >= 0.0, "{link}: {sum:?}");
        }
        assert!(sum.nodes_min <= sum.nodes_max, "{link}");
        assert_eq!(sim::csv::to_csv(&d, 15).lines().count(), 1 + sim::STEPS);
        assert!(
            d.events
                .iter()
                .all(|e| !e.line().contains("NaN") && !e.line().contains("inf")),
            "{link}"
        );
    }
}

fn finding(p: &Plan, code: &str) -> Option<headroom::doctor::Finding> {
    headroom::decide::evaluate_searched(p)
        .findings
        .into_iter()
        .find(|f| f.code.as_str() == code)
}

/// Each of the day's findings, on a plan that shows it, with its numbers.
#[test]
fn the_day_findings_say_what_the_static_figures_hide() {
    let step_up = plan(STEP_UP);
    // Acceptance 1's climb: overloaded from 08:00:00 for 105 s; with min_replicas = 49 the
    // first step (ceil(49 / 0.7) = 70 pods, 1,400 req/s) already serves the peak, with 48 it
    // does not (69 pods).
    let lag = finding(&step_up, "scale-lag").expect("scale-lag");
    assert!(
        lag.message.contains("from 08:00:00 for 105 s"),
        "{}",
        lag.message
    );
    assert!(
        lag.fix.starts_with("min_replicas = 49 removes it"),
        "{}",
        lag.fix
    );
    assert!(
        lag.fix.contains("overprovision") && lag.fix.contains("hpa_cpu"),
        "{}",
        lag.fix
    );
    // The page's report names the remedies without searching.
    let quick = report::evaluate(&step_up);
    let lag = quick
        .findings
        .iter()
        .find(|f| f.code.as_str() == "scale-lag")
        .expect("scale-lag");
    assert!(!lag.fix.contains("= 49"), "{}", lag.fix);
    // The climb wants exactly 100 at 08:02:00 (1,400 × 0.05 / 0.7): the maximum, not past it.
    assert!(finding(&step_up, "hpa-max-reached").is_none());
    // With hpa_max = 50, 38 saturated pods want ceil(38 / 0.7) = 55 at 08:01:30.
    let capped = plan(&STEP_UP.replace("hpa_max=100", "hpa_max=50"));
    let max = finding(&capped, "hpa-max-reached").expect("hpa-max-reached");
    assert!(
        max.message
            .contains("maximum of 50 web replicas from 08:01:30"),
        "{}",
        max.message
    );
    // Nodes that take 240 s: pods wait (acceptance 5's 13,695 pod-seconds).
    let slow = plan(&STEP_UP.replace("node_start_s=0", "node_start_s=240"));
    let pending = finding(&slow, "pods-pending").expect("pods-pending");
    assert!(
        pending.message.starts_with("pods waited 13695 pod-seconds"),
        "{}",
        pending.message
    );
    assert!(finding(&step_up, "pods-pending").is_none());
    // Keep the 5 spare nodes two hours after the need falls at 18:04:45: a tail.
    let mut tail = slow.clone();
    tail.ca_unneeded_s = 7200;
    let f = finding(&tail, "scale-down-tail").expect("scale-down-tail");
    assert!(
        f.message.contains("kept after the load had fallen"),
        "{}",
        f.message
    );
    assert!(
        finding(&slow, "scale-down-tail").is_none(),
        "10 minutes is under 5 %"
    );
    // KEDA held at 10 workers for 1,000 tasks.
    let keda = plan("keda_max=10&day=50,50,50,50,50,50,50,50,100,100,100,100,100,100,100,100,100,100,50,50,50,50,50,50");
    let f = finding(&keda, "keda-max-reached").expect("keda-max-reached");
    assert!(
        f.message.contains("maximum of 10 workers from 00:00:00"),
        "{}",
        f.message
    );
    // Container Apps from zero once a day; one warm replica costs more.
    let aca = plan("platform=aca&aca_concurrency=10&aca_min=0&aca_max=10&peak_rps=100&tasks=0&day=0,0,0,0,0,0,0,0,100,100,100,100,100,100,100,100,100,100,0,0,0,0,0,0");
    let f = finding(&aca, "aca-cold-starts").expect("aca-cold-starts");
    assert!(
        f.message.starts_with("the app starts from zero once a day"),
        "{}",
        f.message
    );
    assert!(
        f.fix.starts_with("aca_min = 1 keeps one replica warm: US$"),
        "{}",
        f.fix
    );
    // A flat day has none of them.
    let flat = Plan {
        day: vec![100.0; 24],
        ..Plan::default()
    };
    let codes: Vec<&str> = headroom::decide::evaluate_searched(&flat)
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    for code in [
        "scale-lag",
        "pods-pending",
        "hpa-max-reached",
        "keda-max-reached",
        "aca-cold-starts",
        "scale-down-tail",
    ] {
        assert!(!codes.contains(&code), "{code} on a flat day: {codes:?}");
    }
}

/// The headline cost is its table's total: `day.breakdown` sums to `day.monthly_usd` and, on
/// Container Apps, `day.aca_breakdown` to `day.aca_monthly_usd`, to the cent, in the report
/// and in `headroom eval`'s JSON (whose figures are rounded to the cent one by one, so their
/// sum may differ from the total by half a cent an item). Every preset and 200 random plans,
/// each on both platforms.
#[test]
fn the_day_breakdown_sums_to_the_headline() {
    use headroom::share::presets;
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::TestRunner;
    let mut plans: Vec<Plan> = presets::PRESETS
        .iter()
        .filter_map(|p| presets::plan(p.name))
        .collect();
    let mut runner = TestRunner::deterministic();
    for _ in 0..200 {
        let link = domain::any_link()
            .new_tree(&mut runner)
            .expect("a link")
            .current();
        plans.push(share::decode(&link).plan);
    }
    for mut p in plans {
        for platform in [headroom::plan::Platform::Aks, headroom::plan::Platform::Aca] {
            p.platform = platform;
            let r = report::evaluate(&p);
            let sum = &r.day.summary;
            let link = share::encode(&p);
            let items = r.headline_items();
            let total: f64 = items.iter().map(|(_, usd)| usd).sum();
            assert!((total - r.headline_usd()).abs() < 0.005, "{link}");
            let aks: f64 = sum.breakdown.items().iter().map(|(_, usd)| usd).sum();
            assert!((aks - sum.monthly_usd).abs() < 0.005, "{link}");
            match platform {
                headroom::plan::Platform::Aks => {
                    assert_eq!(r.headline_usd(), sum.monthly_usd, "{link}");
                    assert!(sum.aca_breakdown.is_none());
                }
                headroom::plan::Platform::Aca => {
                    let aca = sum.aca_breakdown.as_ref().expect("aca items");
                    let t: f64 = aca.items().iter().map(|(_, usd)| usd).sum();
                    assert_eq!(Some(r.headline_usd()), sum.aca_monthly_usd, "{link}");
                    assert!((t - r.headline_usd()).abs() < 0.005, "{link}");
                }
            }
            let json: serde_json::Value =
                serde_json::from_str(&report::json::to_json(&r)).expect("json");
            let day = &json["day"];
            for (items, total) in [
                ("breakdown", "monthly_usd"),
                ("aca_breakdown", "aca_monthly_usd"),
            ] {
                let Some(obj) = day[items].as_object() else {
                    continue;
                };
                let sum: f64 = obj.values().filter_map(|v| v.as_f64()).sum();
                let want = day[total].as_f64().expect("total");
                assert!(
                    (sum - want).abs() <= 0.005 * obj.len() as f64 + 1e-9,
                    "{link}: {items} sums to {sum}, {total} is {want}"
                );
            }
        }
    }
}
