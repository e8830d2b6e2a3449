//! `kubernetes.yaml`: the app's settings (ConfigMap `app-config`), its configuration files
//! (ConfigMap `app-files`) and connection strings (Secret `app-secrets`, placeholders), the web
//! Deployment and Service, the worker Deployment, the HPA (autoscaling/v2), the KEDA
//! ScaledObject (redis list trigger over TLS, with its TriggerAuthentication) and a
//! PodDisruptionBudget: everything the containers need, so the file applies as it is.

use super::app_env::{self, RedisAt};
use super::{capped, celery, celery_args, contract, gunicorn, gunicorn_args, header, yaml};
use crate::engine::limits::K8S_INT32;
use crate::engine::Sizing;
use crate::plan::{Group, Plan, WorkerPool};
use crate::resilience;
use serde_json::Value;

/// CPU cores as a Kubernetes quantity in millicores (`0.25` → `250m`).
pub fn cpu(cores: f64) -> String {
    format!("{}m", (cores * 1000.0).round() as u64)
}

/// MiB as a Kubernetes quantity (`256` → `256Mi`).
pub fn mem(mib: f64) -> String {
    format!("{}Mi", mib.round() as u64)
}

fn labels(app: &str) -> Value {
    value!({"app.kubernetes.io/name": app, "app.kubernetes.io/part-of": "headroom-plan"})
}

/// The taint AKS puts on every Spot node
/// (https://learn.microsoft.com/azure/aks/spot-node-pool: "kubernetes.azure.com/scalesetpriority=spot:NoSchedule").
pub const SPOT_TAINT: (&str, &str, &str) = (
    "kubernetes.azure.com/scalesetpriority",
    "spot",
    "NoSchedule",
);

/// The toleration of AKS's Spot taint.
fn spot_toleration() -> Value {
    let (key, value, effect) = SPOT_TAINT;
    value!([{"key": key, "operator": "Equal", "value": value, "effect": effect}])
}

/// A web-sized pod template's spec on the user pool: the toleration for Spot nodes when the
/// user pool is Spot (`spot=1`), and with a worker pool of their own the user pool's node
/// selector (`workload: web`, the label `aks-nodepools.sh` gives that pool), so web pods never
/// take the workers' nodes.
fn on_user_pool(plan: &Plan, mut spec: Value) -> Value {
    if plan.spot {
        spec["tolerations"] = spot_toleration();
    }
    if plan.worker_pool != WorkerPool::Shared {
        spec["nodeSelector"] = value!({"workload": "web"});
    }
    spec
}

/// The worker pod template's spec on the workers' pool: shared, as a web pod's pool (without
/// its selector); separate, the worker pool's node selector (`workload: workers`); spot, the
/// Spot toleration and a preference for Spot nodes (weight 100), so the workers run on the
/// Spot pool and fall back to the regular user pool when Spot has no capacity.
fn on_worker_pool(plan: &Plan, mut spec: Value) -> Value {
    match plan.worker_pool {
        WorkerPool::Shared => return on_user_pool(plan, spec),
        WorkerPool::Separate => spec["nodeSelector"] = value!({"workload": "workers"}),
        WorkerPool::Spot => {
            let (key, value, _) = SPOT_TAINT;
            spec["tolerations"] = spot_toleration();
            spec["affinity"] = value!({"nodeAffinity": {
                "preferredDuringSchedulingIgnoredDuringExecution": [{
                    "weight": 100,
                    "preference": {"matchExpressions": [{"key": key, "operator": "In", "values": [value]}]}
                }]
            }});
        }
    }
    spec
}

/// Where the containers find the exported configuration files (their commands name them).
pub const FILES_DIR: &str = "/app";

/// The app's environment for a container: every setting from `app-config`, every connection
/// string from `app-secrets`.
fn env_from() -> Value {
    value!([{"configMapRef": {"name": "app-config"}}, {"secretRef": {"name": "app-secrets"}}])
}

/// A read-only mount of one exported file from the `app-files` ConfigMap where the command looks.
fn file_mount(file: &str) -> Value {
    value!([{"name": "app-files", "mountPath": format!("{}/{}", FILES_DIR, file), "subPath": file, "readOnly": true}])
}

/// The `app-files` ConfigMap as a pod volume.
fn files_volume() -> Value {
    value!([{"name": "app-files", "configMap": {"name": "app-files"}}])
}

/// The objects, in apply order.
pub fn objects(plan: &Plan, s: &Sizing) -> Vec<Value> {
    let config: serde_json::Map<String, Value> = app_env::settings(plan, s)
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    let mut secrets: serde_json::Map<String, Value> = app_env::connections(plan, RedisAt::Azure)
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    // KEDA reads the password alone (TriggerAuthentication redis-auth).
    secrets.insert(
        "REDIS_PASSWORD".into(),
        Value::String(app_env::ACCESS_KEY_PLACEHOLDER.into()),
    );
    let mut files = serde_json::Map::new();
    files.insert(
        "gunicorn.conf.py".into(),
        Value::String(gunicorn::render(plan, s)),
    );
    if s.tasks.enabled {
        files.insert(
            "celery_config.py".into(),
            Value::String(celery::render(plan, s)),
        );
    }
    let mut out = vec![
        value!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "app-config", "labels": labels("app")},
            "data": config
        }),
        value!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "app-files", "labels": labels("app")},
            "data": files
        }),
        value!({
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "app-secrets", "labels": labels("app")},
            "type": "Opaque",
            "stringData": secrets
        }),
        value!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "web", "labels": labels("web")},
            "spec": {
                "replicas": K8S_INT32.clamp(s.web.replicas_min),
                "selector": {"matchLabels": labels("web")},
                "template": {
                    "metadata": {"labels": labels("web")},
                    "spec": on_user_pool(plan, value!({
                        // gunicorn's graceful timeout plus a margin for the endpoint removal.
                        "terminationGracePeriodSeconds": s.web.termination_grace_s,
                        "volumes": files_volume(),
                        "containers": [{
                            "name": "web",
                            "image": plan.image.as_str(),
                            "args": gunicorn_args(plan),
                            "ports": [{"name": "http", "containerPort": 8000}],
                            "envFrom": env_from(),
                            "volumeMounts": file_mount("gunicorn.conf.py"),
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
        value!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "web", "labels": labels("web")},
            "spec": {"selector": labels("web"), "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}
        }),
        value!({
            "apiVersion": "autoscaling/v2",
            "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "web", "labels": labels("web")},
            "spec": {
                "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                "minReplicas": K8S_INT32.clamp(s.web.replicas_min),
                "maxReplicas": K8S_INT32.clamp(s.web.hpa_max),
                "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": plan.hpa_cpu_pct.round() as u64}}}],
                "behavior": behavior(plan)
            }
        }),
        value!({
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": {"name": "web", "labels": labels("web")},
            "spec": {"maxUnavailable": 1, "selector": {"matchLabels": labels("web")}}
        }),
    ];
    out.extend(placeholders(plan));
    if s.tasks.enabled {
        // With background work there is a peak or a minimum, so KEDA's maximum is at least 1.
        debug_assert!(s.tasks.keda_max >= 1);
        out.push(value!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "worker", "labels": labels("worker")},
            "spec": {
                "replicas": K8S_INT32.clamp(s.tasks.replicas_min),
                "selector": {"matchLabels": labels("worker")},
                "template": {
                    "metadata": {"labels": labels("worker")},
                    "spec": on_worker_pool(plan, value!({
                        // The hard time limit plus 30 s, so scale-down lets a running task finish.
                        "terminationGracePeriodSeconds": s.celery.grace_s,
                        "volumes": files_volume(),
                        "containers": [{
                            "name": "worker",
                            "image": plan.image.as_str(),
                            "args": celery_args(plan, u64::from(plan.task_concurrency), Some(s.celery.prefetch)),
                            "workingDir": FILES_DIR,
                            "envFrom": env_from(),
                            "volumeMounts": file_mount("celery_config.py"),
                            "resources": {
                                "requests": {"cpu": cpu(plan.task_cpu_cores), "memory": mem(plan.task_mem_mib)},
                                "limits": {"cpu": cpu(plan.task_cpu_limit_cores), "memory": mem(plan.task_mem_limit_mib)}
                            }
                        }]
                    }))
                }
            }
        }));
        out.push(value!({
            "apiVersion": "keda.sh/v1alpha1",
            "kind": "TriggerAuthentication",
            "metadata": {"name": "redis-auth", "labels": labels("worker")},
            "spec": {"secretTargetRef": [{"parameter": "password", "name": "app-secrets", "key": "REDIS_PASSWORD"}]}
        }));
        out.push(value!({
            "apiVersion": "keda.sh/v1alpha1",
            "kind": "ScaledObject",
            "metadata": {"name": "worker", "labels": labels("worker")},
            "spec": {
                "scaleTargetRef": {"name": "worker"},
                // The plan's (KEDA's defaults are 30 and 300; https://keda.sh/docs/latest/reference/scaledobject-spec/).
                "pollingInterval": plan.keda_poll_s,
                "cooldownPeriod": plan.keda_cooldown_s,
                "minReplicaCount": K8S_INT32.clamp(s.tasks.replicas_min),
                "maxReplicaCount": K8S_INT32.clamp(s.tasks.keda_max),
                "triggers": [{
                    "type": "redis",
                    // Azure Cache for Redis: TLS on 6380, the access key from the Secret.
                    "authenticationRef": {"name": "redis-auth"},
                    "metadata": {
                        "address": format!("{}:6380", plan.redis_host),
                        "enableTLS": "true",
                        "databaseIndex": "1",
                        "listName": "celery",
                        "listLength": plan.queue_target.to_string(),
                        "activationListLength": "0"
                    }
                }]
            }
        }));
    }
    resilient(plan, s, &mut out);
    out
}

/// What the Resilience group asks of the objects (docs/RESILIENCE.md): the HPA and KEDA hold the
/// replicas that survive the failures asked for, the pods spread over the zones, the computed
/// disruption budget, a worker budget when workers stand, and the rollout's surge and
/// unavailability when they are not Kubernetes' 25 %. A plan that leaves the group alone gets
/// exactly the objects it always had.
fn resilient(plan: &Plan, s: &Sizing, objects: &mut Vec<Value>) {
    if !plan.uses(Group::Resilience) {
        return;
    }
    let r = resilience::figures(plan, s);
    // The maxima as the plan runs (`resilience::survive`).
    let s = &resilience::deployed(plan, s, &r);
    let rollout = plan.rollout_surge_pct != 25 || plan.rollout_unavailable_pct != 25;
    for o in objects.iter_mut() {
        let name = o["metadata"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        match o["kind"].as_str().unwrap_or_default() {
            "Deployment" if name == "web" || name == "worker" => {
                let spec = &mut o["spec"]["template"]["spec"];
                if plan.zones > 1 {
                    spec["topologySpreadConstraints"] = value!([{
                        "maxSkew": 1,
                        "topologyKey": "topology.kubernetes.io/zone",
                        "whenUnsatisfiable": "DoNotSchedule",
                        "labelSelector": {"matchLabels": labels(&name)}
                    }]);
                }
                if rollout {
                    o["spec"]["strategy"] = value!({"type": "RollingUpdate", "rollingUpdate": {
                        "maxSurge": format!("{}%", plan.rollout_surge_pct),
                        "maxUnavailable": format!("{}%", plan.rollout_unavailable_pct)
                    }});
                }
            }
            "HorizontalPodAutoscaler" => {
                let target = resilience::deployed_cpu_target(&r) as u64;
                o["spec"]["maxReplicas"] = value!(K8S_INT32.clamp(s.web.hpa_max));
                o["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"] =
                    value!(target);
            }
            "ScaledObject" => {
                o["spec"]["maxReplicaCount"] = value!(K8S_INT32.clamp(s.tasks.keda_max));
            }
            "PodDisruptionBudget" => {
                o["spec"]["maxUnavailable"] = value!(K8S_INT32.clamp(r.pdb_max_unavailable));
                // A crashing pod never blocks a drain (policy/v1, Kubernetes 1.31 GA).
                o["spec"]["unhealthyPodEvictionPolicy"] = value!("AlwaysAllow");
            }
            _ => {}
        }
    }
    if s.tasks.enabled && plan.task_min > 0 {
        objects.push(value!({
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": {"name": "worker", "labels": labels("worker")},
            "spec": {"maxUnavailable": 1, "unhealthyPodEvictionPolicy": "AlwaysAllow", "selector": {"matchLabels": labels("worker")}}
        }));
    }
}

/// The HPA's `behavior`: the plan's policies and windows. With the Day group's defaults these
/// are Kubernetes' documented defaults written out (https://kubernetes.io/docs/concepts/workloads/autoscaling/horizontal-pod-autoscale/), as before that group
/// existed. A policy of 0 is left out (the API takes only values above 0); a direction with no
/// policy left is `Disabled`. A tolerance other than the cluster's default 0.1 is set per
/// direction (KEP-4951: alpha in 1.33, beta in 1.35).
fn behavior(plan: &Plan) -> Value {
    let period = plan.hpa_up_period_s;
    let mut up_policies = Vec::new();
    if plan.hpa_up_pct > 0 {
        up_policies
            .push(value!({"type": "Percent", "value": plan.hpa_up_pct, "periodSeconds": period}));
    }
    if plan.hpa_up_pods > 0 {
        up_policies
            .push(value!({"type": "Pods", "value": plan.hpa_up_pods, "periodSeconds": period}));
    }
    let up_disabled = up_policies.is_empty();
    if up_disabled {
        // Ignored while disabled; the API wants a valid list.
        up_policies.push(value!({"type": "Pods", "value": 1, "periodSeconds": period}));
    }
    let mut up = value!({
        "stabilizationWindowSeconds": 0,
        "selectPolicy": if up_disabled { "Disabled" } else { "Max" },
        "policies": up_policies
    });
    let mut down = value!({
        "stabilizationWindowSeconds": plan.hpa_down_window_s,
        "policies": [{"type": "Percent", "value": plan.hpa_down_pct.max(1), "periodSeconds": 15}]
    });
    if plan.hpa_down_pct == 0 {
        down["selectPolicy"] = value!("Disabled");
    }
    if custom_tolerance(plan) {
        let quantity = crate::plan::format_real(plan.hpa_tolerance);
        up["tolerance"] = value!(quantity.as_str());
        down["tolerance"] = value!(quantity);
    }
    value!({"scaleUp": up, "scaleDown": down})
}

/// Whether the plan's HPA tolerance differs from the cluster-wide default.
fn custom_tolerance(plan: &Plan) -> bool {
    (plan.hpa_tolerance - crate::engine::web::HPA_TOLERANCE).abs() > 1e-12
}

/// The placeholder pods of `overprovision`: a PriorityClass below every real pod and a
/// Deployment of pause containers the size of a web pod. Real pods preempt them at once; the
/// evicted placeholders then wait for a node, which makes the cluster autoscaler add one
/// (https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md, "How can I
/// configure overprovisioning with Cluster Autoscaler?").
fn placeholders(plan: &Plan) -> Vec<Value> {
    if plan.overprovision == 0 {
        return Vec::new();
    }
    vec![
        value!({
            "apiVersion": "scheduling.k8s.io/v1",
            "kind": "PriorityClass",
            "metadata": {"name": "overprovisioning", "labels": labels("overprovisioning")},
            "value": -1,
            "globalDefault": false,
            "description": "Placeholder pods that keep spare room warm; every real pod preempts them."
        }),
        value!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "overprovisioning", "labels": labels("overprovisioning")},
            "spec": {
                "replicas": plan.overprovision,
                "selector": {"matchLabels": labels("overprovisioning")},
                "template": {
                    "metadata": {"labels": labels("overprovisioning")},
                    "spec": on_user_pool(plan, value!({
                        "priorityClassName": "overprovisioning",
                        "terminationGracePeriodSeconds": 0,
                        "containers": [{
                            "name": "reserve",
                            "image": PAUSE_IMAGE,
                            "resources": {
                                "requests": {"cpu": cpu(plan.web_cpu_cores), "memory": mem(plan.web_mem_mib)}
                            }
                        }]
                    }))
                }
            }
        }),
    ]
}

/// The placeholder pods' image: Kubernetes' pause container, which only sleeps.
pub const PAUSE_IMAGE: &str = "registry.k8s.io/pause:3.10";

/// Renders `kubernetes.yaml`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let mut out = header("#", plan);
    out.push_str(&capped("#", "kubernetes.yaml", plan, s));
    out.push_str(&contract("#"));
    out.push_str(&format!(
        "# Before applying: the Secret app-secrets holds placeholders. Put the cache's access key\n\
         # (az redis list-keys --name <cache> --resource-group <group> --query primaryKey -o tsv)\n\
         # in place of {} in each value, or create the Secret with\n\
         # kubectl create secret generic app-secrets --from-literal=REDIS_PASSWORD=<key> ... and drop it here.\n",
        app_env::ACCESS_KEY_PLACEHOLDER
    ));
    if custom_tolerance(plan) {
        out.push_str(
            "# The HPA sets its own tolerance (behavior.scaleUp/scaleDown.tolerance): Kubernetes 1.33+\n\
             # with the HPAConfigurableTolerance feature gate (alpha), or 1.35+ (beta, on by default).\n",
        );
    }
    for object in objects(plan, s) {
        out.push_str("---\n");
        out.push_str(&yaml::document(&object));
    }
    out
}
