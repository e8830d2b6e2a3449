//! `chart-scaling`: web replicas (and, when the plan has them, worker replicas and nodes)
//! against a swept input, the current plan marked.

use super::{err, ChartResult, Palette};
use crate::engine::{Axis, SweepPoint};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the scaling chart for `points` (a sweep over `axis`), marking `current` (x, web replicas).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    axis: Axis,
    points: &[SweepPoint],
    current: (f64, u64),
    palette: &Palette,
) -> ChartResult {
    root.fill(&palette.background).map_err(err)?;
    let x_max = points
        .iter()
        .map(|p| p.x)
        .fold(current.0, f64::max)
        .max(1.0);
    let x_min = points
        .iter()
        .map(|p| p.x)
        .fold(current.0, f64::min)
        .min(0.0);
    let y_max = points
        .iter()
        .map(|p| p.web_replicas)
        .fold(current.1, u64::max)
        .max(1) as f64
        * 1.1;
    let text = |size: u32| ("sans-serif", size).into_font().color(&palette.text);

    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .margin_right(28)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(x_min..x_max, 0.0..y_max)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(axis.title())
        .y_desc("web replicas (pods)")
        .axis_desc_style(text(14))
        .label_style(text(12))
        .x_labels(8)
        .y_labels(8)
        .x_label_formatter(&|x| crate::engine::math::fmt(*x))
        .y_label_formatter(&|y| crate::engine::math::fmt(y.round()))
        .axis_style(palette.text)
        .light_line_style(palette.background)
        .bold_line_style(palette.grid)
        .draw()
        .map_err(err)?;

    let colour = palette.series[0];
    chart
        .draw_series(LineSeries::new(
            points.iter().map(|p| (p.x, p.web_replicas as f64)),
            colour.stroke_width(2),
        ))
        .map_err(err)?
        .label("web replicas at peak")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour.stroke_width(2)));
    let mark = palette.series[1];
    chart
        .draw_series(std::iter::once(Circle::new(
            (current.0, current.1 as f64),
            6,
            mark.filled(),
        )))
        .map_err(err)?
        .label(format!("this plan: {} pods", current.1))
        .legend(move |(x, y)| Circle::new((x + 8, y), 5, mark.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(palette.background.mix(0.9))
        .border_style(palette.grid)
        .label_font(text(12))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)
}
