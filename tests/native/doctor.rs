//! The doctor: each finding code with a plan where it fires and one where it does not.

use headroom::share;

fn codes(query: &str) -> Vec<&'static str> {
    let d = share::decode(query);
    assert!(d.problems.is_empty(), "{query}: {:?}", d.problems);
    headroom::report::evaluate(&d.plan)
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

#[track_caller]
fn fires(code: &str, yes: &str, no: &str) {
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
        "littles-law",
        "preset=flask-gunicorn",
        "preset=fastapi-levels",
    );
    fires("littles-law", "rps_per_pod=21", "rps_per_pod=20");
    fires("pod-memory", "workers=4", "workers=3");
    fires(
        "pod-memory",
        "platform=aca&aca_cpu=0.25&aca_mem=0.5&workers=4",
        "platform=aca&workers=4",
    );
    fires(
        "workers-exceed-cpu",
        "workers=4&web_mem_limit=1024",
        "workers=3",
    );
    fires(
        "keepalive-502",
        "proxy_keepalive_s=75",
        "proxy_keepalive_s=4",
    );
    fires(
        "keepalive-502",
        "proxy_keepalive_s=5",
        "proxy_keepalive_s=0",
    );
    fires(
        "proxy-timeout",
        "proxy_read_timeout_s=20",
        "proxy_read_timeout_s=30",
    );
    fires(
        "db-pool-over-limit",
        "db_max_conn=100",
        "pool_size=0&db_max_conn=100",
    );
    fires("redis-clients-over-limit", "", "redis_tier=C3");
    fires("redis-memory", "task_kb=1024", "task_kb=1024&redis_tier=P1");
    fires("redis-tier-retiring", "", "tasks=0&redis_conn_web=0");
    fires(
        "redis-eviction-broker",
        "redis_policy=allkeys-lru",
        "redis_policy=allkeys-lru&tasks=0",
    );
    fires("max-replicas-cap", "hpa_max=5", "hpa_max=8");
    fires("max-replicas-cap", "keda_max=150", "keda_max=200");
    fires(
        "max-replicas-cap",
        "platform=aca&aca_max=5",
        "platform=aca&aca_max=10",
    );
    fires("hpa-buffer-mismatch", "buffer=1.2", "buffer=1.5");
    fires("autoscaler-max-below-packed", "node_max=28", "node_max=29");
    fires(
        "pod-unschedulable",
        "task_cpu=4&task_cpu_limit=4",
        "task_cpu=3.5&task_cpu_limit=4",
    );
    fires("system-pool-size", "sys_nodes=1", "sys_nodes=2");
    fires(
        "soft-time-limit",
        "task_soft_limit=298",
        "task_soft_limit=295",
    );
    fires("grace-period-below-task", "grace_s=60", "grace_s=300");
    fires(
        "prefetch-hides-queue",
        "task_length=mixed",
        "task_length=long",
    );
    fires(
        "rate-limit-single-address",
        "peak_rps=150&clients=1",
        "peak_rps=150&clients=1&rate=150",
    );
    fires(
        "aca-cpu-mem-pair",
        "aca_cpu=0.5&aca_mem=2",
        "aca_cpu=1&aca_mem=2",
    );
    fires(
        "cold-start-deadline",
        "platform=aca&deadline_s=2",
        "platform=aca&deadline_s=3",
    );
    fires(
        "cold-start-deadline",
        "platform=aca&deadline_s=2",
        "platform=aca&deadline_s=2&aca_min=1",
    );
    // 8 slots at peak: 100 req/s × 80 ms = 8 Erlangs is unstable; 79 ms is not.
    fires("unstable-queue", "latency_ms=80", "latency_ms=79");
    // Issue #12: a figure past what its consumer accepts.
    fires(
        "exceeds-platform-limit",
        "peak_rps=10000000&rps_per_pod=0.001",
        "peak_rps=10000000&rps_per_pod=100000",
    );
    // Issue #13.
    fires(
        "hpa-blind-to-load",
        "cpu_at_capacity=20&min_replicas=1",
        "cpu_at_capacity=120&min_replicas=1",
    );
    fires("keda-counts-queued", "", "tasks=5&queue_target=5");
    fires(
        "daemonsets-unset",
        "node_pods=30",
        "node_pods=30&ds_cpu=0.1",
    );
    fires("system-pool-vm", "", "sys_vm=Standard_D4s_v5");
    fires("web-on-spot", "spot=1", "spot=0");
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
