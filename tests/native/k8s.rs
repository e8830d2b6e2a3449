//! `kubernetes.yaml` and `containerapp.yaml` parsed by a real YAML parser; every Kubernetes
//! object deserialized into the official API types (k8s-openapi) with unknown fields rejected;
//! the KEDA ScaledObject validated against KEDA's CRD schema.
#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use headroom::engine;
use headroom::export::{compose, containerapp, kubernetes};
use headroom::share::{self, presets};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::autoscaling::v2::{HPAScalingRules, HorizontalPodAutoscaler};
use k8s_openapi::api::core::v1::{ConfigMap, NodeSelectorRequirement, Secret, Service};
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::scheduling::v1::PriorityClass;
use serde_json::Value;

use crate::domain;

fn plans() -> Vec<(String, headroom::plan::Plan)> {
    let mut out: Vec<_> = presets::PRESETS
        .iter()
        .map(|p| (p.name.to_string(), presets::plan(p.name).unwrap()))
        .collect();
    out.push((
        "keda_max".into(),
        share::decode("keda_max=150&task_min=2&hpa_max=12").plan,
    ));
    out.push(("names".into(), share::decode(NAMES).plan));
    out.push(("day".into(), share::decode(DAY).plan));
    out.push(("resilience".into(), share::decode(RESILIENCE).plan));
    out.push((
        "spot workers".into(),
        share::decode(&format!(
            "{RESILIENCE}&worker_pool=spot&spot_evictions_month=4"
        ))
        .plan,
    ));
    out.push((
        "separate workers".into(),
        share::decode("worker_pool=separate&worker_vm=Standard_E4s_v5&overprovision=2").plan,
    ));
    out
}

/// A plan that uses every resilience setting: three zone pools, a surviving zone, a worker
/// budget, an automatic web budget, a rollout and an upgrade off their defaults.
const RESILIENCE: &str = "zones=3&zone_pools=per_zone&survive_zone=1&sys_nodes=3&task_min=2&pdb=auto&rollout_surge=50&rollout_unavailable=0&max_surge_pct=20&drain_timeout_min=60";

/// A plan whose Day settings all differ from the platforms' defaults: policies switched off,
/// a per-HPA tolerance, placeholder pods, KEDA's and the autoscalers' timings.
const DAY: &str = "hpa_tolerance=0.05&hpa_up_pods=0&hpa_up_pct=0&hpa_down_pct=0&hpa_up_period_s=60&hpa_down_window_s=120&overprovision=3&keda_poll_s=10&keda_cooldown_s=60&ca_unneeded_s=90&ca_delay_after_add_s=1200&aca_cooldown_s=120";

/// A plan that names its own image and Python applications.
const NAMES: &str =
    "image=ghcr.io/acme/api@sha256:0123abcd&app_module=api.wsgi:application&celery_app=api.tasks";

/// Deserializes into the typed object and back: a field the type does not know (a typo, a
/// wrong nesting) is lost on the way and the comparison fails.
fn typed<T: serde::de::DeserializeOwned + serde::Serialize>(raw: &Value, what: &str) -> T {
    let t: T =
        serde_json::from_value(raw.clone()).unwrap_or_else(|e| panic!("{what}: {e}\n{raw:#}"));
    let back = serde_json::to_value(&t).unwrap();
    assert_eq!(&back, raw, "{what}: unknown or mistyped fields");
    t
}

/// Validates a value against an OpenAPI v3 schema (the subset CRDs use): types, properties
/// (unknown ones rejected), required, enums, int-or-string, items, additionalProperties.
fn validate(v: &Value, schema: &Value, path: &str, errors: &mut Vec<String>) {
    if schema
        .get("x-kubernetes-int-or-string")
        .and_then(Value::as_bool)
        == Some(true)
    {
        if !(v.is_i64() || v.is_u64() || v.is_string()) {
            errors.push(format!("{path}: not an int or string"));
        }
        return;
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(v) {
            errors.push(format!("{path}: {v} not in {options:?}"));
        }
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => {
            let Some(map) = v.as_object() else {
                return errors.push(format!("{path}: not an object"));
            };
            for req in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if !map.contains_key(req.as_str().unwrap_or("")) {
                    errors.push(format!("{path}: missing required {req}"));
                }
            }
            let props = schema.get("properties").and_then(Value::as_object);
            let extra = schema.get("additionalProperties");
            for (k, child) in map {
                let sub = format!("{path}.{k}");
                match (props.and_then(|p| p.get(k)), extra) {
                    (Some(s), _) => validate(child, s, &sub, errors),
                    (None, Some(s)) if s.is_object() => validate(child, s, &sub, errors),
                    (None, _) if props.is_none() => {}
                    (None, _) => errors.push(format!("{sub}: unknown field")),
                }
            }
        }
        Some("array") => match (v.as_array(), schema.get("items")) {
            (Some(items), Some(s)) => items
                .iter()
                .enumerate()
                .for_each(|(i, x)| validate(x, s, &format!("{path}[{i}]"), errors)),
            (None, _) => errors.push(format!("{path}: not an array")),
            _ => {}
        },
        Some("string") if !v.is_string() => errors.push(format!("{path}: not a string")),
        Some("integer") if !(v.is_i64() || v.is_u64()) => {
            errors.push(format!("{path}: not an integer"))
        }
        Some("integer")
            if schema.get("format").and_then(Value::as_str) == Some("int32")
                && v.as_i64().is_none_or(|i| i32::try_from(i).is_err()) =>
        {
            errors.push(format!("{path}: {v} is not an int32"))
        }
        Some("boolean") if !v.is_boolean() => errors.push(format!("{path}: not a boolean")),
        Some("number") if !v.is_number() => errors.push(format!("{path}: not a number")),
        _ => {}
    }
}

fn keda_schema() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keda/keda.sh_scaledobjects.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("KEDA's CRD at {}: {e}", path.display()));
    let crd: Value = serde_saphyr::from_str(&text).unwrap();
    let version = crd["spec"]["versions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "v1alpha1")
        .unwrap();
    version["schema"]["openAPIV3Schema"].clone()
}

#[test]
fn kubernetes_yaml_is_valid_for_kubernetes_and_keda() {
    let schema = keda_schema();
    for (name, plan) in plans() {
        let s = engine::size(&plan);
        let text = kubernetes::render(&plan, &s);
        let docs: Vec<Value> = serde_saphyr::from_multiple(&text)
            .unwrap_or_else(|e| panic!("{name}: YAML: {e}\n{text}"));
        let docs: Vec<Value> = docs.into_iter().filter(|d| !d.is_null()).collect();
        assert_eq!(
            docs,
            kubernetes::objects(&plan, &s),
            "{name}: the YAML reads back as the objects written"
        );
        let mut kinds = Vec::new();
        for doc in &docs {
            let kind = doc["kind"].as_str().unwrap();
            let what = format!("{name}: {kind} {}", doc["metadata"]["name"]);
            kinds.push(kind.to_string());
            match kind {
                "Deployment" => {
                    let d: Deployment = typed(doc, &what);
                    let spec = d.spec;
                    let pod = spec.template.spec.unwrap();
                    let c = &pod.containers[0];
                    if c.name == "reserve" {
                        // Placeholders: below every pod, the web pod's size, the plan's count.
                        assert_eq!(pod.priority_class_name.as_deref(), Some("overprovisioning"));
                        assert_eq!(spec.replicas, Some(plan.overprovision as i32));
                        let requests = c.resources.as_ref().unwrap().requests.as_ref().unwrap();
                        assert_eq!(requests["cpu"].0, kubernetes::cpu(plan.web_cpu_cores));
                    } else if c.name == "worker" {
                        assert!(c
                            .args
                            .as_ref()
                            .unwrap()
                            .contains(&format!("--concurrency={}", plan.task_concurrency)));
                    } else {
                        // The gunicorn settings come from the app-config ConfigMap.
                        let config = docs
                            .iter()
                            .find(|d| d["metadata"]["name"] == "app-config")
                            .unwrap();
                        assert_eq!(
                            config["data"]["WEB_CONCURRENCY"],
                            s.gunicorn.workers.to_string()
                        );
                        assert!(c.env_from.as_ref().is_some_and(|e| e.len() == 2));
                        assert!(c.readiness_probe.is_some() && c.liveness_probe.is_some());
                    }
                }
                "Service" => drop(typed::<Service>(doc, &what)),
                "ConfigMap" => drop(typed::<ConfigMap>(doc, &what)),
                "Secret" => {
                    let secret: Secret = typed(doc, &what);
                    // Placeholders only, never a credential.
                    for v in secret.string_data.unwrap_or_default().values() {
                        assert!(
                            v.contains("REPLACE_WITH_THE_CACHE_ACCESS_KEY"),
                            "{what}: {v}"
                        );
                    }
                }
                "TriggerAuthentication" => {
                    // KEDA's TriggerAuthentication (keda.sh/v1alpha1): spec.secretTargetRef[]
                    // of {parameter, name, key} (https://keda.sh/docs/latest/concepts/authentication/).
                    let refs = doc["spec"]["secretTargetRef"].as_array().unwrap();
                    for r in refs {
                        let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
                        assert_eq!(keys, ["parameter", "name", "key"], "{what}");
                    }
                }
                "HorizontalPodAutoscaler" => {
                    let h: HorizontalPodAutoscaler = typed(doc, &what);
                    let spec = h.spec;
                    let holds = headroom::resilience::assess(&plan, &s, &mut engine::Sink::Silent);
                    let max = if plan.uses(headroom::plan::Group::Resilience) {
                        s.web.hpa_max.max(holds.web_replicas)
                    } else {
                        s.web.hpa_max
                    };
                    assert_eq!(
                        spec.max_replicas as u64, max,
                        "{what}: HPA max = web.hpa_max, raised to the surviving replicas"
                    );
                    assert_eq!(
                        spec.min_replicas.map(|m| m as u64),
                        Some(s.web.replicas_min)
                    );
                    // The plan's behavior: windows, policies, and a tolerance only when set.
                    let b = spec.behavior.unwrap();
                    let (up, down) = (b.scale_up.unwrap(), b.scale_down.unwrap());
                    assert_eq!(
                        down.stabilization_window_seconds,
                        Some(plan.hpa_down_window_s as i32)
                    );
                    let disabled =
                        |r: &HPAScalingRules| r.select_policy.as_deref() == Some("Disabled");
                    assert_eq!(disabled(&up), plan.hpa_up_pods == 0 && plan.hpa_up_pct == 0);
                    assert_eq!(disabled(&down), plan.hpa_down_pct == 0);
                    for p in up.policies.unwrap_or_default() {
                        assert_eq!(p.period_seconds, plan.hpa_up_period_s as i32, "{what}");
                        assert!(p.value > 0, "{what}");
                    }
                    let tolerance = up.tolerance.map(|q| q.0.parse::<f64>().unwrap());
                    let custom = plan.hpa_tolerance != 0.1;
                    assert_eq!(tolerance, custom.then_some(plan.hpa_tolerance), "{what}");
                    assert_eq!(text.contains("HPAConfigurableTolerance"), custom);
                }
                "PodDisruptionBudget" => drop(typed::<PodDisruptionBudget>(doc, &what)),
                "PriorityClass" => {
                    let p: PriorityClass = typed(doc, &what);
                    assert_eq!(p.value, Some(-1), "{what}");
                    assert!(plan.overprovision > 0, "{what}");
                }
                "ScaledObject" => {
                    let mut errors = Vec::new();
                    validate(doc, &schema, "ScaledObject", &mut errors);
                    assert!(errors.is_empty(), "{what}: {errors:#?}");
                    let holds = headroom::resilience::assess(&plan, &s, &mut engine::Sink::Silent);
                    let max = if plan.uses(headroom::plan::Group::Resilience) {
                        s.tasks.keda_max.max(holds.task_replicas)
                    } else {
                        s.tasks.keda_max
                    };
                    assert_eq!(
                        doc["spec"]["maxReplicaCount"].as_u64(),
                        Some(max),
                        "{what}: = tasks.keda_max, raised to the surviving workers"
                    );
                    assert_eq!(
                        doc["spec"]["triggers"][0]["metadata"]["listLength"],
                        plan.queue_target.to_string()
                    );
                    assert_eq!(doc["spec"]["pollingInterval"], plan.keda_poll_s);
                    assert_eq!(doc["spec"]["cooldownPeriod"], plan.keda_cooldown_s);
                }
                other => panic!("{name}: unexpected kind {other}"),
            }
        }
        let workers = s.tasks.enabled;
        assert_eq!(
            kinds.iter().filter(|k| *k == "ScaledObject").count(),
            usize::from(workers),
            "{name}: {kinds:?}"
        );
    }
    // The validator itself rejects what KEDA would: an unknown field and a wrong type.
    let mut bad = kubernetes::objects(
        &headroom::plan::Plan::default(),
        &engine::size(&headroom::plan::Plan::default()),
    )
    .into_iter()
    .find(|o| o["kind"] == "ScaledObject")
    .unwrap();
    bad["spec"]["maxReplicas"] = 3.into();
    bad["spec"]["pollingInterval"] = "30".into();
    let mut errors = Vec::new();
    validate(&bad, &schema, "ScaledObject", &mut errors);
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn seed_001_numbers_in_kubernetes_yaml() {
    let plan = presets::plan("aks-long-running").unwrap();
    let text = kubernetes::render(&plan, &engine::size(&plan));
    for needle in [
        "cpu: \"250m\"",
        "memory: \"256Mi\"",
        "cpu: \"500m\"",
        "memory: \"512Mi\"",
        "cpu: \"1000m\"",
        "memory: \"1024Mi\"",
        "maxReplicas: 8",
        "minReplicas: 3",
        "averageUtilization: 70",
        "maxReplicaCount: 200",
        "listLength: \"5\"",
    ] {
        assert!(
            text.contains(needle),
            "the AKS example's {needle} in:\n{text}"
        );
    }
}

#[test]
fn containerapp_yaml_has_the_platforms_shape() {
    let plan = presets::plan("aca-scale-to-zero").unwrap();
    let s = engine::size(&plan);
    let text = containerapp::render(&plan, &s);
    let v: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(v, containerapp::object(&plan, &s));
    let t = &v["properties"]["template"];
    // The Container Apps example's numbers, with resources on the container (not under scale).
    assert_eq!(t["containers"][0]["resources"]["cpu"].as_f64(), Some(0.25));
    assert_eq!(t["containers"][0]["resources"]["memory"], "0.5Gi");
    assert!(t["scale"].get("resources").is_none());
    assert_eq!(t["scale"]["minReplicas"], 0);
    assert_eq!(t["scale"]["maxReplicas"], 2);
    assert_eq!(
        t["scale"]["rules"][0]["http"]["metadata"]["concurrentRequests"],
        "10"
    );
    let env: Vec<String> = t["containers"][0]["env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}={}",
                e["name"].as_str().unwrap(),
                e["value"].as_str().or(e["secretRef"].as_str()).unwrap()
            )
        })
        .collect();
    // Connection strings are secrets, by reference; every reference names a declared secret.
    let secrets: Vec<&str> = v["properties"]["configuration"]["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        env.contains(&"TASK_BROKER_URL=task-broker-url".to_string()),
        "{env:?}"
    );
    for e in t["containers"][0]["env"].as_array().unwrap() {
        if let Some(r) = e["secretRef"].as_str() {
            assert!(secrets.contains(&r), "{r} not in {secrets:?}");
        }
    }
    for e in [
        "MAX_WORKERS=1",
        "WORKER_TIMEOUT=30",
        "KEEP_ALIVE=2",
        "MAX_CONNECTIONS=1000",
        "MAX_CONNECTIONS_PER_CHILD=0",
    ] {
        assert!(env.contains(&e.to_string()), "{e} in {env:?}");
    }
}

#[test]
fn every_container_runs_the_plans_image_and_applications() {
    let d = share::decode(NAMES);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    let plan = d.plan;
    assert_eq!(plan.image, "ghcr.io/acme/api@sha256:0123abcd");
    let s = engine::size(&plan);
    let mut containers = Vec::new();
    for doc in kubernetes::objects(&plan, &s) {
        if doc["kind"] == "Deployment" {
            let d: Deployment = typed(&doc, "Deployment");
            let spec = d.spec.template.spec.unwrap();
            containers.extend(spec.containers);
        }
    }
    assert_eq!(containers.len(), 2, "web and worker");
    for c in &containers {
        assert_eq!(c.image.as_deref(), Some(plan.image.as_str()), "{}", c.name);
        let args = c.args.clone().unwrap_or_default();
        let app = if c.name == "web" {
            &plan.app_module
        } else {
            &plan.celery_app
        };
        assert!(args.contains(app), "{}: {args:?}", c.name);
    }
    let aca: Value = serde_saphyr::from_str(&containerapp::render(&plan, &s)).unwrap();
    assert_eq!(
        aca["properties"]["template"]["containers"][0]["image"],
        plan.image.as_str()
    );
    let compose: Value = serde_saphyr::from_str(&compose::render(&plan, &s)).unwrap();
    for (service, app) in [("web", &plan.app_module), ("worker", &plan.celery_app)] {
        let svc = &compose["services"][service];
        assert_eq!(svc["image"], plan.image.as_str(), "{service}");
        let command: Vec<&str> = svc["command"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(command.contains(&app.as_str()), "{service}: {command:?}");
    }
}

/// Every file checked by its own tool over the edges of every parameter's range: the
/// Kubernetes objects by the official types (an int32 field refuses a larger number) and
/// KEDA's schema, the YAML files by a parser, the shell scripts by `bash -n`, the Python files
/// by Python's compiler, nginx.conf by `nginx -t`; and the `headroom eval` JSON holds no null
/// and no integer past 2^53.
#[test]
fn every_export_passes_its_validator_at_the_edges() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, TestRunner};
    let schema = keda_schema();
    let mut runner = TestRunner::new(Config {
        cases: 40,
        ..Config::default()
    });
    let strategy = domain::any_link();
    let root = std::env::temp_dir().join(format!("headroom-edges-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let mut dirs = Vec::new();
    // The biggest plans too: every count at its largest.
    let mut links = vec![
        "peak_rps=10000000&rps_per_pod=0.001&buffer=10&workers=256&threads=1024&redis_conn_web=10000&pool_size=10000&max_overflow=10000&task_rate=1000000&task_s=86400&queue_target=1&task_concurrency=1000&cores=512&nginx_conn=1048576".to_string(),
        "node_cpu=0.1&node_mem=0.1&web_cpu=0.001&web_cpu_limit=0.001&web_mem=1&web_mem_limit=1&nginx_conn=3".to_string(),
    ];
    for _ in 0..40 {
        links.push(strategy.new_tree(&mut runner).unwrap().current());
    }
    for (i, link) in links.iter().enumerate() {
        let plan = share::decode(link).plan;
        let report = headroom::report::evaluate(&plan);
        let json: Value = serde_json::from_str(&headroom::report::json::to_json(&report)).unwrap();
        let (ints, nulls) = domain::integers_and_nulls(&json);
        assert!(nulls.is_empty(), "{link}: null at {nulls:?}");
        for (path, n) in ints {
            assert!(n <= 1 << 53, "{link}: {path} = {n}");
        }
        let s = &report.sizing;
        for doc in kubernetes::objects(&plan, s) {
            let what = format!("{link}: {}", doc["kind"]);
            match doc["kind"].as_str().unwrap() {
                "Deployment" => drop(typed::<Deployment>(&doc, &what)),
                "Service" => drop(typed::<Service>(&doc, &what)),
                "HorizontalPodAutoscaler" => drop(typed::<HorizontalPodAutoscaler>(&doc, &what)),
                "PodDisruptionBudget" => drop(typed::<PodDisruptionBudget>(&doc, &what)),
                "ConfigMap" => drop(typed::<ConfigMap>(&doc, &what)),
                "Secret" => drop(typed::<Secret>(&doc, &what)),
                "PriorityClass" => drop(typed::<PriorityClass>(&doc, &what)),
                "ScaledObject" => {
                    let mut errors = Vec::new();
                    validate(&doc, &schema, "ScaledObject", &mut errors);
                    assert!(errors.is_empty(), "{what}: {errors:#?}");
                }
                "TriggerAuthentication" => {}
                other => panic!("{what}: unexpected kind {other}"),
            }
        }
        let wiring = wiring_problems(&kubernetes::objects(&plan, s));
        assert!(wiring.is_empty(), "{link}: {wiring:#?}");
        let dir = root.join(i.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        for f in headroom::export::render_all(&plan, s) {
            if f.name.ends_with(".yaml") || f.name.ends_with(".yml") {
                let docs: Vec<Value> = serde_saphyr::from_multiple(&f.text)
                    .unwrap_or_else(|e| panic!("{link}: {}: {e}", f.name));
                assert!(!docs.is_empty());
            }
            std::fs::write(dir.join(f.name), &f.text).unwrap();
        }
        let aks = std::fs::read_to_string(dir.join("aks-nodepools.sh")).unwrap();
        for flag in ["--min-count ", "--max-count "] {
            let n = domain::number_after(&aks, flag);
            assert!(n <= 1000, "{link}: {flag}{n}");
        }
        let redis = std::fs::read_to_string(dir.join("redis.conf")).unwrap();
        let maxclients = domain::number_after(&redis, "maxclients ");
        assert!((1..=u64::from(u32::MAX)).contains(&maxclients), "{link}");
        dirs.push((link.clone(), dir));
    }
    let run = |cmd: &mut std::process::Command, what: &str| {
        let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let nginx = ["/usr/sbin/nginx", "nginx"]
        .into_iter()
        .find(|n| std::process::Command::new(n).arg("-v").output().is_ok())
        .expect("nginx is installed by scripts/setup --test");
    let mut py = Vec::new();
    for (link, dir) in &dirs {
        for script in ["aks-nodepools.sh", "loadtest.sh"] {
            run(
                std::process::Command::new("bash")
                    .arg("-n")
                    .arg(dir.join(script)),
                &format!("{link}: bash -n {script}"),
            );
        }
        run(
            std::process::Command::new(nginx)
                .args(["-t", "-c"])
                .arg(dir.join("nginx.conf"))
                .arg("-g")
                .arg(format!("pid {}/nginx.pid;", dir.display())),
            &format!("{link}: nginx -t"),
        );
        py.push(dir.join("gunicorn.conf.py"));
        py.push(dir.join("celery_config.py"));
    }
    run(
        std::process::Command::new("python3")
            .args(["-m", "py_compile"])
            .args(&py),
        "python3 -m py_compile",
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// A node taint: key, value, effect.
type Taint = (String, String, String);

/// A node pool `aks-nodepools.sh` creates: its name, taints and labels.
type Pool = (String, Vec<Taint>, Vec<(String, String)>);

/// The node pools `aks-nodepools.sh` creates, each with its taints as (key, value, effect):
/// `--node-taints`, and AKS's own taint on a Spot pool
/// (https://learn.microsoft.com/azure/aks/spot-node-pool); and its labels: `--labels`, and the
/// label AKS gives Spot nodes (`kubernetes.azure.com/scalesetpriority=spot`, same page).
fn pools(script: &str) -> Vec<Pool> {
    let joined = script.replace("\\\n", " ");
    let mut out = Vec::new();
    for line in joined.lines().filter(|l| l.starts_with("az aks nodepool")) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let arg = |flag: &str| {
            words
                .iter()
                .position(|w| *w == flag)
                .and_then(|i| words.get(i + 1))
                .map(|w| w.to_string())
        };
        let Some(name) = arg("--name") else { continue };
        let mut taints: Vec<Taint> = arg("--node-taints")
            .into_iter()
            .flat_map(|t| {
                t.split(',')
                    .map(|one| {
                        let (kv, effect) = one.split_once(':').unwrap();
                        let (k, v) = kv.split_once('=').unwrap();
                        (k.to_string(), v.to_string(), effect.to_string())
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut labels: Vec<(String, String)> = arg("--labels")
            .into_iter()
            .flat_map(|l| {
                l.split(',')
                    .map(|kv| {
                        let (k, v) = kv.split_once('=').unwrap();
                        (k.to_string(), v.to_string())
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        if arg("--priority").as_deref() == Some("Spot") {
            let (k, v, e) = kubernetes::SPOT_TAINT;
            taints.push((k.into(), v.into(), e.into()));
            labels.push((k.into(), v.into()));
        }
        match out.iter_mut().find(|p: &&mut Pool| p.0 == name) {
            Some((_, existing, known)) => {
                existing.extend(taints);
                known.extend(labels);
            }
            None => out.push((name, taints, labels)),
        }
    }
    out
}

/// The pools each Deployment of kubernetes.yaml can be scheduled on: every taint tolerated,
/// its node selector and required node affinity met by the pool's labels. By Deployment name,
/// with the pools its preferred node affinity favours.
fn placements(plan: &headroom::plan::Plan) -> Vec<(String, Vec<String>, Vec<String>)> {
    let s = engine::size(plan);
    let pools = pools(&headroom::export::aks::render(plan, &s));
    let mut out = Vec::new();
    for doc in kubernetes::objects(plan, &s) {
        if doc["kind"] != "Deployment" {
            continue;
        }
        let d: Deployment = typed(&doc, "deployment");
        let spec = d.spec.template.spec.unwrap();
        let tolerations = spec.tolerations.unwrap_or_default();
        let selector = spec.node_selector.unwrap_or_default();
        let affinity = spec.affinity.and_then(|a| a.node_affinity);
        let matches = |labels: &[(String, String)], e: &NodeSelectorRequirement| {
            let value = labels.iter().find(|(k, _)| *k == e.key).map(|(_, v)| v);
            match e.operator.as_str() {
                "In" => value.is_some_and(|v| e.values.iter().flatten().any(|x| x == v)),
                "Exists" => value.is_some(),
                other => panic!("operator {other} not modelled"),
            }
        };
        let required: Vec<NodeSelectorRequirement> = affinity
            .as_ref()
            .and_then(|a| {
                a.required_during_scheduling_ignored_during_execution
                    .clone()
            })
            .map(|r| {
                assert_eq!(r.node_selector_terms.len(), 1, "one term modelled");
                r.node_selector_terms[0]
                    .match_expressions
                    .clone()
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        let preferred: Vec<NodeSelectorRequirement> = affinity
            .as_ref()
            .and_then(|a| {
                a.preferred_during_scheduling_ignored_during_execution
                    .clone()
            })
            .unwrap_or_default()
            .into_iter()
            .flat_map(|p| p.preference.match_expressions.unwrap_or_default())
            .collect();
        let tolerates = |(k, v, e): &Taint| {
            tolerations.iter().any(|t| {
                t.key.as_deref() == Some(k)
                    && (t.operator.as_deref() == Some("Exists") || t.value.as_deref() == Some(v))
                    && t.effect.as_deref().is_none_or(|te| te == e)
            })
        };
        let fits: Vec<&Pool> = pools
            .iter()
            .filter(|(_, taints, labels)| {
                taints.iter().all(tolerates)
                    && selector
                        .iter()
                        .all(|(k, v)| labels.iter().any(|(lk, lv)| lk == k && lv == v))
                    && required.iter().all(|e| matches(labels, e))
            })
            .collect();
        let favoured = fits
            .iter()
            .filter(|(_, _, labels)| {
                !preferred.is_empty() && preferred.iter().all(|e| matches(labels, e))
            })
            .map(|p| p.0.clone())
            .collect();
        out.push((
            doc["metadata"]["name"].as_str().unwrap().to_string(),
            fits.iter().map(|p| p.0.clone()).collect(),
            favoured,
        ));
    }
    out
}

/// Every pod in kubernetes.yaml can be scheduled on some exported node pool (its taints
/// tolerated, its node selector met), so none stays Pending: with `spot=1` the only user pool
/// is Spot-tainted; with a worker pool of their own web and workers each have theirs.
#[test]
fn every_pod_can_be_scheduled_on_an_exported_pool() {
    let mut cases = plans();
    for q in [
        "spot=1",
        "spot=1&task_min=2",
        "worker_pool=separate",
        "worker_pool=spot&task_min=1",
        "worker_pool=spot&spot=1",
        "worker_pool=separate&zones=3&zone_pools=per_zone&overprovision=2",
        "worker_pool=spot&worker_vm=Standard_D8s_v5&zones=2&zone_pools=per_zone&survive_zone=1",
    ] {
        cases.push((q.into(), share::decode(q).plan));
    }
    for (name, plan) in cases {
        let places = placements(&plan);
        assert!(!places.is_empty(), "{name}");
        for (deployment, fits, _) in places {
            assert!(!fits.is_empty(), "{name}: {deployment} fits no pool");
            // The system pool (CriticalAddonsOnly) never takes an application pod.
            assert!(
                !fits.contains(&"system".to_string()),
                "{name}: {deployment}"
            );
        }
    }
}

/// Pools by role (issue #17): Spot workers carry the Spot toleration and prefer the Spot pool,
/// and may fall back to the regular user pool; web pods carry no toleration and run only on
/// the user pool; a separate regular worker pool takes only the workers.
#[test]
fn spot_workers_carry_the_toleration_and_web_does_not() {
    let plan = share::decode("worker_pool=spot&task_min=1").plan;
    let s = engine::size(&plan);
    let objects = kubernetes::objects(&plan, &s);
    let template = |name: &str| {
        objects
            .iter()
            .find(|o| o["kind"] == "Deployment" && o["metadata"]["name"] == name)
            .map(|o| o["spec"]["template"]["spec"].clone())
            .unwrap()
    };
    let (key, value, effect) = kubernetes::SPOT_TAINT;
    assert_eq!(
        template("worker")["tolerations"],
        serde_json::json!([{"key": key, "operator": "Equal", "value": value, "effect": effect}])
    );
    assert!(template("web")["tolerations"].is_null());
    assert_eq!(template("web")["nodeSelector"]["workload"], "web");
    let places = placements(&plan);
    let of = |name: &str| places.iter().find(|p| p.0 == name).unwrap().clone();
    assert_eq!(of("web").1, vec!["user".to_string()]);
    assert_eq!(
        of("worker").1,
        vec!["user".to_string(), "workers".to_string()]
    );
    assert_eq!(
        of("worker").2,
        vec!["workers".to_string()],
        "the workers prefer Spot"
    );
    // A regular pool of their own: only there, and no toleration.
    let plan = share::decode("worker_pool=separate&task_min=1").plan;
    let places = placements(&plan);
    let of = |name: &str| places.iter().find(|p| p.0 == name).unwrap().clone();
    assert_eq!(of("worker").1, vec!["workers".to_string()]);
    assert_eq!(of("web").1, vec!["user".to_string()]);
    // Shared (the default): one user pool for both, exactly as before pools by role.
    let places = placements(&share::decode("task_min=1").plan);
    for (name, fits, _) in places {
        assert_eq!(fits, vec!["user".to_string()], "{name}");
    }
}

/// What in kubernetes.yaml's objects does not hold together: a file a container's command
/// names (or the Celery settings module) that no mount from an exported ConfigMap key provides;
/// an environment variable gunicorn.conf.py or celery_config.py reads that the container does
/// not get; a ConfigMap, Secret or TriggerAuthentication referenced but not in the file.
fn wiring_problems(objects: &[Value]) -> Vec<String> {
    let mut problems = Vec::new();
    let named = |kind: &str, name: &str| {
        objects
            .iter()
            .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
    };
    for d in objects.iter().filter(|o| o["kind"] == "Deployment") {
        let deployment = d["metadata"]["name"].as_str().unwrap_or("?");
        let pod = &d["spec"]["template"]["spec"];
        let volumes = pod["volumes"].as_array().cloned().unwrap_or_default();
        for c in pod["containers"].as_array().into_iter().flatten() {
            let args: Vec<&str> = c["args"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let mut files: Vec<String> = args
                .iter()
                .filter(|a| a.starts_with('/'))
                .map(|a| a.to_string())
                .collect();
            if args.first() == Some(&"celery") {
                // config_from_object("celery_config"): the module in the working directory.
                let dir = c["workingDir"].as_str().unwrap_or("");
                files.push(format!("{dir}/celery_config.py"));
            }
            let mut file_texts = Vec::new();
            for file in &files {
                let mount = c["volumeMounts"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|m| m["mountPath"] == file.as_str());
                let Some(mount) = mount else {
                    problems.push(format!("{deployment}: nothing mounts {file}"));
                    continue;
                };
                let volume = volumes.iter().find(|v| v["name"] == mount["name"]);
                let map = volume
                    .and_then(|v| v["configMap"]["name"].as_str())
                    .and_then(|n| named("ConfigMap", n));
                let key = mount["subPath"].as_str().unwrap_or("");
                match map.and_then(|m| m["data"][key].as_str()) {
                    Some(text) => file_texts.push(text.to_string()),
                    None => problems.push(format!(
                        "{deployment}: {file} is not a key of an exported ConfigMap"
                    )),
                }
            }
            // The variables the container gets: env, and every key of envFrom's sources.
            let mut vars: Vec<String> = c["env"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["name"].as_str().map(String::from))
                .collect();
            for source in c["envFrom"].as_array().into_iter().flatten() {
                let (kind, name, keys) = if let Some(n) = source["configMapRef"]["name"].as_str() {
                    ("ConfigMap", n, "data")
                } else {
                    (
                        "Secret",
                        source["secretRef"]["name"].as_str().unwrap_or(""),
                        "stringData",
                    )
                };
                match named(kind, name) {
                    Some(o) => vars.extend(
                        o[keys]
                            .as_object()
                            .into_iter()
                            .flatten()
                            .map(|(k, _)| k.clone()),
                    ),
                    None => {
                        problems.push(format!("{deployment}: {kind} {name} is not in the file"))
                    }
                }
            }
            for text in &file_texts {
                for (open, close) in [("os.environ.get(\"", "\""), ("_int(\"", "\"")] {
                    for piece in text.split(open).skip(1) {
                        let var = piece.split(close).next().unwrap_or("");
                        // BIND and WORKER_CLASS are optional overrides with the right defaults.
                        if !["BIND", "WORKER_CLASS"].contains(&var)
                            && !vars.iter().any(|v| v == var)
                        {
                            problems.push(format!("{deployment}: {var} is read but not set"));
                        }
                    }
                }
            }
        }
    }
    for so in objects.iter().filter(|o| o["kind"] == "ScaledObject") {
        for t in so["spec"]["triggers"].as_array().into_iter().flatten() {
            if let Some(auth) = t["authenticationRef"]["name"].as_str() {
                match named("TriggerAuthentication", auth) {
                    Some(ta) => {
                        for r in ta["spec"]["secretTargetRef"]
                            .as_array()
                            .into_iter()
                            .flatten()
                        {
                            let secret = named("Secret", r["name"].as_str().unwrap_or(""));
                            if secret.is_none_or(|s| {
                                s["stringData"][r["key"].as_str().unwrap_or("")].is_null()
                            }) {
                                problems.push(format!(
                                    "TriggerAuthentication {auth}: {r} has no Secret key"
                                ));
                            }
                        }
                    }
                    None => {
                        problems.push(format!("TriggerAuthentication {auth} is not in the file"))
                    }
                }
            }
        }
    }
    problems
}

/// The wiring check holds for every preset, and fails for a file without its ConfigMaps.
#[test]
fn kubernetes_yaml_is_wired_together() {
    for (name, plan) in plans() {
        let objects = kubernetes::objects(&plan, &engine::size(&plan));
        let problems = wiring_problems(&objects);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        let without: Vec<Value> = objects
            .iter()
            .filter(|o| o["kind"] != "ConfigMap")
            .cloned()
            .collect();
        let problems = wiring_problems(&without);
        assert!(
            problems.iter().any(|p| p.contains("gunicorn.conf.py"))
                && problems.iter().any(|p| p.contains("ConfigMap app-config")),
            "{name}: removing the ConfigMaps must break the wiring: {problems:#?}"
        );
        if plan.tasks > 0 {
            let without: Vec<Value> = objects
                .iter()
                .filter(|o| o["kind"] != "TriggerAuthentication")
                .cloned()
                .collect();
            assert!(!wiring_problems(&without).is_empty(), "{name}");
        }
    }
}
