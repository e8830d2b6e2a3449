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
    out
}
