//! Database and Redis limits.

use super::{finding, Code, Finding, Severity};
use crate::engine::catalog::REDIS_RETIREMENT;
use crate::engine::format::Num;
use crate::engine::stores::REDIS_MEMORY_SHARE;
use crate::engine::Sizing;
use crate::plan::Plan;
use crate::plan::RedisPolicy;

/// Database and Redis limits.
pub(super) fn lint(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if s.db.connections_total > u64::from(plan.db_max_conn) {
        out.push(finding(
            Code::DbPoolOverLimit,
            Severity::Error,
            format!(
                "pools may open {} database connections at peak, above the server's {}",
                s.db.connections_total, plan.db_max_conn
            ),
            "lower pool_size or max_overflow, put a pooler (PgBouncer) in front, or raise the server's limit".to_string(),
        ));
    }
    let r = &s.redis;
    let used = r.connections > 0 || r.memory_mib > 0.0;
    if !used {
        return;
    }
    let tier = plan.redis_tier.as_str();
    // Both fixes move to the recommended tier (none past P5: the finding says clustering).
    let to_tier = [(
        "redis_tier",
        r.tier_recommended
            .map_or(String::new(), |t| t.as_str().to_string()),
    )];
    if r.connections > r.max_clients {
        out.push(
            finding(
                Code::RedisClientsOverLimit,
                Severity::Error,
                format!(
                    "{} Redis connections at peak, above {}'s {} clients",
                    r.connections, tier, r.max_clients
                ),
                format!(
                    "use tier {} or fewer connections per process",
                    r.tier_recommended
                        .map_or("P5 with clustering", |t| t.as_str())
                ),
            )
            .applying_to(plan, &to_tier),
        );
    }
    if r.memory_mib > r.tier_memory_mib * REDIS_MEMORY_SHARE {
        out.push(
            finding(
                Code::RedisMemory,
                Severity::Warning,
                format!(
                    "{} MiB of queue and cache is above 70 % of {}'s {} MiB",
                    Num(r.memory_mib),
                    tier,
                    Num(r.tier_memory_mib)
                ),
                format!(
                    "use tier {}",
                    r.tier_recommended
                        .map_or("P5 with clustering", |t| t.as_str())
                ),
            )
            .applying_to(plan, &to_tier),
        );
    }
    out.push(finding(
        Code::RedisTierRetiring,
        Severity::Info,
        format!(
            "Azure Cache for Redis {} (Basic, Standard and Premium) retires on {}",
            tier, REDIS_RETIREMENT
        ),
        "plan the move to Azure Managed Redis, its successor".to_string(),
    ));
    if s.tasks.enabled && plan.redis_policy != RedisPolicy::NoEviction {
        out.push(finding(
            Code::RedisEvictionBroker,
            Severity::Error,
            format!(
                "maxmemory-policy {} on the Redis that holds the task queue: under memory pressure it deletes queued tasks",
                plan.redis_policy.as_str()
            ),
            "use noeviction for the broker, and a separate Redis (or database) for the cache".to_string(),
        ).applying_to(plan, &[("redis_policy", "noeviction".to_string())]));
    }
}
