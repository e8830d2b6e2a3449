//! The doctor: cross-layer findings about a plan (DESIGN.md "The doctor").
//!
//! `lint(&Plan, &Sizing)` runs every rule family and returns the findings, errors first.
//! A finding is not an input error: the plan is valid and sized; the finding says where its
//! settings contradict each other or the infrastructure. Finding codes are frozen once released.

pub mod day;
pub mod resilience;

use crate::engine::catalog::REDIS_RETIREMENT;
use crate::engine::math::Num;
use crate::engine::stores::REDIS_MEMORY_SHARE;
use crate::engine::Sizing;
use crate::plan::{Plan, Platform, RedisPolicy, WorkerPool};
use serde::Serialize;

/// AKS's minimum for a system node pool's VM: 4 vCPUs and 4 GB of memory
/// (https://learn.microsoft.com/azure/aks/use-system-pools, "System node pools require a VM SKU
/// of at least 4 vCPUs and 4 GB memory"; older revisions said 2 vCPUs).
pub const SYSTEM_POOL_MIN_VCPU: u32 = 4;
/// See [`SYSTEM_POOL_MIN_VCPU`].
pub const SYSTEM_POOL_MIN_GIB: f64 = 4.0;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The plan cannot work as written.
    Error,
    /// The plan works but something will hurt.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The lowercase name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `pod-unschedulable`.
    pub code: &'static str,
    /// Error, warning or info.
    pub severity: Severity,
    /// What is wrong, with the numbers involved.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

fn finding(code: &'static str, severity: Severity, message: String, fix: String) -> Finding {
    Finding {
        code,
        severity,
        message,
        fix,
    }
}

/// How many of `findings` are errors: the plan cannot work as written.
pub fn errors(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

/// Every finding for a sized plan, errors first, then by code: deterministic.
pub fn lint(plan: &Plan, s: &Sizing) -> Vec<Finding> {
    let mut out = Vec::new();
    web(plan, s, &mut out);
    scaling(plan, s, &mut out);
    cluster(plan, s, &mut out);
    tasks(plan, s, &mut out);
    edge(plan, s, &mut out);
    stores(plan, s, &mut out);
    aca(plan, s, &mut out);
    limits(plan, s, &mut out);
    sort(&mut out);
    out
}

/// Errors first, then warnings, then notes; by code within each.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.code.cmp(b.code)));
}

/// The web pod: throughput claims, memory, processes, queueing.
fn web(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    let slots = s.web.slots_per_pod;
    let slot_bound = crate::engine::web::slot_bound_rps(plan);
    if s.web.capacity_rps_per_pod > slot_bound * (1.0 + 1e-9) {
        out.push(finding(
            "littles-law",
            Severity::Error,
            format!(
                "{} slots at {} ms serve at most {} req/s per pod (Little's law), not the {} req/s claimed",
                slots,
                Num(plan.latency_ms),
                Num(slot_bound),
                Num(s.web.capacity_rps_per_pod)
            ),
            format!(
                "measure the capacity again, or raise workers × threads to at least {}, or lower latency_ms",
                crate::engine::math::ceil(s.web.capacity_rps_per_pod * plan.latency_ms / 1000.0)
            ),
        ));
    }
    let (limit_mib, cpu_limit, what) = match plan.platform {
        Platform::Aks => (
            plan.web_mem_limit_mib,
            plan.web_cpu_limit_cores,
            "the pod's limit",
        ),
        Platform::Aca => (
            plan.aca_mem_gib * 1024.0,
            plan.aca_cpu_cores,
            "the replica's memory",
        ),
    };
    if s.web.memory_per_pod_mib > limit_mib {
        out.push(finding(
            "pod-memory",
            Severity::Error,
            format!(
                "{} workers × {} MiB = {} MiB is above {} of {} MiB: the pod is OOM-killed",
                plan.workers,
                Num(plan.worker_mem_mib),
                Num(s.web.memory_per_pod_mib),
                what,
                Num(limit_mib)
            ),
            "lower workers (use threads), or raise the memory limit".to_string(),
        ));
    }
    let max_workers = 2 * cpu_limit.ceil() as u64 + 1;
    if u64::from(plan.workers) > max_workers {
        out.push(finding(
            "workers-exceed-cpu",
            Severity::Warning,
            format!(
                "{} worker processes on {} cores: gunicorn's (2 × cores) + 1 guidance, applied to the pod, allows {}",
                plan.workers,
                Num(cpu_limit),
                max_workers
            ),
            format!("use {} workers or fewer (more threads instead), or raise the CPU limit", max_workers),
        ));
    }
    if !s.latency.stable {
        out.push(finding(
            "unstable-queue",
            Severity::Error,
            format!(
                "{} req/s × {} ms = {} requests in flight on {} slots: the queue grows without bound",
                Num(plan.peak_rps),
                Num(plan.latency_ms),
                Num(s.latency.load_erlangs),
                s.latency.servers
            ),
            format!("a stable queue needs at least {} slots at peak (replicas × workers × threads)", s.latency.servers_for_stability),
        ));
    }
}

/// Autoscaler maxima against what peak needs; autoscalers that read something else than load.
fn scaling(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if plan.platform == Platform::Aks && s.web.replicas_hpa_settles < s.web.replicas_hpa_steady {
        out.push(finding(
            "hpa-blind-to-load",
            Severity::Error,
            format!(
                "the HPA sees CPU, not requests: at its capacity of {} req/s a pod uses only {} % of its CPU request, below the {} % target, so the HPA settles at {} replica{} instead of the {} the load needs, and requests queue",
                Num(s.web.capacity_rps_per_pod),
                Num(s.web.capacity_rps_per_pod * s.web.cpu_share_per_rps * 100.0),
                Num(plan.hpa_cpu_pct),
                s.web.replicas_hpa_settles,
                if s.web.replicas_hpa_settles == 1 { "" } else { "s" },
                s.web.replicas_hpa_steady
            ),
            format!(
                "lower the pod's CPU request so that capacity uses it, scale on concurrency or request rate instead (a KEDA prometheus or HTTP trigger), or set min_replicas to {}",
                s.web.replicas_hpa_steady
            ),
        ));
    }
    if plan.hpa_max.is_set() && s.web.hpa_max < s.web.replicas_max {
        out.push(finding(
            "max-replicas-cap",
            Severity::Warning,
            format!(
                "HPA max {} is below the {} web replicas peak needs ({} req/s at {} req/s per pod × buffer {})",
                s.web.hpa_max,
                s.web.replicas_max,
                Num(plan.peak_rps),
                Num(s.web.capacity_rps_per_pod),
                Num(plan.buffer)
            ),
            format!("raise hpa_max to at least {} or set it to 0 (automatic)", s.web.replicas_max),
        ));
    }
    if s.web.replicas_hpa_steady > s.web.hpa_max {
        out.push(finding(
            "hpa-buffer-mismatch",
            Severity::Warning,
            format!(
                "at a {} % CPU target the HPA settles on {} replicas at peak, above its maximum of {}",
                Num(plan.hpa_cpu_pct),
                s.web.replicas_hpa_steady,
                s.web.hpa_max
            ),
            format!(
                "raise the buffer to at least {} or the HPA target towards {} %",
                Num(100.0 / plan.hpa_cpu_pct),
                Num((100.0 / plan.buffer).ceil())
            ),
        ));
    }
    if plan.platform == Platform::Aca && s.aca.replicas_needed > u64::from(plan.aca_max) {
        out.push(finding(
            "max-replicas-cap",
            Severity::Warning,
            format!(
                "the HTTP rule wants {} replicas at {} req/s ({} per replica), above max replicas {}",
                s.aca.replicas_needed,
                Num(plan.peak_rps),
                plan.aca_concurrency,
                plan.aca_max
            ),
            format!("raise aca_max to {} or aca_concurrency to {}", s.aca.replicas_needed, crate::engine::math::ceil(plan.peak_rps / f64::from(plan.aca_max))),
        ));
    }
    if plan.keda_max.is_set() && s.tasks.keda_max < s.tasks.replicas_max {
        out.push(finding(
            "max-replicas-cap",
            Severity::Warning,
            format!(
                "KEDA max {} is below the {} worker replicas the peak backlog needs ({} tasks / list length {})",
                s.tasks.keda_max, s.tasks.replicas_max, s.tasks.peak, plan.queue_target
            ),
            format!(
                "raise keda_max to at least {} or accept a drain time of {} s",
                s.tasks.replicas_max,
                Num(s.tasks.peak as f64 * plan.task_s / (s.tasks.keda_max as f64 * f64::from(plan.task_concurrency)))
            ),
        ));
    }
}

/// Node pools: pods that fit no node, autoscaler maximum below the packed count, system pool size.
fn cluster(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    let c = &s.cluster;
    if plan.platform == Platform::Aks && plan.sys_nodes < 2 {
        out.push(finding(
            "system-pool-size",
            Severity::Warning,
            format!(
                "{} system node: CoreDNS, metrics-server and KEDA stop when it does",
                plan.sys_nodes
            ),
            "use at least 2 system nodes for production; AKS recommends 3".to_string(),
        ));
    }
    let aks = plan.platform == Platform::Aks;
    if aks
        && plan.ds_cpu_cores == 0.0
        && plan.ds_mem_mib == 0.0
        && plan.ds_pods == 0
        && plan.node_pods <= 30
    {
        out.push(finding(
            "daemonsets-unset",
            Severity::Warning,
            format!(
                "{} pods per node (Azure CNI's default is 30) with no DaemonSet CPU, memory or pods: every node runs a few (kube-proxy, the CNI, CSI drivers, log agents), and at this pod limit they decide the node count",
                plan.node_pods
            ),
            "set ds_pods, ds_cpu and ds_mem to what your nodes run (kubectl get pods -A -o wide on one node)".to_string(),
        ));
    }
    let sys = crate::engine::catalog::vm(plan.sys_vm);
    if aks && (sys.vcpu < SYSTEM_POOL_MIN_VCPU || sys.mem_gib < SYSTEM_POOL_MIN_GIB) {
        let book = crate::engine::prices::book();
        let region = plan.region.as_str();
        let hourly = |v: &crate::engine::catalog::Vm| {
            book.find(region, "vm", v.size.as_str()).map(|p| p.usd)
        };
        let cheapest = crate::engine::catalog::VMS
            .iter()
            .filter(|v| v.vcpu >= SYSTEM_POOL_MIN_VCPU && v.mem_gib >= SYSTEM_POOL_MIN_GIB)
            .filter_map(|v| hourly(v).map(|usd| (v, usd)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let fix = match cheapest {
            Some((v, usd)) => format!(
                "use {} for the system pool: {} × (${}/h − ${}/h) × 730 h = {} a month more (price book, {})",
                v.size.as_str(),
                plan.sys_nodes,
                Num(usd),
                Num(s.cost.sys_usd_per_hour),
                crate::engine::math::money(f64::from(plan.sys_nodes) * (usd - s.cost.sys_usd_per_hour) * crate::engine::catalog::HOURS_PER_MONTH),
                region
            ),
            None => "use a VM with at least 4 vCPUs and 4 GB for the system pool".to_string(),
        };
        out.push(finding(
            "system-pool-vm",
            Severity::Warning,
            format!(
                "the system pool's {} has {} vCPUs and {} GiB: AKS requires at least {} vCPUs and {} GB for a system node pool",
                plan.sys_vm.as_str(),
                sys.vcpu,
                Num(sys.mem_gib),
                SYSTEM_POOL_MIN_VCPU,
                Num(SYSTEM_POOL_MIN_GIB)
            ),
            fix,
        ));
    }
    if aks && plan.spot {
        out.push(finding(
            "web-on-spot",
            Severity::Warning,
            "the user pool runs on Spot VMs, web pods included: Spot has no SLA and evicts with 30 s notice, so the web tier can lose every pod at once".to_string(),
            "keep the web tier on a regular pool (spot=0) and run only the retryable workers on Spot: worker_pool=spot gives them a Spot pool of their own".to_string(),
        ));
    }
    // Workers on a Spot pool of their own fall back to a regular user pool; beside Spot web
    // pods (or on the Spot user pool itself) they have none.
    if aks && plan.spot && plan.worker_pool != WorkerPool::Separate && s.tasks.enabled {
        out.push(finding(
            "spot-without-fallback",
            Severity::Warning,
            "the background workers run only on Spot VMs, with no regular pool to fall back to: when Spot capacity is evicted or runs out in the region, the queue has no worker until it returns".to_string(),
            "give the workers a regular pool to fall back to: worker_pool=spot with spot=0 (a Spot worker pool beside a regular user pool), or worker_pool=separate".to_string(),
        ));
    }
    // Each user pool: the user pool, and the workers' own when they have one.
    let mut pools = vec![(c, plan.node_max, "node_vm", "node_max", "")];
    if let Some(w) = &c.workers {
        if !s.tasks.enabled {
            out.push(finding(
                "worker-pool-idle",
                Severity::Info,
                "the workers' own pool (worker_pool) has no background work to run: it stays at its minimum".to_string(),
                "set worker_pool = shared, or describe the background work (tasks or task_rate)"
                    .to_string(),
            ));
        }
        pools.push((
            w,
            plan.worker_nodes_max,
            "worker_vm",
            "worker_nodes_max",
            "worker pool: ",
        ));
    }
    for (c, max, vm, max_name, whose) in pools {
        if let Some(why) = &c.unschedulable {
            out.push(finding(
                "pod-unschedulable",
                Severity::Error,
                format!("{}{}: the pod stays Pending", whose, why),
                format!(
                    "choose a larger {}, lower the pod's requests, or reduce DaemonSet overhead",
                    vm
                ),
            ));
        }
        if let (Some(packed), Some(node_max)) = (c.nodes_packed, max.get()) {
            if u64::from(node_max) < packed {
                out.push(finding(
                    "autoscaler-max-below-packed",
                    Severity::Error,
                    format!(
                        "{}autoscaler max {} nodes is below the {} nodes the pods need at peak ({} by CPU alone): some pods stay Pending",
                        whose,
                        node_max,
                        packed,
                        c.nodes_aggregate
                    ),
                    format!(
                        "raise {} to at least {} (recommended {})",
                        max_name,
                        packed,
                        c.autoscaler_max_recommended.unwrap_or(packed)
                    ),
                ));
            }
        }
    }
}

/// Background workers: time limits, grace period, prefetch against KEDA.
fn tasks(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if !s.tasks.enabled {
        return;
    }
    let c = &s.celery;
    if c.time_limit.saturating_sub(c.soft_time_limit) < 5 {
        out.push(finding(
            "soft-time-limit",
            Severity::Warning,
            format!(
                "the soft time limit {} s leaves {} s before the hard limit {} s kills the task: too little to clean up",
                c.soft_time_limit,
                c.time_limit.saturating_sub(c.soft_time_limit),
                c.time_limit
            ),
            format!("set task_soft_limit to 0 (automatic: {} s)", crate::engine::tasks::auto_soft_limit(c.time_limit)),
        ));
    }
    if c.grace_s < c.time_limit {
        out.push(finding(
            "grace-period-below-task",
            Severity::Warning,
            format!(
                "worker pods get {} s to stop but a task may run {} s: scale-down kills tasks mid-run",
                c.grace_s, c.time_limit
            ),
            format!("set grace_s to at least {} (or 0: hard limit + 30 s)", c.time_limit + 30),
        ));
    }
    let queued_story = plan.platform == Platform::Aks && c.prefetch > 1;
    if plan.platform == Platform::Aks && s.tasks.keda_steady != s.tasks.replicas_max {
        let held = u64::from(plan.task_concurrency) * c.prefetch;
        let drain = |r: u64| {
            crate::engine::math::div(
                s.tasks.peak as f64 * plan.task_s,
                r as f64 * f64::from(plan.task_concurrency),
            )
        };
        out.push(finding(
            "keda-counts-queued",
            Severity::Info,
            format!(
                "KEDA's Redis list scaler counts queued tasks only: each worker pod holds {} tasks off the list (running{}), so at {} tasks KEDA settles at {} worker pods, not {}; the backlog drains in about {} s instead of {} s, and the worker pods need fewer nodes than the packed count{}",
                held,
                if c.prefetch > 1 { " and prefetched" } else { "" },
                s.tasks.peak,
                s.tasks.keda_steady,
                s.tasks.replicas_max,
                Num(drain(s.tasks.keda_steady)),
                Num(drain(s.tasks.replicas_max)),
                if queued_story { "; prefetching makes it worse (see prefetch-hides-queue)" } else { "" }
            ),
            format!(
                "expect {} worker pods at peak, or lower queue_target to about {} for {} pods",
                s.tasks.keda_steady,
                crate::engine::math::ceil(s.tasks.peak.saturating_sub(s.tasks.replicas_max * held) as f64 / s.tasks.replicas_max.max(1) as f64).max(1),
                s.tasks.replicas_max
            ),
        ));
    }
    if queued_story {
        out.push(finding(
            "prefetch-hides-queue",
            Severity::Warning,
            format!(
                "prefetch multiplier {} lets each worker reserve {} tasks the Redis list no longer shows: KEDA sees a shorter queue and scales too little",
                c.prefetch,
                c.prefetch * u64::from(plan.task_concurrency)
            ),
            "use prefetch 1 (task_length=long) with task_acks_late, or Celery 5.6's --disable-prefetch".to_string(),
        ));
    }
}

/// The proxy in front: keep-alive, timeouts, rate limits.
fn edge(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if plan.proxy_keepalive_s > 0 && plan.proxy_keepalive_s >= plan.keepalive_s {
        out.push(finding(
            "keepalive-502",
            Severity::Error,
            format!(
                "the proxy keeps idle upstream connections {} s but the app closes them after {} s: the proxy reuses closed connections and returns 502s",
                plan.proxy_keepalive_s, plan.keepalive_s
            ),
            format!("raise the app's keepalive above {} s, or lower the proxy's below {} s", plan.proxy_keepalive_s, plan.keepalive_s),
        ));
    }
    if plan.proxy_read_timeout_s < plan.worker_timeout_s {
        out.push(finding(
            "proxy-timeout",
            Severity::Warning,
            format!(
                "the proxy gives up after {} s but a worker may take {} s: slow requests return 504 while the app still works on them",
                plan.proxy_read_timeout_s, plan.worker_timeout_s
            ),
            format!("set proxy_read_timeout_s to at least {}", plan.worker_timeout_s),
        ));
    }
    if s.nginx.per_client_rps > plan.rate_rps {
        out.push(finding(
            "rate-limit-single-address",
            Severity::Error,
            format!(
                "{} req/s from {} client address{} is {} req/s per address, above the {} req/s limit: nginx answers 503",
                Num(plan.peak_rps),
                plan.clients,
                if plan.clients == 1 { " (a load balancer or NAT)" } else { "es" },
                Num(s.nginx.per_client_rps),
                Num(plan.rate_rps)
            ),
            "key limit_req on the real client address (X-Forwarded-For with set_real_ip_from), or raise the rate".to_string(),
        ));
    }
}

/// Database and Redis limits.
fn stores(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if s.db.connections_total > u64::from(plan.db_max_conn) {
        out.push(finding(
            "db-pool-over-limit",
            Severity::Error,
            format!(
                "pools may open {} database connections at peak, above the server's {}",
                s.db.connections_total, plan.db_max_conn
            ),
            "lower pool_size or max_overflow, put a pooler (PgBouncer) in front, or raise the server's limit".to_string(),
        ));
    }
    let r = &s.redis;
    let used = r.connections > 0 || r.memory_mib > 0.0;
    if !used {
        return;
    }
    let tier = plan.redis_tier.as_str();
    if r.connections > r.max_clients {
        out.push(finding(
            "redis-clients-over-limit",
            Severity::Error,
            format!(
                "{} Redis connections at peak, above {}'s {} clients",
                r.connections, tier, r.max_clients
            ),
            format!(
                "use tier {} or fewer connections per process",
                r.tier_recommended
                    .map_or("P5 with clustering", |t| t.as_str())
            ),
        ));
    }
    if r.memory_mib > r.tier_memory_mib * REDIS_MEMORY_SHARE {
        out.push(finding(
            "redis-memory",
            Severity::Warning,
            format!(
                "{} MiB of queue and cache is above 70 % of {}'s {} MiB",
                Num(r.memory_mib),
                tier,
                Num(r.tier_memory_mib)
            ),
            format!(
                "use tier {}",
                r.tier_recommended
                    .map_or("P5 with clustering", |t| t.as_str())
            ),
        ));
    }
    out.push(finding(
        "redis-tier-retiring",
        Severity::Info,
        format!(
            "Azure Cache for Redis {} (Basic, Standard and Premium) retires on {}",
            tier, REDIS_RETIREMENT
        ),
        "plan the move to Azure Managed Redis, its successor".to_string(),
    ));
    if s.tasks.enabled && plan.redis_policy != RedisPolicy::NoEviction {
        out.push(finding(
            "redis-eviction-broker",
            Severity::Error,
            format!(
                "maxmemory-policy {} on the Redis that holds the task queue: under memory pressure it deletes queued tasks",
                plan.redis_policy.as_str()
            ),
            "use noeviction for the broker, and a separate Redis (or database) for the cache".to_string(),
        ));
    }
}

/// Figures beyond what the tool or platform that reads them accepts (`engine::limits`).
fn limits(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    use crate::engine::limits::{self, JSON_EXACT};
    for check in limits::checks(plan, s).iter().filter(|c| c.exceeded()) {
        let (message, fix) = if check.limit == JSON_EXACT {
            (
                format!(
                    "{} reaches {} (2^53), past what JSON readers hold exactly: the count saturates there",
                    check.key, check.value
                ),
                "lower the inputs that multiply into it (replicas, processes, connections per process)"
                    .to_string(),
            )
        } else {
            (
                format!(
                    "{} = {} is more than {} accepts ({}){}",
                    check.key,
                    check.value,
                    check.limit.consumer,
                    check.limit.max,
                    check.written.map_or(String::new(), |w| format!(
                        ": {} is written as {}",
                        w, check.limit.max
                    ))
                ),
                format!(
                    "the plan cannot run as one deployment at this scale: raise the capacity per pod or node (a larger VM), or split the service; limit from {}",
                    check.limit.source
                ),
            )
        };
        out.push(finding(
            "exceeds-platform-limit",
            Severity::Error,
            message,
            fix,
        ));
    }
}

/// Container Apps: resource shapes and cold starts.
fn aca(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if !s.aca.cpu_mem_pair_valid {
        out.push(finding(
            "aca-cpu-mem-pair",
            Severity::Error,
            format!(
                "Container Apps rejects {} cores with {} GiB: cpu must be a multiple of 0.25 up to 4 with 2 GiB per core",
                Num(plan.aca_cpu_cores),
                Num(plan.aca_mem_gib)
            ),
            format!("use {} cores with {} GiB", Num(plan.aca_cpu_cores.clamp(0.25, 4.0)), Num(2.0 * plan.aca_cpu_cores.clamp(0.25, 4.0))),
        ));
    }
    let first_response = plan.cold_start_s + plan.latency_ms / 1000.0;
    if plan.platform == Platform::Aca
        && plan.aca_min == 0
        && plan.deadline_s > 0.0
        && first_response > plan.deadline_s
    {
        out.push(finding(
            "cold-start-deadline",
            Severity::Error,
            format!(
                "from zero replicas the first request takes {} s cold start + {} ms = {} s, past the client's {} s deadline",
                Num(plan.cold_start_s),
                Num(plan.latency_ms),
                Num(first_response),
                Num(plan.deadline_s)
            ),
            "set aca_min to 1 (idle-priced), or make the start faster than the deadline allows".to_string(),
        ));
    }
}
