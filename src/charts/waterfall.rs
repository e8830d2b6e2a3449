//! `chart-nodes-waterfall`: why the user pool has the nodes it has, step by step (packed → zone
//! spread → failure tolerance → upgrade surge), as bars.

use super::{cartesian, err, top, ChartResult, Frame, Glyph, Key};
use crate::resilience::Step;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the waterfall: one bar per step, its height the nodes after it, the step's addition
/// shaded darker.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    steps: &[Step],
    frame: &Frame,
) -> ChartResult {
    let keys = [
        Key::new(
            "nodes before the step",
            frame.palette.series[0].mix(0.35),
            Glyph::Block,
        ),
        Key::new("added by the step", frame.palette.series[0], Glyph::Block),
    ];
    let y_max = top(steps.iter().map(|s| s.nodes as f64), 1.0);
    let n = steps.len().max(1) as f64;
    let labels: Vec<&str> = steps.iter().map(|s| s.label).collect();
    let mut chart = cartesian(
        root,
        frame,
        0.0..n,
        0.0..y_max,
        &labels.join(" → "),
        "user nodes",
        &keys,
    )?;
    let mut before = 0.0_f64;
    for (i, s) in steps.iter().enumerate() {
        let (x0, x1) = (i as f64 + 0.15, i as f64 + 0.85);
        let now = s.nodes as f64;
        let low = before.min(now);
        chart
            .draw_series([
                Rectangle::new(
                    [(x0, 0.0), (x1, low)],
                    frame.palette.series[0].mix(0.35).filled(),
                ),
                Rectangle::new([(x0, low), (x1, now)], frame.palette.series[0].filled()),
            ])
            .map_err(err)?;
        before = now;
    }
    root.present().map_err(err)
}
