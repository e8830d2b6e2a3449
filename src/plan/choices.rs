//! The plan's enumerations: each variant is written as a fixed name in links and plan JSON.

use super::value::{FieldType, Value};
use serde::Serialize;

/// Declares an enumeration whose variants are written as fixed names in links and JSON.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $var:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($(#[$vmeta])* $var),+ }
        // Written by name, as `as_str` gives it: one `serialize_str` instead of a match arm of
        // serde's per variant (the same JSON, less code in the bundle).
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl $name {
            /// Every variant's name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The variant's name as written in links and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $text),+ }
            }
        }
        impl FieldType for $name {
            fn to_value(&self) -> Value { Value::Choice(self.as_str()) }
            fn from_value(value: Value) -> Option<Self> {
                match value {
                    Value::Choice(s) => Self::ALL.iter().copied().find(|v| v.as_str() == s),
                    _ => None,
                }
            }
        }
    };
}

choice! {
    /// How the capacity of one web pod is found.
    CapacityMode {
        /// A measured figure per pod (`rps_per_pod`; the AKS example: 20).
        Measured = "measured",
        /// Workers × a measured figure per worker (`worker_rps`; the Flask example: 250–500).
        PerWorker = "per_worker",
        /// From CPU time and latency per request.
        Derived = "derived",
        /// The best point of a load test's Universal Scalability Law curve within the pod's
        /// slots (`usl_sigma`, `usl_kappa`, `usl_lambda`; `headroom calibrate`).
        Usl = "usl",
    }
}

choice! {
    /// How allocatable CPU and memory per user node are found.
    AllocMode {
        /// Given directly (`node_cpu`, `node_mem`; the AKS example: ~3.8 vCPU, ~14 GiB).
        Fixed = "fixed",
        /// From AKS's documented reservation rules for the VM size and max pods.
        Aks = "aks",
    }
}

choice! {
    /// Which AKS node reservation rules apply (https://learn.microsoft.com/azure/aks/node-resource-reservations).
    AksRules {
        /// AKS 1.29 and later: min(20 MiB × max pods + 50 MiB, 25 %) + 100 MiB eviction.
        Current = "1.29",
        /// Before 1.29: regressive tiers + 750 MiB eviction.
        Legacy = "legacy",
    }
}

choice! {
    /// The AKS control-plane pricing tier (https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers).
    AksTier {
        /// No SLA, no charge.
        Free = "free",
        /// Uptime SLA, charged per cluster-hour.
        Standard = "standard",
    }
}

choice! {
    /// The VM sizes in the catalogue (`engine::catalog`).
    VmSize {
        /// 2 vCPU, 8 GiB.
        D2sV5 = "Standard_D2s_v5",
        /// 4 vCPU, 16 GiB.
        D4sV5 = "Standard_D4s_v5",
        /// 8 vCPU, 32 GiB.
        D8sV5 = "Standard_D8s_v5",
        /// 16 vCPU, 64 GiB.
        D16sV5 = "Standard_D16s_v5",
        /// 32 vCPU, 128 GiB.
        D32sV5 = "Standard_D32s_v5",
        /// 2 vCPU, 8 GiB (AMD).
        D2asV5 = "Standard_D2as_v5",
        /// 4 vCPU, 16 GiB (AMD).
        D4asV5 = "Standard_D4as_v5",
        /// 8 vCPU, 32 GiB (AMD).
        D8asV5 = "Standard_D8as_v5",
        /// 16 vCPU, 64 GiB (AMD).
        D16asV5 = "Standard_D16as_v5",
        /// 2 vCPU, 8 GiB (Arm64: the image must be built for arm64).
        D2psV5 = "Standard_D2ps_v5",
        /// 4 vCPU, 16 GiB (Arm64).
        D4psV5 = "Standard_D4ps_v5",
        /// 8 vCPU, 32 GiB (Arm64).
        D8psV5 = "Standard_D8ps_v5",
        /// 16 vCPU, 64 GiB (Arm64).
        D16psV5 = "Standard_D16ps_v5",
        /// 2 vCPU, 16 GiB (memory optimised).
        E2sV5 = "Standard_E2s_v5",
        /// 4 vCPU, 32 GiB (memory optimised).
        E4sV5 = "Standard_E4s_v5",
        /// 8 vCPU, 64 GiB (memory optimised).
        E8sV5 = "Standard_E8s_v5",
        /// 16 vCPU, 128 GiB (memory optimised).
        E16sV5 = "Standard_E16s_v5",
        /// 2 vCPU, 4 GiB (compute optimised).
        F2sV2 = "Standard_F2s_v2",
        /// 4 vCPU, 8 GiB (compute optimised).
        F4sV2 = "Standard_F4s_v2",
        /// 8 vCPU, 16 GiB (compute optimised).
        F8sV2 = "Standard_F8s_v2",
        /// 16 vCPU, 32 GiB (compute optimised).
        F16sV2 = "Standard_F16s_v2",
        /// 2 vCPU, 8 GiB, burstable (base 60 % of one vCPU).
        B2ms = "Standard_B2ms",
        /// 4 vCPU, 16 GiB, burstable (base 90 % of one vCPU).
        B4ms = "Standard_B4ms",
        /// 2 vCPU, 7 GiB (the AKS example's system pool).
        Ds2V2 = "Standard_DS2_v2",
    }
}

choice! {
    /// Where the web tier runs.
    Platform {
        /// Azure Kubernetes Service: HPA, KEDA, node pools.
        Aks = "aks",
        /// Azure Container Apps: HTTP scale rule, per-second billing, scale to zero.
        Aca = "aca",
    }
}

impl Platform {
    /// What the form's picker says for a platform's link name (`aks`, `aca`): the service's
    /// name in words; other names as they are.
    pub fn label(name: &str) -> &str {
        match name {
            "aks" => "Azure Kubernetes Service",
            "aca" => "Azure Container Apps",
            other => other,
        }
    }
}

choice! {
    /// What bounds a background task (the one-host example, "Worker Concurrency").
    TaskKind {
        /// Waits on I/O: concurrency 2 × cores + 1.
        Io = "io",
        /// Computes: concurrency = cores.
        Cpu = "cpu",
    }
}

choice! {
    /// How long tasks run (the one-host example, "Prefetch Multiplier").
    TaskLength {
        /// Short tasks: prefetch 4.
        Short = "short",
        /// Mixed: prefetch 2.
        Mixed = "mixed",
        /// Long tasks: prefetch 1, so no worker hoards work.
        Long = "long",
    }
}

choice! {
    /// How much memory tasks use (the one-host example, "Max Tasks Per Child").
    TaskMemory {
        /// Memory-intensive: recycle after 100 tasks.
        Heavy = "heavy",
        /// Normal: 1000.
        Normal = "normal",
        /// Lightweight: 10000.
        Light = "light",
    }
}

choice! {
    /// Azure Cache for Redis tiers (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure), Standard C0–C6 then Premium P1–P5.
    RedisTier {
        /// 250 MB, 256 clients (not for production).
        C0 = "C0",
        /// 1 GB, 1,000 clients (the AKS example).
        C1 = "C1",
        /// 2.5 GB, 2,000 clients.
        C2 = "C2",
        /// 6 GB, 5,000 clients.
        C3 = "C3",
        /// 13 GB, 10,000 clients.
        C4 = "C4",
        /// 26 GB, 15,000 clients.
        C5 = "C5",
        /// 53 GB, 20,000 clients.
        C6 = "C6",
        /// 6 GB, 7,500 clients.
        P1 = "P1",
        /// 13 GB, 15,000 clients.
        P2 = "P2",
        /// 26 GB, 30,000 clients.
        P3 = "P3",
        /// 53 GB, 40,000 clients.
        P4 = "P4",
        /// 120 GB, 40,000 clients.
        P5 = "P5",
    }
}

choice! {
    /// Redis `maxmemory-policy` (the one-host example, "Memory Management").
    RedisPolicy {
        /// Refuse writes when full: the only safe policy for a task queue.
        NoEviction = "noeviction",
        /// Evict least recently used keys: a general cache.
        AllKeysLru = "allkeys-lru",
        /// Evict least recently used keys with a TTL.
        VolatileLru = "volatile-lru",
        /// Evict least frequently used keys.
        AllKeysLfu = "allkeys-lfu",
        /// Evict least frequently used keys with a TTL.
        VolatileLfu = "volatile-lfu",
        /// Evict random keys.
        AllKeysRandom = "allkeys-random",
        /// Evict random keys with a TTL.
        VolatileRandom = "volatile-random",
        /// Evict the keys nearest their expiry.
        VolatileTtl = "volatile-ttl",
    }
}

choice! {
    /// The environment the plan is for (the gunicorn scaling guide's decision table).
    Stage {
        /// A laptop.
        Dev = "dev",
        /// Staging.
        Staging = "staging",
        /// Production.
        Prod = "prod",
    }
}

choice! {
    /// How the user nodes are pooled over availability zones (https://learn.microsoft.com/azure/aks/availability-zones).
    ZonePools {
        /// One node pool spanning every zone.
        One = "one",
        /// One node pool per zone, the autoscaler balancing them (AKS's layout for an even spread).
        PerZone = "per_zone",
    }
}

choice! {
    /// The cluster's network plugin: how pods get their IP addresses.
    Network {
        /// kubenet: one subnet address per node; pods on an overlay.
        Kubenet = "kubenet",
        /// Azure CNI (node subnet): an address for every node and every pod it may run.
        AzureCni = "azure-cni",
        /// Azure CNI overlay: one subnet address per node; pods on an overlay.
        Overlay = "azure-cni-overlay",
    }
}

choice! {
    /// The Azure regions the price book prices (`engine::prices`; a region joins this list when
    /// the book has its prices).
    Region {
        /// East US: the region of the catalogue's pay-as-you-go prices.
        EastUs = "eastus",
    }
}

choice! {
    /// Where the background workers run (issue #17, pools by role).
    WorkerPool {
        /// On the user pool, beside the web pods.
        Shared = "shared",
        /// On a pool of their own, pay as you go.
        Separate = "separate",
        /// On a Spot pool of their own, free to fall back to the user pool.
        Spot = "spot",
    }
}

choice! {
    /// How the pools' capacity is bought.
    Commitment {
        /// Pay as you go.
        Payg = "payg",
        /// A 1-year reservation of the nodes worth reserving.
        Ri1 = "ri1",
        /// A 3-year reservation.
        Ri3 = "ri3",
        /// A 1-year compute savings plan (an hourly spend commitment).
        Sp1 = "sp1",
        /// A 3-year compute savings plan.
        Sp3 = "sp3",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The picker names the platforms in words; their link names do not change.
    #[test]
    fn platforms_are_named_in_words() {
        assert_eq!(Platform::label("aks"), "Azure Kubernetes Service");
        assert_eq!(Platform::label("aca"), "Azure Container Apps");
        assert_eq!(Platform::NAMES, ["aks", "aca"]);
    }
}
