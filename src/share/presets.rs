//! Presets: the seed documents as plans, each written as the default plan plus named changes.

use crate::plan::{param, Plan};

/// A named plan.
pub struct Preset {
    /// The name used in `?preset=` and `headroom eval --preset`.
    pub name: &'static str,
    /// A one-line description for menus.
    pub title: &'static str,
    /// The changes to the default plan, as link parameters.
    pub changes: &'static [(&'static str, &'static str)],
}

/// Every preset, in menu order.
pub static PRESETS: &[Preset] = &[
    Preset {
        name: "aks-long-running",
        title: "Seed 001: FastAPI + Celery on AKS, KEDA on a Redis list",
        // The default plan is seed 001; its cluster autoscaler maximum is 30, and it has no database.
        changes: &[("node_max", "30"), ("pool_size", "0")],
    },
    Preset {
        name: "fastapi-levels",
        title: "Seed 002: FastAPI behind gunicorn (level 2)",
        changes: &[
            ("workers", "4"),
            ("tasks", "0"),
            // Four workers at 150 MiB need 600 MiB, and gunicorn's guidance wants ~2 cores for 4 workers.
            ("web_cpu", "1"),
            ("web_cpu_limit", "2"),
            ("web_mem", "768"),
            ("web_mem_limit", "1024"),
            // seed 002's WorkerSettings: timeout 30, max_requests 1000, jitter 100, graceful 30, keepalive 5.
            ("worker_timeout", "30"),
            ("max_requests", "1000"),
            ("max_requests_jitter", "100"),
            ("graceful_timeout", "30"),
            ("keepalive", "5"),
        ],
    },
    Preset {
        name: "flask-gunicorn",
        title: "Seed 003: Flask, gunicorn 4 workers × 2 threads, 1000 req/s",
        changes: &[
            ("capacity", "per_worker"),
            ("workers", "4"),
            ("threads", "2"),
            ("worker_rps", "250"),
            ("latency_ms", "75"),
            ("peak_rps", "1000"),
            ("tasks", "0"),
            ("web_cpu", "1"),
            ("web_cpu_limit", "2"),
            ("web_mem", "768"),
            ("web_mem_limit", "1024"),
        ],
    },
    Preset {
        name: "aca-scale-to-zero",
        title: "Seed 000: a Discord bot on Azure Container Apps, scaling to zero",
        changes: &[
            ("platform", "aca"),
            ("aca_min", "0"),
            ("aca_max", "2"),
            ("aca_cpu", "0.25"),
            ("aca_mem", "0.5"),
            ("aca_concurrency", "10"),
            ("workers", "1"),
            // One async uvicorn worker "handles 10+ concurrent Discord requests" (seed 000).
            ("threads", "10"),
            ("rps_per_pod", "10"),
            ("worker_timeout", "30"),
            ("keepalive", "2"),
            ("max_connections", "1000"),
            ("max_connections_per_child", "0"),
            ("tasks", "0"),
            ("cold_start_s", "2"),
            // Discord's interaction window.
            ("deadline_s", "3"),
            // A single-user bot: a few interactions a second at most, each waiting on GitHub's API.
            ("peak_rps", "2"),
            ("latency_ms", "500"),
            ("min_replicas", "1"),
            ("active_h", "2"),
            ("hours_peak", "2"),
        ],
    },
    Preset {
        name: "nginx-celery-mongo",
        title: "Seed 004: nginx, FastAPI, Celery and MongoDB on one 4-core host",
        changes: &[
            ("cores", "4"),
            ("nginx_conn", "10000"),
            ("rate", "100"),
            ("burst", "200"),
            ("proxy_read_timeout_s", "120"),
            ("task_kind", "io"),
            ("task_length", "long"),
            ("task_memory", "normal"),
            ("task_time_limit", "300"),
            // One host: Celery --concurrency=4, a small backlog (seed 004's alert threshold is 1000).
            ("tasks", "20"),
            ("queue_target", "10"),
            ("task_concurrency", "4"),
            ("instances", "3"),
            ("workers", "4"),
            ("web_cpu", "1"),
            ("web_cpu_limit", "2"),
            ("web_mem", "768"),
            ("web_mem_limit", "1024"),
            // mongod --maxConns 1000; maxPoolSize 100 per client in seed 004 is the driver default.
            ("db_max_conn", "1000"),
            // redis-server --maxmemory 512mb --maxmemory-policy allkeys-lru. The doctor flags the
            // policy: Redis here also holds the Celery queue, which must not be evicted.
            ("redis_maxmemory_mb", "512"),
            ("redis_policy", "allkeys-lru"),
        ],
    },
];

/// The preset names, in menu order.
pub fn names() -> Vec<&'static str> {
    PRESETS.iter().map(|p| p.name).collect()
}

/// The plan of a preset; `None` for an unknown name. A change that does not parse is skipped
/// (the tests prove every change parses and every preset is a valid plan).
pub fn plan(name: &str) -> Option<Plan> {
    let preset = PRESETS.iter().find(|p| p.name == name)?;
    let mut plan = Plan::default();
    for (key, text) in preset.changes {
        if let Some(p) = param(key) {
            if let Ok(v) = p.kind.parse(text) {
                (p.set)(&mut plan, v);
            }
        }
    }
    Some(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_parses_and_every_preset_is_valid() {
        for preset in PRESETS {
            for (key, text) in preset.changes {
                let p = param(key).unwrap_or_else(|| panic!("{}: unknown {key}", preset.name));
                assert!(p.kind.parse(text).is_ok(), "{}: {key}={text}", preset.name);
            }
            let plan = plan(preset.name).expect("preset");
            assert_eq!(plan.broken_constraints().count(), 0, "{}", preset.name);
        }
    }
}
