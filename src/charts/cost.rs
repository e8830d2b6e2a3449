//! `chart-cost`: monthly cost by component against a swept input.

use super::{cartesian, err, legend, top, ChartResult, Frame, Glyph, Key};
use crate::engine::{Axis, SweepPoint};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws monthly cost (total and by component) for a sweep over `axis`, marking `current_x`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    axis: Axis,
    points: &[SweepPoint],
    current_x: f64,
    frame: &Frame,
) -> ChartResult {
    let x_min = points
        .iter()
        .map(|p| p.x)
        .fold(current_x, f64::min)
        .min(0.0);
    let x_max = points
        .iter()
        .map(|p| p.x)
        .fold(current_x, f64::max)
        .max(1.0);
    let y_max = top(points.iter().map(|p| p.cost_total), 1.0);
    let mut chart = cartesian(
        root,
        frame,
        x_min..x_max,
        0.0..y_max,
        axis.title(),
        "cost (USD/month)",
    )?;
    let width = frame.px(2.0);
    let total = frame.palette.series[0];
    chart
        .draw_series(LineSeries::new(
            points.iter().map(|p| (p.x, p.cost_total)),
            total.stroke_width(width + 1),
        ))
        .map_err(err)?;
    let mut keys = vec![Key::new("total", total, Glyph::Line(3.0))];
    let names = points
        .first()
        .map(|p| p.cost.items().map(|(n, _)| n))
        .unwrap_or_default();
    for (i, name) in names.into_iter().enumerate() {
        if points.iter().all(|p| p.cost.items()[i].1 == 0.0) {
            continue;
        }
        let colour = frame.palette.series[(i + 1) % 5];
        chart
            .draw_series(LineSeries::new(
                points.iter().map(|p| (p.x, p.cost.items()[i].1)),
                colour.stroke_width(width),
            ))
            .map_err(err)?;
        keys.push(Key::new(name.replace('_', " "), colour, Glyph::Line(2.0)));
    }
    let mark = frame.palette.text;
    chart
        .draw_series(std::iter::once(PathElement::new(
            [(current_x, 0.0), (current_x, y_max)],
            mark.mix(0.6).stroke_width(frame.px(1.0)),
        )))
        .map_err(err)?;
    keys.push(Key::new("this plan", mark, Glyph::Tick));
    legend(&chart, frame, &keys)?;
    root.present().map_err(err)
}
