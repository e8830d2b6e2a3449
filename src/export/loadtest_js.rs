//! `loadtest.js`: an open-loop k6 test at the plan's rates. A closed loop (wrk, ab) slows down
//! when the server does and so hides queueing; a constant arrival rate asks the plan's question:
//! at the planned rate, what latency? `k6 run loadtest.js` fails when the plan does not hold.

use super::header;
use crate::engine::format::fmt;
use crate::engine::Sizing;
use crate::plan::Plan;

/// Renders `loadtest.js`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let t = &s.loadtest;
    let mut out = header("//", plan);
    let duration = format!("{}s", t.duration_s);
    let budget = match t.p95_budget_ms {
        Some(ms) => format!(
            "\n    // p95 queue wait + 3 × the mean latency: the plan's promise.\n    'http_req_duration{{scenario:service}}': ['p(95)<{}'],\n    'http_req_duration{{scenario:one_pod}}': ['p(95)<{}'],",
            fmt(ms.ceil()),
            fmt(ms.ceil())
        ),
        None => "\n    // The plan's queue is unstable at peak: it promises no latency.".to_string(),
    };
    out.push_str(&format!(
        r#"// Open loop: requests arrive at the plan's rate whatever the server does.
// k6 run loadtest.js                      (BASE_URL=http://service/ POD_URL=http://one-pod:8000/)
import http from 'k6/http';
import {{ check }} from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080/';
const POD_URL = __ENV.POD_URL || BASE_URL;

export const options = {{
  scenarios: {{
    // One pod at its share of the peak ({pod_rate} req/s; it serves up to {cap}).
    one_pod: {{
      executor: 'constant-arrival-rate',
      rate: {pod_rate},
      timeUnit: '1s',
      duration: '{duration}',
      preAllocatedVUs: {vus},
      maxVUs: {max_vus},
      exec: 'pod',
    }},
    // The whole service at peak ({peak} req/s), after the pod.
    service: {{
      executor: 'constant-arrival-rate',
      rate: {service_rate},
      timeUnit: '1s',
      duration: '{duration}',
      startTime: '{start}s',
      preAllocatedVUs: {vus},
      maxVUs: {max_vus},
      exec: 'service',
    }},
  }},
  thresholds: {{
    http_req_failed: ['rate<0.01'],{budget}
  }},
}};

export function pod() {{
  check(http.get(POD_URL), {{ 'status 200': (r) => r.status === 200 }});
}}

export function service() {{
  check(http.get(BASE_URL), {{ 'status 200': (r) => r.status === 200 }});
}}
"#,
        cap = fmt(s.web.capacity_rps_per_pod),
        pod_rate = t.pod_rate_rps,
        duration = duration,
        vus = t.vus,
        max_vus = t.vus.saturating_mul(10),
        peak = fmt(plan.peak_rps),
        service_rate = t.service_rate_rps,
        start = t.duration_s + 10,
        budget = budget,
    ));
    out
}
