//! `celery_config.py`: the one-host example's Celery settings for the plan.

use super::{contract, header};
use crate::engine::Sizing;
use crate::plan::Plan;

/// Renders `celery_config.py`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let c = &s.celery;
    let delays: Vec<String> = c.retry_delays.iter().map(u64::to_string).collect();
    let mut out = header("#", plan);
    out.push_str(&contract("#"));
    out.push_str(&format!(
        r#"import os

# The broker and the result backend come from the environment (app.env, or kubernetes.yaml's
# Secret app-secrets); the defaults are a local Redis.
broker_url = os.environ.get("TASK_BROKER_URL", "redis://localhost:6379/1")
result_backend = os.environ.get("TASK_RESULT_BACKEND", "redis://localhost:6379/2")

# Single-host concurrency (2 x cores + 1 for I/O-bound tasks, cores for CPU-bound ones).
# Kubernetes worker pods override it with --concurrency={pod_concurrency}.
worker_concurrency = {concurrency}
worker_prefetch_multiplier = {prefetch}
task_acks_late = True
task_reject_on_worker_lost = True
task_time_limit = {hard}
task_soft_time_limit = {soft}
worker_max_tasks_per_child = {per_child}

# Retries that really wait {delays_text} s: retry_backoff in seconds (Celery multiplies it by
# 2 ** retries), capped, with jitter off. retry_backoff=True alone waits 1, 2, 4 s.
RETRY_DELAYS = [{delays_list}]
task_annotations = {{
    "*": {{
        "max_retries": {max_retries},
        "default_retry_delay": {first},
        "retry_backoff": {first},
        "retry_backoff_max": {cap},
        "retry_jitter": False,
    }}
}}
"#,
        pod_concurrency = plan.task_concurrency,
        concurrency = c.concurrency,
        prefetch = c.prefetch,
        hard = c.time_limit,
        soft = c.soft_time_limit,
        per_child = c.max_tasks_per_child,
        delays_text = delays.join(", "),
        delays_list = delays.join(", "),
        max_retries = plan.max_retries,
        first = plan.retry_delay_s,
        cap = plan.retry_max_s,
    ));
    out
}
