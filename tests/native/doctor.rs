//! The doctor: each finding code with a plan where it fires and one where it does not.

use headroom::doctor::Code;
use headroom::share;

fn codes(query: &str) -> Vec<&'static str> {
    let d = share::decode(query);
    assert!(d.problems.is_empty(), "{query}: {:?}", d.problems);
    // What `headroom eval` prints: with the scale-lag search and, with growth, the runway.
    headroom::decide::evaluate_searched(&d.plan)
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

thread_local! {
    /// The codes `fires` has checked in this thread.
    static CHECKED: std::cell::RefCell<Vec<Code>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[track_caller]
fn fires(code: Code, yes: &str, no: &str) {
    CHECKED.with(|c| c.borrow_mut().push(code));
    let code = code.as_str();
    assert!(
        codes(yes).contains(&code),
        "{code} should fire for {yes}: {:?}",
        codes(yes)
    );
    assert!(
        !codes(no).contains(&code),
        "{code} should not fire for {no}: {:?}",
        codes(no)
    );
}

#[test]
fn every_code_fires_and_stays_quiet() {
    fires(
        Code::LittlesLaw,
        "preset=flask-gunicorn",
        "preset=fastapi-levels",
    );
    fires(Code::LittlesLaw, "rps_per_pod=21", "rps_per_pod=20");
    fires(Code::PodMemory, "workers=4", "workers=3");
    fires(
        Code::PodMemory,
        "platform=aca&aca_cpu=0.25&aca_mem=0.5&workers=4",
        "platform=aca&workers=4",
    );
    fires(
        Code::WorkersExceedCpu,
        "workers=4&web_mem_limit=1024",
        "workers=3",
    );
    fires(
        Code::Keepalive502,
        "proxy_keepalive_s=75",
        "proxy_keepalive_s=4",
    );
    fires(
        Code::Keepalive502,
        "proxy_keepalive_s=5",
        "proxy_keepalive_s=0",
    );
    fires(
        Code::ProxyTimeout,
        "proxy_read_timeout_s=20",
        "proxy_read_timeout_s=30",
    );
    fires(
        Code::DbPoolOverLimit,
        "db_max_conn=100",
        "pool_size=0&db_max_conn=100",
    );
    fires(Code::RedisClientsOverLimit, "", "redis_tier=C3");
    fires(
        Code::RedisMemory,
        "task_kb=1024",
        "task_kb=1024&redis_tier=P1",
    );
    fires(Code::RedisTierRetiring, "", "tasks=0&redis_conn_web=0");
    fires(
        Code::RedisEvictionBroker,
        "redis_policy=allkeys-lru",
        "redis_policy=allkeys-lru&tasks=0",
    );
    fires(Code::MaxReplicasCap, "hpa_max=5", "hpa_max=8");
    fires(Code::MaxReplicasCap, "keda_max=150", "keda_max=200");
    fires(
        Code::MaxReplicasCap,
        "platform=aca&aca_max=5",
        "platform=aca&aca_max=10",
    );
    fires(Code::HpaBufferMismatch, "buffer=1.2", "buffer=1.5");
    fires(Code::AutoscalerMaxBelowPacked, "node_max=28", "node_max=29");
    fires(
        Code::PodUnschedulable,
        "task_cpu=4&task_cpu_limit=4",
        "task_cpu=3.5&task_cpu_limit=4",
    );
    fires(Code::SystemPoolSize, "sys_nodes=1", "sys_nodes=2");
    fires(
        Code::SoftTimeLimit,
        "task_soft_limit=298",
        "task_soft_limit=295",
    );
    fires(Code::GracePeriodBelowTask, "grace_s=60", "grace_s=300");
    fires(
        Code::PrefetchHidesQueue,
        "task_length=mixed",
        "task_length=long",
    );
    fires(
        Code::RateLimitSingleAddress,
        "peak_rps=150&clients=1",
        "peak_rps=150&clients=1&rate=150",
    );
    fires(
        Code::AcaCpuMemPair,
        "aca_cpu=0.5&aca_mem=2",
        "aca_cpu=1&aca_mem=2",
    );
    fires(
        Code::ColdStartDeadline,
        "platform=aca&deadline_s=2",
        "platform=aca&deadline_s=3",
    );
    fires(
        Code::ColdStartDeadline,
        "platform=aca&deadline_s=2",
        "platform=aca&deadline_s=2&aca_min=1",
    );
    // 8 slots at peak: 100 req/s × 80 ms = 8 Erlangs is unstable; 79 ms is not.
    fires(Code::UnstableQueue, "latency_ms=80", "latency_ms=79");
    // Issue #12: a figure past what its consumer accepts.
    fires(
        Code::ExceedsPlatformLimit,
        "peak_rps=10000000&rps_per_pod=0.001",
        "peak_rps=10000000&rps_per_pod=100000",
    );
    // Issue #13.
    fires(
        Code::HpaBlindToLoad,
        "cpu_at_capacity=20&min_replicas=1",
        "cpu_at_capacity=120&min_replicas=1",
    );
    fires(Code::KedaCountsQueued, "", "tasks=5&queue_target=5");
    fires(
        Code::DaemonsetsUnset,
        "node_pods=30",
        "node_pods=30&ds_cpu=0.1",
    );
    fires(Code::SystemPoolVm, "", "sys_vm=Standard_D4s_v5");
    fires(Code::WebOnSpot, "spot=1", "spot=0");
    // A pod on a load test's curve: past its knee, and far past what the test measured.
    let curve = "capacity=usl&usl_sigma=0.05&usl_kappa=0.002&usl_lambda=50&usl_max_n=32";
    fires(
        Code::PastTheKnee,
        &format!("{curve}&workers=4&threads=8"),
        &format!("{curve}&workers=4&threads=4"),
    );
    fires(
        Code::UslExtrapolated,
        &format!("{curve}&workers=8&threads=8"),
        &format!("{curve}&workers=6&threads=8"),
    );
    // An imported day whose busiest sample ran well above its busiest 5 minutes.
    fires(Code::BurstHidden, "day_burst=1.48", "day_burst=1.25");
    // Codes found only by the day, resilience or the other rule families.
    fires(Code::AcaColdStarts, "platform=aca&aca_max=5", "v=1");
    fires(
        Code::AcaZoneRedundancyMin,
        "platform=aca&ha=1&aca_min=1",
        "v=1",
    );
    fires(Code::DrainTimeoutShort, "task_time_limit=3600", "v=1");
    fires(Code::HpaMaxReached, "hpa_max=5", "v=1");
    fires(Code::IpsExhausted, "tasks=0&peak_rps=60000", "v=1");
    fires(Code::KedaMaxReached, "keda_max=100", "v=1");
    fires(Code::MinReplicasOneWithPdb, "min_replicas=1", "v=1");
    fires(
        Code::NodeLossCapacity,
        "survive_nodes=1&cpu_at_capacity=20",
        "v=1",
    );
    // The default plan's 8 web pods fit one node: losing it leaves none (an info, with the
    // fix); asked to survive it, the plan is sized for it.
    fires(Code::NodeLossShort, "v=1", "survive_nodes=1");
    fires(Code::PdbBlocksDrain, "min_replicas=1&pdb=0", "v=1");
    fires(Code::PodsPending, "node_max=20", "v=1");
    fires(Code::RolloutNoRoom, "alloc=aks&ds_cpu=1024", "v=1");
    fires(Code::ScaleDownTail, "zones=3&zone_pools=per_zone&sys_nodes=3&day=10,10,10,10,10,10,10,40,100,100,100,100,100,100,100,100,100,70,40,15,15,15,15,15", "v=1");
    fires(Code::ScaleLag, "preset=fastapi-levels", "v=1");
    fires(Code::SingleZoneProd, "ha=1", "v=1");
    fires(Code::SpotWithoutFallback, "spot=1", "v=1");
    fires(
        Code::SurgeQuota,
        "node_max=20&peak_rps=10&min_replicas=2&tasks=0&vcpu_quota=90",
        "v=1",
    );
    fires(Code::SurviveZoneSuggested, "ha=1&zones=3", "v=1");
    fires(
        Code::WorkerPoolIdle,
        "worker_pool=spot&tasks=0&task_min=0",
        "v=1",
    );
    fires(Code::ZoneLossCapacity, "survive_zone=1", "v=1");
    fires(
        Code::ArmImage,
        "node_vm=Standard_D4ps_v5",
        "node_vm=Standard_D4as_v5",
    );
    fires(
        Code::ArmImage,
        "worker_pool=separate&worker_vm=Standard_D2ps_v5",
        "worker_pool=shared&worker_vm=Standard_D2ps_v5",
    );
    // The default plan's pods use ~3.4 vCPU a node all day: above a B4ms's 0.9 base; a plan
    // idling at a tenth of its traffic stays under a B2ms's 0.6.
    fires(
        Code::BurstableBaseline,
        "node_vm=Standard_B4ms",
        "node_vm=Standard_B2ms&peak_rps=2&tasks=0&min_replicas=1",
    );
    fires(
        Code::CheaperVm,
        "v=1",
        "vm_allow=Standard_D4s_v5,Standard_E4s_v5",
    );
    fires(
        Code::RunwayShort,
        "growth_pct_month=5&node_max=32",
        "growth_pct_month=5&node_max=32&lead_time_months=2",
    );
    // Every code of the one list, none left out: a finding whose code is never checked could be
    // switched off by a typo in its condition and nothing would notice.
    let checked = CHECKED.with(|c| c.borrow().clone());
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !checked.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "codes never checked: {missing:?}");
}

#[test]
fn findings_are_ordered_and_complete() {
    let d = share::decode("workers=4&clients=1&sys_nodes=1");
    let s = headroom::report::evaluate(&d.plan);
    let severities: Vec<_> = s.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted, "errors first");
    for f in &s.findings {
        assert!(!f.message.is_empty() && !f.fix.is_empty(), "{}", f.code);
        assert!(
            f.message.chars().any(|c| c.is_ascii_digit()),
            "{}: a message carries its numbers",
            f.code
        );
    }
}

#[test]
fn findings_do_not_stop_eval() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["eval", "--preset", "flask-gunicorn"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "littles-law"));
}

#[test]
fn errors_counts_only_errors() {
    use headroom::doctor::{errors, Severity};
    let s = headroom::report::evaluate(&share::decode("workers=4&clients=1&sys_nodes=1").plan);
    let by_hand = s
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert!(
        by_hand > 0 && by_hand < s.findings.len(),
        "{:?}",
        s.findings
    );
    assert_eq!(errors(&s.findings), by_hand);
    assert_eq!(errors(&[]), 0);
}

/// Findings carry the parameters they name as data (`params`, link names), and where the fix
/// is one change, the values that make it (`apply`): applying them to the plan is one valid
/// edit that removes the finding. Every preset, the default plan and plans built to trip the
/// findings that have an Apply.
#[test]
fn findings_name_their_parameters_and_apply_their_fix() {
    use headroom::plan::{param, PARAMS};
    use headroom::report;
    use headroom::share::presets;
    for code in Code::ALL {
        for p in code.params() {
            assert!(
                PARAMS.iter().any(|x| x.name == *p),
                "{}: {p}",
                code.as_str()
            );
        }
        assert!(!code.title().is_empty());
    }
    let mut plans: Vec<(String, headroom::plan::Plan)> = presets::PRESETS
        .iter()
        .filter_map(|p| Some((p.name.to_string(), presets::plan(p.name)?)))
        .collect();
    for q in [
        "",
        "hpa_max=3",
        "platform=aca&aca_max=2&peak_rps=300",
        "keda_max=10",
        "proxy_read_timeout_s=10&worker_timeout=30",
        "zones=3&ha=1",
        "min_replicas=1&zones=2&survive_zone=1",
        "platform=aca&ha=1&aca_min=1",
        "task_time_limit=3600&drain_timeout_min=5",
    ] {
        let d = share::decode(q);
        assert!(d.problems.is_empty(), "{q}: {:?}", d.problems);
        plans.push((q.to_string(), d.plan));
    }
    let mut applied = std::collections::BTreeSet::new();
    for (name, plan) in plans {
        let r = report::evaluate(&plan);
        for f in &r.findings {
            assert!(
                !f.params.is_empty() || f.code.params().is_empty(),
                "{name}: {}",
                f.code
            );
            for p in &f.params {
                assert!(param(p).is_some(), "{name}: {} names {p}", f.code);
            }
            if f.apply.is_empty() {
                continue;
            }
            let mut next = plan.clone();
            for (p, v) in &f.apply {
                next = next
                    .with_text(param(p).expect("param"), v)
                    .unwrap_or_else(|e| panic!("{name}: {} {p}={v}: {e}", f.code));
            }
            let after = report::evaluate(&next);
            assert!(
                after
                    .findings
                    .iter()
                    .all(|g| g.code != f.code || g.message != f.message),
                "{name}: {} stays after {:?}",
                f.code,
                f.apply
            );
            applied.insert(f.code.as_str());
        }
        let json: serde_json::Value =
            serde_json::from_str(&report::json::to_json(&r)).expect("json");
        for f in json["findings"].as_array().expect("findings") {
            assert!(f["params"].is_array(), "{name}: {f}");
        }
    }
    for code in [
        "max-replicas-cap",
        "redis-clients-over-limit",
        "prefetch-hides-queue",
        "system-pool-vm",
        "proxy-timeout",
        "redis-eviction-broker",
        "survive-zone-suggested",
        "aca-cold-starts",
        "littles-law",
    ] {
        assert!(applied.contains(code), "no {code} applied: {applied:?}");
    }
}

/// docs/FINDINGS.md says what each finding means, made from the codes' documentation
/// (`Code::meaning`), their titles and the settings they are about; this test holds the file to
/// it (`HEADROOM_BLESS=1 cargo test --test native findings_doc` writes it).
#[test]
fn findings_doc_is_made_from_the_codes() {
    use headroom::plan::param;
    let mut text = String::from(
        "# Findings\n\nWhat each finding of `headroom eval` and the page means, by code. Made from the codes' own\ndocumentation (`src/doctor/codes.rs`) by `HEADROOM_BLESS=1 cargo test --test native findings_doc`;\na native test holds this file to it. Codes are contracts: new ones are added, none is renamed.\nA finding's `params` are those of its code's settings its text names; `apply`, where the fix is\none change, the values that make it.\n",
    );
    for code in Code::ALL {
        text.push_str(&format!(
            "\n## `{}`: {}\n\n{}\n",
            code.as_str(),
            code.title(),
            code.meaning()
        ));
        if !code.params().is_empty() {
            let settings: Vec<String> = code
                .params()
                .iter()
                .map(|p| format!("{} (`{p}`)", param(p).map_or(*p, |x| x.label)))
                .collect();
            text.push_str(&format!("\nSettings: {}.\n", settings.join(", ")));
        }
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FINDINGS.md");
    if std::env::var_os("HEADROOM_BLESS").is_some() {
        std::fs::write(&path, &text).expect("write docs/FINDINGS.md");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "docs/FINDINGS.md is out of date: HEADROOM_BLESS=1 cargo test --test native findings_doc"
    );
    for code in Code::ALL {
        assert!(code.meaning().ends_with('.'), "{}", code.as_str());
    }
}
