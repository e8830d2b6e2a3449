//! `redis.conf` excerpt: memory limit, eviction policy and persistence for the plan (the one-host example).

use super::{capped, header};
use crate::engine::limits::REDIS_MAXCLIENTS;
use crate::engine::Sizing;
use crate::plan::Plan;

/// Renders `redis.conf`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let r = &s.redis;
    let queue = s.tasks.enabled;
    let mut out = header("#", plan);
    out.push_str(&capped("#", "redis.conf", plan, s));
    out.push_str(&format!(
        "# {} MiB of queue and cache at peak; maxmemory leaves 30 % headroom.\nmaxmemory {}mb\nmaxmemory-policy {}\n",
        crate::engine::format::exact(r.memory_mib),
        r.maxmemory_mb,
        plan.redis_policy.as_str()
    ));
    if queue {
        out.push_str(
            "# The task queue must survive a restart.\nappendonly yes\nappendfsync everysec\n",
        );
    } else {
        out.push_str("# Cache only: no persistence needed.\nappendonly no\nsave \"\"\n");
    }
    out.push_str(&format!(
        "# {} connections at peak; twice that as the limit.\nmaxclients {}\n",
        r.connections,
        REDIS_MAXCLIENTS.clamp(r.maxclients)
    ));
    out
}
