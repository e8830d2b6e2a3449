//! Engine benchmarks: `evaluate` (the whole report an edit recomputes: sizing, explanations,
//! the simulated day and findings) on each preset; `static` (sizing, explanations and the
//! static findings: budget 20 µs); `day` (one simulated day: budget 2 ms); a 200-point sweep
//! (budget 5 ms); and `evaluate_searched/huge-day`, what `headroom eval` does on the slowest
//! plan found (budget 0.5 s); a traffic import of 43,200 rows (budget 150 ms) and the day of
//! a 288-level profile (budget 2 ms).
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use headroom::engine::{self, Axis};
use headroom::plan::Plan;
use headroom::report;
use headroom::share::presets;
use headroom::{doctor, sim};

/// A valid plan at the edges: ten million req/s on 1-core web pods, 999 placeholders, workers
/// that cool down in a second.
const HUGE_DAY: &str = "web_cpu=1&web_cpu_limit=2&overprovision=999&peak_rps=10000000&task_concurrency=1000&keda_cooldown_s=1&day=10,10,10,10,10,10,10,50,100,100,100,60,60,60,90,90,90,60,20,20,20,20,20,20";

fn bench(c: &mut Criterion) {
    let default = Plan::default();
    c.bench_function("evaluate/default", |b| {
        b.iter(|| report::evaluate(black_box(&default)))
    });
    // The presets, and the AKS example's plan with reserved web and Spot workers on a pool of their
    // own (two pools sized, simulated and committed).
    let pools = headroom::share::decode("worker_pool=spot&commitment=ri1&commit_price=0.12").plan;
    let plans = presets::PRESETS
        .iter()
        .map(|p| (p.name, presets::plan(p.name).unwrap_or_default()))
        .chain([("spot-workers", pools)]);
    for (name, plan) in plans {
        c.bench_function(&format!("evaluate/{name}"), |b| {
            b.iter(|| report::evaluate(black_box(&plan)))
        });
        c.bench_function(&format!("static/{name}"), |b| {
            b.iter(|| {
                let (s, explain) = engine::size_explained(black_box(&plan));
                (doctor::lint(&plan, &s), explain)
            })
        });
        let sizing = engine::size(&plan);
        c.bench_function(&format!("day/{name}"), |b| {
            b.iter(|| sim::simulate(black_box(&plan), &sizing))
        });
    }
    // The slowest plan outside probes found (3.0–3.4 s before the day's first fit skipped full
    // nodes): 5,000 nodes all day, workers that scale every step. Budget: 0.5 s for the whole
    // `headroom eval`, the scale-lag search's reruns included.
    let huge = headroom::share::decode(HUGE_DAY).plan;
    c.bench_function("evaluate_searched/huge-day", |b| {
        b.iter(|| headroom::decide::evaluate_searched(black_box(&huge)))
    });
    // A traffic import: 30 days of minute rates (43,200 rows; budget 150 ms), and the day of a
    // 288-level profile (budget 2 ms).
    let mut csv = String::from("timestamp,rps\n");
    for m in 0..43_200u32 {
        let hour = f64::from(m % 1440) / 60.0;
        let rate = 100.0 + 60.0 * ((hour - 8.0) / 24.0 * std::f64::consts::TAU).sin();
        csv += &format!("{},{:.3}\n", 1_796_083_200 + u64::from(m) * 60, rate);
    }
    c.bench_function("traffic/import-43200-rows", |b| {
        b.iter(|| {
            headroom::measure::traffic::import(
                "bench.csv",
                black_box(csv.as_bytes()),
                Default::default(),
            )
        })
    });
    let imported =
        headroom::measure::traffic::import("bench.csv", csv.as_bytes(), Default::default())
            .map(|t| headroom::measure::traffic::into_plan(&default, &t))
            .unwrap_or_default();
    let sizing = engine::size(&imported);
    c.bench_function("day/288-levels", |b| {
        b.iter(|| sim::simulate(black_box(&imported), &sizing))
    });
    // The runway of every limit at 5 %/month: 61 whole reports (budget 100 ms).
    let growing = headroom::share::decode("growth_pct_month=5").plan;
    c.bench_function("runway/default-5pct", |b| {
        b.iter(|| headroom::decide::runway::assess(black_box(&growing)))
    });
    // Every size of the catalogue ranked for the default plan, a day each (budget 50 ms).
    c.bench_function("vms/default", |b| {
        b.iter(|| headroom::decide::vms::rank(black_box(&default)))
    });
    let (from, to) = Axis::PeakRps.default_range(&default);
    c.bench_function("sweep/peak_rps/200", |b| {
        b.iter(|| engine::sweep(black_box(&default), Axis::PeakRps, from, to, 200))
    });
    let (from, to) = Axis::Tasks.default_range(&default);
    c.bench_function("sweep/tasks/200", |b| {
        b.iter(|| engine::sweep(black_box(&default), Axis::Tasks, from, to, 200))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
