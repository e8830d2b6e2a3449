//! The input domain for property tests: links with a random subset of parameters, each value
//! drawn with a bias towards the edges of its range (the minimum and maximum, the values next
//! to them, tiny and huge ones), where arithmetic overflows and rounding goes wrong; and the
//! readers the tests over that domain share (JSON integers, a generated file's numbers).
#![allow(dead_code)]

use headroom::plan::{format_real, Kind, PARAMS};
use headroom::share;
use proptest::prelude::*;

/// The edges of a real range: its ends, the values next to them, and tiny values above a
/// lower bound of 0 (subnormals included).
fn real_edges(min: f64, max: f64, min_open: bool) -> Vec<f64> {
    let lo = if min_open { min.next_up() } else { min };
    let mut out = vec![lo, lo.next_up(), max, max.next_down(), (lo + max) / 2.0];
    if min == 0.0 {
        out.extend([5e-324, 1e-300, 1e-9, 0.0004]);
    }
    out.retain(|x| *x >= lo && *x <= max);
    out
}

/// Any valid value of one parameter, as text: a third of the time at an edge of its range.
pub fn value_text(kind: Kind) -> BoxedStrategy<String> {
    match kind {
        Kind::Real { min, max, min_open } => {
            let lo = if min_open {
                min + (max - min) * 1e-9
            } else {
                min
            };
            let edges: Vec<String> = real_edges(min, max, min_open)
                .into_iter()
                .map(format_real)
                .collect();
            prop_oneof![
                2 => (lo..=max).prop_map(|x| x.to_string()),
                // Small values, where the interesting arithmetic is.
                2 => (lo..=(lo + (max - lo).min(50.0))).prop_map(|x| x.to_string()),
                2 => proptest::sample::select(edges),
            ]
            .boxed()
        }
        Kind::Count { min, max } => {
            let edges: Vec<String> = [min, min + 1, max - 1, max, min + (max - min) / 2]
                .into_iter()
                .filter(|n| (min..=max).contains(n))
                .map(|n| n.to_string())
                .collect();
            prop_oneof![
                2 => (min..=max).prop_map(|n| n.to_string()),
                2 => (min..=max.min(min + 300)).prop_map(|n| n.to_string()),
                2 => proptest::sample::select(edges),
            ]
            .boxed()
        }
        Kind::Choice(names) => proptest::sample::select(names)
            .prop_map(str::to_string)
            .boxed(),
        Kind::Flag => prop_oneof![Just("0".to_string()), Just("1".to_string())].boxed(),
        // The automatic token or a value.
        Kind::Auto { token, value } => {
            prop_oneof![Just(token.to_string()), value_text(*value)].boxed()
        }
        Kind::Hour => prop_oneof![
            2 => (0.0..24.0f64).prop_map(|x| x.to_string()),
            1 => proptest::sample::select(vec!["0".to_string(), format_real(24f64.next_down())]),
        ]
        .boxed(),
        // Empty (the two-level day), or a full profile with edge values among the hours.
        Kind::Series { lens, min, max } => prop_oneof![
            1 => Just(String::new()),
            3 => proptest::sample::select(lens.to_vec())
                .prop_flat_map(move |len| proptest::collection::vec(value_text(Kind::Real { min, max, min_open: false }), len))
                .prop_map(|v| v.join(",")),
        ]
        .boxed(),
        // Empty (all), or a subset of the names in any order.
        Kind::Names(names) => proptest::sample::subsequence(names.to_vec(), 0..=names.len())
            .prop_map(|v| v.join(","))
            .boxed(),
        // Empty, or prices for a subset of the names.
        Kind::Rates { names, max } => proptest::sample::subsequence(names.to_vec(), 0..=names.len())
            .prop_flat_map(move |picked| {
                let n = picked.len();
                proptest::collection::vec(value_text(Kind::Real { min: 0.0, max, min_open: true }), n)
                    .prop_map(move |prices| {
                        picked.iter().zip(prices).map(|(name, p)| format!("{name}:{p}")).collect::<Vec<_>>().join(",")
                    })
            })
            .boxed(),
        Kind::Text { max, extra } => {
            // The class's hyphen goes last, where it stands for itself.
            let (hyphen, rest): (String, String) = extra.chars().partition(|&c| c == '-');
            proptest::string::string_regex(&format!("[A-Za-z0-9{rest}{hyphen}]{{1,{max}}}"))
                .expect("a valid class")
                .prop_map(|t| share::percent_encode(&t))
                .boxed()
        }
    }
}

/// A link with a random subset of parameters set to valid values, edges favoured; decoding may
/// still reset contradictory pairs, which is part of what is tested.
pub fn any_link() -> impl Strategy<Value = String> {
    let per_param: Vec<_> = PARAMS
        .iter()
        .map(|p| {
            proptest::option::weighted(0.3, value_text(p.kind))
                .prop_map(move |v| v.map(|v| format!("{}={}", p.name, v)))
        })
        .collect();
    per_param.prop_map(|parts| {
        let mut q = String::from("v=1");
        for part in parts.into_iter().flatten() {
            q.push('&');
            q.push_str(&part);
        }
        q
    })
}

/// Every integer in a JSON value with its path, and the paths of every null.
pub fn integers_and_nulls(v: &serde_json::Value) -> (Vec<(String, u64)>, Vec<String>) {
    fn walk(
        v: &serde_json::Value,
        path: &str,
        ints: &mut Vec<(String, u64)>,
        nulls: &mut Vec<String>,
    ) {
        match v {
            serde_json::Value::Number(n) => ints.extend(n.as_u64().map(|i| (path.to_string(), i))),
            serde_json::Value::Null => nulls.push(path.to_string()),
            serde_json::Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| walk(x, &format!("{path}[{i}]"), ints, nulls)),
            serde_json::Value::Object(m) => m
                .iter()
                .for_each(|(k, x)| walk(x, &format!("{path}.{k}"), ints, nulls)),
            _ => {}
        }
    }
    let (mut ints, mut nulls) = (Vec::new(), Vec::new());
    walk(v, "", &mut ints, &mut nulls);
    (ints, nulls)
}

/// The number after the last `word` in a generated file (`--max-count 32`, `maxclients 4032`):
/// the last, since a file's header comments may name the word first.
pub fn number_after(text: &str, word: &str) -> u64 {
    text.rsplit(word)
        .next()
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after {word:?}"))
}
