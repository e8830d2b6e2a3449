//! `app.env`: the environment for the plan's processes (the gunicorn scaling guide's variables and the sizing).
//! Its settings are also the `app-config` ConfigMap of `kubernetes.yaml`; its connection
//! strings, for Azure Cache for Redis, the `app-secrets` Secret.

use super::{env, header};
use crate::engine::Sizing;
use crate::plan::{Plan, Platform};

/// The settings the app reads, none of them secret, in file order.
pub fn settings(plan: &Plan, s: &Sizing) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    // gunicorn.conf.py and uvicorn read these (the gunicorn scaling guide); set explicitly, never from the host's CPU count.
    out.extend(env::pairs(&s.gunicorn, &env::APP_ENV));
    // Replica bounds, for scripts that create the autoscalers.
    out.push(("WEB_MIN_REPLICAS", s.web.replicas_min.to_string()));
    out.push(("WEB_MAX_REPLICAS", s.web.hpa_max.to_string()));
    if s.tasks.enabled {
        out.push(("ENABLE_BACKGROUND_TASKS", "true".to_string()));
        out.push(("WORKER_MAX_REPLICAS", s.tasks.keda_max.to_string()));
        out.push(("CELERY_CONCURRENCY", plan.task_concurrency.to_string()));
    } else {
        out.push(("ENABLE_BACKGROUND_TASKS", "false".to_string()));
    }
    if plan.platform == Platform::Aca {
        // The Container Apps example's settings for Container Apps.
        out.extend(env::pairs(&s.gunicorn, &[env::Var::MaxWorkers]));
        out.push(("MAX_CONNECTIONS", plan.max_connections.to_string()));
        out.push((
            "MAX_CONNECTIONS_PER_CHILD",
            plan.max_connections_per_child.to_string(),
        ));
    }
    if plan.pool_size > 0 {
        out.push(("POOL_SIZE", plan.pool_size.to_string()));
        out.push(("MAX_OVERFLOW", plan.max_overflow.to_string()));
        out.push(("MAX_POOL_SIZE", s.db.max_pool_size.to_string()));
    }
    out
}

/// Where the app's Redis is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedisAt {
    /// A plain Redis on this machine (`app.env`, docker-compose): `redis://localhost:6379`.
    Local,
    /// Azure Cache for Redis (`redis_host`): TLS on port 6380 with the access key, whose
    /// placeholder [`ACCESS_KEY_PLACEHOLDER`] the user replaces.
    Azure,
}

/// The placeholder for Azure Cache for Redis' access key in the exported Secret.
pub const ACCESS_KEY_PLACEHOLDER: &str = "REPLACE_WITH_THE_CACHE_ACCESS_KEY";

/// The connection strings, the gunicorn scaling guide's Redis databases: the broker, results and a shared
/// cache apart. On Azure: `rediss://` on port 6380 (the plain port 6379 is off by default;
/// https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure), with the access
/// key as the password and Celery's required `ssl_cert_reqs`.
pub fn connections(plan: &Plan, at: RedisAt) -> Vec<(&'static str, String)> {
    let url = |db: Option<u8>| {
        let path = db.map_or(String::new(), |d| format!("/{}", d));
        match at {
            RedisAt::Local => format!("redis://localhost:6379{}", path),
            RedisAt::Azure => format!(
                "rediss://:{}@{}:6380{}?ssl_cert_reqs=required",
                ACCESS_KEY_PLACEHOLDER, plan.redis_host, path
            ),
        }
    };
    vec![
        ("REDIS_URL", url(None)),
        ("TASK_BROKER_URL", url(Some(1))),
        ("TASK_RESULT_BACKEND", url(Some(2))),
        ("SHARED_CACHE_URL", url(Some(3))),
    ]
}

/// Renders `app.env`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let mut out = header("#", plan);
    out.push_str(&super::contract("#"));
    for (name, value) in settings(plan, s)
        .into_iter()
        .chain(connections(plan, RedisAt::Local))
    {
        out.push_str(&format!("{}={}\n", name, value));
    }
    out
}
