//! Database pools and Redis (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure, https://www.mongodb.com/docs/languages/python/pymongo-driver/current/connect/connection-options/connection-pools/; the AKS example, the Flask example, the one-host example).

use super::catalog::{self, REDIS};
use super::format::Num;
use super::math::{ceil, sat_add, sat_mul};
use super::tasks::Tasks;
use super::web::Web;
use super::{given_or, Explain};
use crate::plan::{Plan, RedisTier};
use serde::Serialize;

/// Database pool figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Db {
    /// App instances holding a pool: `instances`, or the web maximum replicas when automatic.
    pub instances: u64,
    /// The one-host example's maxPoolSize: ceil(instances × workers × buffer) (3 × 4 × 1.2 → 15).
    pub max_pool_size: u64,
    /// Worst-case connections: web processes × (pool + overflow) + worker slots × (pool + overflow).
    pub connections_total: u64,
}

/// Redis figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RedisSizing {
    /// Connections at the maxima: web processes × per-process + worker pods × per-pod.
    pub connections: u64,
    /// Memory for the peak backlog and the cache, MiB.
    pub memory_mib: f64,
    /// The configured tier's client limit.
    pub max_clients: u64,
    /// The configured tier's memory, MiB.
    pub tier_memory_mib: f64,
    /// The first tier (C0…C6, P1…P5) whose clients hold the connections and whose 70 % holds the data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier_recommended: Option<RedisTier>,
    /// maxmemory of a self-managed Redis (redis.conf), MiB: `redis_maxmemory_mb`, or room for
    /// the data at 70 % use, at least 64 MiB. (The key keeps its historical `_mb` name; redis.conf
    /// writes it as `<n>mb`, which Redis reads as n × 1,048,576 bytes.)
    pub maxmemory_mb: u64,
    /// maxclients of a self-managed Redis: twice the connections at peak, at least 2.
    pub maxclients: u64,
}

/// The smallest automatic maxmemory, MiB.
pub const REDIS_MIN_MAXMEMORY_MB: u64 = 64;

/// Share of a Redis tier's memory that data may use before an upgrade (the AKS example: upgrade past 70 %).
pub const REDIS_MEMORY_SHARE: f64 = 0.7;

/// Sizes the database pools.
pub fn db(plan: &Plan, web: &Web, tasks: &Tasks, ex: &mut impl Explain) -> Db {
    let instances = plan.instances.get().map_or(web.replicas_max, u64::from);
    let workers = u64::from(plan.workers);
    // No database (pool_size 0): no connections at all.
    let per_process = if plan.pool_size == 0 {
        0
    } else {
        u64::from(plan.pool_size) + u64::from(plan.max_overflow)
    };
    let max_pool_size = if plan.pool_size == 0 {
        0
    } else {
        ceil(instances as f64 * workers as f64 * plan.pool_buffer)
    };
    let task_slots = sat_mul(tasks.keda_max, u64::from(plan.task_concurrency));
    let connections_total = sat_mul(
        sat_add(sat_mul(instances, workers), task_slots),
        per_process,
    );
    ex.add("db.max_pool_size", || {
        format!(
            "ceil({} instances × {} workers × {}) = {}",
            instances,
            workers,
            Num(plan.pool_buffer),
            max_pool_size
        )
    });
    ex.add("db.connections_total", || {
        format!(
            "({} instances × {} workers + {} worker slots) × ({} pool + {} overflow) = {}",
            instances, workers, task_slots, plan.pool_size, plan.max_overflow, connections_total
        )
    });
    Db {
        instances,
        max_pool_size,
        connections_total,
    }
}

/// Sizes Redis.
pub fn redis(plan: &Plan, web: &Web, tasks: &Tasks, ex: &mut impl Explain) -> RedisSizing {
    let web_processes = sat_mul(web.hpa_max, u64::from(plan.workers));
    let connections = sat_add(
        sat_mul(web_processes, u64::from(plan.redis_conn_web)),
        sat_mul(tasks.keda_max, u64::from(plan.redis_conn_task)),
    );
    let memory_mib = tasks.peak as f64 * plan.task_kib / 1024.0 + plan.cache_mib;
    let tier = catalog::redis(plan.redis_tier);
    let recommended = REDIS
        .iter()
        .find(|r| r.max_clients >= connections && r.mem_mib * REDIS_MEMORY_SHARE >= memory_mib)
        .map(|r| r.tier);
    let maxmemory_mb = plan.redis_maxmemory_mb.get().map_or(
        ceil(memory_mib / REDIS_MEMORY_SHARE).max(REDIS_MIN_MAXMEMORY_MB),
        u64::from,
    );
    let maxclients = sat_mul(connections.max(1), 2);
    ex.add("redis.connections", || {
        format!(
            "{} web processes × {} + {} worker pods × {} = {}",
            web_processes, plan.redis_conn_web, tasks.keda_max, plan.redis_conn_task, connections
        )
    });
    ex.add("redis.memory_mib", || {
        format!(
            "{} tasks × {} KiB + {} MiB cache = {} MiB",
            tasks.peak,
            Num(plan.task_kib),
            Num(plan.cache_mib),
            Num(memory_mib)
        )
    });
    ex.add("redis.maxmemory_mb", || {
        given_or(plan.redis_maxmemory_mb, maxmemory_mb, "MiB", || {
            format!(
                "max(ceil({} MiB / 70 %), {} MiB) = {} MiB: the data at 70 % use leaves 30 % headroom",
                Num(memory_mib),
                REDIS_MIN_MAXMEMORY_MB,
                maxmemory_mb
            )
        })
    });
    ex.add("redis.maxclients", || {
        format!(
            "2 × {} connections at peak = {} (at least 2)",
            connections, maxclients
        )
    });
    ex.add("redis.tier_recommended", || match recommended {
        Some(t) => format!(
            "first tier with ≥ {} clients and 70 % of memory ≥ {} MiB: {}",
            connections,
            Num(memory_mib),
            t.as_str()
        ),
        None => format!(
            "no single tier holds {} clients and {} MiB at 70 %",
            connections,
            Num(memory_mib)
        ),
    });
    RedisSizing {
        connections,
        memory_mib,
        max_clients: tier.max_clients,
        tier_memory_mib: tier.mem_mib,
        tier_recommended: recommended,
        maxmemory_mb,
        maxclients,
    }
}
