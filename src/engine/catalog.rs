//! The catalogue: VM sizes (vCPUs, memory, the memory a node reports) and Redis tiers. Their
//! prices are in the price book (`engine::prices`, prices/book.tsv), per region; users
//! override them with `node_price` and `sys_price`.

use crate::plan::VmSize;

/// One VM size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vm {
    /// Its size.
    pub size: VmSize,
    /// Virtual CPUs.
    pub vcpu: u32,
    /// Memory, GiB.
    pub mem_gib: f64,
    /// Memory the node's OS reports to Kubernetes (the kubelet's capacity), GiB: less than the
    /// nominal size (firmware, kernel). AKS's reservations start from it.
    pub reported_mem_gib: f64,
    /// Where the reported memory comes from; `[unverified]` when it is an estimate.
    pub reported_source: &'static str,
}

/// The one reported memory observed on AKS: a 16 GiB node describes 16403296 KiB of capacity
/// (`kubectl describe node`, posted in https://github.com/Azure/AKS/issues/1216), 15.643 GiB.
pub const REPORTED_16_GIB: f64 = 16_403_296.0 / 1_048_576.0;

/// Reported memory of sizes without an observation: nominal × the 16 GiB node's ratio
/// (15.643 / 16), an estimate.
const fn reported_estimate(nominal_gib: f64) -> f64 {
    nominal_gib * (REPORTED_16_GIB / 16.0)
}

const OBSERVED_16: &str =
    "observed: 16403296 KiB capacity on a 16 GiB AKS node (github.com/Azure/AKS/issues/1216)";
const ESTIMATED: &str =
    "[unverified] estimate: nominal × 15.643 / 16, the ratio observed on a 16 GiB AKS node";

/// Hours in a billing month: the convention of Azure's calculator and Infracost (https://github.com/infracost/infracost/issues/1663).
pub const HOURS_PER_MONTH: f64 = 730.0;

/// The VM catalogue.
pub static VMS: &[Vm] = &[
    Vm {
        size: VmSize::D2sV5,
        vcpu: 2,
        mem_gib: 8.0,
        reported_mem_gib: reported_estimate(8.0),
        reported_source: ESTIMATED,
    },
    Vm {
        size: VmSize::D4sV5,
        vcpu: 4,
        mem_gib: 16.0,
        reported_mem_gib: REPORTED_16_GIB,
        reported_source: OBSERVED_16,
    },
    Vm {
        size: VmSize::D8sV5,
        vcpu: 8,
        mem_gib: 32.0,
        reported_mem_gib: reported_estimate(32.0),
        reported_source: ESTIMATED,
    },
    Vm {
        size: VmSize::D16sV5,
        vcpu: 16,
        mem_gib: 64.0,
        reported_mem_gib: reported_estimate(64.0),
        reported_source: ESTIMATED,
    },
    Vm {
        size: VmSize::E4sV5,
        vcpu: 4,
        mem_gib: 32.0,
        reported_mem_gib: reported_estimate(32.0),
        reported_source: ESTIMATED,
    },
    Vm {
        size: VmSize::F8sV2,
        vcpu: 8,
        mem_gib: 16.0,
        reported_mem_gib: REPORTED_16_GIB,
        reported_source: OBSERVED_16,
    },
    Vm {
        size: VmSize::Ds2V2,
        vcpu: 2,
        mem_gib: 7.0,
        reported_mem_gib: reported_estimate(7.0),
        reported_source: ESTIMATED,
    },
];

/// The catalogue entry of a VM size.
pub fn vm(size: VmSize) -> &'static Vm {
    // Every VmSize has an entry: the test below checks it.
    VMS.iter().find(|v| v.size == size).unwrap_or(&VMS[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_has_one_entry() {
        for size in VmSize::ALL {
            assert_eq!(
                VMS.iter().filter(|v| v.size == *size).count(),
                1,
                "{size:?}"
            );
        }
    }
}

/// An Azure Cache for Redis tier.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Redis {
    /// The tier.
    pub tier: crate::plan::RedisTier,
    /// Memory, MiB (per shard for Premium).
    pub mem_mib: f64,
    /// Default maxclients.
    pub max_clients: u64,
}

/// Redis tiers in recommendation order: Standard C0–C6, then Premium P1–P5 (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure:
/// sizes and maxclients from Microsoft's "Default Redis server configuration"; P5's 40,000
/// clients from a third-party summary [3p]).
pub static REDIS: &[Redis] = {
    use crate::plan::RedisTier::*;
    &[
        Redis {
            tier: C0,
            mem_mib: 250.0,
            max_clients: 256,
        },
        Redis {
            tier: C1,
            mem_mib: 1024.0,
            max_clients: 1_000,
        },
        Redis {
            tier: C2,
            mem_mib: 2560.0,
            max_clients: 2_000,
        },
        Redis {
            tier: C3,
            mem_mib: 6144.0,
            max_clients: 5_000,
        },
        Redis {
            tier: C4,
            mem_mib: 13312.0,
            max_clients: 10_000,
        },
        Redis {
            tier: C5,
            mem_mib: 26624.0,
            max_clients: 15_000,
        },
        Redis {
            tier: C6,
            mem_mib: 54272.0,
            max_clients: 20_000,
        },
        Redis {
            tier: P1,
            mem_mib: 6144.0,
            max_clients: 7_500,
        },
        Redis {
            tier: P2,
            mem_mib: 13312.0,
            max_clients: 15_000,
        },
        Redis {
            tier: P3,
            mem_mib: 26624.0,
            max_clients: 30_000,
        },
        Redis {
            tier: P4,
            mem_mib: 54272.0,
            max_clients: 40_000,
        },
        Redis {
            tier: P5,
            mem_mib: 122880.0,
            max_clients: 40_000,
        },
    ]
};

/// The catalogue entry of a Redis tier.
pub fn redis(tier: crate::plan::RedisTier) -> &'static Redis {
    REDIS.iter().find(|r| r.tier == tier).unwrap_or(&REDIS[1])
}

/// Basic, Standard and Premium Azure Cache for Redis retire on this date; the successor is
/// Azure Managed Redis (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure, [3p]).
pub const REDIS_RETIREMENT: &str = "2028-09-30";

/// Container Apps monthly free grants per subscription (https://learn.microsoft.com/azure/container-apps/billing, Microsoft's billing page).
pub const ACA_FREE_VCPU_S: f64 = 180_000.0;
/// Free GiB-seconds per month.
pub const ACA_FREE_GIB_S: f64 = 360_000.0;
/// Free requests per month.
pub const ACA_FREE_REQUESTS: f64 = 2_000_000.0;
