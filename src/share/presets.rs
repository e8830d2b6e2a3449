//! Presets: the worked examples Headroom was built from, as plans, each written as the default plan with named changes.

use crate::plan::shapes::shape;
use crate::plan::{
    AllocMode, Auto, CapacityMode, Plan, Platform, RedisPolicy, TaskKind, TaskLength, TaskMemory,
    VmSize,
};

/// A named shape's hours (the names are the picker's, fixed in `plan::shapes`).
fn day(name: &str) -> Vec<f64> {
    shape(name).unwrap_or_default()
}

/// The Container Apps example's day: the bot is used two hours in the evening, 20:00 to 22:00 (the preset's
/// `active_h = 2`), and idle the rest.
fn evening_two_hours() -> Vec<f64> {
    (0..24)
        .map(|h| if (20..22).contains(&h) { 100.0 } else { 0.0 })
        .collect()
}

/// A named plan.
pub struct Preset {
    /// The name used in `?preset=` and `headroom eval --preset`.
    pub name: &'static str,
    /// A one-line description for menus.
    pub title: &'static str,
    /// What the example is and what it shows, in a sentence or two (shown under the picker):
    /// an example that keeps its source's mistakes says so.
    pub description: &'static str,
    /// The plan: the default plan with the example's settings.
    pub plan: fn() -> Plan,
}

/// The preset a newcomer's page opens on (no link, nothing stored) and "Reset to defaults"
/// loads: a plan with no error and no warning. `headroom eval` with no plan keeps the default
/// plan (the AKS example's defaults), and every link keeps decoding onto it.
pub const STARTER: &str = "starter";

/// Every preset, in menu order.
pub static PRESETS: &[Preset] = &[
    Preset {
        name: STARTER,
        title: "Starter: an API with background workers",
        description: "A JSON API at 100 req/s with Celery workers on a Redis list, on AKS: no database pool, Redis within its tier, a system VM that meets AKS's minimum, prefetch 1 and the cheapest node size that fits. A plan with no problems to start from: change the traffic and the work to yours.",
        plan: || Plan {
            // No database: a newcomer's first plan has no pool to budget.
            pool_size: 0,
            // AKS requires 4 vCPUs and 4 GB for a system node pool.
            sys_vm: VmSize::D4sV5,
            // Long tasks: prefetch 1, so KEDA sees the whole queue.
            task_length: TaskLength::Long,
            // A modest backlog: the Redis connections stay within C1's clients.
            tasks: 20,
            // The cheapest size that fits the pods, counted with AKS's reservations.
            node_vm: VmSize::F2sV2,
            alloc: AllocMode::Aks,
            ..Plan::default()
        },
    },
    Preset {
        name: "aks-long-running",
        title: "AKS: FastAPI API + Celery workers on a Redis list",
        // The default plan is the AKS example; its cluster autoscaler maximum is 30, and it has no database.
        description: "The AKS example: a FastAPI API with long-running Celery tasks on a Redis list, over an office day. This example keeps its source's classic mistakes (Redis clients past the tier, prefetch hiding the queue from KEDA, a system VM below AKS's minimum): see the findings.",
        plan: || Plan {
            node_max: Auto::Set(30),
            pool_size: 0,
            // An internal business API: an office day.
            day: day("office"),
            ..Plan::default()
        },
    },
    Preset {
        name: "fastapi-levels",
        title: "FastAPI behind gunicorn",
        description: "The gunicorn scaling guide's FastAPI settings (4 workers, timeouts, max requests) over an office day. It keeps AKS's default system VM, below AKS's minimum for a system pool: see the findings.",
        plan: || Plan {
            workers: 4,
            tasks: 0,
            // Four workers at 150 MiB need 600 MiB, and gunicorn's guidance wants ~2 cores for 4 workers.
            web_cpu_cores: 1.0,
            web_cpu_limit_cores: 2.0,
            web_mem_mib: 768.0,
            web_mem_limit_mib: 1024.0,
            // the gunicorn scaling guide's WorkerSettings: timeout 30, max_requests 1000, jitter 100, graceful 30, keepalive 5.
            worker_timeout_s: 30,
            max_requests: 1000,
            max_requests_jitter: 100,
            graceful_timeout_s: 30,
            keepalive_s: 5,
            day: day("office"),
            ..Plan::default()
        },
    },
    Preset {
        name: "flask-gunicorn",
        title: "Flask on gunicorn, 4 workers × 2 threads",
        description: "A Flask app said to serve 1,000 req/s on 4 workers × 2 threads at 75 ms. This example contains two classic mistakes, a capacity Little's law cannot give and a queue that grows without bound: see the findings.",
        plan: || Plan {
            capacity: CapacityMode::PerWorker,
            workers: 4,
            threads: 2,
            worker_rps: 250.0,
            latency_ms: 75.0,
            peak_rps: 1000.0,
            tasks: 0,
            web_cpu_cores: 1.0,
            web_cpu_limit_cores: 2.0,
            web_mem_mib: 768.0,
            web_mem_limit_mib: 1024.0,
            // A consumer site: an evening day.
            day: day("evening"),
            ..Plan::default()
        },
    },
    Preset {
        name: "aca-scale-to-zero",
        title: "Container Apps: a Discord bot that scales to zero",
        description: "The Container Apps example: a Discord bot used two hours in the evening that scales to zero; the first requests after idle wait for a cold start.",
        plan: || Plan {
            platform: Platform::Aca,
            aca_min: 0,
            aca_max: 2,
            aca_cpu_cores: 0.25,
            aca_mem_gib: 0.5,
            aca_concurrency: 10,
            workers: 1,
            // One async uvicorn worker "handles 10+ concurrent Discord requests" (the Container Apps example).
            threads: 10,
            rps_per_pod: 10.0,
            worker_timeout_s: 30,
            keepalive_s: 2,
            max_connections: 1000,
            max_connections_per_child: 0,
            tasks: 0,
            cold_start_s: 2.0,
            // Discord's interaction window.
            deadline_s: 3.0,
            // A single-user bot: a few interactions a second at most, each waiting on GitHub's API.
            peak_rps: 2.0,
            latency_ms: 500.0,
            min_replicas: 1,
            active_h: 2.0,
            hours_peak: 2.0,
            peak_start_h: 20.0,
            day: evening_two_hours(),
            ..Plan::default()
        },
    },
    Preset {
        name: "nginx-celery-mongo",
        title: "One host: nginx, FastAPI, Celery and MongoDB",
        description: "The one-host example: nginx, FastAPI, Celery and MongoDB, moved to a cluster. It keeps the example's mistake, an evicting Redis policy on the Redis that holds the task queue: see the findings.",
        plan: || Plan {
            cores: 4,
            nginx_conn: 10000,
            rate_rps: 100.0,
            burst: 200,
            proxy_read_timeout_s: 120,
            task_kind: TaskKind::Io,
            task_length: TaskLength::Long,
            task_memory: TaskMemory::Normal,
            task_time_limit_s: 300,
            // One host: Celery --concurrency=4, a small backlog (the one-host example's alert threshold is 1000).
            tasks: 20,
            queue_target: 10,
            task_concurrency: 4,
            instances: Auto::Set(3),
            workers: 4,
            web_cpu_cores: 1.0,
            web_cpu_limit_cores: 2.0,
            web_mem_mib: 768.0,
            web_mem_limit_mib: 1024.0,
            // mongod --maxConns 1000; maxPoolSize 100 per client in the one-host example is the driver default.
            db_max_conn: 1000,
            // redis-server --maxmemory 512mb --maxmemory-policy allkeys-lru. The doctor flags the
            // policy: Redis here also holds the Celery queue, which must not be evicted.
            redis_maxmemory_mb: Auto::Set(512),
            redis_policy: RedisPolicy::AllKeysLru,
            // A public API with a morning and an afternoon peak.
            day: day("two peaks"),
            ..Plan::default()
        },
    },
];

/// The preset names, in menu order.
pub fn names() -> Vec<&'static str> {
    PRESETS.iter().map(|p| p.name).collect()
}

/// The plan of a preset; `None` for an unknown name.
pub fn plan(name: &str) -> Option<Plan> {
    PRESETS.iter().find(|p| p.name == name).map(|p| (p.plan)())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PARAMS;

    #[test]
    fn every_preset_is_a_valid_plan() {
        for preset in PRESETS {
            let plan = plan(preset.name).expect("preset");
            assert_eq!(plan.broken_constraints().count(), 0, "{}", preset.name);
            for p in PARAMS {
                let v = p.get(&plan);
                assert_eq!(
                    p.kind.check(v.clone()),
                    Ok(v),
                    "{}: {}",
                    preset.name,
                    p.name
                );
            }
        }
    }
}
