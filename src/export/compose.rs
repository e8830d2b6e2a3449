//! `docker-compose.yml`: the single-machine form of the plan, with the services the level guide
//! calls for (web always; worker and Redis at level 3 or with tasks; nginx from level 2). They
//! share one network namespace (web's), so the one-host addresses of `app.env` and
//! `nginx.conf` (Redis on localhost:6379, the app on 127.0.0.1:8000) hold inside compose too.

use super::{celery_args, gunicorn_args, header, yaml};
use crate::engine::level::Step;
use crate::engine::Sizing;
use crate::plan::Plan;
use serde_json::{Map, Value};

/// The network every service but web joins: web's, so that `localhost` is one host for all.
pub const SHARED_HOST: &str = "service:web";

/// The compose document.
pub fn object(plan: &Plan, s: &Sizing) -> Value {
    let level = s.level.recommended;
    let mut services = Map::new();
    services.insert(
        "web".into(),
        value!({
            "image": plan.image.as_str(),
            "command": gunicorn_args(plan),
            "env_file": ["app.env"],
            "volumes": ["./gunicorn.conf.py:/app/gunicorn.conf.py:ro"],
            // Every service shares web's network namespace (one host, as app.env's
            // localhost Redis and nginx.conf's 127.0.0.1:8000 upstream assume), so web
            // publishes nginx's port when nginx is in front.
            "ports": if level >= Step::Gunicorn { value!(["80:8080"]) } else { value!(["8000:8000"]) },
            "deploy": {"resources": {"limits": {"cpus": crate::engine::format::exact(plan.web_cpu_limit_cores), "memory": format!("{}M", plan.web_mem_limit_mib.round() as u64)}}},
            "restart": "unless-stopped"
        }),
    );
    if s.tasks.enabled || level >= Step::BackgroundTasks {
        services.insert(
            "worker".into(),
            value!({
                "image": plan.image.as_str(),
                "command": celery_args(plan, s.celery.concurrency, None),
                "env_file": ["app.env"],
                "volumes": ["./celery_config.py:/app/celery_config.py:ro"],
                "depends_on": ["redis"],
                "network_mode": SHARED_HOST,
                "stop_grace_period": format!("{}s", s.celery.grace_s),
                "restart": "unless-stopped"
            }),
        );
        services.insert(
            "redis".into(),
            value!({
                "image": "redis:7",
                "command": ["redis-server", "/usr/local/etc/redis/redis.conf"],
                "volumes": ["./redis.conf:/usr/local/etc/redis/redis.conf:ro"],
                "network_mode": SHARED_HOST,
                "restart": "unless-stopped"
            }),
        );
    }
    if level >= Step::Gunicorn {
        services.insert(
            "nginx".into(),
            value!({
                "image": "nginx:1.27",
                "volumes": ["./nginx.conf:/etc/nginx/nginx.conf:ro"],
                "network_mode": SHARED_HOST,
                "depends_on": ["web"],
                "ulimits": {"nofile": {"soft": s.nginx.nofile, "hard": s.nginx.nofile}},
                "restart": "unless-stopped"
            }),
        );
    }
    value!({ "services": services })
}

/// Renders `docker-compose.yml`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let mut out = header("#", plan);
    out.push_str(&super::contract("#"));
    out.push_str(&format!(
        "# The gunicorn scaling guide recommends {}
",
        s.level.reason
    ));
    out.push_str(&yaml::document(&object(plan, s)));
    out
}
