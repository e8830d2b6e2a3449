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
    /// Memory, GiB: the nominal size, from which AKS computes its reservations.
    pub mem_gib: f64,
    /// Memory the node's OS reports to Kubernetes (the kubelet's capacity), KiB: less than the
    /// nominal size (firmware, kernel), and what AKS subtracts its reservations from. It drifts
    /// by about ±30 MiB between node images.
    pub reported_kib: u64,
    /// Where the reported memory comes from; `[unverified]` when it is an estimate.
    pub reported_source: &'static str,
    /// Arm64 (Dpsv5, Ampere Altra): container images must be built for arm64.
    pub arm64: bool,
    /// A burstable size's base CPU performance, % of one vCPU (B2ms 60, B4ms 90: Microsoft's
    /// B-series table, https://learn.microsoft.com/azure/virtual-machines/sizes-b-series-burstable);
    /// `None` for sizes that run at full speed.
    pub base_cpu_pct: Option<f64>,
}

impl Vm {
    /// The reported memory in GiB.
    pub fn reported_mem_gib(&self) -> f64 {
        self.reported_kib as f64 / 1_048_576.0
    }
}

/// Reported memory of a size nobody has published a node of, KiB: nominal − (111 MiB + 16.9 MiB
/// per nominal GiB), a fit over eight observed Linux AKS nodes from 3.5 to 112 GiB that holds
/// within ±25 MiB of each.
pub const fn reported_estimate_kib(nominal_gib: f64) -> u64 {
    let mib = nominal_gib * 1024.0 - (111.0 + 16.9 * nominal_gib);
    (mib * 1024.0) as u64
}

const ESTIMATED: &str =
    "[unverified] nominal − (111 MiB + 16.9 MiB per GiB), a fit to 8 observed nodes (±25 MiB)";
/// A 16 GiB AKS node's `kubectl describe node` (https://github.com/Azure/AKS/issues/1216, 2019).
const OBSERVED_16: &str = "16403296 KiB on a 16 GiB node, https://github.com/Azure/AKS/issues/1216";
/// An 8 vCPU / 32 GiB AKS node's capacity and allocatable, shown by Microsoft's reliability
/// best practices (https://learn.microsoft.com/azure/aks/best-practices-app-cluster-reliability).
const OBSERVED_32: &str = "32863116 KiB on an 8 vCPU / 32 GiB node, https://learn.microsoft.com/azure/aks/best-practices-app-cluster-reliability";
/// A DS2_v2's capacity and allocatable (https://chunliu.me/2020/06/11/node-allocatable-in-aks/).
const OBSERVED_DS2: &str =
    "7113660 KiB on a DS2_v2, https://chunliu.me/2020/06/11/node-allocatable-in-aks/";

/// Hours in a billing month: the convention of Azure's calculator and Infracost (https://github.com/infracost/infracost/issues/1663).
pub const HOURS_PER_MONTH: f64 = 730.0;

/// A size whose reported memory nobody has published.
const fn estimated(size: VmSize, vcpu: u32, mem_gib: f64) -> Vm {
    Vm {
        size,
        vcpu,
        mem_gib,
        reported_kib: reported_estimate_kib(mem_gib),
        reported_source: ESTIMATED,
        arm64: false,
        base_cpu_pct: None,
    }
}

/// A size with a published node.
const fn observed(size: VmSize, vcpu: u32, mem_gib: f64, kib: u64, source: &'static str) -> Vm {
    Vm {
        size,
        vcpu,
        mem_gib,
        reported_kib: kib,
        reported_source: source,
        arm64: false,
        base_cpu_pct: None,
    }
}

/// An Arm64 size.
const fn arm(size: VmSize, vcpu: u32, mem_gib: f64) -> Vm {
    Vm {
        arm64: true,
        ..estimated(size, vcpu, mem_gib)
    }
}

/// A burstable size with its base CPU performance.
const fn burstable(size: VmSize, vcpu: u32, mem_gib: f64, base_pct: f64) -> Vm {
    Vm {
        base_cpu_pct: Some(base_pct),
        ..estimated(size, vcpu, mem_gib)
    }
}

/// An F2s_v2's `kubectl describe node` (https://github.com/Azure/AKS/issues/3525, 2023).
const OBSERVED_F2: &str = "4025836 KiB on an F2s_v2, https://github.com/Azure/AKS/issues/3525";

/// The VM catalogue: the general-purpose sizes AKS users pick (Microsoft Learn's size pages:
/// https://learn.microsoft.com/azure/virtual-machines/sizes/overview), and the AKS example's
/// DS2_v2 system pool.
pub static VMS: &[Vm] = &[
    estimated(VmSize::D2sV5, 2, 8.0),
    observed(VmSize::D4sV5, 4, 16.0, 16_403_296, OBSERVED_16),
    observed(VmSize::D8sV5, 8, 32.0, 32_863_116, OBSERVED_32),
    estimated(VmSize::D16sV5, 16, 64.0),
    estimated(VmSize::D32sV5, 32, 128.0),
    estimated(VmSize::D2asV5, 2, 8.0),
    estimated(VmSize::D4asV5, 4, 16.0),
    estimated(VmSize::D8asV5, 8, 32.0),
    estimated(VmSize::D16asV5, 16, 64.0),
    arm(VmSize::D2psV5, 2, 8.0),
    arm(VmSize::D4psV5, 4, 16.0),
    arm(VmSize::D8psV5, 8, 32.0),
    arm(VmSize::D16psV5, 16, 64.0),
    estimated(VmSize::E2sV5, 2, 16.0),
    estimated(VmSize::E4sV5, 4, 32.0),
    estimated(VmSize::E8sV5, 8, 64.0),
    estimated(VmSize::E16sV5, 16, 128.0),
    observed(VmSize::F2sV2, 2, 4.0, 4_025_836, OBSERVED_F2),
    estimated(VmSize::F4sV2, 4, 8.0),
    observed(VmSize::F8sV2, 8, 16.0, 16_403_296, OBSERVED_16),
    estimated(VmSize::F16sV2, 16, 32.0),
    burstable(VmSize::B2ms, 2, 8.0, 60.0),
    burstable(VmSize::B4ms, 4, 16.0, 90.0),
    observed(VmSize::Ds2V2, 2, 7.0, 7_113_660, OBSERVED_DS2),
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
    fn the_estimate_holds_within_25_mib_of_the_observed_nodes() {
        // (nominal GiB, observed KiB): DS1_v2 (https://stian.tech/downscaling-aks/), B2s
        // (Azure/AKS#1216), F2s_v2 (Azure/AKS#3525), DS2_v2 (chunliu.me), D2s_v3 (an 8 GiB node
        // on AKS 1.30 in a public 2025 transcript whose address is not known), a 16 GiB node
        // (Azure/AKS#1216), an 8 vCPU / 32 GiB node (Microsoft Learn), NC6s_v3 (the container
        // storage logs in https://github.com/VijayRod/demo).
        for (gib, kib) in [
            (3.5, 3_500_452u64),
            (4.0, 4_017_088),
            (4.0, 4_025_836),
            (7.0, 7_113_660),
            (8.0, 8_130_044),
            (16.0, 16_403_296),
            (32.0, 32_863_116),
            (112.0, 115_397_144),
        ] {
            let off_mib = (reported_estimate_kib(gib) as f64 - kib as f64) / 1024.0;
            assert!(off_mib.abs() <= 25.0, "{gib} GiB: {off_mib} MiB off");
        }
    }

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
