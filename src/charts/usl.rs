//! `chart-usl`: a load test's throughput against concurrency, the fitted Universal Scalability
//! Law curve through it, the points the fit left out hollow, the curve's knee and the pod's
//! slots marked.

use super::{cartesian, err, top, ChartResult, Frame, Glyph, Key};
use crate::engine::format::fmt;
use crate::engine::usl::Usl;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One measured point: (concurrency, throughput req/s, used by the fit).
pub type Measured = (f64, f64, bool);

/// The x axis' end: past the points, the slots and the knee, with room.
pub fn x_max(points: &[Measured], usl: &Usl, slots: u64) -> f64 {
    top(
        points
            .iter()
            .map(|p| p.0)
            .chain([slots as f64])
            .chain(usl.peak_concurrency().filter(|k| *k < 1e6)),
        2.0,
    )
}

/// Draws the curve from 0 to the x axis' end, the points (hollow when unused), and vertical
/// marks at the knee (when κ > 0) and at the pod's slots.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[Measured],
    usl: &Usl,
    slots: u64,
    frame: &Frame,
) -> ChartResult {
    let x_end = x_max(points, usl, slots);
    let curve: Vec<(f64, f64)> = (0..=120)
        .map(|i| {
            let n = x_end * f64::from(i) / 120.0;
            (n, usl.throughput(n))
        })
        .collect();
    let y_end = top(
        curve.iter().map(|c| c.1).chain(points.iter().map(|p| p.1)),
        1.0,
    );
    let p = &frame.palette;
    let (line, dot, knee_c, slot_c) = (p.series[0], p.series[1], p.series[2], p.series[3]);
    let (k, x) = usl.best_within(slots);
    let mut keys = vec![
        Key::new("fitted curve", line, Glyph::Line(2.0)),
        Key::new("measured (hollow: not fitted)", dot, Glyph::Dot),
        Key::new(
            format!("pod: {} slots, best {} → {} req/s", slots, k, fmt(x)),
            slot_c,
            Glyph::Tick,
        ),
    ];
    if let Some(n) = usl.peak_concurrency() {
        keys.insert(
            2,
            Key::new(format!("knee N = {}", fmt(n)), knee_c, Glyph::Tick),
        );
    }
    let mut chart = cartesian(
        root,
        frame,
        0.0..x_end,
        0.0..y_end,
        "requests in flight (concurrency)",
        "throughput (req/s)",
        &keys,
    )?;
    chart
        .draw_series(LineSeries::new(curve, line.stroke_width(frame.px(2.0))))
        .map_err(err)?;
    let r = frame.px(4.0);
    chart
        .draw_series(points.iter().map(|&(n, x, used)| {
            let style = if used {
                dot.filled()
            } else {
                dot.stroke_width(frame.px(1.5))
            };
            Circle::new((n.min(x_end), x.min(y_end)), r, style)
        }))
        .map_err(err)?;
    let mut marks = vec![(slots as f64, slot_c)];
    if let Some(n) = usl.peak_concurrency().filter(|n| *n <= x_end) {
        marks.push((n, knee_c));
    }
    for (at, colour) in marks {
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(at, 0.0), (at, y_end)],
                colour.stroke_width(frame.px(1.5)),
            )))
            .map_err(err)?;
    }
    root.present().map_err(err)
}

/// What the chart reads out at a place across its plot (0 to 1): the curve there and the
/// nearest measured point.
pub fn readout(points: &[Measured], usl: &Usl, slots: u64, f: f64) -> String {
    let n = f.clamp(0.0, 1.0) * x_max(points, usl, slots);
    let near = points
        .iter()
        .min_by(|a, b| (a.0 - n).abs().total_cmp(&(b.0 - n).abs()))
        .map_or(String::new(), |p| {
            format!(
                "; nearest measurement: {} in flight, {} req/s{}",
                fmt(p.0),
                fmt(p.1),
                if p.2 { "" } else { " (not fitted)" }
            )
        });
    format!(
        "{} in flight: the curve gives {} req/s{}",
        fmt(n),
        fmt(usl.throughput(n)),
        near
    )
}
