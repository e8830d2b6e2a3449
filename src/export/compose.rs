//! `docker-compose.yml`: the single-machine form of the plan, with the services the level guide
//! calls for (web always; worker and Redis at level 3 or with tasks; nginx from level 2).

use super::{celery_args, gunicorn_args, header, yaml};
use crate::engine::level::Step;
use crate::engine::Sizing;
use crate::plan::Plan;
use serde_json::{json, Map, Value};

/// The compose document.
pub fn object(plan: &Plan, s: &Sizing) -> Value {
    let level = s.level.recommended;
    let mut services = Map::new();
    services.insert(
        "web".into(),
        json!({
            "image": plan.image,
            "command": gunicorn_args(plan),
            "env_file": ["app.env"],
            "volumes": ["./gunicorn.conf.py:/app/gunicorn.conf.py:ro"],
            "ports": if level >= Step::Gunicorn { json!([]) } else { json!(["8000:8000"]) },
            "deploy": {"resources": {"limits": {"cpus": crate::engine::math::fmt(plan.web_cpu_limit_cores), "memory": format!("{}M", plan.web_mem_limit_mib.round() as u64)}}},
            "restart": "unless-stopped"
        }),
    );
    if s.tasks.enabled || level >= Step::BackgroundTasks {
        services.insert(
            "worker".into(),
            json!({
                "image": plan.image,
                "command": celery_args(plan, s.celery.concurrency, None),
                "env_file": ["app.env"],
                "volumes": ["./celery_config.py:/app/celery_config.py:ro"],
                "depends_on": ["redis"],
                "stop_grace_period": format!("{}s", s.celery.grace_s),
                "restart": "unless-stopped"
            }),
        );
        services.insert(
            "redis".into(),
            json!({
                "image": "redis:7",
                "command": ["redis-server", "/usr/local/etc/redis/redis.conf"],
                "volumes": ["./redis.conf:/usr/local/etc/redis/redis.conf:ro"],
                "restart": "unless-stopped"
            }),
        );
    }
    if level >= Step::Gunicorn {
        services.insert(
            "nginx".into(),
            json!({
                "image": "nginx:1.27",
                "volumes": ["./nginx.conf:/etc/nginx/nginx.conf:ro"],
                "ports": ["80:8080"],
                "depends_on": ["web"],
                "ulimits": {"nofile": {"soft": s.nginx.nofile, "hard": s.nginx.nofile}},
                "restart": "unless-stopped"
            }),
        );
    }
    json!({ "services": services })
}

/// Renders `docker-compose.yml`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let mut out = header("#", plan);
    out.push_str(&super::contract("#"));
    out.push_str(&format!(
        "# Seed 002's guide recommends {}
",
        s.level.reason
    ));
    out.push_str(&yaml::document(&object(plan, s)));
    out
}
