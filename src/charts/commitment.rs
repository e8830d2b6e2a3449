//! `chart-commitment`: the month's compute against the commitment (reserved nodes, or a
//! savings plan's USD/h), the chosen one marked; pay as you go as a flat line.

use super::{cartesian, err, top, ChartResult, Frame, Glyph, Key};
use crate::buying::Buying;
use crate::plan::Commitment;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the buying curve; with no curve (pay as you go, or no price) the pay-as-you-go month
/// alone, over reserved nodes 0 to 1.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    b: &Buying,
    frame: &Frame,
) -> ChartResult {
    let reserve = matches!(b.commitment, Commitment::Ri1 | Commitment::Ri3);
    let x_label = if matches!(b.commitment, Commitment::Sp1 | Commitment::Sp3) {
        "savings plan commitment (USD/h)".to_string()
    } else {
        // The curve varies the first committed pool's reservation, the others at theirs.
        format!(
            "reserved {} nodes",
            b.pools.first().map_or("user", |p| p.pool.as_str())
        )
    };
    let x_max = b.curve.iter().map(|p| p.0).fold(1.0, f64::max);
    let y_max = top(
        b.curve.iter().map(|p| p.1).chain([b.monthly_without_usd]),
        1.0,
    );
    let (line, flat, mark) = (
        frame.palette.series[0],
        frame.palette.series[2],
        frame.palette.series[1],
    );
    let chosen = match (b.chosen, reserve) {
        (Some((x, y)), true) => format!("reserve {}: {}", x, crate::engine::format::money(y)),
        (Some((x, y)), false) => format!(
            "C = ${}/h: {}",
            crate::engine::format::fmt(x),
            crate::engine::format::money(y)
        ),
        (None, _) => "no commitment".to_string(),
    };
    let keys = [
        Key::new("month's compute", line, Glyph::Line(2.0)),
        Key::new("pay as you go", flat, Glyph::Line(1.0)),
        Key::new(chosen, mark, Glyph::Dot),
    ];
    let mut chart = cartesian(
        root,
        frame,
        0.0..x_max,
        0.0..y_max,
        &x_label,
        "compute per month (USD)",
        &keys,
    )?;
    chart
        .draw_series(LineSeries::new(
            vec![(0.0, b.monthly_without_usd), (x_max, b.monthly_without_usd)],
            flat.stroke_width(frame.px(1.0)),
        ))
        .map_err(err)?;
    super::curve_with_mark(&mut chart, b.curve.clone(), line, b.chosen, mark, frame)?;
    root.present().map_err(err)
}
