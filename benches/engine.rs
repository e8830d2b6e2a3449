//! Engine benchmarks: `evaluate` (the whole report an edit recomputes: sizing, explanations,
//! the simulated day and findings) on each preset; `static` (sizing, explanations and the
//! static findings: budget 20 µs); `day` (one simulated day: budget 2 ms); and a 200-point
//! sweep (budget 5 ms).
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use headroom::engine::{self, Axis};
use headroom::plan::Plan;
use headroom::report;
use headroom::share::presets;
use headroom::{doctor, sim};

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
