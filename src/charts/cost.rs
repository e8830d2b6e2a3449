//! `chart-cost`: monthly cost by component against a swept input.

use super::{cartesian, err, top, ChartResult, Frame, Glyph, Key};
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
    // The components that cost something somewhere along the sweep, with their colours.
    let names = points
        .first()
        .map(|p| p.cost.chart_items().map(|(n, _)| n))
        .unwrap_or_default();
    let components: Vec<(usize, &str)> = names
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| points.iter().any(|p| p.cost.chart_items()[i].1 != 0.0))
        .collect();
    let colour = |i: usize| frame.palette.series[(i + 1) % 5];
    let (total, mark) = (frame.palette.series[0], frame.palette.text);
    let keys: Vec<Key> = std::iter::once(Key::new("total", total, Glyph::Line(3.0)))
        .chain(components.iter().map(|&(i, name)| {
            let label = match name {
                "disks_lb_ip" => "OS disks, LB & IP".to_string(),
                _ => name.replace('_', " "),
            };
            Key::new(label, colour(i), Glyph::Line(2.0))
        }))
        .chain([Key::new("this plan", mark, Glyph::Tick)])
        .collect();
    let mut chart = cartesian(
        root,
        frame,
        x_min..x_max,
        0.0..y_max,
        axis.title(),
        "cost (USD/month)",
        &keys,
    )?;
    let width = frame.px(2.0);
    chart
        .draw_series(LineSeries::new(
            points.iter().map(|p| (p.x, p.cost_total)),
            total.stroke_width(width + 1),
        ))
        .map_err(err)?;
    for &(i, _) in &components {
        chart
            .draw_series(LineSeries::new(
                points.iter().map(|p| (p.x, p.cost.chart_items()[i].1)),
                colour(i).stroke_width(width),
            ))
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
