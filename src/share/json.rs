//! The plan as JSON (`{"version": 1, "peak_rps": 100, …}`).

use super::{problem, restore_broken_pairs, Problem};
use crate::plan::{param, Group, Kind, Plan, Value, PARAMS};
use serde_json::{Map, Number, Value as Json};

/// The plan JSON version this build writes; it reads this and every older one.
pub const PLAN_VERSION: u64 = 1;

/// The groups added after plan files existed: each is written only when one of its
/// parameters differs from its default, so the plan file of a plan that leaves them alone reads
/// exactly as it did before they existed (and `headroom export --check` directories stay valid).
const LATER_GROUPS: [Group; 3] = [Group::Day, Group::Resilience, Group::Buying];

/// The parameters added to older groups after plan files existed (growth and the size
/// ranking): written, like the later groups, only when they differ from their defaults.
const LATER_PARAMS: [&str; 4] = [
    "growth_pct_month",
    "lead_time_months",
    "vm_allow",
    "vm_prices",
];

/// Writes a plan as pretty JSON with every parameter, in table order (the later groups and
/// parameters only when they are used).
pub fn plan_to_json(plan: &Plan) -> String {
    let mut map = Map::new();
    map.insert("version".to_string(), Json::from(PLAN_VERSION));
    let unused: Vec<Group> = LATER_GROUPS
        .into_iter()
        .filter(|&g| !plan.uses(g))
        .collect();
    let default = Plan::default();
    let later_unused =
        |p: &crate::plan::Param| LATER_PARAMS.contains(&p.name) && p.get(plan) == p.get(&default);
    for p in PARAMS
        .iter()
        .filter(|p| !unused.contains(&p.group) && !later_unused(p))
    {
        let v = match p.get(plan) {
            Value::Real(x) => Number::from_f64(x).map_or(Json::Null, Json::Number),
            Value::Count(n) => Json::from(n),
            Value::Choice(s) => Json::from(s),
            Value::Flag(b) => Json::from(b),
            Value::Text(t) => Json::from(t),
            Value::Series(v) => Json::Array(
                v.into_iter()
                    .map(|x| Number::from_f64(x).map_or(Json::Null, Json::Number))
                    .collect(),
            ),
            // The `0` token is written as the zero of its number kind (`0`, or `0.0` for a real).
            Value::Auto(token) => match p.kind {
                Kind::Auto {
                    value: Kind::Real { .. },
                    ..
                } if token == "0" => Number::from_f64(0.0).map_or(Json::Null, Json::Number),
                _ if token == "0" => Json::from(0u64),
                _ => Json::from(token),
            },
        };
        map.insert(p.name.to_string(), v);
    }
    let mut text = serde_json::to_string_pretty(&Json::Object(map)).unwrap_or_default();
    text.push('\n');
    text
}

/// The largest plan file read, bytes: a plan with every parameter at its longest value is
/// about 7,000 bytes, so this leaves room for every parameter to come many times over.
pub const MAX_PLAN_BYTES: usize = 1 << 20;

/// A JSON object's entries in file order, duplicates kept (serde_json's map keeps the last).
struct Entries(Vec<(String, Json)>);

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Entries, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, Json>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// Reads a plan JSON. Missing parameters take their defaults (older versions had fewer);
/// anything unknown, malformed, out of range or contradictory is refused with its name.
pub fn plan_from_json(text: &str) -> Result<Plan, Vec<Problem>> {
    if text.len() > MAX_PLAN_BYTES {
        return Err(vec![problem(
            "plan",
            format!(
                "is {} bytes, more than the {} bytes a plan file may have; nothing in it was read",
                text.len(),
                MAX_PLAN_BYTES
            ),
        )]);
    }
    let entries = match serde_json::from_str::<Entries>(text) {
        Ok(Entries(entries)) => entries,
        Err(e) => {
            let message = match serde_json::from_str::<Json>(text) {
                Ok(_) => "must be a JSON object".to_string(),
                Err(_) => format!("not valid JSON: {}", e),
            };
            return Err(vec![problem("plan", message)]);
        }
    };
    let mut problems = Vec::new();
    let mut map = Map::new();
    for (key, value) in entries {
        if map.contains_key(&key) {
            // As in links: a parameter is given once; a file that names it twice is ambiguous.
            problems.push(problem(&key, "given more than once"));
        } else {
            map.insert(key, value);
        }
    }
    match map.get("version").and_then(Json::as_u64) {
        Some(v) if (1..=PLAN_VERSION).contains(&v) => {}
        Some(v) => problems.push(problem(
            "version",
            format!("plan version {} is not supported (this version reads 1)", v),
        )),
        None => problems.push(problem("version", "missing or not a whole number")),
    }
    let mut plan = Plan::default();
    for (key, json) in &map {
        if key == "version" {
            continue;
        }
        let Some(p) = param(key) else {
            problems.push(problem(key, "unknown parameter"));
            continue;
        };
        let checked = match json {
            Json::Number(n) => match n.as_u64() {
                Some(c) => p.kind.check(Value::Count(c)),
                None => n.as_f64().map_or(Err("not a number".to_string()), |x| {
                    p.kind.check(Value::Real(x))
                }),
            },
            Json::String(s) => p.kind.parse(s),
            Json::Bool(b) => p.kind.check(Value::Flag(*b)),
            Json::Array(items) => {
                match items.iter().map(Json::as_f64).collect::<Option<Vec<f64>>>() {
                    Some(v) => p.kind.check(Value::Series(v)),
                    None => Err(format!("must be {}", p.kind.range_text())),
                }
            }
            _ => Err(format!("must be {}", p.kind.range_text())),
        };
        match checked {
            Ok(v) => {
                if let Err(e) = p.set(&mut plan, v) {
                    problems.push(problem(p.name, e.to_string()));
                }
            }
            Err(e) => problems.push(problem(p.name, e)),
        }
    }
    restore_broken_pairs(&mut plan, &Plan::default(), &mut problems);
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_default() {
        let p = Plan::default();
        assert_eq!(plan_from_json(&plan_to_json(&p)), Ok(p));
        assert!(!plan_to_json(&Plan::default()).contains("\"day\""));
        let p = Plan {
            ramp_s: 60,
            day: vec![50.0; 24],
            ..Plan::default()
        };
        let text = plan_to_json(&p);
        assert!(text.contains("\"node_start_s\": 240"), "{text}");
        assert_eq!(plan_from_json(&text), Ok(p));
    }

    #[test]
    fn refuses_unknown_and_bad() {
        let e =
            plan_from_json(r#"{"version":1,"bogus":1,"peak_rps":-1,"capacity":"x"}"#).unwrap_err();
        let names: Vec<_> = e.iter().map(|p| p.param.as_str()).collect();
        assert_eq!(names, ["bogus", "peak_rps", "capacity"]);
        assert!(plan_from_json(r#"{"version":2}"#).is_err());
        assert!(plan_from_json("[]").is_err());
        assert!(plan_from_json(r#"{"version":1,"peak_rps":200}"#).is_ok());
    }
}
