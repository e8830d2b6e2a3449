//! `chart-day`: the simulated day. Above, the load and the capacity that serves it over 24 h,
//! the overloaded stretches shaded; below, replicas and nodes as steps.

use super::{cartesian, err, top, ChartResult, Frame, Glyph, Key};
use crate::plan::Platform;
use crate::sim::{Day, Row, STEP_S};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Rows drawn: one in `STRIDE` (every 2 minutes), 720 a day; the shading uses every row.
const STRIDE: usize = 8;

fn hours(step: usize) -> f64 {
    step as f64 * STEP_S / 3600.0
}

/// The stretches with the load above capacity, as (from, to) hours.
fn overloaded(rows: &[Row]) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut start = None;
    for (k, r) in rows.iter().enumerate() {
        let over = r.load_rps > r.capacity_rps * (1.0 + 1e-9) + 1e-9;
        match (over, start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                out.push((hours(s), hours(k)));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((hours(s), 24.0));
    }
    out
}

/// A series as steps: each value holds until the next sample.
fn steps(rows: &[Row], pick: impl Fn(&Row) -> f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(rows.len() / STRIDE * 2 + 2);
    for (k, r) in rows.iter().enumerate().step_by(STRIDE) {
        let y = pick(r);
        if let Some(&(_, prev)) = out.last() {
            out.push((hours(k), prev));
        }
        out.push((hours(k), y));
    }
    if let Some(&(_, last)) = out.last() {
        out.push((24.0, last));
    }
    out
}

/// Draws the day chart.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    day: &Day,
    platform: Platform,
    tasks: bool,
    frame: &Frame,
) -> ChartResult {
    let (upper, lower) = root.split_vertically(root.dim_in_pixel().1 * 11 / 20);
    let rows = &day.rows;
    let warn = frame.palette.warn;
    let serving = match platform {
        Platform::Aks => "capacity (ready web pods)",
        Platform::Aca => "capacity (ready replicas)",
    };
    let keys = [
        Key::new("overloaded", warn, Glyph::Block),
        Key::new("load", frame.palette.series[0], Glyph::Line(2.0)),
        Key::new(serving, frame.palette.series[1], Glyph::Line(2.0)),
    ];
    let y_max = top(rows.iter().map(|r| r.load_rps.max(r.capacity_rps)), 1.0);
    let mut chart = cartesian(
        &upper,
        frame,
        0.0..24.0,
        0.0..y_max,
        "hour of the day",
        "req/s",
        &keys,
    )?;
    chart
        .draw_series(
            overloaded(rows)
                .into_iter()
                .map(|(a, b)| Rectangle::new([(a, 0.0), (b, y_max)], warn.filled())),
        )
        .map_err(err)?;
    let width = frame.px(2.0);
    for (i, pick) in [|r: &Row| r.load_rps, |r: &Row| r.capacity_rps]
        .into_iter()
        .enumerate()
    {
        chart
            .draw_series(LineSeries::new(
                steps(rows, pick),
                frame.palette.series[i].stroke_width(width),
            ))
            .map_err(err)?;
    }

    type Pick = fn(&Row) -> f64;
    let mut series: Vec<(&str, Pick)> = Vec::new();
    match platform {
        Platform::Aks => series.push(("web replicas", |r| r.web_replicas as f64)),
        Platform::Aca => series.push(("Container Apps replicas", |r| r.aca_replicas as f64)),
    }
    if tasks {
        series.push(("worker replicas", |r| r.task_replicas as f64));
    }
    if platform == Platform::Aks {
        series.push(("nodes (requested)", |r| r.nodes as f64));
    }
    let keys: Vec<Key> = series
        .iter()
        .enumerate()
        .map(|(i, (name, _))| Key::new(*name, frame.palette.series[i + 2], Glyph::Line(2.0)))
        .collect();
    let y_max = top(
        rows.iter()
            .flat_map(|r| series.iter().map(move |(_, pick)| pick(r))),
        1.0,
    );
    let mut chart = cartesian(
        &lower,
        frame,
        0.0..24.0,
        0.0..y_max,
        "hour of the day",
        "pods / nodes",
        &keys,
    )?;
    for (i, (_, pick)) in series.iter().enumerate() {
        chart
            .draw_series(LineSeries::new(
                steps(rows, pick),
                frame.palette.series[i + 2].stroke_width(width),
            ))
            .map_err(err)?;
    }
    root.present().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overload_spans_and_steps() {
        let row = |load: f64, capacity: f64| Row {
            load_rps: load,
            capacity_rps: capacity,
            ..Row::default()
        };
        let rows = [row(1.0, 2.0), row(3.0, 2.0), row(3.0, 2.0), row(1.0, 2.0)];
        assert_eq!(overloaded(&rows), [(hours(1), hours(3))]);
        let s = steps(&rows, |r| r.load_rps);
        assert_eq!(s.first(), Some(&(0.0, 1.0)));
        assert_eq!(s.last(), Some(&(24.0, 1.0)));
    }
}
