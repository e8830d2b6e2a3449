//! Capacity that survives (issue 16): the numbers worked by hand, the findings, and the worked
//! presets unchanged while the new inputs stay off.

use headroom::engine::{self, Sink};
use headroom::plan::Plan;
use headroom::report;
use headroom::resilience::assess;
use headroom::share::{self, presets};

fn plan(query: &str) -> Plan {
    let d = share::decode(query);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    d.plan
}

fn codes(p: &Plan) -> Vec<&'static str> {
    report::evaluate(p)
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

/// The default plan's web tier settles on 8 replicas at peak (R_need). With a zone lost the
/// other zones hold R − ⌈R/Z⌉: over 3 zones R = 12 (12 − 4 = 8; 11 − 4 = 7), over 2 zones R = 16
/// (16 − 8 = 8; 15 − 8 = 7). The HPA holds 12 at peak with a CPU target of 70 % × 8/12 = 46.7 %.
#[test]
fn replicas_survive_a_lost_zone() {
    let need = engine::size(&Plan::default()).web.replicas_hpa_settles;
    assert_eq!(need, 8);
    let three = plan("zones=3&survive_zone=1&sys_nodes=3");
    let r = assess(&three, &engine::size(&three), &mut Sink::Silent);
    assert_eq!(r.web_replicas, 12);
    assert!((r.effective_cpu_target_pct - 70.0 * 8.0 / 12.0).abs() < 1e-9);
    let lost = r
        .states
        .iter()
        .find(|s| s.state.as_str() == "zone lost")
        .expect("zone lost");
    assert_eq!(lost.web_ready, 8);
    assert!(lost.capacity_rps >= lost.peak_rps);
    let two = plan("zones=2&survive_zone=1");
    assert_eq!(
        assess(&two, &engine::size(&two), &mut Sink::Silent).web_replicas,
        16
    );
    // One zone cannot survive its own loss; a system pool smaller than the zones cannot either.
    assert!(codes(&plan("survive_zone=1")).contains(&"zone-loss-capacity"));
    assert!(codes(&plan("zones=3&survive_zone=1&sys_nodes=2")).contains(&"zone-loss-capacity"));
    assert!(!codes(&three).contains(&"zone-loss-capacity"));
    // The export holds them: maxReplicas 12 at a 47 % target.
    let k8s = headroom::export::kubernetes::render(&three, &engine::size(&three));
    assert!(k8s.contains("maxReplicas: 12\n"), "{k8s}");
    assert!(k8s.contains("averageUtilization: 47\n"));
    assert!(k8s.contains("topology.kubernetes.io/zone"));
}

/// A lost node, worst case: it held as many web pods as fit (15 of 0.25 cores on 3.8): the
/// smallest R with R − min(R, 15) ≥ 8 is 23.
#[test]
fn replicas_survive_lost_nodes() {
    let p = plan("survive_nodes=1");
    let r = assess(&p, &engine::size(&p), &mut Sink::Silent);
    assert_eq!(r.web_replicas, 23);
    let lost = r
        .states
        .iter()
        .find(|s| s.state.as_str() == "nodes lost")
        .expect("nodes lost");
    assert_eq!(lost.web_ready, 8);
}

/// A 20-node pool at AKS's 10 % surge takes 2 more nodes (ceil(0.1 × 20)); the quota counts the
/// pool's maximum and surge plus the system pool's: (20 + 2) × 4 vCPU (D4s_v5) + (2 + 1) × 2 vCPU
/// (DS2_v2) = 94, so a quota of 90 is 4 short.
#[test]
fn the_upgrade_surge_and_the_quota() {
    let p = plan("node_max=20&peak_rps=10&min_replicas=2&tasks=0&vcpu_quota=90");
    let s = engine::size(&p);
    assert_eq!(s.cluster.max_count, 20);
    let r = assess(&p, &s, &mut Sink::Silent);
    assert_eq!(r.surge_nodes, 2);
    assert_eq!(r.vcpu_needed, 94);
    let f = report::evaluate(&p)
        .findings
        .into_iter()
        .find(|f| f.code.as_str() == "surge-quota")
        .expect("surge-quota");
    assert!(
        f.message
            .contains("need 94 vCPU, 4 more than the quota of 90"),
        "{}",
        f.message
    );
    assert!(!codes(&plan(
        "node_max=20&peak_rps=10&min_replicas=2&tasks=0&vcpu_quota=94"
    ))
    .contains(&"surge-quota"));
    // Azure CNI: (22 + 2 + 1) nodes × (110 pods + 1) addresses = 2,775, past a /24's 251.
    let cni = plan("node_max=20&peak_rps=10&min_replicas=2&tasks=0&network=azure-cni");
    let r = assess(&cni, &engine::size(&cni), &mut Sink::Silent);
    assert_eq!((r.ips_needed, r.ips_usable), (25 * 111, 251));
    assert!(codes(&cni).contains(&"ips-exhausted"));
}

/// A budget of 0 blocks every drain; `auto` never does (at least 1), and keeps the off-peak need.
#[test]
fn disruption_budgets() {
    let blocked = codes(&plan("min_replicas=1&pdb=0"));
    assert!(blocked.contains(&"pdb-blocks-drain"), "{blocked:?}");
    assert!(blocked.contains(&"min-replicas-one-with-pdb"));
    for q in [
        "min_replicas=1&pdb=auto",
        "pdb=auto",
        "min_replicas=10&pdb=auto&offpeak_rps=50",
    ] {
        let p = plan(q);
        let r = assess(&p, &engine::size(&p), &mut Sink::Silent);
        assert!(r.pdb_max_unavailable >= 1, "{q}");
        assert!(!codes(&p).contains(&"pdb-blocks-drain"), "{q}");
    }
    // 10 minimum replicas, 50 req/s off-peak: the HPA settles on ceil(50 × 0.05 / 0.7) = 4, so
    // auto lets 10 − 4 = 6 go at once.
    let p = plan("min_replicas=10&pdb=auto&offpeak_rps=50");
    assert_eq!(
        assess(&p, &engine::size(&p), &mut Sink::Silent).pdb_max_unavailable,
        6
    );
    let k8s = headroom::export::kubernetes::render(&p, &engine::size(&p));
    assert!(k8s.contains("maxUnavailable: 6\n"), "{k8s}");
    assert!(k8s.contains("unhealthyPodEvictionPolicy: \"AlwaysAllow\""));
}

/// Every new input defaults to off: the presets keep every figure, finding and file.
#[test]
fn the_presets_keep_their_figures() {
    for preset in presets::PRESETS {
        let p = presets::plan(preset.name).expect("preset");
        let report = report::evaluate(&p);
        let s = &report.sizing;
        let r = &report.resilience;
        assert_eq!(
            r.web_replicas, s.web.replicas_hpa_settles,
            "{}",
            preset.name
        );
        assert_eq!(r.task_replicas, s.tasks.keda_steady, "{}", preset.name);
        assert_eq!(
            Some(r.nodes_total),
            s.cluster.nodes_packed,
            "{}",
            preset.name
        );
        assert_eq!(r.monthly_usd, 0.0);
        for code in [
            "zone-loss-capacity",
            "node-loss-capacity",
            "single-zone-prod",
            "surge-quota",
            "pdb-blocks-drain",
            "min-replicas-one-with-pdb",
            "rollout-no-room",
            "ips-exhausted",
            "aca-zone-redundancy-min",
            "drain-timeout-short",
        ] {
            assert!(
                report.findings.iter().all(|f| f.code.as_str() != code),
                "{}: {code}",
                preset.name
            );
        }
    }
}

/// With a pool in each zone the autoscaler keeps them balanced: the day's nodes come in whole
/// rounds of one per zone (up to the autoscaler's maximum).
#[test]
fn the_day_adds_nodes_a_round_at_a_time() {
    let p = plan("zones=3&zone_pools=per_zone&sys_nodes=3&day=10,10,10,10,10,10,10,40,100,100,100,100,100,100,100,100,100,70,40,15,15,15,15,15");
    let s = engine::size(&p);
    let d = headroom::sim::simulate(&p, &s);
    let max = s.cluster.autoscaler_max.unwrap_or(s.cluster.max_count);
    assert!(d.summary.nodes_max > d.summary.nodes_min, "the day scales");
    for r in &d.rows {
        assert!(r.nodes % 3 == 0 || r.nodes == max, "{r:?}");
    }
}

/// With a pool of their own, the workers that survive a lost zone are packed on it: the
/// worker pool's exported maxima reach those nodes, its vCPUs count in the quota, and the user
/// pool holds the web pods alone.
#[test]
fn the_workers_own_pool_survives_a_zone_too() {
    // Two zones: 286 workers hold the queue with one lost; 143 a zone at 15 D8s_v5 workers a
    // node is 10 nodes a zone, 20 in all, past worker_nodes_max = 14 (the 14 packed nodes).
    let q = "zones=2&zone_pools=per_zone&survive_zone=1&task_min=2&worker_pool=spot&worker_vm=Standard_D8s_v5&worker_nodes_max=14";
    let p = plan(q);
    let s = engine::size(&p);
    let r = assess(&p, &s, &mut Sink::Silent);
    assert_eq!(r.task_replicas, 286);
    assert_eq!(s.cluster.workers.as_ref().unwrap().task_pods_per_node, 15);
    assert_eq!(r.worker_nodes_total, Some(20));
    assert_eq!(exported_max_counts(&p, "workers"), vec![10, 10]);
    // The quota counts the worker pool's 8-vCPU nodes (and their surge) beside the others.
    assert!(r.vcpu_needed >= 20 * 8, "{}", r.vcpu_needed);
}

/// A role's pools' `--max-count`s in `aks-nodepools.sh` (`user`, or `user1`… per zone).
fn exported_max_counts(p: &Plan, role: &str) -> Vec<u64> {
    headroom::export::aks::render(p, &engine::size(p))
        .replace("\\\n", " ")
        .lines()
        .filter(|l| l.contains(&format!("--name {role}")))
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            let i = w
                .iter()
                .position(|x| *x == "--max-count")
                .expect("a --max-count");
            w[i + 1].parse::<u64>().expect("a count")
        })
        .collect()
}

/// A plan that asks to survive failures is that plan: its top-level maxima are the surviving
/// ones the exports deploy, `cluster.max_count` is the exported `--max-count` (split evenly
/// over per-zone pools), and the day runs with them. Every preset, with and without the
/// failures, and per-zone pools.
#[test]
fn surviving_plans_are_the_plan() {
    let asks = [
        "",
        "zones=3&survive_zone=1",
        "zones=3&survive_zone=1&survive_nodes=1",
        "zones=2&zone_pools=per_zone&survive_zone=1",
        "survive_nodes=2",
    ];
    let mut raised = 0;
    for preset in presets::PRESETS {
        for ask in asks {
            let mut p = presets::plan(preset.name).expect("preset");
            let d = share::decode_onto(p, ask);
            assert!(d.problems.is_empty(), "{ask}: {:?}", d.problems);
            p = d.plan;
            let r = report::evaluate(&p);
            let (s, res) = (&r.sizing, &r.resilience);
            let sized = engine::size(&p);
            let name = format!("{} {ask}", preset.name);
            assert!(s.web.replicas_max >= res.web_replicas, "{name}");
            assert!(s.web.hpa_max >= res.web_replicas, "{name}");
            assert!(s.cluster.nodes_peak >= res.nodes_total, "{name}");
            assert!(s.cluster.max_count >= res.nodes_total, "{name}");
            if s.tasks.enabled {
                assert!(s.tasks.keda_max >= res.task_replicas, "{name}");
            }
            // The minimum never moves.
            assert_eq!(s.web.replicas_min, sized.web.replicas_min, "{name}");
            let pools = exported_max_counts(&p, "user");
            let n = pools.len() as u64;
            assert!(
                pools.iter().all(|m| *m == s.cluster.max_count.div_ceil(n)),
                "{name}: {pools:?} for {}",
                s.cluster.max_count
            );
            if s.web.replicas_max > sized.web.replicas_max {
                raised += 1;
                assert!(
                    r.explain["web.replicas_max"].contains("raised from"),
                    "{name}"
                );
                // The day runs the deployed HPA: its lower CPU target holds more pods at peak
                // than the sized plan's day, where the CPU (not the minimum) decides.
                let before = headroom::sim::simulate(&p, &sized).summary.web_replicas_max;
                let after = r.day.summary.web_replicas_max;
                assert!(after <= s.web.hpa_max, "{name}");
                if sized.web.replicas_hpa_settles > sized.web.replicas_min {
                    assert!(after > before, "{name}: {after} ≤ {before}");
                }
            }
        }
    }
    assert!(
        raised > 5,
        "the failures raise the maxima on most presets: {raised}"
    );
}
