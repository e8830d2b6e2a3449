//! `chart-vms`: the whole plan's monthly cost on each VM size, cheapest first (the ranking of
//! `report::vms`), the plan's own size marked; sizes that do not fit a pod are set apart at the
//! right, on the axis, and sizes without a price after them.

use super::{cartesian, err, top, ChartResult, Frame, Glyph, Key};
use crate::report::vms::VmRow;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Where each row stands on the x axis (1 = cheapest), the sizes that do not fit after a gap
/// of one place, and the axis' end: what the chart and its readout share.
pub fn places(rows: &[VmRow]) -> (Vec<f64>, f64) {
    let fitting = rows.iter().filter(|r| r.fits).count();
    let (mut fit_at, mut apart_at) = (0.0, fitting as f64 + 1.0);
    let xs = rows
        .iter()
        .map(|r| {
            if r.fits {
                fit_at += 1.0;
                fit_at
            } else {
                apart_at += 1.0;
                apart_at
            }
        })
        .collect();
    (xs, fit_at.max(apart_at) + 1.0)
}

/// Draws the ranking: a bar per size that fits (its height the whole plan's monthly cost), a
/// cross on the axis for each that does not; `own` names the plan's size of each pool.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    rows: &[VmRow],
    own: &[(&str, &str)],
    frame: &Frame,
) -> ChartResult {
    let (xs, x_end) = places(rows);
    let priced = |r: &VmRow| r.price_status != "unknown";
    let y_max = top(
        rows.iter()
            .filter(|r| r.fits && priced(r))
            .map(|r| r.monthly_usd),
        1.0,
    );
    let [ok, weak, _, worker, mark] = frame.palette.series;
    let text = frame.palette.text;
    let two_pools = rows.iter().any(|r| r.pool == "worker");
    let mut keys = vec![Key::new(
        if two_pools {
            "user pool's size"
        } else {
            "fits and survives"
        },
        ok,
        Glyph::Block,
    )];
    if two_pools {
        keys.push(Key::new("workers' pool's size", worker, Glyph::Block));
    }
    keys.push(Key::new(
        "does not survive the failures set",
        weak,
        Glyph::Block,
    ));
    keys.push(Key::new("this plan's size", mark, Glyph::Dot));
    if rows.iter().any(|r| !r.fits) {
        keys.push(Key::new(
            "does not fit a pod (apart, right)",
            text,
            Glyph::Tick,
        ));
    }
    if rows.iter().any(|r| !priced(r)) {
        keys.push(Key::new("no price (hollow)", text, Glyph::Blank));
    }
    let mut chart = cartesian(
        root,
        frame,
        0.0..x_end,
        0.0..y_max,
        "sizes, cheapest first (1 = cheapest)",
        "whole plan (USD/month)",
        &keys,
    )?;
    for (r, &x) in rows.iter().zip(&xs) {
        let is_own = own.iter().any(|(pool, vm)| *pool == r.pool && *vm == r.vm);
        if !r.fits {
            let h = y_max * 0.04;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    [(x - 0.3, 0.0), (x + 0.3, h)],
                    text.stroke_width(frame.px(1.5)),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    [(x - 0.3, h), (x + 0.3, 0.0)],
                    text.stroke_width(frame.px(1.5)),
                )))
                .map_err(err)?;
        } else {
            let colour = match (r.survives, r.pool.as_str()) {
                (false, _) => weak,
                (true, "worker") => worker,
                _ => ok,
            };
            let y = if priced(r) {
                r.monthly_usd
            } else {
                y_max * 0.5
            };
            let style = if priced(r) {
                colour.filled()
            } else {
                colour.stroke_width(frame.px(1.5))
            };
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.4, 0.0), (x + 0.4, y)],
                    style,
                )))
                .map_err(err)?;
        }
        if is_own {
            let y = if r.fits && priced(r) {
                r.monthly_usd
            } else {
                0.0
            };
            chart
                .draw_series(std::iter::once(Circle::new(
                    (x, y),
                    frame.px(6.0),
                    mark.filled(),
                )))
                .map_err(err)?;
        }
    }
    root.present().map_err(err)
}
