//! The share-link codec and plan JSON: a table of bad inputs, and property tests over the whole
//! allowed input domain (no panic, finite numbers, monotone sizing, exact round trips).

use headroom::engine;
use headroom::plan::{Kind, Plan, Value, PARAMS};
use headroom::share::{self, json};
use proptest::prelude::*;

use crate::domain;
use domain::any_link;

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
        // Digit groups are the form's leniency only: a link stays strict.
        ("peak_rps=2,500", "peak_rps"),
        ("peak_rps=2%20500", "peak_rps"),
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
        // A plan whose pods fit no node is costed at the aggregate count, a lower bound below
        // the packed one: more work that makes a pod unschedulable (a first worker pod larger
        // than the node) can cost less on paper, and the plan has an error saying why.
        if a.cluster.unschedulable.is_some() || b.cluster.unschedulable.is_none() {
            prop_assert!(b.cost.monthly_usd >= a.cost.monthly_usd - 1e-9, "{link}");
        }
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
            Kind::Names(names) => vec![names.join(",")],
            Kind::Rates { names, max } => vec![names
                .iter()
                .map(|n| {
                    format!(
                        "{n}:{}",
                        headroom::plan::format_real(max * 0.123_456_789_012_345_67)
                    )
                })
                .collect::<Vec<_>>()
                .join(",")],
            Kind::Hour => vec![headroom::plan::format_real(23.999_999_999_999_996)],
            Kind::Series { lens, max, .. } => {
                // The usual length (24 hourly levels); the finer ones are checked on their own.
                let len = lens[0];
                vec![
                    vec![headroom::plan::format_real(max * 0.123_456_789_012_345_67); len]
                        .join(","),
                ]
            }
            Kind::Auto { .. } => unreachable!(),
        };
        let longest = candidates
            .into_iter()
            .filter(|t| p.kind.parse(t).is_ok())
            .max_by_key(|t| share::percent_encode(t).len())
            .unwrap_or_else(|| panic!("{}: no valid candidate", p.name));
        let value = p.kind.parse(&longest).expect("a valid value");
        p.set(&mut plan, value).expect("the right kind");
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
    // With a 288-level day at full precision in the plan and its pin (an import writes one
    // decimal, about 1,500 bytes), the longest link still fits once.
    let mut finest = longest.clone();
    finest.day = vec![100.0 * 0.123_456_789_012_345_67; 288];
    let with_pin = share::encode_with_pin(&finest, Some(&finest));
    assert!(
        with_pin.len() <= share::MAX_LINK_BYTES,
        "{} > {}",
        with_pin.len(),
        share::MAX_LINK_BYTES
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
    let short: String = (0..600).map(|i| format!("&{i}")).collect();
    let d = share::decode(&format!("v=1{short}"));
    assert_eq!(d.problems.len(), 1);
    assert!(
        d.problems[0].message.contains("more than the 512"),
        "{}",
        d.problems[0]
    );
}

/// A small, fast generator for the fuzz run (xorshift64*): reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One fuzz input: arbitrary bytes, or a valid link or plan file with a few bytes changed,
/// inserted or removed (near misses, where parsers go wrong).
fn fuzz_input(rng: &mut Rng, seeds: &[String]) -> String {
    const ALPHABET: &[u8] = b"=&%?#+.-eE0123456789{}[]\",:tfnu\\ \n\x00\x1bazAZ_/@\xc3\xa9\xff";
    let mut bytes: Vec<u8> = if rng.below(4) == 0 {
        (0..rng.below(300)).map(|_| rng.next() as u8).collect()
    } else {
        seeds[rng.below(seeds.len())].clone().into_bytes()
    };
    for _ in 0..=rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        let b = ALPHABET[rng.below(ALPHABET.len())];
        match rng.below(3) {
            0 if at < bytes.len() => bytes[at] = b,
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => bytes.insert(at, b),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The decoder fuzz run of issue #12: a million inputs through `share::decode` and the plan
/// JSON reader; it fails on any panic and prints how long it took. Run it with `scripts/fuzz`.
#[test]
#[ignore = "a long run: scripts/fuzz"]
fn fuzz_decoders_a_million_inputs() {
    let runs: usize = std::env::var("HEADROOM_FUZZ_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let mut seeds: Vec<String> = headroom::share::presets::PRESETS
        .iter()
        .map(|p| share::encode(&(p.plan)()))
        .collect();
    seeds.push(share::encode_with_pin(
        &longest_plan(),
        Some(&Plan::default()),
    ));
    seeds.extend(
        headroom::share::presets::PRESETS
            .iter()
            .map(|p| json::plan_to_json(&(p.plan)())),
    );
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let started = std::time::Instant::now();
    let mut panics = 0;
    for _ in 0..runs {
        let input = fuzz_input(&mut rng, &seeds);
        let ok = std::panic::catch_unwind(|| {
            let d = share::decode(&input);
            assert_eq!(d.plan.broken_constraints().count(), 0);
            if let Ok(plan) = json::plan_from_json(&input) {
                assert_eq!(plan.broken_constraints().count(), 0);
            }
        });
        if ok.is_err() {
            panics += 1;
            eprintln!("panicked on {input:?}");
        }
    }
    println!(
        "fuzz: {runs} inputs through share::decode and json::plan_from_json in {:.1} s, {panics} panics",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(panics, 0);
}

/// The leniency docs/PARAMETERS.md documents, and nothing more: white space around a value,
/// choice names and automatic tokens in any case, `true`/`false` for switches, exponents; no
/// hexadecimal, infinities, NaN, thousands separators or names in another case.
#[test]
fn input_is_as_lenient_as_documented() {
    let d = share::decode("platform=AKS&peak_rps=%20100%20&spot=true&pdb=AUTO&ha=false");
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert_eq!(share::encode(&d.plan), "v=1&spot=1&pdb=auto");
    assert_eq!(
        share::encode(&share::decode("peak_rps=1e3").plan),
        "v=1&peak_rps=1000"
    );
    for bad in [
        "peak_rps=0x10",
        "peak_rps=inf",
        "peak_rps=NaN",
        "peak_rps=1,000",
        "PEAK_RPS=10",
        "spot=yes",
    ] {
        let d = share::decode(bad);
        assert_eq!(d.problems.len(), 1, "{bad}: {:?}", d.problems);
    }
    let reference = headroom::plan::reference_markdown();
    assert!(reference.contains("white space around a value is ignored"));
}
