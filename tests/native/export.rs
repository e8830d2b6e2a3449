//! Exported files checked by the tools that own their formats: `nginx -t`, Python executing
//! `gunicorn.conf.py` and `celery_config.py` (the values read back must be the plan's), and
//! `headroom eval --plan plan.json` giving the same sizing. Also `headroom export` itself.
#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use headroom::engine;
use headroom::export::{self, File};
use headroom::share::{self, presets};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every preset and a few plans that exercise other branches of the exporters.
fn plans() -> Vec<(String, headroom::plan::Plan)> {
    let mut out: Vec<_> = presets::PRESETS
        .iter()
        .map(|p| (p.name.to_string(), presets::plan(p.name).unwrap()))
        .collect();
    for q in [
        "proxy_keepalive_s=4&rate=0.5&burst=0&threads=4",
        "tasks=0&redis_policy=allkeys-lru&pool_size=0",
        "max_retries=6&retry_delay_s=30&retry_max_s=300",
    ] {
        out.push((q.to_string(), share::decode(q).plan));
    }
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "headroom-export-{}-{}",
        std::process::id(),
        name.replace(['=', '&', '.'], "_")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, files: &[File]) {
    for f in files {
        std::fs::write(dir.join(f.name), &f.text).unwrap();
    }
}

fn python(script: &str, dir: &Path, env: &[(&str, &str)]) -> serde_json::Value {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env_clear()
        .envs(env.iter().copied())
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "python: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("python printed JSON")
}

#[test]
fn every_file_names_the_plan() {
    for (name, plan) in plans() {
        let files = export::render_all(&plan, &engine::size(&plan));
        assert_eq!(
            files.iter().map(|f| f.name).collect::<Vec<_>>(),
            export::names()
        );
        assert_eq!(
            files.len(),
            14,
            "issue 6's twelve files, issue 14's loadtest.js and issue 25's locustfile.py"
        );
        let link = format!("?{}", share::encode(&plan));
        for f in files.iter().filter(|f| f.name != "plan.json") {
            assert!(
                f.text
                    .lines()
                    .find(|l| !l.starts_with("#!"))
                    .unwrap()
                    .ends_with(&link),
                "{name}: {} lacks {link}",
                f.name
            );
        }
    }
}

#[test]
#[ignore = "needs nginx (scripts/setup --test installs it); scripts/test runs it"]
fn nginx_accepts_nginx_conf() {
    let nginx = ["/usr/sbin/nginx", "nginx"]
        .into_iter()
        .find(|n| Command::new(n).arg("-v").output().is_ok());
    let nginx = nginx.expect("nginx is installed by scripts/setup --test");
    for (name, plan) in plans() {
        let s = engine::size(&plan);
        let dir = scratch(&format!("nginx-{name}"));
        write(&dir, &export::render_all(&plan, &s));
        let conf = dir.join("nginx.conf");
        let out = Command::new(nginx)
            .args(["-t", "-c", conf.to_str().unwrap(), "-g"])
            .arg(format!("pid {}/nginx.pid;", dir.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: nginx -t: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&conf).unwrap();
        assert!(text.contains(&format!("worker_processes {};", s.nginx.worker_processes)));
        assert!(text.contains(&format!("worker_connections {};", plan.nginx_conn)));
        if plan.burst > 0 {
            assert!(text.contains(&format!("burst={} nodelay", plan.burst)));
        } else {
            assert!(text.contains("limit_req zone=api_limit nodelay;"));
        }
        assert!(text.contains(&format!(
            "proxy_read_timeout {}s;",
            plan.proxy_read_timeout_s
        )));
        assert_eq!(
            text.contains("keepalive_timeout"),
            plan.proxy_keepalive_s > 0,
            "{name}"
        );
    }
}

#[test]
fn python_runs_gunicorn_and_celery_configs_with_the_plans_values() {
    let read_gunicorn = r#"
import json, runpy
c = runpy.run_path("gunicorn.conf.py")
print(json.dumps({k: c[k] for k in ["bind", "workers", "threads", "worker_class", "timeout", "graceful_timeout", "keepalive", "max_requests", "max_requests_jitter"]}))
"#;
    let read_celery = r#"
import json, runpy
c = runpy.run_path("celery_config.py")
a = c["task_annotations"]["*"]
# Celery's exponential back-off: retry_backoff * 2 ** retries, capped at retry_backoff_max.
waits = [min(a["retry_backoff"] * 2 ** n, a["retry_backoff_max"]) for n in range(a["max_retries"])]
keys = ["worker_concurrency", "worker_prefetch_multiplier", "task_acks_late", "task_reject_on_worker_lost",
        "task_time_limit", "task_soft_time_limit", "worker_max_tasks_per_child", "RETRY_DELAYS"]
out = {k: c[k] for k in keys}
out["waits"] = waits
out["jitter"] = a["retry_jitter"]
print(json.dumps(out))
"#;
    for (name, plan) in plans() {
        let s = engine::size(&plan);
        let dir = scratch(&format!("py-{name}"));
        write(&dir, &export::render_all(&plan, &s));
        let g = python(read_gunicorn, &dir, &[]);
        let g_expected = serde_json::json!({
            "bind": "0.0.0.0:8000",
            "workers": s.gunicorn.workers, "threads": s.gunicorn.threads,
            "worker_class": if s.gunicorn.threads > 1 { "gthread" } else { "uvicorn.workers.UvicornWorker" },
            "timeout": s.gunicorn.timeout, "graceful_timeout": s.gunicorn.graceful_timeout,
            "keepalive": s.gunicorn.keepalive, "max_requests": s.gunicorn.max_requests,
            "max_requests_jitter": s.gunicorn.max_requests_jitter,
        });
        assert_eq!(g, g_expected, "{name}");
        // The gunicorn scaling guide's environment variables override the plan's defaults.
        let g = python(
            read_gunicorn,
            &dir,
            &[("WORKERS", "7"), ("WORKER_TIMEOUT", "90")],
        );
        assert_eq!(
            (g["workers"].as_u64(), g["timeout"].as_u64()),
            (Some(7), Some(90))
        );

        let c = python(read_celery, &dir, &[]);
        let delays = serde_json::json!(s.celery.retry_delays);
        assert_eq!(c["worker_concurrency"], s.celery.concurrency, "{name}");
        assert_eq!(c["worker_prefetch_multiplier"], s.celery.prefetch);
        assert_eq!(c["task_time_limit"], s.celery.time_limit);
        assert_eq!(c["task_soft_time_limit"], s.celery.soft_time_limit);
        assert_eq!(
            c["worker_max_tasks_per_child"],
            s.celery.max_tasks_per_child
        );
        assert_eq!(
            (
                c["task_acks_late"].as_bool(),
                c["task_reject_on_worker_lost"].as_bool()
            ),
            (Some(true), Some(true))
        );
        assert_eq!(c["RETRY_DELAYS"], delays, "{name}");
        assert_eq!(
            c["waits"], delays,
            "{name}: Celery's own back-off must wait the plan's delays"
        );
        assert_eq!(c["jitter"], false);
    }
    // The one-host example: 60, 120, 240 s.
    let s = engine::size(&presets::plan("nginx-celery-mongo").unwrap());
    assert_eq!(s.celery.retry_delays, [60, 120, 240]);
}

#[test]
fn env_and_redis_files_carry_the_plan() {
    let plan = presets::plan("aca-scale-to-zero").unwrap();
    let s = engine::size(&plan);
    let env = export::app_env::render(&plan, &s);
    for line in [
        "MAX_WORKERS=1",
        "WORKER_TIMEOUT=30",
        "KEEP_ALIVE=2",
        "MAX_CONNECTIONS=1000",
        "MAX_CONNECTIONS_PER_CHILD=0",
    ] {
        assert!(
            env.lines().any(|l| l == line),
            "the Container Apps example's {line} in:\n{env}"
        );
    }
    for l in env.lines().filter(|l| !l.starts_with('#')) {
        let (k, v) = l.split_once('=').expect("KEY=value");
        assert!(
            k.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                && !v.contains(' '),
            "{l}"
        );
    }
    // The one-host example's redis-server --maxmemory 512mb --maxmemory-policy allkeys-lru.
    let plan = presets::plan("nginx-celery-mongo").unwrap();
    let redis = export::redis::render(&plan, &engine::size(&plan));
    assert!(
        redis.contains("maxmemory 512mb\n") && redis.contains("maxmemory-policy allkeys-lru\n"),
        "{redis}"
    );
    let plan = share::decode("redis_policy=allkeys-lru&tasks=0").plan;
    let redis = export::redis::render(&plan, &engine::size(&plan));
    assert!(
        redis.contains("maxmemory-policy allkeys-lru\n") && redis.contains("appendonly no\n"),
        "{redis}"
    );
    let plan = headroom::plan::Plan::default();
    let redis = export::redis::render(&plan, &engine::size(&plan));
    assert!(
        redis.contains("maxmemory-policy noeviction\n") && redis.contains("appendonly yes\n"),
        "{redis}"
    );
}

fn headroom(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn headroom_export_writes_checks_and_refuses() {
    let dir = scratch("cli");
    let d = dir.to_str().unwrap();
    assert_eq!(
        headroom(&["export", "--preset", "flask-gunicorn", "--out", d]).0,
        0
    );
    let plan = presets::plan("flask-gunicorn").unwrap();
    for f in export::render_all(&plan, &engine::size(&plan)) {
        assert_eq!(
            std::fs::read_to_string(dir.join(f.name)).unwrap(),
            f.text,
            "{}",
            f.name
        );
    }
    // plan.json sizes the same as the preset.
    let plan_file = dir.join("plan.json");
    assert_eq!(
        headroom(&["eval", "--plan", plan_file.to_str().unwrap()]).1,
        headroom(&["eval", "--preset", "flask-gunicorn"]).1
    );
    // Existing files are kept without --force.
    let (code, _, err) = headroom(&["export", "--preset", "flask-gunicorn", "--out", d]);
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        headroom(&[
            "export",
            "--preset",
            "flask-gunicorn",
            "--out",
            d,
            "--force"
        ])
        .0,
        0
    );
    // --check: 0 when the files match, 1 listing each file that differs.
    assert_eq!(
        headroom(&["export", "--preset", "flask-gunicorn", "--check", d]).0,
        0
    );
    let (code, _, err) = headroom(&[
        "export",
        "--preset",
        "flask-gunicorn",
        "--query",
        "peak_rps=1200",
        "--check",
        d,
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("gunicorn.conf.py") && err.contains("plan.json"),
        "{err}"
    );
    // --only writes only the named files; bad input exits 2 naming the parameter.
    let only = scratch("only");
    assert_eq!(
        headroom(&[
            "export",
            "--out",
            only.to_str().unwrap(),
            "--only",
            "nginx.conf"
        ])
        .0,
        0
    );
    assert_eq!(std::fs::read_dir(&only).unwrap().count(), 1);
    let two = scratch("only-two");
    assert_eq!(
        headroom(&[
            "export",
            "--out",
            two.to_str().unwrap(),
            "--only",
            "nginx.conf",
            "app.env",
            "--force"
        ])
        .0,
        0
    );
    assert_eq!(std::fs::read_dir(&two).unwrap().count(), 2);
    let (code, _, err) = headroom(&[
        "export",
        "--query",
        "rate=0",
        "--out",
        only.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("rate"), "{err}");
    assert_eq!(headroom(&["export", "--out", d, "--only", "nope.txt"]).0, 2);
}

#[test]
fn shell_scripts_pass_bash_n_and_compose_parses() {
    for (name, plan) in plans() {
        let s = engine::size(&plan);
        let dir = scratch(&format!("sh-{name}"));
        write(&dir, &export::render_all(&plan, &s));
        // k6 scripts are ES modules: node checks their syntax as one.
        let module = dir.join("loadtest.mjs");
        std::fs::copy(dir.join("loadtest.js"), &module).unwrap();
        let out = Command::new("node")
            .arg("--check")
            .arg(&module)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: node --check loadtest.js: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let js = std::fs::read_to_string(dir.join("loadtest.js")).unwrap();
        assert!(
            js.contains(&format!("rate: {},", s.loadtest.service_rate_rps)),
            "{name}: the peak rate"
        );
        assert!(
            js.contains("executor: 'constant-arrival-rate'"),
            "{name}: an open loop"
        );
        assert_eq!(
            js.contains("p(95)<"),
            s.loadtest.p95_budget_ms.is_some(),
            "{name}: thresholds"
        );
        for script in ["aks-nodepools.sh", "loadtest.sh"] {
            let out = Command::new("bash")
                .arg("-n")
                .arg(dir.join(script))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{name}: bash -n {script}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let aks = std::fs::read_to_string(dir.join("aks-nodepools.sh")).unwrap();
        if let Some(max) = s.cluster.autoscaler_max {
            assert!(
                aks.contains(&format!("--max-count {max}")),
                "{name}: --max-count = cluster.autoscaler_max"
            );
        }
        assert!(aks.contains(&format!("--min-count {}", s.cluster.autoscaler_min)));
        let compose: serde_json::Value = serde_saphyr::from_str(
            &std::fs::read_to_string(dir.join("docker-compose.yml")).unwrap(),
        )
        .unwrap();
        assert_eq!(compose, export::compose::object(&plan, &s), "{name}");
        let services = compose["services"].as_object().unwrap();
        assert!(services.values().all(|s| s["image"].is_string()), "{name}");
        // One host: every other service joins web's network, so localhost means the same.
        for (service, def) in services.iter().filter(|(n, _)| *n != "web") {
            assert_eq!(def["network_mode"], "service:web", "{name}: {service}");
            assert!(
                def.get("ports").is_none(),
                "{name}: {service} cannot publish ports"
            );
        }
        assert_eq!(
            services.contains_key("nginx"),
            s.level.recommended.number() >= 2,
            "{name}: nginx from level 2"
        );
        assert_eq!(
            services.contains_key("worker"),
            s.tasks.peak > 0 || s.tasks.replicas_min > 0 || s.level.recommended.number() >= 3,
            "{name}"
        );
        let sysctl = std::fs::read_to_string(dir.join("sysctl.conf")).unwrap();
        for line in sysctl.lines().filter(|l| !l.starts_with('#')) {
            let (k, v) = line
                .split_once(" = ")
                .unwrap_or_else(|| panic!("{name}: '{line}'"));
            assert!(k.contains('.') && !v.is_empty(), "{line}");
        }
        let load = std::fs::read_to_string(dir.join("loadtest.sh")).unwrap();
        let conns = (s.web.in_flight.ceil() as u64)
            .max(s.web.slots_per_pod)
            .max(1);
        assert!(
            load.contains(&format!("-c{conns} ")),
            "{name}: wrk connections = in-flight requests"
        );
    }
}

#[test]
fn python_unzips_the_archive_with_every_file() {
    let plan = presets::plan("aks-long-running").unwrap();
    let files = export::render_all(&plan, &engine::size(&plan));
    let dir = scratch("zip");
    std::fs::write(dir.join("headroom.zip"), export::zip::archive(&files)).unwrap();
    let script = r#"
import json, zipfile
z = zipfile.ZipFile("headroom.zip")
assert z.testzip() is None
print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))
"#;
    let v = python(script, &dir, &[]);
    let unpacked = v.as_object().unwrap();
    assert_eq!(unpacked.len(), 14);
    for f in &files {
        assert_eq!(
            unpacked[f.name].as_str(),
            Some(f.text.as_str()),
            "{}",
            f.name
        );
    }
}

/// `locustfile.py` compiles, and its steps are the plan's: 1, 2, 4, … up to twice the slots.
#[test]
fn python_compiles_the_locustfile_with_the_plans_steps() {
    let read = r#"
import ast, json
source = open("locustfile.py").read()
compile(source, "locustfile.py", "exec")
tree = ast.parse(source)
users = next(ast.literal_eval(n.value) for n in tree.body
             if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "USERS")
classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
print(json.dumps({"users": users, "classes": classes}))
"#;
    for (name, plan) in plans() {
        let s = engine::size(&plan);
        let dir = scratch(&format!("locust-{name}"));
        write(&dir, &export::render_all(&plan, &s));
        let v = python(read, &dir, &[]);
        let users = headroom::engine::loadtest::step_users(s.web.slots_per_pod);
        assert_eq!(v["users"], serde_json::json!(users), "{name}");
        assert_eq!(*users.last().unwrap(), 2 * s.web.slots_per_pod, "{name}");
        assert_eq!(
            v["classes"],
            serde_json::json!(["PodUser", "Steps"]),
            "{name}"
        );
    }
}

/// A long link (a 288-level day at full precision) is written in pieces of at most 1,000
/// characters that join back to the plan's query: nginx refuses a line of over 4,096 bytes.
#[test]
fn a_long_query_is_written_in_pieces_that_join_back() {
    let plan = headroom::plan::Plan {
        day: (0..288)
            .map(|i| 100.0 * (i as f64 + 0.123_456_789_012_3) / 288.0)
            .collect(),
        ..headroom::plan::Plan::default()
    };
    let q = share::encode(&plan);
    assert!(q.len() > 4096);
    let s = engine::size(&plan);
    for f in export::render_all(&plan, &s)
        .iter()
        .filter(|f| f.name != "plan.json")
    {
        let c = if f.name.ends_with(".js") { "//" } else { "#" };
        let lines: Vec<&str> = f.text.lines().filter(|l| !l.starts_with("#!")).collect();
        let pieces: Vec<&str> = lines[2..]
            .iter()
            .copied()
            .take_while(|l| !l.contains("Open that query"))
            .collect();
        assert!(pieces.iter().all(|l| l.len() < 1100), "{}", f.name);
        let joined: String = pieces
            .iter()
            .map(|l| l.trim_start_matches(c).trim_start())
            .collect();
        assert_eq!(joined, format!("?{q}"), "{}", f.name);
    }
}
