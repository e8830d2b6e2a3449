//! `loadtest.sh`: the open-loop test at the plan's rates (k6 with `loadtest.js`, or the
//! rate-driven npm `loadtest` where k6 is absent), then wrk and ab, closed loops that measure
//! what one pod can do at most.

use super::header;
use crate::engine::format::exact as fmt;
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

# Open loop at the plan's rate ({service_rate} req/s for {duration} s): the latency at that rate.
if command -v k6 >/dev/null; then
  BASE_URL="$URL" k6 run "$(dirname "$0")/loadtest.js"
else
  npx --yes loadtest@8.2.1 --rps {service_rate} -c 1 -t {duration} "$URL"
fi

# Closed loops (they slow down with the server, so they hide queueing): a pod's most.
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
        service_rate = t.service_rate_rps,
    ));
    out
}
