//! `aks-nodepools.sh`: `az aks nodepool` commands for the system and user pools.

use super::{capped, header};
use crate::engine::limits::AKS_NODES_PER_POOL;
use crate::engine::Sizing;
use crate::plan::Plan;

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
# ({sys_vm} is set when the cluster is created: az aks create --node-vm-size {sys_vm} --node-count {sys_nodes})

# User pool: {packed} nodes packed at peak ({aggregate} by CPU alone), {min} at the minimum replicas.
az aks nodepool add --resource-group "$RESOURCE_GROUP" --cluster-name "$CLUSTER" \
  --name user --mode User --node-vm-size {node_vm} --max-pods {pods} \
  --enable-cluster-autoscaler --min-count {min} --max-count {max}{spot}
"#,
        sys_nodes = plan.sys_nodes,
        sys_vm = plan.sys_vm.as_str(),
        packed = c.nodes_packed.map_or("—".to_string(), |p| p.to_string()),
        aggregate = c.nodes_aggregate,
        min = AKS_NODES_PER_POOL.clamp(c.autoscaler_min),
        max = AKS_NODES_PER_POOL.clamp(c.max_count),
        node_vm = plan.node_vm.as_str(),
        pods = plan.node_pods,
        spot = if plan.spot { " \\\n  --priority Spot --eviction-policy Delete --spot-max-price -1" } else { "" },
    ));
    out.push_str(&autoscaler_profile(plan));
    out
}

/// The cluster autoscaler's default scale-down times, s (FIELD-FACTS 3.5: both 10m).
const CA_DEFAULT_S: u32 = 600;

/// The cluster-autoscaler profile line when the plan's scale-down times differ from AKS's
/// defaults; nothing otherwise. AKS takes whole minutes ("Values must be an integer followed by
/// an 'm'. No unit of time other than minutes (m) is supported": the AKS API reference for
/// `scale-down-unneeded-time` and `scale-down-delay-after-add`), so seconds round up.
fn autoscaler_profile(plan: &Plan) -> String {
    if plan.ca_unneeded_s == CA_DEFAULT_S && plan.ca_delay_after_add_s == CA_DEFAULT_S {
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
        "\n# Cluster autoscaler: the plan's scale-down times (AKS's defaults are 10m and 10m).\n{}\
az aks update --resource-group \"$RESOURCE_GROUP\" --name \"$CLUSTER\" \\\n  \
--cluster-autoscaler-profile scale-down-unneeded-time={}m scale-down-delay-after-add={}m\n",
        note,
        minutes(plan.ca_unneeded_s),
        minutes(plan.ca_delay_after_add_s)
    )
}
