//! The measurement files' JSON reader (`measure::json`) against serde_json, the library it
//! stands in for in the browser bundle: the same value for every text serde_json reads, and an
//! error for every text it refuses.
#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use headroom::measure::json;
use proptest::prelude::*;
use serde_json::Value;

fn agree(text: &str) {
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{text:?}");
            // Numbers of the same kind, not only equal: u64, i64 or f64 as serde_json makes them.
            assert_eq!(a.to_string(), b.to_string(), "{text:?}");
        }
        (Err(_), Err(_)) => {}
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(Value::from),
        ".*".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((".*", inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_value_serde_json_writes_reads_the_same(v in any_json()) {
        agree(&serde_json::to_string(&v).unwrap());
        agree(&serde_json::to_string_pretty(&v).unwrap());
    }

    #[test]
    fn texts_near_json_are_read_or_refused_alike(text in r#"[\[\]{}",:0-9eE.+\- \ntruefalsnu\\/bfrtu"]{0,40}"#) {
        agree(&text);
    }
}

#[test]
fn edges_agree() {
    for text in [
        "",
        " ",
        "0",
        "-0",
        "-0.0",
        "01",
        "1.",
        ".5",
        "1e",
        "1e+",
        "1E-2",
        "1e400",
        "-1e400",
        "1e-400",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "0.1",
        "2.5e-324",
        "4.9e-324",
        "1.7976931348623157e308",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\u00e9\"",
        "\"\u{e9}\"",
        "\"a\tb\"",
        "\"\\x\"",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{1:2}",
        "[1 2]",
        "nul",
        "truex",
        "true false",
        "{\"a\":1,\"a\":2}",
        "[[[]]]",
        "\"\\/\"",
    ] {
        agree(text);
    }
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    agree(&deep(127));
    agree(&deep(128));
    agree(&deep(129));
}
