//! `containerapp.yaml`: the Azure Container Apps form of the plan (`az containerapp create --yaml`).
//! The Container Apps example nests `resources` under `scale`, which the platform does not accept: resources belong
//! to the container.

use super::app_env::{self, RedisAt};
use super::{env, header, yaml};
use crate::engine::format::exact as fmt;
use crate::engine::Sizing;
use crate::plan::Plan;
use serde_json::Value;

/// The app definition.
pub fn object(plan: &Plan, s: &Sizing) -> Value {
    let mut env: Vec<Value> = env::pairs(&s.gunicorn, &env::ACA_ENV)
        .into_iter()
        .map(|(name, value)| value!({"name": name, "value": value}))
        .collect();
    env.push(value!({"name": "MAX_CONNECTIONS", "value": plan.max_connections.to_string()}));
    env.push(value!({"name": "MAX_CONNECTIONS_PER_CHILD", "value": plan.max_connections_per_child.to_string()}));
    // Connection strings are Container Apps secrets (TLS to Azure Cache for Redis), read by
    // the container through secretRef: never plain values in the template.
    let mut secrets = Vec::new();
    for (name, value) in app_env::connections(plan, RedisAt::Azure) {
        let secret = name.to_ascii_lowercase().replace('_', "-");
        env.push(value!({"name": name, "secretRef": secret.as_str()}));
        secrets.push(value!({"name": secret, "value": value}));
    }
    let mut app = value!({
        "properties": {
            "configuration": {
                "secrets": secrets,
                "activeRevisionsMode": "Single",
                "ingress": {"external": true, "targetPort": 8000, "transport": "auto"}
            },
            "template": {
                "containers": [{
                    "name": "web",
                    "image": plan.image.as_str(),
                    "resources": {"cpu": plan.aca_cpu_cores, "memory": format!("{}Gi", fmt(plan.aca_mem_gib))},
                    "env": env
                }],
                "scale": {
                    "minReplicas": plan.aca_min,
                    "maxReplicas": plan.aca_max,
                    "rules": [{"name": "http-rule", "http": {"metadata": {"concurrentRequests": plan.aca_concurrency.to_string()}}}]
                }
            }
        }
    });
    // A zone-redundant environment runs at least 2 replicas (3 recommended).
    if plan.zones > 1 {
        app["properties"]["template"]["scale"]["minReplicas"] = value!(plan.aca_min.max(2));
    }
    // Container Apps' default cool-down is 300 s (https://learn.microsoft.com/azure/container-apps/scale-app); written only when it differs.
    if plan.aca_cooldown_s != 300 {
        app["properties"]["template"]["scale"]["cooldownPeriod"] = value!(plan.aca_cooldown_s);
    }
    app
}

/// Renders `containerapp.yaml`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let mut out = header("#", plan);
    out.push_str(&super::contract("#"));
    out.push_str(&format!(
        "# Before creating the app: replace {} in the secrets with the cache's access key.\n",
        app_env::ACCESS_KEY_PLACEHOLDER
    ));
    if plan.zones > 1 {
        // Zone redundancy belongs to the environment, set only when it is created, and only in
        // a virtual network (learn.microsoft.com/azure/reliability/reliability-azure-container-apps).
        out.push_str(
            "# Zones: create the environment zone-redundant, in a virtual network (once; it cannot be changed later):\n\
             # az containerapp env create --name <env> --resource-group <group> --location <region> \\\n\
             #   --zone-redundant --infrastructure-subnet-resource-id <subnet-id>\n",
        );
    }
    out.push_str(&yaml::document(&object(plan, s)));
    out
}
