//! The scaling chart on a canvas, drawn from the engine's sweep.

use super::PlannerState;
use crate::charts::{self, LIGHT};
use crate::engine::{sweep, Axis};
use leptos::html;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

/// Web replicas against peak traffic from 0 to twice the plan's, the plan marked.
#[component]
pub fn ScalingChart() -> impl IntoView {
    let state = PlannerState::expect_context();
    let canvas = NodeRef::<html::Canvas>::new();
    let axis = Axis::PeakRps;
    let curve = Memo::new(move |_| {
        state.plan.with(|p| {
            let (from, to) = axis.default_range(p);
            sweep(p, axis, from, to, 101)
        })
    });
    Effect::new(move |_| {
        let points = curve.get();
        let current = state.plan.with(|p| axis.value(p));
        let replicas = state.sizing.with(|s| s.web.replicas_max);
        let Some(el) = canvas.get() else { return };
        let Some(backend) = CanvasBackend::with_canvas_object(el) else {
            return;
        };
        let root = backend.into_drawing_area();
        if let Err(e) = charts::scaling::draw(&root, axis, &points, (current, replicas), &LIGHT) {
            leptos::logging::error!("chart-scaling: {e}");
        }
    });
    view! {
        <figure class="chart">
            <canvas
                data-testid="chart-scaling"
                width="720"
                height="360"
                node_ref=canvas
                role="img"
                aria-label="Web replicas against peak traffic"
            ></canvas>
            <figcaption>"Web replicas as peak traffic grows; the dot is this plan."</figcaption>
        </figure>
    }
}
