//! `chart-aca-cost`: Container Apps monthly cost against active hours a day, beside the AKS
//! plan's cost, the break-even marked.

use super::{cartesian, err, legend, top, ChartResult, Frame, Glyph, Key};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the curve of (active hours, USD) beside the flat AKS cost, marking the break-even and
/// the plan's active hours.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    curve: &[(f64, f64)],
    aks_usd: f64,
    breakeven_h: Option<f64>,
    active_h: f64,
    frame: &Frame,
) -> ChartResult {
    let y_max = top(
        curve.iter().map(|c| c.1).chain(std::iter::once(aks_usd)),
        1.0,
    );
    let mut chart = cartesian(
        root,
        frame,
        0.0..24.0,
        0.0..y_max,
        "active hours a day (h)",
        "cost (USD/month)",
    )?;
    let width = frame.px(2.0);
    let aca = frame.palette.series[0];
    chart
        .draw_series(LineSeries::new(
            curve.iter().copied(),
            aca.stroke_width(width),
        ))
        .map_err(err)?;
    let mut keys = vec![Key::new("Container Apps", aca, Glyph::Line(2.0))];
    let aks = frame.palette.series[1];
    chart
        .draw_series(LineSeries::new(
            [(0.0, aks_usd), (24.0, aks_usd)],
            aks.stroke_width(width),
        ))
        .map_err(err)?;
    keys.push(Key::new("AKS plan", aks, Glyph::Line(2.0)));
    if let Some(h) = breakeven_h {
        let mark = frame.palette.series[4];
        chart
            .draw_series(std::iter::once(Circle::new(
                (h, aks_usd),
                frame.px(5.0),
                mark.filled(),
            )))
            .map_err(err)?;
        keys.push(Key::new(
            format!("break-even: {} h/day", crate::engine::math::fmt(h)),
            mark,
            Glyph::Dot,
        ));
    }
    let text = frame.palette.text;
    chart
        .draw_series(std::iter::once(PathElement::new(
            [(active_h, 0.0), (active_h, y_max)],
            text.mix(0.6).stroke_width(frame.px(1.0)),
        )))
        .map_err(err)?;
    keys.push(Key::new("this plan's active hours", text, Glyph::Tick));
    legend(&chart, frame, &keys)?;
    root.present().map_err(err)
}
