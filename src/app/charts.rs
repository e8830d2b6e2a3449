//! The four charts on canvases, drawn from the engine's sweeps: sharp on high-DPI screens,
//! redrawn on resize and colour-scheme changes, each downloadable as PNG.

use super::fast_canvas::FastCanvas;
use super::{browser, PlannerState};
use crate::charts::{self, readout, Frame, DARK, LIGHT};
use crate::engine::{sweep, Axis};
use leptos::html;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};

/// A canvas and the CSS size it was last measured at, with the viewport generation of that
/// measurement: reading `clientWidth` forces a layout of the whole page, so it is read only
/// when the window has changed.
#[derive(Clone, Copy)]
pub(super) struct Surface {
    pub(super) canvas: NodeRef<html::Canvas>,
    measured: StoredValue<Option<(u64, (f64, f64))>>,
}

impl Surface {
    pub(super) fn new() -> Self {
        Surface {
            canvas: NodeRef::new(),
            measured: StoredValue::new(None),
        }
    }

    /// Sizes the canvas to its CSS box (set by the style sheet) at the device pixel ratio and
    /// draws on it.
    fn paint(self, generation: u64, draw: &Draw) {
        let Some(el) = self.canvas.get() else { return };
        let (css_w, css_h) = match self.measured.get_value() {
            Some((gen, size)) if gen == generation => size,
            _ => {
                let size = (
                    f64::from(el.client_width().max(240)),
                    f64::from(el.client_height().max(120)),
                );
                self.measured.set_value(Some((generation, size)));
                size
            }
        };
        let scale = browser::pixel_ratio();
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
        let Some(backend) = FastCanvas::new(el) else {
            return;
        };
        let root = backend.into_drawing_area();
        if let Err(e) = draw(&root, &frame) {
            leptos::logging::error!("chart: {e}");
        }
    }
}

/// What a chart reads out at a place across its plot (0 to 1).
pub(super) type Readout = Box<dyn Fn(f64) -> String + Send + Sync>;

/// A figure with a canvas, a caption and a PNG download button. The readout is boxed: one
/// copy of this view serves every chart (a generic parameter would make one per chart).
pub(super) fn figure(
    testid: &'static str,
    label: &'static str,
    caption: &'static str,
    canvas: NodeRef<html::Canvas>,
    readout: Readout,
) -> AnyView {
    // Where the pointer (or the arrow keys) point across the plot: 0 to 1.
    let cursor = RwSignal::new(None::<f64>);
    let on_png = move |_| {
        if let Some(el) = canvas.get() {
            if let Ok(url) = el.to_data_url() {
                browser::download_url(&format!("{}.png", testid), &url);
            }
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        if let Some(el) = canvas.get() {
            cursor.set(Some(charts::plot_fraction(
                f64::from(ev.offset_x()),
                f64::from(el.client_width()),
            )));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let step = match ev.key().as_str() {
            "ArrowLeft" => -0.02,
            "ArrowRight" => 0.02,
            "Home" => -1.0,
            "End" => 1.0,
            "Escape" => return cursor.set(None),
            _ => return,
        };
        ev.prevent_default();
        cursor.update(|c| *c = Some((c.unwrap_or(0.5) + step).clamp(0.0, 1.0)));
    };
    view! {
        <figure class="chart">
            <canvas
                data-testid=testid
                node_ref=canvas
                role="img"
                aria-label=format!("{} (arrow keys read values)", label)
                tabindex="0"
                on:pointermove=on_move
                on:pointerleave=move |_| cursor.set(None)
                on:focus=move |_| cursor.update(|c| *c = Some(c.unwrap_or(0.5)))
                on:blur=move |_| cursor.set(None)
                on:keydown=on_key
            ></canvas>
            <p class="readout" data-testid=format!("{}-readout", testid)>
                {move || cursor.get().map(&readout).unwrap_or_else(|| "Point at the chart, or focus it and use the arrow keys, to read values.".into())}
            </p>
            <figcaption>
                {caption}
                " "
                <button type="button" class="link" data-testid=format!("{}-png", testid) on:click=on_png>"Download PNG"</button>
            </figcaption>
        </figure>
    }
    .into_any()
}

/// Redraws a chart whenever what it draws changes while it is on screen, when it scrolls onto
/// the screen, and when the window changes: the one effect every chart uses.
pub(super) fn redraw_when_shown(
    surface: Surface,
    viewport: browser::Viewport,
    draw: impl Fn(&DrawingArea<FastCanvas, Shift>, &Frame) -> charts::ChartResult + 'static,
) -> ReadSignal<bool> {
    redraw_boxed(surface, viewport, Box::new(draw))
}

/// A chart's drawing, boxed: one copy of the redraw effect and of `Surface::paint` serves
/// every chart (generic, each chart had its own).
type Draw = dyn Fn(&DrawingArea<FastCanvas, Shift>, &Frame) -> charts::ChartResult;

fn redraw_boxed(
    surface: Surface,
    viewport: browser::Viewport,
    draw: Box<Draw>,
) -> ReadSignal<bool> {
    let shown = browser::on_screen(surface.canvas);
    Effect::new(move |_| {
        let generation = viewport.track();
        if shown.get() {
            surface.paint(generation, draw.as_ref());
        }
    });
    shown
}

/// The curves against a swept input: replicas and nodes (in the Nodes section) and the
/// monthly cost, with the sweep's picker.
#[component]
pub fn Curves() -> impl IntoView {
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
    let (scaling, cost) = (Surface::new(), Surface::new());
    let swept = move || {
        let axis = axis.get();
        (axis, state.plan.with(|p| axis.value(p)))
    };
    redraw_when_shown(scaling, state.viewport, move |root, frame| {
        let (axis, x) = swept();
        curve.with(|points| charts::scaling::draw(root, axis, points, x, frame))
    });
    redraw_when_shown(cost, state.viewport, move |root, frame| {
        let (axis, x) = swept();
        curve.with(|points| charts::cost::draw(root, axis, points, x, frame))
    });
    // The values under the cursor, from the same data the charts draw.
    let read_sweep =
        move |f: f64| curve.with(|points| readout::sweep(points, axis.get_untracked(), f));
    let on_axis = move |ev| {
        if let Some(a) = Axis::from_param(&event_target_value(&ev)) {
            axis.set(a);
        }
    };
    view! {
        <div class="charts">
            <h3>"Curves"</h3>
            <label class="inline">
                "Sweep "
                <select data-testid="sweep-axis" name="sweep_axis" on:change=on_axis>
                    {Axis::ALL.iter().map(|a| view! { <option value=a.param()>{a.title()}</option> }).collect_view()}
                </select>
                " from 0 to twice the plan's value"
            </label>
            {figure("chart-scaling", "Replicas and nodes against the swept input", "Replicas and nodes as the swept input grows; the line marks this plan.", scaling.canvas, Box::new(read_sweep))}
            {figure("chart-cost", "Monthly cost against the swept input", "Monthly cost by component; the line marks this plan.", cost.canvas, Box::new(read_sweep))}
        </div>
    }
}

/// A chart drawn from the plan and its sizing alone, with its readout.
type PlanDraw = fn(
    &DrawingArea<FastCanvas, Shift>,
    &crate::plan::Plan,
    &crate::engine::Sizing,
    &Frame,
) -> charts::ChartResult;
type PlanRead = fn(&crate::plan::Plan, &crate::engine::Sizing, f64) -> String;

/// A figure for a chart of the plan's sizing (queue wait, Container Apps cost).
fn plan_chart(
    testid: &'static str,
    label: &'static str,
    caption: &'static str,
    draw: PlanDraw,
    read: PlanRead,
) -> AnyView {
    let state = PlannerState::expect_context();
    let surface = Surface::new();
    redraw_when_shown(surface, state.viewport, move |root, frame| {
        state
            .plan
            .with(|p| state.report.with(|r| draw(root, p, &r.sizing, frame)))
    });
    let readout = move |f: f64| {
        state
            .plan
            .with(|p| state.report.with(|r| read(p, &r.sizing, f)))
    };
    figure(testid, label, caption, surface.canvas, Box::new(readout))
}

/// The p95 queue wait against utilisation, in the Web tier section.
#[component]
pub fn LatencyChart() -> impl IntoView {
    plan_chart(
        "chart-latency",
        "p95 queue wait against utilisation",
        "p95 queue wait as utilisation grows at this plan's slots; shaded: unstable.",
        charts::latency::draw_plan,
        readout::latency,
    )
}

/// Container Apps against the AKS plan by active hours, in the Cost section (on AKS plans too).
#[component]
pub fn AcaCostChart() -> impl IntoView {
    plan_chart(
        "chart-aca-cost",
        "Container Apps cost against active hours",
        "Container Apps against the AKS plan by active hours a day; the dot is the break-even, where there is one.",
        charts::aca_cost::draw_plan,
        readout::aca_cost,
    )
}
