//! Every finding code, in one list. Codes are contracts (shared scripts and checks outside
//! the code match on them): add new ones, never rename one. Each serialises to its kebab-case
//! string, exactly as `headroom eval` and the page have always written it.

use serde::Serialize;

macro_rules! codes {
    ($($(#[$doc:meta])* $var:ident = $name:literal, $title:literal, [$($param:literal),*],)*) => {
        /// A finding's stable code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $var,)*
        }

        impl Code {
            /// Every code, in alphabetical order of its string.
            pub const ALL: &'static [Code] = &[$(Code::$var,)*];

            /// The code as written in JSON and on the page.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$var => $name,)*
                }
            }

            /// What the finding is about, in words (the page's title; the code stays small
            /// beside it).
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$var => $title,)*
                }
            }

            /// The parameters (link names) a finding of this code may name: its fix changes
            /// one of them. A finding keeps those of them the plan uses (`Finding::params`).
            pub fn params(self) -> &'static [&'static str] {
                match self {
                    $(Code::$var => &[$($param),*],)*
                }
            }
        }
    };
}

codes! {
    /// `aca-cold-starts`.
    AcaColdStarts = "aca-cold-starts", "The app starts from zero", ["aca_min", "cold_start_s"],
    /// `aca-cpu-mem-pair`.
    AcaCpuMemPair = "aca-cpu-mem-pair", "Container Apps does not offer this CPU and memory pair", ["aca_cpu", "aca_mem"],
    /// `aca-zone-redundancy-min`.
    AcaZoneRedundancyMin = "aca-zone-redundancy-min", "Too few replicas for a zone-redundant environment", ["aca_min"],
    /// `arm-image`.
    ArmImage = "arm-image", "An Arm64 node needs an Arm64 image", ["node_vm", "worker_vm", "image"],
    /// `autoscaler-max-below-packed`.
    AutoscalerMaxBelowPacked = "autoscaler-max-below-packed", "The autoscaler's maximum is below the nodes the pods need", ["node_max", "worker_nodes_max"],
    /// `burst-hidden`.
    BurstHidden = "burst-hidden", "The measured day hides its bursts", ["buffer", "day_burst"],
    /// `burstable-baseline`.
    BurstableBaseline = "burstable-baseline", "Burstable nodes run out of CPU credits", ["node_vm", "worker_vm"],
    /// `cheaper-vm`.
    CheaperVm = "cheaper-vm", "Another node size costs less", ["node_vm", "worker_vm", "alloc", "vm_allow"],
    /// `cold-start-deadline`.
    ColdStartDeadline = "cold-start-deadline", "A cold start misses the deadline", ["aca_min", "cold_start_s", "deadline_s"],
    /// `daemonsets-unset`.
    DaemonsetsUnset = "daemonsets-unset", "DaemonSets are not counted", ["ds_cpu", "ds_mem", "ds_pods", "node_pods"],
    /// `db-pool-over-limit`.
    DbPoolOverLimit = "db-pool-over-limit", "Database pools open more connections than the server allows", ["pool_size", "max_overflow", "db_max_conn"],
    /// `drain-timeout-short`.
    DrainTimeoutShort = "drain-timeout-short", "Upgrades cut running tasks off", ["drain_timeout_min", "task_time_limit", "grace_s"],
    /// `exceeds-platform-limit`.
    ExceedsPlatformLimit = "exceeds-platform-limit", "Past a platform limit", [],
    /// `grace-period-below-task`.
    GracePeriodBelowTask = "grace-period-below-task", "Workers are killed before their tasks finish", ["grace_s", "task_time_limit"],
    /// `hpa-blind-to-load`.
    HpaBlindToLoad = "hpa-blind-to-load", "The HPA does not see the load", ["web_cpu", "min_replicas", "hpa_cpu"],
    /// `hpa-buffer-mismatch`.
    HpaBufferMismatch = "hpa-buffer-mismatch", "The HPA settles above its maximum", ["buffer", "hpa_cpu", "hpa_max"],
    /// `hpa-max-reached`.
    HpaMaxReached = "hpa-max-reached", "The HPA hit its maximum in the day", ["hpa_max", "rps_per_pod"],
    /// `ips-exhausted`.
    IpsExhausted = "ips-exhausted", "The subnet runs out of addresses", ["subnet_prefix", "network", "node_pods"],
    /// `keda-counts-queued`.
    KedaCountsQueued = "keda-counts-queued", "KEDA counts only the queued tasks", ["queue_target", "task_concurrency"],
    /// `keda-max-reached`.
    KedaMaxReached = "keda-max-reached", "KEDA hit its maximum in the day", ["keda_max", "task_concurrency"],
    /// `keepalive-502`.
    Keepalive502 = "keepalive-502", "Keep-alive timeouts cause 502s", ["keepalive", "proxy_keepalive_s"],
    /// `littles-law`.
    LittlesLaw = "littles-law", "The capacity is more than the slots can serve", ["rps_per_pod", "workers", "threads", "latency_ms"],
    /// `max-replicas-cap`.
    MaxReplicasCap = "max-replicas-cap", "A maximum below what the peak needs", ["hpa_max", "keda_max", "aca_max", "aca_concurrency"],
    /// `min-replicas-one-with-pdb`.
    MinReplicasOneWithPdb = "min-replicas-one-with-pdb", "One replica cannot survive a drain", ["min_replicas"],
    /// `node-loss-capacity`.
    NodeLossCapacity = "node-loss-capacity", "A lost node takes too many web pods", ["hpa_max", "web_cpu", "survive_nodes"],
    /// `node-loss-short`.
    NodeLossShort = "node-loss-short", "A lost node would leave the peak short", ["survive_nodes"],
    /// `past-the-knee`.
    PastTheKnee = "past-the-knee", "More slots than the throughput curve's knee", ["workers", "threads"],
    /// `pdb-blocks-drain`.
    PdbBlocksDrain = "pdb-blocks-drain", "The disruption budget blocks every drain", ["pdb"],
    /// `pod-memory`.
    PodMemory = "pod-memory", "The pod runs out of memory", ["workers", "worker_mem", "web_mem_limit"],
    /// `pod-unschedulable`.
    PodUnschedulable = "pod-unschedulable", "A pod fits no node", ["node_vm", "web_cpu", "web_mem", "task_cpu", "task_mem"],
    /// `pods-pending`.
    PodsPending = "pods-pending", "Pods wait for nodes", ["node_min", "overprovision", "node_start_s"],
    /// `prefetch-hides-queue`.
    PrefetchHidesQueue = "prefetch-hides-queue", "Prefetch hides the queue from KEDA", ["task_length"],
    /// `proxy-timeout`.
    ProxyTimeout = "proxy-timeout", "The proxy gives up before the worker", ["proxy_read_timeout_s", "worker_timeout"],
    /// `rate-limit-single-address`.
    RateLimitSingleAddress = "rate-limit-single-address", "The rate limit sees one address", ["rate", "clients"],
    /// `redis-clients-over-limit`.
    RedisClientsOverLimit = "redis-clients-over-limit", "More Redis connections than the tier allows", ["redis_tier", "redis_conn_web", "redis_conn_task"],
    /// `redis-eviction-broker`.
    RedisEvictionBroker = "redis-eviction-broker", "Redis may evict queued tasks", ["redis_policy"],
    /// `redis-memory`.
    RedisMemory = "redis-memory", "Redis memory is nearly full", ["redis_tier"],
    /// `redis-tier-retiring`.
    RedisTierRetiring = "redis-tier-retiring", "The Redis tier is retiring", ["redis_tier"],
    /// `rollout-no-room`.
    RolloutNoRoom = "rollout-no-room", "A rollout at peak has no room", ["node_max", "rollout_surge", "rollout_unavailable"],
    /// `runway-short`.
    RunwayShort = "runway-short", "A limit is reached within the lead time", ["growth_pct_month", "lead_time_months"],
    /// `scale-down-tail`.
    ScaleDownTail = "scale-down-tail", "Nodes stay after the load falls", ["ca_unneeded_s", "ca_delay_after_add_s", "hpa_down_window_s"],
    /// `scale-lag`.
    ScaleLag = "scale-lag", "The autoscalers fall behind the load", ["min_replicas", "aca_min"],
    /// `single-zone-prod`.
    SingleZoneProd = "single-zone-prod", "Production in one zone", ["zones", "survive_zone"],
    /// `soft-time-limit`.
    SoftTimeLimit = "soft-time-limit", "Tasks get no soft time limit", ["task_soft_limit", "task_time_limit"],
    /// `spot-without-fallback`.
    SpotWithoutFallback = "spot-without-fallback", "Workers have no pool to fall back to", ["worker_pool", "spot"],
    /// `surge-quota`.
    SurgeQuota = "surge-quota", "The upgrade's surge needs more vCPUs than the quota", ["vcpu_quota", "max_surge_pct", "max_surge_nodes"],
    /// `survive-zone-suggested`.
    SurviveZoneSuggested = "survive-zone-suggested", "Not sized to lose a zone", ["survive_zone"],
    /// `system-pool-size`.
    SystemPoolSize = "system-pool-size", "One system node", ["sys_nodes"],
    /// `system-pool-vm`.
    SystemPoolVm = "system-pool-vm", "The system VM is below AKS's minimum", ["sys_vm"],
    /// `unstable-queue`.
    UnstableQueue = "unstable-queue", "The queue grows without bound", ["rps_per_pod", "workers", "threads", "latency_ms"],
    /// `usl-extrapolated`.
    UslExtrapolated = "usl-extrapolated", "Capacity read past the load test", ["workers", "threads"],
    /// `web-on-spot`.
    WebOnSpot = "web-on-spot", "Web pods on Spot VMs", ["spot", "worker_pool"],
    /// `worker-pool-idle`.
    WorkerPoolIdle = "worker-pool-idle", "The workers' pool has no work", ["worker_pool", "tasks", "task_rate"],
    /// `workers-exceed-cpu`.
    WorkersExceedCpu = "workers-exceed-cpu", "More gunicorn workers than the CPU allows", ["workers", "threads", "web_cpu_limit"],
    /// `zone-loss-capacity`.
    ZoneLossCapacity = "zone-loss-capacity", "A lost zone takes too much capacity", ["zones", "hpa_max", "sys_nodes"],
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
