//! `aks-nodepools.sh`: `az aks nodepool` commands for the system and user pools.

use super::{capped, header};
use crate::engine::cluster::Cluster;
use crate::engine::limits::AKS_NODES_PER_POOL;
use crate::engine::Sizing;
use crate::plan::{Plan, ZonePools};
use crate::resilience;

/// Renders `aks-nodepools.sh`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let mut out = String::from("#!/usr/bin/env bash\n");
    out.push_str(&header("#", plan));
    let c = &s.cluster;
    out.push_str(&capped("#", "aks-nodepools.sh", plan, s));
    out.push_str(&format!(
        r#"# Set these to your cluster; the pools' sizes and bounds come from the plan.
set -euo pipefail
RESOURCE_GROUP="${{RESOURCE_GROUP:-my-resource-group}}"
CLUSTER="${{CLUSTER:-my-aks-cluster}}"

# System pool: CoreDNS, metrics-server, KEDA; fixed size, no application pods.
az aks nodepool update --resource-group "$RESOURCE_GROUP" --cluster-name "$CLUSTER" \
  --name system --mode System --node-taints CriticalAddonsOnly=true:NoSchedule
az aks nodepool scale --resource-group "$RESOURCE_GROUP" --cluster-name "$CLUSTER" \
  --name system --node-count {sys_nodes}
# ({sys_vm} is set when the cluster is created: az aks create --node-vm-size {sys_vm} --node-count {sys_nodes}{sys_zones})

# User pool: {packed} nodes packed at peak ({aggregate} by CPU alone), {min} at the minimum replicas.
{user}"#,
        sys_nodes = plan.sys_nodes,
        sys_vm = plan.sys_vm.as_str(),
        packed = c.nodes_packed.map_or("—".to_string(), |p| p.to_string()),
        aggregate = c.nodes_aggregate,
        min = AKS_NODES_PER_POOL.clamp(c.autoscaler_min),
        user = user_pools(plan, s),
        sys_zones = if plan.zones > 1 {
            let all: Vec<String> = (1..=plan.zones).map(|i| i.to_string()).collect();
            format!(" --zones {}", all.join(" "))
        } else {
            String::new()
        },
    ));
    out.push_str(&autoscaler_profile(plan));
    out
}

/// The user pools' `az aks nodepool add`s: the user pool, and with `worker_pool` = separate or
/// spot the workers' own pool after it, each labelled with its role (`workload=web`,
/// `workload=workers`: the node selectors of `kubernetes.yaml`).
fn user_pools(plan: &Plan, s: &Sizing) -> String {
    // The autoscalers' maxima must reach the nodes that hold the surviving replicas: the
    // pools' maxima as the plan runs (`resilience::survive`).
    let deployed = resilience::deployed(plan, s, &resilience::figures(plan, s));
    let s = &deployed;
    let max = s.cluster.max_count;
    let Some((wp, wc)) = s.cluster.workers_with_plan(plan) else {
        return pools(plan, "user", "", &s.cluster, max);
    };
    let worker_max = wc.max_count;
    let workers = "\n# Worker pool (worker_pool): the workers alone. AKS taints Spot nodes\n\
# kubernetes.azure.com/scalesetpriority=spot:NoSchedule; Spot workers tolerate and prefer it.\n";
    pools(plan, "user", " --labels workload=web", &s.cluster, max)
        + workers
        + &pools(&wp, "workers", " --labels workload=workers", wc, worker_max)
}

/// One role's `az aks nodepool add`: one pool, or with `zone_pools=per_zone` one per zone
/// (`user1`, `user2`, …, each holding its share of the bounds), with the zones, its label, the
/// upgrade settings when they are not AKS's defaults, and Spot when asked. `plan` is the
/// pool's (the workers' own pool has its VM, bounds and priority: `worker_plan`).
fn pools(plan: &Plan, role: &str, label: &str, c: &Cluster, max: u64) -> String {
    let z = plan.zones.max(1);
    let per_zone = plan.zone_pools == ZonePools::PerZone && z > 1;
    let pools: Vec<(String, String)> = if per_zone {
        (1..=z)
            .map(|i| (format!("{}{}", role, i), format!(" --zones {}", i)))
            .collect()
    } else {
        let zones = if z > 1 {
            let all: Vec<String> = (1..=z).map(|i| i.to_string()).collect();
            format!(" --zones {}", all.join(" "))
        } else {
            String::new()
        };
        vec![(role.to_string(), zones)]
    };
    let n = pools.len() as u64;
    let share = |x: u64| AKS_NODES_PER_POOL.clamp(x.div_ceil(n));
    let mut upgrade = String::new();
    if plan.max_surge_nodes > 0 {
        upgrade.push_str(&format!(" --max-surge {}", plan.max_surge_nodes));
    } else if plan.max_surge_pct != 10 {
        upgrade.push_str(&format!(" --max-surge {}%", plan.max_surge_pct));
    }
    if plan.drain_timeout_min != 30 {
        upgrade.push_str(&format!(" --drain-timeout {}", plan.drain_timeout_min));
    }
    let spot = if plan.spot {
        " \\\n  --priority Spot --eviction-policy Delete --spot-max-price -1"
    } else {
        ""
    };
    pools
        .iter()
        .map(|(name, zones)| {
            format!(
                "az aks nodepool add --resource-group \"$RESOURCE_GROUP\" --cluster-name \"$CLUSTER\" \\\n  \
                 --name {} --mode User --node-vm-size {} --max-pods {}{}{} \\\n  \
                 --enable-cluster-autoscaler --min-count {} --max-count {}{}{}\n",
                name,
                plan.node_vm.as_str(),
                plan.node_pods,
                zones,
                label,
                // At least one web node per zone pool, so every zone keeps a node to fail over
                // to (a worker pool may idle at zero).
                if per_zone && role == "user" { share(c.autoscaler_min).max(1) } else { share(c.autoscaler_min) },
                share(max),
                upgrade,
                spot
            )
        })
        .collect()
}

/// The cluster autoscaler's default scale-down times, s (https://learn.microsoft.com/azure/aks/cluster-autoscaler: both 10m).
const CA_DEFAULT_S: u32 = 600;

/// The cluster-autoscaler profile line when the plan's scale-down times differ from AKS's
/// defaults; nothing otherwise. AKS takes whole minutes ("Values must be an integer followed by
/// an 'm'. No unit of time other than minutes (m) is supported": the AKS API reference for
/// `scale-down-unneeded-time` and `scale-down-delay-after-add`), so seconds round up.
fn autoscaler_profile(plan: &Plan) -> String {
    let balance = plan.zone_pools == ZonePools::PerZone && plan.zones > 1;
    if plan.ca_unneeded_s == CA_DEFAULT_S && plan.ca_delay_after_add_s == CA_DEFAULT_S && !balance {
        return String::new();
    }
    let minutes = |s: u32| s.div_ceil(60);
    let rounded: Vec<String> = [
        ("ca_unneeded_s", plan.ca_unneeded_s),
        ("ca_delay_after_add_s", plan.ca_delay_after_add_s),
    ]
    .iter()
    .filter(|(_, s)| s % 60 != 0)
    .map(|(name, s)| format!("{} = {} s is written {}m", name, s, minutes(*s)))
    .collect();
    let note = if rounded.is_empty() {
        String::new()
    } else {
        format!("# AKS takes whole minutes: {}.\n", rounded.join("; "))
    };
    format!(
        "\n# Cluster autoscaler: the plan's scale-down times (AKS's defaults are 10m and 10m){}.\n{}\
az aks update --resource-group \"$RESOURCE_GROUP\" --name \"$CLUSTER\" \\\n  \
--cluster-autoscaler-profile scale-down-unneeded-time={}m scale-down-delay-after-add={}m{}\n",
        if balance { ", and balanced zone pools" } else { "" },
        note,
        minutes(plan.ca_unneeded_s),
        minutes(plan.ca_delay_after_add_s),
        if balance { " balance-similar-node-groups=true" } else { "" }
    )
}
