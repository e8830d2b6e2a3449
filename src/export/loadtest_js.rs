//! `loadtest.js`: an open-loop k6 test at the plan's rates. A closed loop (wrk, ab) slows down
//! when the server does and so hides queueing; a constant arrival rate asks the plan's question:
//! at the planned rate, what latency? `k6 run loadtest.js` fails when the plan does not hold.
//! `k6 run -e MODE=steps loadtest.js` is the step test instead: one pod at 25 % to 200 % of its
//! planned capacity, a minute each, its summary written to `headroom-steps.json` for
//! `headroom calibrate` (docs/CALIBRATION.md).

use super::header;
use crate::engine::format::exact as fmt;
use crate::engine::loadtest::step_rates;
use crate::engine::Sizing;
use crate::plan::Plan;

/// Renders `loadtest.js`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let t = &s.loadtest;
    let mut out = header("//", plan);
    let steps: Vec<String> = step_rates(s.web.capacity_rps_per_pod)
        .iter()
        .enumerate()
        .map(|(i, rate)| format!("[{}, {}]", i + 1, rate))
        .collect();
    let step_vus = ((plan.latency_ms / 1000.0) * s.web.capacity_rps_per_pod * 4.0)
        .ceil()
        .clamp(2.0, 10_000.0);
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
// k6 run -e MODE=steps loadtest.js        the step test against one pod (POD_URL), for
//                                         headroom calibrate headroom-steps.json
import http from 'k6/http';
import {{ check }} from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080/';
const POD_URL = __ENV.POD_URL || BASE_URL;
const MODE = __ENV.MODE || 'check';

// The step test: [step, req/s] at 25, 50, 75, 100, 125, 150 and 200 % of one pod's planned
// capacity ({cap} req/s), {step_s} s each, one after another. Each step is a scenario named
// step_NN_<rate>rps_<seconds>s, with no-op thresholds so its submetrics reach the summary.
const STEPS = [{steps}];
const STEP_S = {step_s};
const stepName = ([nn, rate]) => `step_${{String(nn).padStart(2, '0')}}_${{rate}}rps_${{STEP_S}}s`;
const stepScenarios = () => Object.fromEntries(STEPS.map((step, i) => [stepName(step), {{
  executor: 'constant-arrival-rate',
  rate: step[1],
  timeUnit: '1s',
  duration: `${{STEP_S}}s`,
  startTime: `${{i * STEP_S}}s`,
  preAllocatedVUs: {step_vus},
  maxVUs: {step_max_vus},
  exec: 'pod',
}}]));
const stepThresholds = () => Object.fromEntries(STEPS.flatMap((step) => [
  [`http_reqs{{scenario:${{stepName(step)}}}}`, ['count>=0']],
  [`http_req_duration{{scenario:${{stepName(step)}}}}`, ['avg>=0']],
  [`dropped_iterations{{scenario:${{stepName(step)}}}}`, ['count>=0']],
]));

const check_options = {{
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

export const options = MODE === 'steps'
  ? {{ scenarios: stepScenarios(), thresholds: stepThresholds() }}
  : check_options;

// The step test's summary goes to headroom-steps.json (k6's own text summary needs a remote
// import, jslib's textSummary, which this file avoids): a line per step on stdout instead.
// The plan-check mode keeps a short summary of its own.
export function handleSummary(data) {{
  const m = data.metrics;
  const value = (name, stat) => (m[name] && m[name].values[stat]) || 0;
  if (MODE !== 'steps') {{
    const failed = Object.entries(m).flatMap(([name, x]) =>
      Object.entries(x.thresholds || {{}}).filter(([, t]) => !t.ok).map(([expr]) => `${{name}} ${{expr}}`));
    return {{ stdout: `requests ${{value('http_reqs', 'count')}}, failed ${{(value('http_req_failed', 'rate') * 100).toFixed(2)}} %, p(95) ${{value('http_req_duration', 'p(95)').toFixed(1)}} ms\n` +
      (failed.length ? `thresholds crossed: ${{failed.join('; ')}}\n` : 'every threshold held\n') }};
  }}
  const lines = STEPS.map((step) => {{
    const name = stepName(step);
    const x = value(`http_reqs{{scenario:${{name}}}}`, 'count') / STEP_S;
    const avg = value(`http_req_duration{{scenario:${{name}}}}`, 'avg');
    return `${{name}}: ${{x.toFixed(1)}} req/s, mean ${{avg.toFixed(1)}} ms, ${{(x * avg / 1000).toFixed(2)}} in flight`;
  }});
  return {{
    'headroom-steps.json': JSON.stringify(data),
    stdout: lines.join('\n') + '\nwrote headroom-steps.json: headroom calibrate headroom-steps.json\n',
  }};
}}

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
        steps = steps.join(", "),
        step_s = crate::engine::loadtest::DURATION_S,
        step_vus = step_vus,
        step_max_vus = step_vus * 10.0,
    ));
    out
}
