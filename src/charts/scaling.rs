//! `chart-scaling`: web replicas, worker replicas and user nodes (packed and aggregate) against
//! a swept input, the current plan marked.

use super::{cartesian, err, top, ChartResult, Frame, Glyph, Key};
use crate::engine::{Axis, SweepPoint};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the scaling chart for `points` (a sweep over `axis`), marking the plan at `current_x`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    axis: Axis,
    points: &[SweepPoint],
    current_x: f64,
    frame: &Frame,
) -> ChartResult {
    let xs = points.iter().map(|p| p.x);
    let x_min = xs.clone().fold(current_x, f64::min).min(0.0);
    let x_max = xs.fold(current_x, f64::max).max(1.0);
    let y_max = top(
        points.iter().flat_map(|p| {
            [
                p.web_replicas as f64,
                p.task_replicas as f64,
                p.nodes_aggregate as f64,
                p.nodes_packed.unwrap_or(0) as f64,
            ]
        }),
        1.0,
    );
    type Pick = fn(&SweepPoint) -> Option<f64>;
    let series: [(&str, Pick); 4] = [
        ("web replicas", |p| Some(p.web_replicas as f64)),
        ("worker replicas", |p| Some(p.task_replicas as f64)),
        ("nodes (packed)", |p| p.nodes_packed.map(|n| n as f64)),
        ("nodes (aggregate)", |p| Some(p.nodes_aggregate as f64)),
    ];
    let mark = frame.palette.text;
    let keys: Vec<Key> = series
        .iter()
        .enumerate()
        .map(|(i, (name, _))| Key::new(*name, frame.palette.series[i], Glyph::Line(2.0)))
        .chain([Key::new("this plan", mark, Glyph::Tick)])
        .collect();
    let mut chart = cartesian(
        root,
        frame,
        x_min..x_max,
        0.0..y_max,
        axis.title(),
        "pods / nodes",
        &keys,
    )?;
    let width = frame.px(2.0);
    for (i, (_, pick)) in series.into_iter().enumerate() {
        let colour = frame.palette.series[i];
        let line: Vec<(f64, f64)> = points
            .iter()
            .filter_map(|p| pick(p).map(|y| (p.x, y)))
            .collect();
        chart
            .draw_series(LineSeries::new(line, colour.stroke_width(width)))
            .map_err(err)?;
    }
    chart
        .draw_series(std::iter::once(PathElement::new(
            [(current_x, 0.0), (current_x, y_max)],
            mark.mix(0.6).stroke_width(frame.px(1.0)),
        )))
        .map_err(err)?;
    root.present().map_err(err)
}
