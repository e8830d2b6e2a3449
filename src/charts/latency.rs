//! `chart-latency`: p95 queue wait against utilisation, the plan marked, the unstable region shaded.

use super::{cartesian, err, top, ChartResult, Frame, Glyph, Key};
use crate::engine::Sizing;
use crate::plan::Plan;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws a plan's p95 wait curve (60 points) on its slots at peak, the plan marked.
pub fn draw_plan<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plan: &Plan,
    s: &Sizing,
    frame: &Frame,
) -> ChartResult {
    let servers = s.latency.servers.max(1);
    let wait = crate::engine::latency::wait_curve(plan.latency_ms, servers, 60);
    let rho = s.latency.load_erlangs / servers as f64;
    draw(root, &wait, (rho, s.latency.wait_p95_ms), frame)
}

/// Draws (ρ, p95 ms) for fixed servers; `current` is the plan's (ρ, p95) or, when unstable, its ρ alone.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    curve: &[(f64, f64)],
    current: (f64, Option<f64>),
    frame: &Frame,
) -> ChartResult {
    // Cap the y axis so the knee stays readable; the curve climbs past it near saturation.
    let knee = curve
        .iter()
        .filter(|c| c.0 <= 0.95)
        .map(|c| c.1)
        .fold(0.0, f64::max);
    let y_max = top(std::iter::once(knee).chain(current.1), 1.0);
    let x_max = super::latency_x_max(current.0);
    let (warn, line, mark) = (
        frame.palette.warn,
        frame.palette.series[0],
        frame.palette.series[1],
    );
    let (rho, wait) = current;
    let plan = match wait {
        Some(w) => format!(
            "this plan: ρ {}, p95 {} ms",
            crate::engine::format::fmt(rho),
            crate::engine::format::fmt(w)
        ),
        None => format!("this plan: ρ {}, unstable", crate::engine::format::fmt(rho)),
    };
    let keys = [
        Key::new("unstable (ρ ≥ 1)", warn, Glyph::Block),
        Key::new("p95 wait", line, Glyph::Line(2.0)),
        Key::new(plan, mark, Glyph::Dot),
    ];
    let mut chart = cartesian(
        root,
        frame,
        0.0..x_max,
        0.0..y_max,
        "utilisation ρ",
        "p95 queue wait (ms)",
        &keys,
    )?;
    chart
        .draw_series(std::iter::once(Rectangle::new(
            [(1.0, 0.0), (x_max, y_max)],
            warn.filled(),
        )))
        .map_err(err)?;
    let visible: Vec<(f64, f64)> = curve.iter().map(|&(r, w)| (r, w.min(y_max))).collect();
    let point = (rho.min(x_max), wait.unwrap_or(y_max).min(y_max));
    super::curve_with_mark(&mut chart, visible, line, Some(point), mark, frame)?;
    root.present().map_err(err)
}
