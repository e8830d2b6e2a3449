//! `kubernetes.yaml`: the web Deployment and Service, the worker Deployment, the HPA
//! (autoscaling/v2), the KEDA ScaledObject (redis list trigger) and a PodDisruptionBudget.

use super::{capped, celery_args, env, gunicorn_args, header, yaml};
use crate::engine::limits::K8S_INT32;
use crate::engine::Sizing;
use crate::plan::Plan;
use serde_json::{json, Value};

/// CPU cores as a Kubernetes quantity in millicores (`0.25` → `250m`).
pub fn cpu(cores: f64) -> String {
    format!("{}m", (cores * 1000.0).round() as u64)
}

/// MiB as a Kubernetes quantity (`256` → `256Mi`).
pub fn mem(mib: f64) -> String {
    format!("{}Mi", mib.round() as u64)
}

fn labels(app: &str) -> Value {
    json!({"app.kubernetes.io/name": app, "app.kubernetes.io/part-of": "headroom-plan"})
}

/// The taint AKS puts on every Spot node
/// (https://learn.microsoft.com/azure/aks/spot-node-pool: "kubernetes.azure.com/scalesetpriority=spot:NoSchedule").
pub const SPOT_TAINT: (&str, &str, &str) = (
    "kubernetes.azure.com/scalesetpriority",
    "spot",
    "NoSchedule",
);

/// A pod template's spec with the toleration for Spot nodes when the user pool is Spot
/// (`spot=1`: it is the only user pool, so both Deployments must run there).
fn on_user_pool(plan: &Plan, mut spec: Value) -> Value {
    if plan.spot {
        let (key, value, effect) = SPOT_TAINT;
        spec["tolerations"] =
            json!([{"key": key, "operator": "Equal", "value": value, "effect": effect}]);
    }
    spec
}

/// The objects, in apply order.
pub fn objects(plan: &Plan, s: &Sizing) -> Vec<Value> {
    let web_env: Vec<Value> = env::pairs(&s.gunicorn, &env::POD_ENV)
        .into_iter()
        .map(|(name, value)| json!({"name": name, "value": value}))
        .collect();
    let mut out = vec![
        json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "web", "labels": labels("web")},
            "spec": {
                "replicas": K8S_INT32.clamp(s.web.replicas_min),
                "selector": {"matchLabels": labels("web")},
                "template": {
                    "metadata": {"labels": labels("web")},
                    "spec": on_user_pool(plan, json!({
                        // gunicorn's graceful timeout plus a margin for the endpoint removal.
                        "terminationGracePeriodSeconds": s.web.termination_grace_s,
                        "containers": [{
                            "name": "web",
                            "image": plan.image,
                            "args": gunicorn_args(plan),
                            "ports": [{"name": "http", "containerPort": 8000}],
                            "env": web_env,
                            "resources": {
                                "requests": {"cpu": cpu(plan.web_cpu_cores), "memory": mem(plan.web_mem_mib)},
                                "limits": {"cpu": cpu(plan.web_cpu_limit_cores), "memory": mem(plan.web_mem_limit_mib)}
                            },
                            "readinessProbe": {"httpGet": {"path": "/health", "port": "http"}, "periodSeconds": 5, "failureThreshold": 3},
                            "livenessProbe": {"httpGet": {"path": "/health", "port": "http"}, "periodSeconds": 10, "failureThreshold": 3, "timeoutSeconds": 5}
                        }]
                    }))
                }
            }
        }),
        json!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "web", "labels": labels("web")},
            "spec": {"selector": labels("web"), "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}
        }),
        json!({
            "apiVersion": "autoscaling/v2",
            "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "web", "labels": labels("web")},
            "spec": {
                "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                "minReplicas": K8S_INT32.clamp(s.web.replicas_min),
                "maxReplicas": K8S_INT32.clamp(s.web.hpa_max),
                "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": plan.hpa_cpu_pct.round() as u64}}}],
                // Kubernetes' documented defaults, written out (FIELD-FACTS 3.1).
                "behavior": {
                    "scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max", "policies": [
                        {"type": "Percent", "value": 100, "periodSeconds": 15},
                        {"type": "Pods", "value": 4, "periodSeconds": 15}
                    ]},
                    "scaleDown": {"stabilizationWindowSeconds": 300, "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}
                }
            }
        }),
        json!({
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": {"name": "web", "labels": labels("web")},
            "spec": {"maxUnavailable": 1, "selector": {"matchLabels": labels("web")}}
        }),
    ];
    if s.tasks.enabled {
        // With background work there is a peak or a minimum, so KEDA's maximum is at least 1.
        debug_assert!(s.tasks.keda_max >= 1);
        out.push(json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "worker", "labels": labels("worker")},
            "spec": {
                "replicas": K8S_INT32.clamp(s.tasks.replicas_min),
                "selector": {"matchLabels": labels("worker")},
                "template": {
                    "metadata": {"labels": labels("worker")},
                    "spec": on_user_pool(plan, json!({
                        // The hard time limit plus 30 s, so scale-down lets a running task finish.
                        "terminationGracePeriodSeconds": s.celery.grace_s,
                        "containers": [{
                            "name": "worker",
                            "image": plan.image,
                            "args": celery_args(plan, u64::from(plan.task_concurrency), Some(s.celery.prefetch)),
                            "resources": {
                                "requests": {"cpu": cpu(plan.task_cpu_cores), "memory": mem(plan.task_mem_mib)},
                                "limits": {"cpu": cpu(plan.task_cpu_limit_cores), "memory": mem(plan.task_mem_limit_mib)}
                            }
                        }]
                    }))
                }
            }
        }));
        out.push(json!({
            "apiVersion": "keda.sh/v1alpha1",
            "kind": "ScaledObject",
            "metadata": {"name": "worker", "labels": labels("worker")},
            "spec": {
                "scaleTargetRef": {"name": "worker"},
                // KEDA's defaults (FIELD-FACTS 3.2).
                "pollingInterval": 30,
                "cooldownPeriod": 300,
                "minReplicaCount": K8S_INT32.clamp(s.tasks.replicas_min),
                "maxReplicaCount": K8S_INT32.clamp(s.tasks.keda_max),
                "triggers": [{
                    "type": "redis",
                    "metadata": {
                        "address": "redis:6379",
                        "databaseIndex": "1",
                        "listName": "celery",
                        "listLength": plan.queue_target.to_string(),
                        "activationListLength": "0"
                    }
                }]
            }
        }));
    }
    out
}

/// Renders `kubernetes.yaml`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let mut out = header("#", plan);
    out.push_str(&capped("#", "kubernetes.yaml", plan, s));
    for object in objects(plan, s) {
        out.push_str("---\n");
        out.push_str(&yaml::document(&object));
    }
    out
}
