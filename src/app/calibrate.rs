//! "Calibrate from a load test", in the Web tier's inputs: a file chosen or dropped is read in
//! the browser (never sent anywhere) and fitted in the page's worker (`measure::calibrate`); the chart
//! shows the points and the curve, and "Plan on this curve" sets `capacity = usl` and the fit as
//! one edit that "Undo" takes back. A plan already on a curve shows it without a file.

use super::charts::{figure, redraw_when_shown, Surface};
use super::worker_client::note;
use super::PlannerState;
use crate::charts::usl as usl_chart;
use crate::engine::format::{fmt, Num};
use crate::engine::usl::Usl;
use crate::plan::{CapacityMode, Plan};
use crate::worker::{Answer, Fitted, Request};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Reads a file's bytes and hands them over with its name.
pub(super) fn read_file(file: web_sys::File, done: impl FnOnce(String, Vec<u8>) + 'static) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => Vec::new(),
        };
        done(name, bytes);
    });
}

/// The points and curve the chart draws: the file's, else the plan's own curve.
fn shown(
    result: &Option<Result<Fitted, String>>,
    plan: &Plan,
) -> Option<(Vec<usl_chart::Measured>, Usl)> {
    match result {
        Some(Ok(c)) => Some((
            c.points.clone(),
            Usl {
                sigma: c.sigma,
                kappa: c.kappa,
                lambda_rps: c.lambda_rps,
            },
        )),
        _ if plan.capacity == CapacityMode::Usl => Some((Vec::new(), Usl::of(plan))),
        _ => None,
    }
}

/// What the panel keeps across the inputs' re-mounts (a whole-plan change re-mounts them):
/// the last file's calibration and the plan before "Plan on this curve".
#[derive(Clone, Copy)]
pub struct CalibrateState {
    result: RwSignal<Option<Result<Fitted, String>>>,
    before: RwSignal<Option<Plan>>,
    /// Whether the panel waits for a fit (1) or not (0), and the file's name.
    asked: RwSignal<(f64, String)>,
}

impl CalibrateState {
    /// Nothing loaded yet.
    pub fn new() -> Self {
        CalibrateState {
            result: RwSignal::new(None),
            before: RwSignal::new(None),
            asked: RwSignal::new((0.0, String::new())),
        }
    }
}

/// The calibration panel.
#[component]
pub fn Calibrate(
    /// The panel's state, owned by the inputs so that it outlives their re-mounts.
    kept: CalibrateState,
) -> impl IntoView {
    let state = PlannerState::expect_context();
    let CalibrateState {
        result,
        before,
        asked,
    } = kept;
    let worker = state.worker;
    let load = move |file: web_sys::File| {
        read_file(file, move |name, bytes| {
            asked.set((1.0, name.clone()));
            worker.ask_then(
                Request::Calibrate { name, bytes },
                state.link.get_untracked(),
                true,
                move |reply| {
                    asked.set((0.0, String::new()));
                    match &reply.answer {
                        Answer::Calibrated(fit) => result.set(Some(fit.clone())),
                        Answer::Refused(e) => result.set(Some(Err(e.clone()))),
                        _ => {}
                    }
                },
            );
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) {
            load(file);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            load(file);
        }
    };
    let apply = move |_| {
        let Some(Ok(c)) = result.get_untracked() else {
            return;
        };
        let old = state.plan.get_untracked();
        let next = c.plan_on_curve(&old);
        before.set(Some(old));
        state.load(next);
    };
    let undo = move |_| {
        if let Some(old) = before.get_untracked() {
            before.set(None);
            state.load(old);
        }
    };

    let surface = Surface::new();
    redraw_when_shown(surface, state.viewport, move |root, frame| {
        let slots = state.report.with(|r| r.sizing.web.slots_per_pod);
        let what = result.with(|res| state.plan.with(|p| shown(res, p)));
        match what {
            Some((points, usl)) => usl_chart::draw(root, &points, &usl, slots, frame),
            None => Ok(()),
        }
    });
    let read = move |f: f64| {
        let slots = state.report.with(|r| r.sizing.web.slots_per_pod);
        result
            .with(|res| state.plan.with(|p| shown(res, p)))
            .map_or(String::new(), |(points, usl)| {
                usl_chart::readout(&points, &usl, slots, f)
            })
    };
    let has_curve = move || result.with(|res| state.plan.with(|p| shown(res, p).is_some()));
    let values = move || {
        let slots = state.report.with(|r| r.sizing.web.slots_per_pod);
        result.with(|res| state.plan.with(|p| shown(res, p))).map(|(points, usl)| {
            let (k, x) = usl.best_within(slots);
            let r2 = result.with(|res| match res {
                Some(Ok(c)) => format!("R² {} over {} points ({} fitted)", fmt(c.r2), points.len(), points.iter().filter(|p| p.2).count()),
                _ => "the plan's curve".to_string(),
            });
            format!(
                "σ {} · κ {} · λ {} req/s · knee {} · roof {} · {} · this pod: {} slots, best at {} in flight: {} req/s, a mean latency of {} ms there (Little's law; the queueing model reads latency_ms)",
                Num(usl.sigma),
                usl.kappa,
                Num(usl.lambda_rps),
                usl.peak_concurrency().map_or("none (κ = 0)".to_string(), |n| format!("N = {}", fmt(n))),
                usl.roof_rps().map_or("none (σ = 0)".to_string(), |r| format!("{} req/s", fmt(r))),
                r2,
                slots,
                k,
                fmt(x),
                fmt(usl.latency_ms(k as f64))
            )
        })
    };
    view! {
        <div class="calibrate" data-testid="calibrate" on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <h3>"Calibrate from a load test"</h3>
            <p class="hint">
                "Choose or drop a file: a CSV of concurrency and throughput, Locust's "
                <code>"*_stats_history.csv"</code>
                " (export locustfile.py) or k6's summary JSON (loadtest.js with MODE=steps). It is read here and never sent anywhere."
            </p>
            <label class="file">
                "Load-test results "
                <input type="file" name="calibrate_file" data-testid="calibrate-file" accept=".csv,.json,text/csv,application/json" on:change=on_change />
            </label>
            {note(worker, "the load-test reader", move || asked.with(|a| a.0 != 0.0))}
            {move || asked.with(|a| (a.0 != 0.0).then(|| view! { <p class="hint" data-testid="calibrate-reading">{format!("Reading and fitting {}…", a.1)}</p> }))}
            {move || result.with(|r| match r {
                Some(Err(e)) => Some(view! { <p class="error" role="alert" data-testid="calibrate-error">{e.clone()}</p> }.into_any()),
                Some(Ok(c)) if !c.warnings.is_empty() => Some(view! { <p class="hint" data-testid="calibrate-warnings">{c.warnings.join(" ")}</p> }.into_any()),
                _ => None,
            })}
            <div class:hidden=move || !has_curve()>
                {figure("chart-usl", "Throughput against requests in flight, measured and fitted", "The load test's points (hollow: not fitted), the Universal Scalability Law curve fitted to them, its knee and this pod's slots.", surface.canvas, Box::new(read))}
                <p class="values" data-testid="calibrate-values">{values}</p>
            </div>
            <p class="actions">
                <button type="button" data-testid="calibrate-apply" disabled=move || !matches!(result.get(), Some(Ok(_))) on:click=apply>"Plan on this curve"</button>
                " "
                <button type="button" data-testid="calibrate-undo" class:hidden=move || before.with(Option::is_none) on:click=undo>"Undo"</button>
            </p>
        </div>
    }
}
