//! Every finding code, in one list. Codes are contracts (shared scripts and checks outside
//! the code match on them): add new ones, never rename one. Each serialises to its kebab-case
//! string, exactly as `headroom eval` and the page have always written it.

use serde::Serialize;

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $var:ident = $name:literal, $title:literal, [$($param:literal),*],)*) => {
        /// A finding's stable code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $var,)*
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

            /// What a finding of this code means, in sentences (its documentation:
            /// docs/FINDINGS.md is made from it).
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$var => concat!($($doc),*).trim_start(),)*
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
    /// The Container App scales to zero and starts again during the day: the first requests after
    /// each idle spell wait for a replica to start (`cold_start_s`).
    AcaColdStarts = "aca-cold-starts", "The app starts from zero", ["aca_min", "cold_start_s"],
    /// Container Apps' consumption profile offers CPU in 0.25-core steps up to 4 cores with exactly
    /// 2 GiB of memory a core; the plan's pair is not one of them.
    AcaCpuMemPair = "aca-cpu-mem-pair", "Container Apps does not offer this CPU and memory pair", ["aca_cpu", "aca_mem"],
    /// A zone-redundant Container Apps environment spreads replicas over zones only when the app
    /// keeps at least 2 (3 recommended); `aca_min` is below that.
    AcaZoneRedundancyMin = "aca-zone-redundancy-min", "Too few replicas for a zone-redundant environment", ["aca_min"],
    /// An Arm64 VM size (the Dpsv5 family) runs only images built for linux/arm64: the image must
    /// be multi-arch, or the pool an x86 size.
    ArmImage = "arm-image", "An Arm64 node needs an Arm64 image", ["node_vm", "worker_vm", "image"],
    /// The cluster autoscaler's maximum is below the nodes the pods need at peak: the pods past it
    /// stay Pending.
    AutoscalerMaxBelowPacked = "autoscaler-max-below-packed", "The autoscaler's maximum is below the nodes the pods need", ["node_max", "worker_nodes_max"],
    /// The measured traffic's busiest sample is well above its busiest 5 minutes: a plan made from
    /// the day's peak understates the load.
    BurstHidden = "burst-hidden", "The measured day hides its bursts", ["buffer", "day_burst"],
    /// Burstable B-series nodes run above their CPU baseline for the day: once their credits are
    /// spent they run at the baseline, slower than the plan assumes.
    BurstableBaseline = "burstable-baseline", "Burstable nodes run out of CPU credits", ["node_vm", "worker_vm"],
    /// Another allowed VM size runs the whole plan (every pool, the same failures survived) for
    /// less a month than the plan's size.
    CheaperVm = "cheaper-vm", "Another node size costs less", ["node_vm", "worker_vm", "alloc", "vm_allow"],
    /// A cold start takes longer than the requests' deadline: the first requests after the app
    /// starts from zero fail.
    ColdStartDeadline = "cold-start-deadline", "A cold start misses the deadline", ["aca_min", "cold_start_s", "deadline_s"],
    /// At this many pods a node, the DaemonSets every node runs (kube-proxy, the CNI, CSI drivers,
    /// log agents) decide how many app pods fit, and the plan counts none.
    DaemonsetsUnset = "daemonsets-unset", "DaemonSets are not counted", ["ds_cpu", "ds_mem", "ds_pods", "node_pods"],
    /// At peak the web pods' database pools (`pool_size` + `max_overflow` each process) may open
    /// more connections than the server allows.
    DbPoolOverLimit = "db-pool-over-limit", "Database pools open more connections than the server allows", ["pool_size", "max_overflow", "db_max_conn"],
    /// A worker pod may take longer to stop (its grace time, for tasks in flight) than the node
    /// drain timeout: upgrades cut running tasks off.
    DrainTimeoutShort = "drain-timeout-short", "Upgrades cut running tasks off", ["drain_timeout_min", "task_time_limit", "grace_s"],
    /// A figure is past a hard limit of AKS or Container Apps (nodes a pool, pods a node, replicas
    /// an app): the plan cannot be deployed as sized.
    ExceedsPlatformLimit = "exceeds-platform-limit", "Past a platform limit", [],
    /// The worker pod's termination grace is shorter than a task may run: a scale-down or a rollout
    /// kills tasks mid-way.
    GracePeriodBelowTask = "grace-period-below-task", "Workers are killed before their tasks finish", ["grace_s", "task_time_limit"],
    /// The HPA scales on CPU, but at the pod's capacity its CPU stays below the target: the HPA
    /// settles on fewer replicas than the load needs.
    HpaBlindToLoad = "hpa-blind-to-load", "The HPA does not see the load", ["web_cpu", "min_replicas", "hpa_cpu"],
    /// At the HPA's CPU target the replicas it settles on at peak are more than its maximum: the
    /// buffer and the target disagree.
    HpaBufferMismatch = "hpa-buffer-mismatch", "The HPA settles above its maximum", ["buffer", "hpa_cpu", "hpa_max"],
    /// In the simulated day the HPA wanted more web replicas than its maximum: past that point the
    /// web tier is overloaded.
    HpaMaxReached = "hpa-max-reached", "The HPA hit its maximum in the day", ["hpa_max", "rps_per_pod"],
    /// The nodes (and with Azure CNI their pods) at the pools' maxima plus the upgrade's surge need
    /// more addresses than the node subnet has.
    IpsExhausted = "ips-exhausted", "The subnet runs out of addresses", ["subnet_prefix", "network", "node_pods"],
    /// KEDA's Redis list trigger counts only the tasks still in the list, not those the workers
    /// have taken: the workers settle below the static count.
    KedaCountsQueued = "keda-counts-queued", "KEDA counts only the queued tasks", ["queue_target", "task_concurrency"],
    /// In the simulated day KEDA wanted more workers than its maximum: the queue grows past it.
    KedaMaxReached = "keda-max-reached", "KEDA hit its maximum in the day", ["keda_max", "task_concurrency"],
    /// The proxy keeps idle upstream connections longer than the app does: it reuses connections
    /// the app has closed, and returns 502s.
    Keepalive502 = "keepalive-502", "Keep-alive timeouts cause 502s", ["keepalive", "proxy_keepalive_s"],
    /// By Little's law a pod's slots (workers × threads) at the mean latency serve at most slots ×
    /// 1000 / latency_ms req/s; the capacity claimed is more.
    LittlesLaw = "littles-law", "The capacity is more than the slots can serve", ["rps_per_pod", "workers", "threads", "latency_ms"],
    /// A configured maximum (the HPA's, KEDA's or Container Apps') is below what the peak needs.
    MaxReplicasCap = "max-replicas-cap", "A maximum below what the peak needs", ["hpa_max", "keda_max", "aca_max", "aca_concurrency"],
    /// With one minimum web replica, a drain, an upgrade or a rollout takes the service down
    /// whatever the disruption budget allows.
    MinReplicasOneWithPdb = "min-replicas-one-with-pdb", "One replica cannot survive a drain", ["min_replicas"],
    /// Asked to survive lost nodes, the plan's web pods on the remaining nodes serve less than the
    /// peak.
    NodeLossCapacity = "node-loss-capacity", "A lost node takes too many web pods", ["hpa_max", "web_cpu", "survive_nodes"],
    /// Not asked to survive a lost node, the plan would serve less than the peak if one were lost
    /// (the Failures table's short row); `survive_nodes=1` sizes for it.
    NodeLossShort = "node-loss-short", "A lost node would leave the peak short", ["survive_nodes"],
    /// The load test's curve peaks at fewer requests in flight than the pod's slots: past its knee,
    /// more slots serve less.
    PastTheKnee = "past-the-knee", "More slots than the throughput curve's knee", ["workers", "threads"],
    /// The web PodDisruptionBudget allows no pod to go: every node drain waits for the drain
    /// timeout and the upgrade fails.
    PdbBlocksDrain = "pdb-blocks-drain", "The disruption budget blocks every drain", ["pdb"],
    /// The pod's processes need more memory than its limit: the pod is OOM-killed.
    PodMemory = "pod-memory", "The pod runs out of memory", ["workers", "worker_mem", "web_mem_limit"],
    /// A pod requests more CPU, memory or pods than an empty node offers: it stays Pending.
    PodUnschedulable = "pod-unschedulable", "A pod fits no node", ["node_vm", "web_cpu", "web_mem", "task_cpu", "task_mem"],
    /// In the simulated day pods waited for new nodes to start: the load was above what the running
    /// nodes could hold.
    PodsPending = "pods-pending", "Pods wait for nodes", ["node_min", "overprovision", "node_start_s"],
    /// Celery's prefetch lets each worker reserve tasks the Redis list no longer shows: KEDA sees a
    /// shorter queue and scales too little.
    PrefetchHidesQueue = "prefetch-hides-queue", "Prefetch hides the queue from KEDA", ["task_length"],
    /// The proxy gives up on a request before a worker may finish it: slow requests return 504
    /// while the app still works on them.
    ProxyTimeout = "proxy-timeout", "The proxy gives up before the worker", ["proxy_read_timeout_s", "worker_timeout"],
    /// The rate limit is keyed on the client address, and the traffic comes from few addresses (a
    /// load balancer or NAT): legitimate requests get 503.
    RateLimitSingleAddress = "rate-limit-single-address", "The rate limit sees one address", ["rate", "clients"],
    /// At peak the web pods and workers open more Redis connections than the tier's client limit.
    RedisClientsOverLimit = "redis-clients-over-limit", "More Redis connections than the tier allows", ["redis_tier", "redis_conn_web", "redis_conn_task"],
    /// The Redis that holds the task queue may evict keys under memory pressure: queued tasks are
    /// lost.
    RedisEvictionBroker = "redis-eviction-broker", "Redis may evict queued tasks", ["redis_policy"],
    /// The queue and cache use more than 70 % of the Redis tier's memory.
    RedisMemory = "redis-memory", "Redis memory is nearly full", ["redis_tier"],
    /// Azure Cache for Redis (Basic, Standard and Premium) retires; its successor is Azure Managed
    /// Redis.
    RedisTierRetiring = "redis-tier-retiring", "The Redis tier is retiring", ["redis_tier"],
    /// A rolling update at peak starts extra web pods that do not fit even at the autoscaler's
    /// maximum: the rollout cannot finish until the load falls.
    RolloutNoRoom = "rollout-no-room", "A rollout at peak has no room", ["node_max", "rollout_surge", "rollout_unavailable"],
    /// At the plan's growth rate a limit breaks within the lead time it takes to change it.
    RunwayShort = "runway-short", "A limit is reached within the lead time", ["growth_pct_month", "lead_time_months"],
    /// A large share of the day's node-hours are nodes kept after the load fell, while the
    /// autoscalers wait to scale down.
    ScaleDownTail = "scale-down-tail", "Nodes stay after the load falls", ["ca_unneeded_s", "ca_delay_after_add_s", "hpa_down_window_s"],
    /// After the load rises, the autoscalers add capacity too late: the tier is overloaded for a
    /// while.
    ScaleLag = "scale-lag", "The autoscalers fall behind the load", ["min_replicas", "aca_min"],
    /// A production plan that asks for high availability runs in one availability zone: a zone
    /// outage takes it down.
    SingleZoneProd = "single-zone-prod", "Production in one zone", ["zones", "survive_zone"],
    /// Tasks have a hard time limit but no soft one before it: they are killed without a chance to
    /// clean up.
    SoftTimeLimit = "soft-time-limit", "Tasks get no soft time limit", ["task_soft_limit", "task_time_limit"],
    /// The background workers run only on Spot VMs, with no regular pool to fall back to when Spot
    /// capacity is evicted.
    SpotWithoutFallback = "spot-without-fallback", "Workers have no pool to fall back to", ["worker_pool", "spot"],
    /// The pools at their maxima plus the node-image upgrade's surge need more vCPUs than the
    /// regional quota.
    SurgeQuota = "surge-quota", "The upgrade's surge needs more vCPUs than the quota", ["vcpu_quota", "max_surge_pct", "max_surge_nodes"],
    /// The plan spreads over zones but is not sized to serve the peak with one of them lost.
    SurviveZoneSuggested = "survive-zone-suggested", "Not sized to lose a zone", ["survive_zone"],
    /// One system node: CoreDNS, metrics-server and KEDA stop when it does.
    SystemPoolSize = "system-pool-size", "One system node", ["sys_nodes"],
    /// AKS requires a system node pool's VM to have at least 4 vCPUs and 4 GB of memory.
    SystemPoolVm = "system-pool-vm", "The system VM is below AKS's minimum", ["sys_vm"],
    /// More requests arrive than the slots finish: the queue grows without bound.
    UnstableQueue = "unstable-queue", "The queue grows without bound", ["rps_per_pod", "workers", "threads", "latency_ms"],
    /// The pod's slots are well past the load test's largest concurrency: its capacity is the
    /// fitted curve's extrapolation, not a measurement.
    UslExtrapolated = "usl-extrapolated", "Capacity read past the load test", ["workers", "threads"],
    /// The web pods run on Spot VMs, which have no SLA and evict with 30 s notice: the web tier can
    /// lose every pod at once.
    WebOnSpot = "web-on-spot", "Web pods on Spot VMs", ["spot", "worker_pool"],
    /// The workers have a pool of their own but no background work to run: it stays at its minimum.
    WorkerPoolIdle = "worker-pool-idle", "The workers' pool has no work", ["worker_pool", "tasks", "task_rate"],
    /// More gunicorn worker processes than gunicorn's (2 × cores) + 1 guidance allows for the pod's
    /// CPU.
    WorkersExceedCpu = "workers-exceed-cpu", "More gunicorn workers than the CPU allows", ["workers", "threads", "web_cpu_limit"],
    /// Asked to survive a lost zone, the plan cannot: too few zones, too few pods left to serve the
    /// peak, or a system pool smaller than the zones.
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
