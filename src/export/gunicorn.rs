//! `gunicorn.conf.py`: reads seed 002's environment variables, with the plan's values as defaults.

use super::header;
use crate::engine::Sizing;
use crate::plan::Plan;

/// Renders `gunicorn.conf.py`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let g = &s.gunicorn;
    // Threads only take effect with the gthread worker; one thread per worker runs uvicorn's.
    let worker_class = if g.threads > 1 {
        "gthread"
    } else {
        "uvicorn.workers.UvicornWorker"
    };
    let mut out = header("#", plan);
    out.push_str(&format!(
        r#"# Every setting reads seed 002's environment variable first; the defaults are the plan's.
# Workers are set explicitly: never derive them from the host's CPU count inside a container.
import os


def _int(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = _int("WORKERS", {workers})
threads = _int("THREADS", {threads})
worker_class = os.environ.get("WORKER_CLASS", "{worker_class}")
timeout = _int("WORKER_TIMEOUT", {timeout})
graceful_timeout = _int("GRACEFUL_TIMEOUT", {graceful})
keepalive = _int("KEEP_ALIVE", {keepalive})
max_requests = _int("MAX_REQUESTS", {max_requests})
max_requests_jitter = _int("MAX_REQUESTS_JITTER", {jitter})
"#,
        workers = g.workers,
        threads = g.threads,
        timeout = g.timeout,
        graceful = g.graceful_timeout,
        keepalive = g.keepalive,
        max_requests = g.max_requests,
        jitter = g.max_requests_jitter,
    ));
    out
}
