//! The load test that checks the plan's assumptions for real (`loadtest.sh`): wrk and ab
//! settings from the requests in flight at peak (Little's law).

use super::math::{ceil, Num};
use super::web::Web;
use super::Explain;
use crate::plan::Plan;
use serde::Serialize;

/// Load-test settings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoadTest {
    /// Open connections: the requests in flight at peak, at least one pod's slots and 1.
    pub connections: u64,
    /// wrk threads: one per host core, at most one per connection.
    pub threads: u64,
    /// How long each tool runs, s.
    pub duration_s: u64,
    /// ab's request count: the peak rate for the whole duration, at least one per connection.
    pub requests: u64,
}

/// How long the load test runs, s: a minute is long enough for the HPA's first step (15 s
/// periods) and short enough to repeat.
pub const DURATION_S: u64 = 60;

/// Sizes the load test.
pub fn size(plan: &Plan, web: &Web, ex: &mut impl Explain) -> LoadTest {
    let connections = ceil(web.in_flight).max(web.slots_per_pod).max(1);
    let threads = connections.min(u64::from(plan.cores)).max(1);
    let requests = ceil(plan.peak_rps * DURATION_S as f64).max(connections);
    ex.add("loadtest.connections", || {
        format!(
            "max(ceil({} requests in flight at peak), {} slots of one pod, 1) = {}",
            Num(web.in_flight),
            web.slots_per_pod,
            connections
        )
    });
    ex.add("loadtest.threads", || {
        format!(
            "min({} connections, {} host cores), at least 1 = {}",
            connections, plan.cores, threads
        )
    });
    ex.add("loadtest.requests", || {
        format!(
            "max(ceil({} req/s × {} s), {} connections) = {}",
            Num(plan.peak_rps),
            DURATION_S,
            connections,
            requests
        )
    });
    LoadTest {
        connections,
        threads,
        duration_s: DURATION_S,
        requests,
    }
}
