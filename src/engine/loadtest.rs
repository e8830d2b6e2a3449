//! The load test that checks the plan's assumptions for real: the open-loop rates and the
//! latency budget of `loadtest.js` (and `loadtest.sh`'s fallback), and the closed-loop wrk and
//! ab settings from the requests in flight at peak (Little's law).

use super::format::Num;
use super::math::{ceil, sat_mul};
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
    /// The open-loop rate against one pod: its share of the peak (peak / the replicas serving
    /// it), whole requests per second, at least 1.
    pub pod_rate_rps: u64,
    /// The open-loop rate against the whole service: the peak, whole requests per second, at least 1.
    pub service_rate_rps: u64,
    /// The p95 response time the plan promises, ms: p95 queue wait + 3 × the mean latency (the
    /// 95th percentile of an exponential service time is ln 20 ≈ 3 means, the M/M/c model's
    /// assumption); absent when the queue is unstable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p95_budget_ms: Option<f64>,
    /// Virtual users k6 prepares for the service rate: twice the requests in flight, at least 2.
    pub vus: u64,
}

/// The 95th percentile of an exponential service time, in means: −ln(0.05) ≈ 3.0.
pub const P95_SERVICE_MEANS: f64 = 3.0;

/// How long the load test runs, s: a minute is long enough for the HPA's first step (15 s
/// periods) and short enough to repeat.
pub const DURATION_S: u64 = 60;

/// The step test's rates against one pod, as shares of its planned capacity, %.
pub const STEP_PCTS: [u32; 7] = [25, 50, 75, 100, 125, 150, 200];

/// The step test's rates against one pod (`loadtest.js`, `MODE=steps`), whole requests per
/// second, at least 1: 25 % to 200 % of the pod's capacity, so the test reaches past the knee.
pub fn step_rates(capacity_rps: f64) -> Vec<u64> {
    STEP_PCTS
        .iter()
        .map(|&p| {
            (capacity_rps * f64::from(p) / 100.0)
                .round()
                .clamp(1.0, 1e9) as u64
        })
        .collect()
}

/// The Locust step test's user counts (`locustfile.py`): 1, 2, 4, … doubling up to twice the
/// pod's slots (the last step is exactly twice), so the fit sees the curve past the knee.
pub fn step_users(slots: u64) -> Vec<u64> {
    let top = slots.max(1).saturating_mul(2).min(100_000);
    let mut out = Vec::new();
    let mut n = 1;
    while n < top {
        out.push(n);
        n *= 2;
    }
    out.push(top);
    out
}

/// Sizes the load test.
pub fn size(
    plan: &Plan,
    web: &Web,
    replicas_at_peak: u64,
    wait_p95_ms: Option<f64>,
    ex: &mut impl Explain,
) -> LoadTest {
    let pod_rate_rps = ceil(plan.peak_rps / replicas_at_peak.max(1) as f64).max(1);
    let service_rate_rps = ceil(plan.peak_rps).max(1);
    let p95_budget_ms = wait_p95_ms.map(|w| w + P95_SERVICE_MEANS * plan.latency_ms);
    let vus = sat_mul(ceil(web.in_flight).max(1), 2);
    ex.add("loadtest.p95_budget_ms", || match p95_budget_ms {
        Some(b) => format!(
            "p95 queue wait {} ms + 3 × {} ms mean latency = {} ms",
            Num(wait_p95_ms.unwrap_or(0.0)),
            Num(plan.latency_ms),
            Num(b)
        ),
        None => "the queue is unstable at peak: no latency the plan can promise".to_string(),
    });
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
        pod_rate_rps,
        service_rate_rps,
        p95_budget_ms,
        vus,
    }
}
