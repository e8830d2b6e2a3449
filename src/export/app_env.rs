//! `app.env`: the environment for the plan's processes (seed 002's variables and the sizing).

use super::header;
use crate::engine::Sizing;
use crate::plan::Plan;

/// Renders `app.env`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let mut out = header("#", plan);
    let mut var = |name: &str, value: String| out.push_str(&format!("{}={}\n", name, value));
    // gunicorn.conf.py and uvicorn read these (seed 002); set explicitly, never from the host's CPU count.
    var("WORKERS", s.gunicorn.workers.to_string());
    var("WEB_CONCURRENCY", s.gunicorn.workers.to_string());
    var("THREADS", s.gunicorn.threads.to_string());
    var("WORKER_TIMEOUT", s.gunicorn.timeout.to_string());
    var("KEEP_ALIVE", s.gunicorn.keepalive.to_string());
    var("MAX_REQUESTS", s.gunicorn.max_requests.to_string());
    var(
        "MAX_REQUESTS_JITTER",
        s.gunicorn.max_requests_jitter.to_string(),
    );
    var("GRACEFUL_TIMEOUT", s.gunicorn.graceful_timeout.to_string());
    // Replica bounds, for scripts that create the autoscalers.
    var("WEB_MIN_REPLICAS", s.web.replicas_min.to_string());
    var("WEB_MAX_REPLICAS", s.web.hpa_max.to_string());
    if s.tasks.peak > 0 || s.tasks.replicas_max > 0 {
        var("ENABLE_BACKGROUND_TASKS", "true".to_string());
        var("WORKER_MAX_REPLICAS", s.tasks.keda_max.to_string());
        var("CELERY_CONCURRENCY", plan.task_concurrency.to_string());
    } else {
        var("ENABLE_BACKGROUND_TASKS", "false".to_string());
    }
    out
}
