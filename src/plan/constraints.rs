//! Pairs of parameters that must agree: the codec, the plan JSON and the form refuse a plan
//! that breaks one, naming both parameters.

use super::{AllocMode, Plan};

/// A pair of parameters whose values contradict each other; both are named in the message.
pub struct Constraint {
    /// The two parameters involved.
    pub params: [&'static str; 2],
    /// Whether the plan satisfies it.
    pub holds: fn(&Plan) -> bool,
    /// What must hold, in words.
    pub rule: &'static str,
}

/// Every pair of parameters that must agree. The default plan satisfies all of them.
pub static CONSTRAINTS: &[Constraint] = &[
    Constraint {
        params: ["offpeak_rps", "peak_rps"],
        holds: |p| p.offpeak_rps <= p.peak_rps,
        rule: "off-peak traffic cannot exceed peak traffic",
    },
    Constraint {
        params: ["web_cpu", "web_cpu_limit"],
        holds: |p| p.web_cpu_cores <= p.web_cpu_limit_cores,
        rule: "a CPU request cannot exceed its limit",
    },
    Constraint {
        params: ["web_mem", "web_mem_limit"],
        holds: |p| p.web_mem_mib <= p.web_mem_limit_mib,
        rule: "a memory request cannot exceed its limit",
    },
    Constraint {
        params: ["task_cpu", "task_cpu_limit"],
        holds: |p| p.task_cpu_cores <= p.task_cpu_limit_cores,
        rule: "a CPU request cannot exceed its limit",
    },
    Constraint {
        params: ["task_mem", "task_mem_limit"],
        holds: |p| p.task_mem_mib <= p.task_mem_limit_mib,
        rule: "a memory request cannot exceed its limit",
    },
    Constraint {
        params: ["min_replicas", "hpa_max"],
        holds: |p| p.hpa_max.get().is_none_or(|mx| p.min_replicas <= mx),
        rule: "the minimum replicas cannot exceed a configured HPA maximum",
    },
    Constraint {
        params: ["task_min", "keda_max"],
        holds: |p| p.keda_max.get().is_none_or(|mx| p.task_min <= mx),
        rule: "the minimum worker replicas cannot exceed a configured KEDA maximum",
    },
    Constraint {
        params: ["node_min", "node_max"],
        holds: |p| p.node_max.get().is_none_or(|mx| p.node_min <= mx),
        rule: "the autoscaler minimum cannot exceed a configured maximum",
    },
    Constraint {
        params: ["worker_nodes_min", "worker_nodes_max"],
        holds: |p| {
            p.worker_nodes_max
                .get()
                .is_none_or(|mx| p.worker_nodes_min <= mx)
        },
        rule: "the worker pool's minimum cannot exceed a configured maximum",
    },
    Constraint {
        params: ["aca_min", "aca_max"],
        holds: |p| p.aca_min <= p.aca_max,
        rule: "Container Apps minimum replicas cannot exceed the maximum",
    },
    Constraint {
        params: ["task_soft_limit", "task_time_limit"],
        holds: |p| {
            p.task_soft_limit_s
                .get()
                .is_none_or(|soft| soft < p.task_time_limit_s)
        },
        rule: "a soft time limit must be below the hard one",
    },
    Constraint {
        params: ["retry_delay_s", "retry_max_s"],
        holds: |p| p.retry_delay_s <= p.retry_max_s,
        rule: "the first retry delay cannot exceed the cap",
    },
    Constraint {
        params: ["ds_cpu", "node_cpu"],
        // node_cpu is read only with alloc = fixed; with alloc = aks, DaemonSets that fill the
        // computed allocatable are a pod-unschedulable finding, not a refused plan.
        holds: |p| p.alloc != AllocMode::Fixed || p.ds_cpu_cores < p.node_cpu_cores,
        rule: "with alloc = fixed, DaemonSet CPU must be below the node's allocatable CPU",
    },
    Constraint {
        params: ["ds_pods", "node_pods"],
        holds: |p| p.ds_pods < p.node_pods,
        rule: "DaemonSet pods must leave room for application pods below max pods per node",
    },
    Constraint {
        params: ["ds_mem", "node_mem"],
        holds: |p| p.alloc != AllocMode::Fixed || p.ds_mem_mib < p.node_mem_gib * 1024.0,
        rule: "with alloc = fixed, DaemonSet memory must be below the node's allocatable memory",
    },
    Constraint {
        params: ["rollout_surge", "rollout_unavailable"],
        holds: |p| p.rollout_surge_pct > 0 || p.rollout_unavailable_pct > 0,
        rule: "a rollout needs room to move: maxSurge and maxUnavailable cannot both be 0",
    },
];
