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
    let mut text = to_pretty(&Json::Object(map));
    text.push('\n');
    text
}

/// A JSON value as `serde_json::to_string_pretty` writes it, byte for byte, except that
/// numbers go through [`float_text`]: serde_json's own float formatter (zmij) brings about
/// 12 KB of tables into the browser bundle, which already has core's.
pub fn to_pretty(value: &Json) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        Pretty(serde_json::ser::PrettyFormatter::new()),
    );
    if value.serialize(&mut ser).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A JSON number as serde_json writes it (see [`float_text`]).
pub fn number_text(n: &Number) -> String {
    match (n.as_u64(), n.as_i64(), n.as_f64()) {
        (Some(u), _, _) => u.to_string(),
        (None, Some(i), _) => i.to_string(),
        (None, None, Some(x)) => float_text(x),
        _ => n.to_string(),
    }
}

/// A finite `f64` as serde_json writes it: the shortest digits that read back to the same
/// number, plain with a `.0` on whole numbers from 1e-5 up to 1e16, else `1.5e+16` / `1e-6`
/// (checked against serde_json itself in the tests below).
pub fn float_text(x: f64) -> String {
    let exp = format!("{:e}", x);
    let (mantissa, power) = exp.split_once('e').unwrap_or((exp.as_str(), "0"));
    let power: i32 = power.parse().unwrap_or(0);
    if x != 0.0 && !(-5..16).contains(&power) {
        if power > 0 {
            format!("{}e+{}", mantissa, power)
        } else {
            format!("{}e{}", mantissa, power)
        }
    } else {
        let plain = x.to_string();
        if plain.contains('.') {
            plain
        } else {
            plain + ".0"
        }
    }
}

/// serde_json's pretty layout with [`float_text`] for floats.
struct Pretty<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for Pretty<'_> {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, x: f64) -> std::io::Result<()> {
        w.write_all(float_text(x).as_bytes())
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// The largest plan file read, bytes: a plan with every parameter at its longest value is
/// about 7 KB, so this leaves room for every parameter to come many times over.
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

    /// `float_text` and `to_pretty` against serde_json's own output. Numbers of up to 15
    /// significant digits (every number an export writes) come out byte for byte the same, around
    /// every switch between the plain and the exponent form; for any bit pattern the text reads
    /// back to the same number in the same form (at 17 digits the two formatters may pick
    /// different last digits, both exact: 1500000000000000.3 and .2 for the float after 1.5e15).
    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let mut decimal: Vec<f64> = vec![0.0, -0.0, 1.0, 0.5, 100.0, 0.1, 0.25, 1234.5678];
        for e in -12..=22 {
            for m in [1.0, 1.5, 9.99999999999999, 2.5, 7.0, 123.456789] {
                let x: f64 = format!("{}e{}", m, e).parse().expect("number");
                decimal.extend([x, -x]);
            }
        }
        for x in decimal {
            assert_eq!(
                float_text(x),
                serde_json::to_string(&x).expect("finite"),
                "{x:?}"
            );
        }
        let form = |t: &str| (t.contains('e'), t.contains('.'), t.starts_with('-'));
        let mut bits: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            let x = f64::from_bits(bits);
            if x.is_finite() {
                let (ours, theirs) = (float_text(x), serde_json::to_string(&x).expect("finite"));
                assert_eq!(
                    ours.parse::<f64>().map(f64::to_bits),
                    Ok(x.to_bits()),
                    "{ours}"
                );
                assert_eq!(form(&ours), form(&theirs), "{ours} {theirs}");
            }
        }
        let value =
            serde_json::json!({"a": [1, -2, 0.5, 1e16, {"b": null, "c": "d\n"}], "e": {}, "f": []});
        assert_eq!(
            to_pretty(&value),
            serde_json::to_string_pretty(&value).expect("json")
        );
    }
}
