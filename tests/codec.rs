//! The share-link codec and plan JSON: a table of bad inputs, and property tests over the whole
//! allowed input domain (no panic, finite numbers, monotone sizing, exact round trips).
#![cfg(not(target_arch = "wasm32"))]

use headroom::engine;
use headroom::plan::{Kind, Plan, Value, PARAMS};
use headroom::share::{self, json};
use proptest::prelude::*;

#[test]
fn bad_inputs_are_named() {
    let cases: &[(&str, &str)] = &[
        ("peak_rps=-1", "peak_rps"),
        ("rps_per_pod=0", "rps_per_pod"),
        ("latency_ms=0", "latency_ms"),
        ("buffer=0.5", "buffer"),
        ("workers=0", "workers"),
        ("queue_target=0", "queue_target"),
        ("task_concurrency=0", "task_concurrency"),
        ("task_s=0", "task_s"),
        ("peak_rps=NaN", "peak_rps"),
        ("peak_rps=inf", "peak_rps"),
        ("peak_rps=1e308", "peak_rps"),
        ("peak_rps=abc", "peak_rps"),
        ("peak_rps=", "peak_rps"),
        ("workers=2.5", "workers"),
        ("min_replicas=1e2", "min_replicas"),
        ("peak_rps=%zz", "peak_rps"),
        ("peak_rps=1%", "peak_rps"),
        ("peak_rps=100&peak_rps=200", "peak_rps"),
        ("bogus=1", "bogus"),
        ("v=2", "v"),
        ("preset=nope", "preset"),
        ("capacity=guess", "capacity"),
        ("platform=gke", "platform"),
        ("aca_min=5&aca_max=2", "aca_min"),
        ("task_soft_limit=300", "task_soft_limit"),
        ("task_time_limit=10", "task_time_limit"),
        ("redis_tier=C9", "redis_tier"),
        ("spot=yes", "spot"),
        ("node_vm=Standard_X1", "node_vm"),
        ("web_cpu=1", "web_cpu"),
        ("task_mem=2048", "task_mem"),
        ("ds_cpu=3.8", "ds_cpu"),
        ("task_min=10&keda_max=5", "task_min"),
        ("min_replicas=5&hpa_max=4", "min_replicas"),
        ("node_min=10&node_max=5", "node_min"),
        ("offpeak_rps=200", "offpeak_rps"),
        ("image=my%20app", "image"),
        ("image=", "image"),
        ("app_module=app.main:app;rm", "app_module"),
        ("celery_app=%22app%22", "celery_app"),
    ];
    for (query, name) in cases {
        let d = share::decode(query);
        assert!(
            d.problems
                .iter()
                .any(|p| p.param == *name && p.to_string().contains(name)),
            "{query}: no problem naming {name}: {:?}",
            d.problems
        );
        // The rest of the plan is valid and sizes without trouble.
        assert_eq!(d.plan.broken_constraints().count(), 0, "{query}");
        let s = engine::size(&d.plan);
        assert!(s.cost.monthly_usd.is_finite());
    }
    // Contradictions name both parameters.
    let d = share::decode("web_cpu=1");
    assert!(d.problems[0].message.contains("web_cpu_limit"));
    // Duplicates keep the first value.
    assert_eq!(
        share::decode("peak_rps=300&peak_rps=200").plan.peak_rps,
        300.0
    );
}

/// Any valid value of one parameter, as text.
fn value_text(kind: Kind) -> BoxedStrategy<String> {
    match kind {
        Kind::Real { min, max, min_open } => {
            let lo = if min_open {
                min + (max - min) * 1e-9
            } else {
                min
            };
            prop_oneof![
                (lo..=max).prop_map(|x| x.to_string()),
                // Small values, where the interesting arithmetic is.
                (lo..=(lo + (max - lo).min(50.0))).prop_map(|x| x.to_string()),
                Just(max.to_string()),
            ]
            .boxed()
        }
        Kind::Count { min, max } => prop_oneof![
            (min..=max).prop_map(|n| n.to_string()),
            (min..=max.min(min + 300)).prop_map(|n| n.to_string())
        ]
        .boxed(),
        Kind::Choice(names) => proptest::sample::select(names)
            .prop_map(str::to_string)
            .boxed(),
        Kind::Flag => prop_oneof![Just("0".to_string()), Just("1".to_string())].boxed(),
        // The automatic token or a value.
        Kind::Auto { token, value } => {
            prop_oneof![Just(token.to_string()), value_text(*value)].boxed()
        }
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

/// A link with a random subset of parameters set to random valid values; decoding may still
/// reset contradictory pairs, which is part of what is tested.
fn any_link() -> impl Strategy<Value = String> {
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

fn all_finite(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Number(n) => n.as_f64().is_some_and(f64::is_finite),
        serde_json::Value::Array(a) => a.iter().all(all_finite),
        serde_json::Value::Object(m) => m.values().all(all_finite),
        _ => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn sizing_is_total_and_finite(link in any_link()) {
        let plan = share::decode(&link).plan;
        let s = engine::size(&plan);
        let v = serde_json::to_value(&s).unwrap();
        prop_assert!(all_finite(&v), "{link}");
        prop_assert!(s.web.replicas_max >= s.web.replicas_min);
        prop_assert!(s.web.replicas_hpa_steady >= s.web.replicas_min);
        prop_assert!(s.tasks.replicas_max >= s.tasks.replicas_min);
        if let Some(packed) = s.cluster.nodes_packed {
            prop_assert!(packed >= s.cluster.nodes_aggregate, "{link}: packed {packed} < aggregate {}", s.cluster.nodes_aggregate);
        }
        prop_assert_eq!(engine::size(&plan), s, "deterministic");
    }

    #[test]
    fn more_traffic_or_tasks_never_costs_less(link in any_link(), grow in 1.0f64..4.0, more in 0u32..5000) {
        let plan = share::decode(&link).plan;
        let a = engine::size(&plan);
        let mut bigger = plan.clone();
        bigger.peak_rps = (plan.peak_rps * grow).min(10_000_000.0);
        bigger.tasks = plan.tasks.saturating_add(more).min(100_000_000);
        let b = engine::size(&bigger);
        prop_assert!(b.web.replicas_max >= a.web.replicas_max);
        prop_assert!(b.tasks.replicas_max >= a.tasks.replicas_max);
        prop_assert!(b.cluster.nodes_aggregate >= a.cluster.nodes_aggregate);
        if let (Some(x), Some(y)) = (a.cluster.nodes_packed, b.cluster.nodes_packed) {
            prop_assert!(y >= x, "{link}: packed {x} -> {y}");
        }
        prop_assert!(b.cost.monthly_usd >= a.cost.monthly_usd - 1e-9, "{link}");
    }

    #[test]
    fn link_round_trips(link in any_link()) {
        let plan = share::decode(&link).plan;
        let canonical = share::encode(&plan);
        let again = share::decode(&canonical);
        prop_assert!(again.problems.is_empty(), "{canonical}: {:?}", again.problems);
        prop_assert_eq!(&again.plan, &plan);
        prop_assert_eq!(share::encode(&again.plan), canonical);
    }

    #[test]
    fn differences_from_the_default_are_the_canonical_link(link in any_link()) {
        // The canonical link lists exactly the parameters that differ from the default plan,
        // so the two must agree, values included.
        let plan = share::decode(&link).plan;
        let listed: Vec<String> = Plan::default()
            .differences(&plan)
            .map(|(p, _, b)| format!("{}={}", p.name, share::percent_encode(&b)))
            .collect();
        let canonical = share::encode(&plan);
        let want: Vec<&str> = canonical.split('&').skip(1).collect();
        prop_assert_eq!(listed, want);
        prop_assert_eq!(plan.differences(&plan).count(), 0);
    }

    #[test]
    fn plan_json_round_trips(link in any_link()) {
        let plan = share::decode(&link).plan;
        prop_assert_eq!(json::plan_from_json(&json::plan_to_json(&plan)), Ok(plan));
    }

    #[test]
    fn any_text_decodes_without_panic(text in ".{0,200}") {
        let d = share::decode(&text);
        prop_assert_eq!(d.plan.broken_constraints().count(), 0);
        let _ = json::plan_from_json(&text);
    }
}

#[test]
fn canonical_order_is_the_table_order() {
    let d = share::decode("min_replicas=4&peak_rps=200");
    assert_eq!(share::encode(&d.plan), "v=1&peak_rps=200&min_replicas=4");
    let mut p = Plan::default();
    headroom::plan::param("node_vm")
        .unwrap()
        .set(&mut p, Value::Choice("Standard_D8s_v5"))
        .unwrap();
    assert_eq!(share::encode(&p), "v=1&node_vm=Standard_D8s_v5");
    let changed: Vec<_> = d
        .plan
        .differences(&p)
        .map(|(p, a, b)| format!("{} {a}->{b}", p.name))
        .collect();
    assert_eq!(
        changed,
        [
            "peak_rps 200->100",
            "min_replicas 4->3",
            "node_vm Standard_D4s_v5->Standard_D8s_v5"
        ]
    );
}

/// A plan with every parameter at its longest valid value, as link text.
fn longest_plan() -> Plan {
    let mut plan = Plan::default();
    for p in PARAMS {
        let kind = match p.kind {
            Kind::Auto { value, .. } => *value,
            k => k,
        };
        let candidates: Vec<String> = match kind {
            Kind::Real { min, max, .. } => [
                max * 0.123_456_789_012_345_67,
                min + (max - min) * 1.234_567_890_123_456_7e-7,
                if min == 0.0 {
                    1.234_567_890_123_456_7e-300
                } else {
                    min * 1.234_567_890_123_456_7
                },
            ]
            .iter()
            .map(|&x| headroom::plan::format_real(x))
            .collect(),
            Kind::Count { max, .. } => vec![max.to_string()],
            Kind::Choice(names) => names.iter().map(|n| n.to_string()).collect(),
            Kind::Flag => vec!["1".into()],
            Kind::Text { max, .. } => vec!["a".repeat(max)],
            Kind::Auto { .. } => unreachable!(),
        };
        let longest = candidates
            .into_iter()
            .filter(|t| p.kind.parse(t).is_ok())
            .max_by_key(|t| share::percent_encode(t).len())
            .unwrap_or_else(|| panic!("{}: no valid candidate", p.name));
        p.set(&mut plan, p.kind.parse(&longest).unwrap()).unwrap();
    }
    plan
}

#[test]
fn the_link_limit_holds_the_longest_plan_twice_over() {
    let longest = longest_plan();
    let one = share::encode(&longest);
    let with_pin = share::encode_with_pin(&longest, Some(&longest));
    println!(
        "longest link {} bytes, with a pin {} bytes, limit {}",
        one.len(),
        with_pin.len(),
        share::MAX_LINK_BYTES
    );
    assert!(
        share::MAX_LINK_BYTES >= 2 * with_pin.len(),
        "{} < 2 × {}",
        share::MAX_LINK_BYTES,
        with_pin.len()
    );
    let d = share::decode(&with_pin);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert!(share::MAX_LINK_PARAMS >= 2 * PARAMS.len() + 3);
}

/// A link of 100,000 parameters (868 KiB) is refused at once, with one problem, not read.
#[test]
fn oversized_links_are_refused_before_they_are_read() {
    let many: String = (0..100_000).map(|i| format!("&p{i}=1")).collect();
    let started = std::time::Instant::now();
    let d = share::decode(&format!("?v=1{many}"));
    assert!(started.elapsed() < std::time::Duration::from_millis(500));
    assert_eq!(
        d.problems.len(),
        1,
        "{:?}",
        &d.problems[..3.min(d.problems.len())]
    );
    assert_eq!(d.plan, Plan::default());
    // Many short parameters under the byte limit: refused by count.
    let short: String = (0..300).map(|i| format!("&{i}")).collect();
    let d = share::decode(&format!("v=1{short}"));
    assert_eq!(d.problems.len(), 1);
    assert!(
        d.problems[0].message.contains("more than the 256"),
        "{}",
        d.problems[0]
    );
}
