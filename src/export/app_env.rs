//! `app.env`: the environment for the plan's processes (seed 002's variables and the sizing).

use super::{env, header};
use crate::engine::Sizing;
use crate::plan::{Plan, Platform};

/// Renders `app.env`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let mut out = header("#", plan);
    let mut var = |name: &str, value: String| out.push_str(&format!("{}={}\n", name, value));
    // gunicorn.conf.py and uvicorn read these (seed 002); set explicitly, never from the host's CPU count.
    for (name, value) in env::pairs(&s.gunicorn, &env::APP_ENV) {
        var(name, value);
    }
    // Replica bounds, for scripts that create the autoscalers.
    var("WEB_MIN_REPLICAS", s.web.replicas_min.to_string());
    var("WEB_MAX_REPLICAS", s.web.hpa_max.to_string());
    if s.tasks.enabled {
        var("ENABLE_BACKGROUND_TASKS", "true".to_string());
        var("WORKER_MAX_REPLICAS", s.tasks.keda_max.to_string());
        var("CELERY_CONCURRENCY", plan.task_concurrency.to_string());
    } else {
        var("ENABLE_BACKGROUND_TASKS", "false".to_string());
    }
    if plan.platform == Platform::Aca {
        // Seed 000's settings for Container Apps.
        for (name, value) in env::pairs(&s.gunicorn, &[env::Var::MaxWorkers]) {
            var(name, value);
        }
        var("MAX_CONNECTIONS", plan.max_connections.to_string());
        var(
            "MAX_CONNECTIONS_PER_CHILD",
            plan.max_connections_per_child.to_string(),
        );
    }
    if plan.pool_size > 0 {
        var("POOL_SIZE", plan.pool_size.to_string());
        var("MAX_OVERFLOW", plan.max_overflow.to_string());
        var("MAX_POOL_SIZE", s.db.max_pool_size.to_string());
    }
    // Seed 002's Redis databases: the broker, results and a shared cache apart.
    var("REDIS_URL", "redis://localhost:6379".to_string());
    var("TASK_BROKER_URL", "redis://localhost:6379/1".to_string());
    var(
        "TASK_RESULT_BACKEND",
        "redis://localhost:6379/2".to_string(),
    );
    var("SHARED_CACHE_URL", "redis://localhost:6379/3".to_string());
    out
}
