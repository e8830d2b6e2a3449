//! `containerapp.yaml`: the Azure Container Apps form of the plan (`az containerapp create --yaml`).
//! Seed 000 nests `resources` under `scale`, which the platform does not accept: resources belong
//! to the container.

use super::{header, yaml};
use crate::engine::math::fmt;
use crate::engine::Sizing;
use crate::plan::Plan;
use serde_json::{json, Value};

/// The app definition.
pub fn object(plan: &Plan, s: &Sizing) -> Value {
    json!({
        "properties": {
            "configuration": {
                "activeRevisionsMode": "Single",
                "ingress": {"external": true, "targetPort": 8000, "transport": "auto"}
            },
            "template": {
                "containers": [{
                    "name": "web",
                    "image": plan.image,
                    "resources": {"cpu": plan.aca_cpu, "memory": format!("{}Gi", fmt(plan.aca_mem))},
                    "env": [
                        {"name": "MAX_WORKERS", "value": s.gunicorn.workers.to_string()},
                        {"name": "WORKER_TIMEOUT", "value": s.gunicorn.timeout.to_string()},
                        {"name": "KEEP_ALIVE", "value": s.gunicorn.keepalive.to_string()},
                        {"name": "MAX_CONNECTIONS", "value": plan.max_connections.to_string()},
                        {"name": "MAX_CONNECTIONS_PER_CHILD", "value": plan.max_connections_per_child.to_string()}
                    ]
                }],
                "scale": {
                    "minReplicas": plan.aca_min,
                    "maxReplicas": plan.aca_max,
                    "rules": [{"name": "http-rule", "http": {"metadata": {"concurrentRequests": plan.aca_concurrency.to_string()}}}]
                }
            }
        }
    })
}

/// Renders `containerapp.yaml`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let mut out = header("#", plan);
    out.push_str(&yaml::document(&object(plan, s)));
    out
}
