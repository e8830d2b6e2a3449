//! `chart-aca-cost`: Container Apps monthly cost against active hours a day, beside the AKS
//! plan's cost, the break-even marked.

use super::{cartesian, err, top, ChartResult, Frame, Glyph, Key};
use crate::engine::Sizing;
use crate::plan::Plan;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws a plan's Container Apps cost curve (49 points over 0–24 h) beside its AKS cost.
pub fn draw_plan<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plan: &Plan,
    s: &Sizing,
    frame: &Frame,
) -> ChartResult {
    let curve = crate::engine::aca::cost_curve(plan, s.aca.replicas_active, 49);
    draw(
        root,
        &curve,
        s.cost.monthly_usd,
        s.aca.breakeven_active_h,
        plan.active_h,
        frame,
    )
}

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
    let (aca, aks, mark, text) = (
        frame.palette.series[0],
        frame.palette.series[1],
        frame.palette.series[4],
        frame.palette.text,
    );
    let mut keys = vec![
        Key::new("Container Apps", aca, Glyph::Line(2.0)),
        Key::new("AKS plan", aks, Glyph::Line(2.0)),
    ];
    keys.push(match breakeven_h {
        Some(h) => Key::new(
            format!("break-even: {} h/day", crate::engine::format::fmt(h)),
            mark,
            Glyph::Dot,
        ),
        // Say so rather than leave the reader looking for a dot.
        None => {
            let cheaper = if curve.iter().all(|c| c.1 <= aks_usd) {
                "Container Apps costs less"
            } else {
                "AKS costs less"
            };
            Key::new(
                format!("no break-even: {cheaper} at 0–24 h/day"),
                text,
                Glyph::Blank,
            )
        }
    });
    keys.push(Key::new("this plan's active hours", text, Glyph::Tick));
    let mut chart = cartesian(
        root,
        frame,
        0.0..24.0,
        0.0..y_max,
        "active hours a day (h)",
        "cost (USD/month)",
        &keys,
    )?;
    let width = frame.px(2.0);
    chart
        .draw_series(LineSeries::new(
            curve.iter().copied(),
            aca.stroke_width(width),
        ))
        .map_err(err)?;
    chart
        .draw_series(LineSeries::new(
            [(0.0, aks_usd), (24.0, aks_usd)],
            aks.stroke_width(width),
        ))
        .map_err(err)?;
    if let Some(h) = breakeven_h {
        chart
            .draw_series(std::iter::once(Circle::new(
                (h, aks_usd),
                frame.px(5.0),
                mark.filled(),
            )))
            .map_err(err)?;
    }
    chart
        .draw_series(std::iter::once(PathElement::new(
            [(active_h, 0.0), (active_h, y_max)],
            text.mix(0.6).stroke_width(frame.px(1.0)),
        )))
        .map_err(err)?;
    root.present().map_err(err)
}
