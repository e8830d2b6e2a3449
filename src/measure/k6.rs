//! k6's end-of-test summary from the exported step test (`k6 run -e MODE=steps loadtest.js`):
//! the `data` object `handleSummary` receives (metrics keep `values`), or the flat legacy shape
//! `k6 run --summary-export` writes. Each step is a scenario `step_NN_<rate>rps_<seconds>s`;
//! per step X = count of `http_reqs{scenario:NAME}` ÷ the step's seconds (k6's own `rate` is
//! over the whole run), the mean latency = `avg` of `http_req_duration{scenario:NAME}` (ms),
//! N = X × avg / 1000 (Little's law). A step whose `dropped_iterations{scenario:NAME}` (absent:
//! none) exceed 1 % of rate × seconds is listed but not fitted: the generator, not the server,
//! missed the rate. Shapes as of k6 v2.2 (`internal/js/summary-wrapper.js`).

use super::Point;
use serde_json::Value;

/// A step scenario's name parsed: (NN, rate req/s, seconds).
fn step(name: &str) -> Option<(u32, f64, f64)> {
    let rest = name.strip_prefix("step_")?;
    let (nn, rest) = rest.split_once('_')?;
    let (rate, rest) = rest.split_once("rps_")?;
    let secs = rest.strip_suffix('s')?;
    let whole = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if nn.len() != 2 || !whole(nn) || !whole(rate) || !whole(secs) {
        return None;
    }
    let (rate, secs) = (
        crate::plan::decimal::parse(rate)?,
        crate::plan::decimal::parse(secs)?,
    );
    let nn = nn.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    (rate >= 1.0 && secs > 0.0).then_some((nn, rate, secs))
}

/// A statistic of a metric in either shape: `values.key` (handleSummary) or `key` (export).
fn stat(metric: &Value, key: &str) -> Option<f64> {
    metric
        .get("values")
        .and_then(|v| v.get(key))
        .or_else(|| metric.get(key))
        .and_then(Value::as_f64)
}

/// Reads the steps.
pub(super) fn read(name: &str, text: &str) -> Result<(Vec<Point>, Vec<String>), String> {
    let v: Value = serde_json::from_str::<Value>(text)
        .map_err(|e| format!("{}: not JSON ({}): expected k6's summary", name, e))?;
    if v.get("results").is_some() && v.get("metrics").is_none() {
        return Err(format!(
            "{}: k6's machine-readable summary (--new-machine-readable-summary) is not read: use handleSummary's JSON (the step test writes headroom-steps.json) or --summary-export",
            name
        ));
    }
    let metrics = v.get("metrics").and_then(Value::as_object).ok_or_else(|| {
        format!(
            "{}: a JSON of another shape: expected k6's summary, an object with a \"metrics\" object (handleSummary's data or --summary-export)",
            name
        )
    })?;
    let mut steps: Vec<(u32, f64, f64, &str)> = metrics
        .keys()
        .filter_map(|k| k.strip_prefix("http_reqs{scenario:")?.strip_suffix('}'))
        .filter_map(|s| step(s).map(|(nn, rate, secs)| (nn, rate, secs, s)))
        .collect();
    if steps.is_empty() {
        return Err(format!(
            "{}: no step scenarios: expected metrics http_reqs{{scenario:step_NN_<rate>rps_<seconds>s}} (run loadtest.js with -e MODE=steps)",
            name
        ));
    }
    steps.sort_by_key(|s| s.0);
    let mut points = Vec::new();
    for (_, rate, secs, scenario) in steps {
        let key = |metric: &str| format!("{}{{scenario:{}}}", metric, scenario);
        let count = stat(&metrics[&key("http_reqs")], "count")
            .ok_or_else(|| format!("{}: {}: no count", name, key("http_reqs")))?;
        let avg = metrics
            .get(&key("http_req_duration"))
            .and_then(|m| stat(m, "avg"))
            .ok_or_else(|| {
                format!(
                    "{}: no {} avg: the step test's no-op thresholds put it in the summary",
                    name,
                    key("http_req_duration")
                )
            })?;
        if !(count.is_finite() && avg.is_finite()) || count < 0.0 || avg < 0.0 {
            return Err(format!(
                "{}: {}: a count or avg that is not a number",
                name, scenario
            ));
        }
        let dropped = metrics
            .get(&key("dropped_iterations"))
            .and_then(|m| stat(m, "count"))
            .unwrap_or(0.0);
        let x = count / secs;
        let p = Point::used(x * avg / 1000.0, x, Some(avg));
        points.push(if dropped > 0.01 * rate * secs {
            p.unused(format!(
                "k6 dropped {} of {} iterations (more than 1 %): the generator, not the server, missed the rate",
                dropped,
                rate * secs
            ))
        } else {
            p
        });
    }
    Ok((points, Vec::new()))
}
