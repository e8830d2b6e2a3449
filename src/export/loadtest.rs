//! `loadtest.sh`: wrk and ab commands sized to check the plan's assumptions for real.

use super::header;
use crate::engine::math::fmt;
use crate::engine::Sizing;
use crate::plan::Plan;

/// Renders `loadtest.sh`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let t = &s.loadtest;
    let mut out = String::from("#!/usr/bin/env bash\n");
    out.push_str(&header("#", plan));
    out.push_str(&format!(
        r#"# The plan expects: {peak} req/s at peak, {latency} ms mean latency, p95 queue wait {p95}.
# One pod should serve {cap} req/s with {slots} slots; compare what wrk and ab report.
set -euo pipefail
URL="${{1:-http://127.0.0.1:8080/}}"

# wrk: {connections} connections = the requests in flight at peak ({peak} req/s × {latency} ms).
wrk -t{threads} -c{connections} -d{duration}s --latency "$URL"

# ab: {requests} requests ({duration} s at peak) with the same concurrency.
ab -n {requests} -c {connections} -t {duration} "$URL"
"#,
        peak = fmt(plan.peak_rps),
        latency = fmt(plan.latency_ms),
        p95 = s.latency.wait_p95_ms.map_or("unstable".to_string(), |w| format!("{} ms", fmt(w))),
        cap = fmt(s.web.capacity_rps_per_pod),
        slots = s.web.slots_per_pod,
        connections = t.connections,
        threads = t.threads,
        duration = t.duration_s,
        requests = t.requests,
    ));
    out
}
