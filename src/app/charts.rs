//! The four charts on canvases, drawn from the engine's sweeps: sharp on high-DPI screens,
//! redrawn on resize and colour-scheme changes, each downloadable as PNG.

use super::{browser, PlannerState};
use crate::charts::{self, Frame, DARK, LIGHT};
use crate::engine::{self, sweep, Axis};
use leptos::html;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;

/// Sizes the canvas to its CSS box at the device pixel ratio and draws on it.
fn paint(
    canvas: NodeRef<html::Canvas>,
    draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, &Frame) -> charts::ChartResult,
) {
    let Some(el) = canvas.get() else { return };
    let scale = browser::pixel_ratio();
    let css_w = f64::from(el.client_width().max(300));
    let css_h = (css_w / 2.0).clamp(200.0, 420.0);
    let (w, h) = (
        (css_w * scale).round() as u32,
        (css_h * scale).round() as u32,
    );
    if el.width() != w || el.height() != h {
        el.set_width(w);
        el.set_height(h);
    }
    let frame = Frame {
        palette: if browser::prefers_dark() { DARK } else { LIGHT },
        scale,
    };
    let Some(backend) = CanvasBackend::with_canvas_object(el) else {
        return;
    };
    let root = backend.into_drawing_area();
    if let Err(e) = draw(&root, &frame) {
        leptos::logging::error!("chart: {e}");
    }
}

/// A figure with a canvas, a caption and a PNG download button.
fn figure(
    testid: &'static str,
    label: &'static str,
    caption: &'static str,
    canvas: NodeRef<html::Canvas>,
) -> impl IntoView {
    let on_png = move |_| {
        if let Some(el) = canvas.get() {
            if let Ok(url) = el.to_data_url() {
                browser::download_url(&format!("{}.png", testid), &url);
            }
        }
    };
    view! {
        <figure class="chart">
            <canvas data-testid=testid node_ref=canvas role="img" aria-label=label></canvas>
            <figcaption>
                {caption}
                " "
                <button type="button" class="link" data-testid=format!("{}-png", testid) on:click=on_png>"Download PNG"</button>
            </figcaption>
        </figure>
    }
}

/// The charts panel.
#[component]
pub fn Charts() -> impl IntoView {
    let state = PlannerState::expect_context();
    let axis = RwSignal::new(Axis::PeakRps);
    // The sweep is cached while the plan and axis are unchanged.
    let curve = Memo::new(move |_| {
        let axis = axis.get();
        state.plan.with(|p| {
            let (from, to) = axis.default_range(p);
            sweep(p, axis, from, to, 101)
        })
    });
    let scaling = NodeRef::<html::Canvas>::new();
    let cost = NodeRef::<html::Canvas>::new();
    let aca = NodeRef::<html::Canvas>::new();
    let latency = NodeRef::<html::Canvas>::new();

    Effect::new(move |_| {
        state.viewport.get();
        let axis = axis.get();
        let x = state.plan.with(|p| axis.value(p));
        curve.with(|points| {
            paint(scaling, |root, frame| {
                charts::scaling::draw(root, axis, points, x, frame)
            });
            paint(cost, |root, frame| {
                charts::cost::draw(root, axis, points, x, frame)
            });
        });
    });
    Effect::new(move |_| {
        state.viewport.get();
        state.plan.with(|p| {
            state.sizing.with(|s| {
                let curve = engine::aca::cost_curve(p, s.aca.replicas_active, 49);
                paint(aca, |root, frame| {
                    charts::aca_cost::draw(
                        root,
                        &curve,
                        s.cost.monthly_usd,
                        s.aca.breakeven_active_h,
                        p.active_h,
                        frame,
                    )
                });
                let servers = s.latency.servers.max(1);
                let wait = engine::latency::wait_curve(p.latency_ms, servers, 60);
                let rho = s.latency.load_erlangs / servers as f64;
                paint(latency, |root, frame| {
                    charts::latency::draw(root, &wait, (rho, s.latency.wait_p95_ms), frame)
                });
            })
        });
    });

    let on_axis = move |ev| {
        if let Some(a) = Axis::from_param(&event_target_value(&ev)) {
            axis.set(a);
        }
    };
    view! {
        <section class="charts" aria-label="Charts">
            <h2>"Curves"</h2>
            <label class="inline">
                "Sweep "
                <select data-testid="sweep-axis" name="sweep_axis" on:change=on_axis>
                    {Axis::ALL.iter().map(|a| view! { <option value=a.param()>{a.title()}</option> }).collect_view()}
                </select>
                " from 0 to twice the plan's value"
            </label>
            {figure("chart-scaling", "Replicas and nodes against the swept input", "Replicas and nodes as the swept input grows; the line marks this plan.", scaling)}
            {figure("chart-cost", "Monthly cost against the swept input", "Monthly cost by component; the line marks this plan.", cost)}
            {figure("chart-aca-cost", "Container Apps cost against active hours", "Container Apps against the AKS plan by active hours a day; the dot is the break-even.", aca)}
            {figure("chart-latency", "p95 queue wait against utilisation", "p95 queue wait as utilisation grows at this plan's slots; shaded: unstable.", latency)}
        </section>
    }
}
