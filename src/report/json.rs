//! The report as `headroom eval` prints it: keys in a stable order, counts as integers, other
//! quantities rounded to three decimals.

use super::Report;
use crate::engine::math::round3;
use serde_json::{Number, Value as Json};

/// The `headroom eval` JSON of a report.
pub fn to_json(report: &Report) -> String {
    let mut value = serde_json::to_value(report).unwrap_or(Json::Null);
    // `cost.commitment`: the buying figures go with the cost they change.
    if let (Some(cost), Ok(buying)) = (
        value.get_mut("cost").and_then(Json::as_object_mut),
        serde_json::to_value(&report.buying),
    ) {
        cost.insert("commitment".to_string(), buying);
        if let Some(n) = Number::from_f64(report.as_bought_usd()) {
            cost.insert("as_bought_usd".to_string(), Json::Number(n));
        }
    }
    round_numbers(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn round_numbers(value: &mut Json) {
    match value {
        Json::Number(n) if n.is_f64() => {
            if let Some(r) = n.as_f64().map(round3).and_then(Number::from_f64) {
                *n = r;
            }
        }
        Json::Array(items) => items.iter_mut().for_each(round_numbers),
        Json::Object(map) => map.values_mut().for_each(round_numbers),
        _ => {}
    }
}
