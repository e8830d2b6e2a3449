//! What each consumer of a figure accepts: the tools and platforms the exported files and the
//! `headroom eval` JSON are read by. A figure beyond its consumer's limit is an error finding
//! (`exceeds-platform-limit`), and the exports write the limit instead (with a comment), never
//! a value the consumer would refuse. `docs/LIMITS.md` lists the same table.

use super::math::COUNT_CAP;
use super::Sizing;
use crate::plan::Plan;

/// A consumer and the largest value it accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// Who reads the figure, e.g. "Kubernetes (int32)".
    pub consumer: &'static str,
    /// The largest value it accepts.
    pub max: u64,
    /// Where the limit is documented.
    pub source: &'static str,
}

impl Limit {
    /// `value`, or the limit when it is larger: what an export may write.
    pub fn clamp(self, value: u64) -> u64 {
        value.min(self.max)
    }
}

/// Kubernetes' integer fields are int32: a Deployment's `replicas`, an HPA's `minReplicas` and
/// `maxReplicas`, a KEDA ScaledObject's `minReplicaCount` and `maxReplicaCount`.
pub const K8S_INT32: Limit = Limit {
    consumer: "Kubernetes (an int32 field)",
    max: i32::MAX as u64,
    source: "Kubernetes API reference: DeploymentSpec.replicas, HorizontalPodAutoscalerSpec \
             minReplicas/maxReplicas (int32); KEDA's ScaledObject CRD (format: int32)",
};

/// AKS: nodes in one Virtual Machine Scale Sets node pool (`--min-count`, `--max-count`).
pub const AKS_NODES_PER_POOL: Limit = Limit {
    consumer: "AKS (nodes per node pool)",
    max: 1_000,
    source: "https://learn.microsoft.com/azure/aks/quotas-skus-regions \
             (\"Maximum nodes per node pool (Virtual Machine Scale Sets node pools): 1000\")",
};

/// AKS: nodes in one cluster, across every node pool.
pub const AKS_NODES_PER_CLUSTER: Limit = Limit {
    consumer: "AKS (nodes per cluster)",
    max: 5_000,
    source: "https://learn.microsoft.com/azure/aks/quotas-skus-regions \
             (\"Maximum nodes per cluster with Virtual Machine Scale Sets and Standard Load \
             Balancer SKU: 5000 across all node pools\")",
};

/// Redis' `maxclients` is an unsigned 32-bit setting.
pub const REDIS_MAXCLIENTS: Limit = Limit {
    consumer: "Redis (maxclients)",
    max: u32::MAX as u64,
    source: "redis src/config.c: createUIntConfig(\"maxclients\", …, 1, UINT_MAX, …)",
};

/// Linux: a process's open-file limit cannot exceed `fs.nr_open`, whose own maximum is
/// 2,147,483,584 on 64-bit kernels (its default is 1,048,576; sysctl.conf raises it).
pub const LINUX_NOFILE: Limit = Limit {
    consumer: "Linux (open files per process, fs.nr_open)",
    max: 2_147_483_584,
    source: "Linux Documentation/admin-guide/sysctl/fs.rst (nr_open); fs/file.c sysctl_nr_open_max",
};

/// The default `fs.nr_open`: an open-file limit above it needs sysctl.conf to raise it.
pub const LINUX_NR_OPEN_DEFAULT: u64 = 1_048_576;

/// JSON read by JavaScript (the browser, most JSON tools) holds integers exactly up to 2^53;
/// the engine's counts saturate there.
pub const JSON_EXACT: Limit = Limit {
    consumer: "JSON readers (integers exact up to 2^53)",
    max: COUNT_CAP - 1,
    source: "ECMA-262 Number.MAX_SAFE_INTEGER = 2^53 − 1; RFC 8259 section 6",
};

/// Every consumer, for the documentation.
pub const ALL: [Limit; 6] = [
    K8S_INT32,
    AKS_NODES_PER_POOL,
    AKS_NODES_PER_CLUSTER,
    REDIS_MAXCLIENTS,
    LINUX_NOFILE,
    JSON_EXACT,
];

/// What each figure is checked against, as Markdown: `docs/LIMITS.md` is this text (a test keeps
/// the file in step).
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# Limits of what reads Headroom's figures\n\nGenerated from `src/engine/limits.rs`; a test \
         fails when this file is out of date.\n\nA figure beyond its consumer's limit is the error \
         finding `exceeds-platform-limit`, and the exported file writes the limit instead, with a \
         comment saying so. Counts saturate at 2^53.\n\n| consumer | largest value | source |\n|---|---|---|\n",
    );
    for l in ALL {
        out.push_str(&format!("| {} | {} | {} |\n", l.consumer, l.max, l.source));
    }
    out.push_str(
        "\n## Figures checked\n\n\
         - `web.replicas_min`, `web.hpa_max`, `tasks.replicas_min`, `tasks.keda_max`: Kubernetes \
         int32 (replicas, minReplicas, maxReplicas, minReplicaCount, maxReplicaCount).\n\
         - `cluster.autoscaler_min`, `cluster.max_count` (and `cluster.workers.*` for a worker \
         pool of their own): AKS nodes per pool (`--min-count`, `--max-count`); \
         `cluster.nodes_peak` of every user pool plus the system pool: AKS nodes per cluster.\n\
         - `redis.maxclients`: Redis maxclients.\n\
         - `nginx.system_nofile`: Linux open files (sysctl.conf raises `fs.nr_open` above its \
         default of 1048576 when needed); nginx's `worker_connections` is 3 to 1048576 by the \
         parameter's range.\n\
         - `web.slots_at_max`, `latency.servers`, `db.connections_total`, `redis.connections`, \
         `redis.maxclients`, `cluster.nodes_aggregate`: JSON integers.\n",
    );
    out
}

/// A figure checked against what reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Check {
    /// The figure's `headroom eval` key.
    pub key: &'static str,
    /// Where it is written; `None` for a figure that no file writes but the platform must run
    /// (the cluster's node count) or that only the JSON carries.
    pub written: Option<Written>,
    /// Its value.
    pub value: u64,
    /// What reads it.
    pub limit: Limit,
}

/// The fields of an exported file that carry a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// The fields, e.g. "maxReplicas".
    pub fields: &'static str,
    /// The export's file name, e.g. "kubernetes.yaml".
    pub file: &'static str,
}

impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} in {}", self.fields, self.file)
    }
}

impl Check {
    /// Whether the figure is beyond what its consumer accepts.
    pub fn exceeded(&self) -> bool {
        self.value > self.limit.max
    }
}

/// Every figure the exports and the eval JSON write, with the limit of what reads it.
pub fn checks(plan: &Plan, s: &Sizing) -> Vec<Check> {
    let c = |key, written: Option<(&'static str, &'static str)>, value, limit| Check {
        key,
        written: written.map(|(fields, file)| Written { fields, file }),
        value,
        limit,
    };
    let aks = plan.platform == crate::plan::Platform::Aks;
    let mut out = vec![
        c(
            "web.replicas_min",
            Some(("replicas and minReplicas", "kubernetes.yaml")),
            s.web.replicas_min,
            K8S_INT32,
        ),
        c(
            "web.hpa_max",
            Some(("maxReplicas", "kubernetes.yaml")),
            s.web.hpa_max,
            K8S_INT32,
        ),
    ];
    if s.tasks.enabled {
        out.push(c(
            "tasks.replicas_min",
            Some(("minReplicaCount", "kubernetes.yaml")),
            s.tasks.replicas_min,
            K8S_INT32,
        ));
        out.push(c(
            "tasks.keda_max",
            Some(("maxReplicaCount", "kubernetes.yaml")),
            s.tasks.keda_max,
            K8S_INT32,
        ));
    }
    if aks {
        out.push(c(
            "cluster.autoscaler_min",
            Some(("--min-count", "aks-nodepools.sh")),
            s.cluster.autoscaler_min,
            AKS_NODES_PER_POOL,
        ));
        out.push(c(
            "cluster.max_count",
            Some(("--max-count", "aks-nodepools.sh")),
            s.cluster.max_count,
            AKS_NODES_PER_POOL,
        ));
        if let Some(w) = &s.cluster.workers {
            out.push(c(
                "cluster.workers.autoscaler_min",
                Some(("--min-count", "aks-nodepools.sh")),
                w.autoscaler_min,
                AKS_NODES_PER_POOL,
            ));
            out.push(c(
                "cluster.workers.max_count",
                Some(("--max-count", "aks-nodepools.sh")),
                w.max_count,
                AKS_NODES_PER_POOL,
            ));
        }
        // Every pool's nodes count against the cluster's limit.
        out.push(c(
            "cluster.nodes_peak",
            None,
            super::math::sat_add(s.cluster.user_nodes_peak(), u64::from(plan.sys_nodes)),
            AKS_NODES_PER_CLUSTER,
        ));
    }
    out.push(c(
        "redis.maxclients",
        Some(("maxclients", "redis.conf")),
        s.redis.maxclients,
        REDIS_MAXCLIENTS,
    ));
    out.push(c(
        "nginx.system_nofile",
        Some(("nofile", "sysctl.conf")),
        s.nginx.system_nofile,
        LINUX_NOFILE,
    ));
    // Counts that can grow past what a JSON reader holds exactly: products of large counts.
    for (key, value) in [
        ("web.slots_at_max", s.web.slots_at_max),
        ("latency.servers", s.latency.servers),
        ("db.connections_total", s.db.connections_total),
        ("redis.connections", s.redis.connections),
        ("redis.maxclients", s.redis.maxclients),
        ("cluster.nodes_aggregate", s.cluster.nodes_aggregate),
    ] {
        // A saturated count equals the cap, 2^53: "at least 2^53", past the limit.
        out.push(c(key, None, value, JSON_EXACT));
    }
    out
}
