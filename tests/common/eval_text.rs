//! How the page writes a `headroom eval` key's value (the display rule: counts whole, measured
//! quantities to three significant digits, money in whole dollars a month, an unstable queue as
//! "unstable"), from the eval JSON alone: the native and browser tests hold the answer to it.

use headroom::engine::format::{count, fmt, money};
use serde_json::Value;

/// The eval JSON's value at a dotted key; an unstable queue has no p95 wait (the key is left
/// out).
pub fn at(eval: &Value, key: &str) -> Value {
    match key.split('.').try_fold(eval, |v, k| v.get(k)) {
        Some(v) => v.clone(),
        None if key == "latency.wait_p95_ms" => Value::Null,
        None => panic!("eval has no {key}"),
    }
}

/// A key's value as the page writes it.
pub fn shown(key: &str, v: &Value) -> String {
    match v {
        Value::Null => "unstable".to_string(),
        Value::Number(n) if key.ends_with("_usd") => {
            format!("{} /\u{a0}month", money(n.as_f64().unwrap_or(f64::NAN)))
        }
        Value::Number(n) if n.is_u64() => count(n.as_u64().unwrap_or_default()),
        Value::Number(n) => fmt(n.as_f64().unwrap_or(f64::NAN)),
        other => format!("not a number: {other}"),
    }
}
