//! Engine benchmarks: `evaluate` (the whole report an edit recomputes: sizing, explanations and
//! findings) on each preset, and a 200-point sweep (budgets: 20 µs and 5 ms).
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use headroom::engine::{self, Axis};
use headroom::plan::Plan;
use headroom::report;
use headroom::share::presets;

fn bench(c: &mut Criterion) {
    let default = Plan::default();
    c.bench_function("evaluate/default", |b| {
        b.iter(|| report::evaluate(black_box(&default)))
    });
    for p in presets::PRESETS {
        let plan = presets::plan(p.name).unwrap_or_default();
        c.bench_function(&format!("evaluate/{}", p.name), |b| {
            b.iter(|| report::evaluate(black_box(&plan)))
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
