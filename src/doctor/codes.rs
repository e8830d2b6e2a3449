//! Every finding code, in one list. Codes are contracts (shared scripts and checks outside
//! the code match on them): add new ones, never rename one. Each serialises to its kebab-case
//! string, exactly as `headroom eval` and the page have always written it.

use serde::Serialize;

macro_rules! codes {
    ($($(#[$doc:meta])* $var:ident = $name:literal,)*) => {
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
        }
    };
}

codes! {
    /// `aca-cold-starts`.
    AcaColdStarts = "aca-cold-starts",
    /// `aca-cpu-mem-pair`.
    AcaCpuMemPair = "aca-cpu-mem-pair",
    /// `aca-zone-redundancy-min`.
    AcaZoneRedundancyMin = "aca-zone-redundancy-min",
    /// `arm-image`.
    ArmImage = "arm-image",
    /// `autoscaler-max-below-packed`.
    AutoscalerMaxBelowPacked = "autoscaler-max-below-packed",
    /// `burst-hidden`.
    BurstHidden = "burst-hidden",
    /// `burstable-baseline`.
    BurstableBaseline = "burstable-baseline",
    /// `cheaper-vm`.
    CheaperVm = "cheaper-vm",
    /// `cold-start-deadline`.
    ColdStartDeadline = "cold-start-deadline",
    /// `daemonsets-unset`.
    DaemonsetsUnset = "daemonsets-unset",
    /// `db-pool-over-limit`.
    DbPoolOverLimit = "db-pool-over-limit",
    /// `drain-timeout-short`.
    DrainTimeoutShort = "drain-timeout-short",
    /// `exceeds-platform-limit`.
    ExceedsPlatformLimit = "exceeds-platform-limit",
    /// `grace-period-below-task`.
    GracePeriodBelowTask = "grace-period-below-task",
    /// `hpa-blind-to-load`.
    HpaBlindToLoad = "hpa-blind-to-load",
    /// `hpa-buffer-mismatch`.
    HpaBufferMismatch = "hpa-buffer-mismatch",
    /// `hpa-max-reached`.
    HpaMaxReached = "hpa-max-reached",
    /// `ips-exhausted`.
    IpsExhausted = "ips-exhausted",
    /// `keda-counts-queued`.
    KedaCountsQueued = "keda-counts-queued",
    /// `keda-max-reached`.
    KedaMaxReached = "keda-max-reached",
    /// `keepalive-502`.
    Keepalive502 = "keepalive-502",
    /// `littles-law`.
    LittlesLaw = "littles-law",
    /// `max-replicas-cap`.
    MaxReplicasCap = "max-replicas-cap",
    /// `min-replicas-one-with-pdb`.
    MinReplicasOneWithPdb = "min-replicas-one-with-pdb",
    /// `node-loss-capacity`.
    NodeLossCapacity = "node-loss-capacity",
    /// `past-the-knee`.
    PastTheKnee = "past-the-knee",
    /// `pdb-blocks-drain`.
    PdbBlocksDrain = "pdb-blocks-drain",
    /// `pod-memory`.
    PodMemory = "pod-memory",
    /// `pod-unschedulable`.
    PodUnschedulable = "pod-unschedulable",
    /// `pods-pending`.
    PodsPending = "pods-pending",
    /// `prefetch-hides-queue`.
    PrefetchHidesQueue = "prefetch-hides-queue",
    /// `proxy-timeout`.
    ProxyTimeout = "proxy-timeout",
    /// `rate-limit-single-address`.
    RateLimitSingleAddress = "rate-limit-single-address",
    /// `redis-clients-over-limit`.
    RedisClientsOverLimit = "redis-clients-over-limit",
    /// `redis-eviction-broker`.
    RedisEvictionBroker = "redis-eviction-broker",
    /// `redis-memory`.
    RedisMemory = "redis-memory",
    /// `redis-tier-retiring`.
    RedisTierRetiring = "redis-tier-retiring",
    /// `rollout-no-room`.
    RolloutNoRoom = "rollout-no-room",
    /// `runway-short`.
    RunwayShort = "runway-short",
    /// `scale-down-tail`.
    ScaleDownTail = "scale-down-tail",
    /// `scale-lag`.
    ScaleLag = "scale-lag",
    /// `single-zone-prod`.
    SingleZoneProd = "single-zone-prod",
    /// `soft-time-limit`.
    SoftTimeLimit = "soft-time-limit",
    /// `spot-without-fallback`.
    SpotWithoutFallback = "spot-without-fallback",
    /// `surge-quota`.
    SurgeQuota = "surge-quota",
    /// `survive-zone-suggested`.
    SurviveZoneSuggested = "survive-zone-suggested",
    /// `system-pool-size`.
    SystemPoolSize = "system-pool-size",
    /// `system-pool-vm`.
    SystemPoolVm = "system-pool-vm",
    /// `unstable-queue`.
    UnstableQueue = "unstable-queue",
    /// `usl-extrapolated`.
    UslExtrapolated = "usl-extrapolated",
    /// `web-on-spot`.
    WebOnSpot = "web-on-spot",
    /// `worker-pool-idle`.
    WorkerPoolIdle = "worker-pool-idle",
    /// `workers-exceed-cpu`.
    WorkersExceedCpu = "workers-exceed-cpu",
    /// `zone-loss-capacity`.
    ZoneLossCapacity = "zone-loss-capacity",
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
