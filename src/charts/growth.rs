//! `chart-growth`: the next 24 months at the plan's growth rate: peak traffic, nodes at peak
//! (replicas on Container Apps) and the monthly cost, each as a multiple of today's, with a
//! line where each limit breaks (`report::runway`).

use super::{cartesian, err, top, ChartResult, Frame, Glyph, Key};
use crate::engine::format::{count, fmt, money};
use crate::report::runway::{Month, Runway};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The months the chart shows.
pub const MONTHS: u32 = 24;

/// Draws months 0 to 24 of `months` and marks each limit of `runway` that breaks within them.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    months: &[Month],
    runway: &[Runway],
    aca: bool,
    frame: &Frame,
) -> ChartResult {
    let shown: Vec<&Month> = months.iter().filter(|m| m.month <= MONTHS).collect();
    let (Some(first), Some(last)) = (shown.first(), shown.last()) else {
        return root.fill(&frame.palette.background).map_err(err);
    };
    let ratio = |now: f64, then: f64| if now > 0.0 { then / now } else { 1.0 };
    let units = |m: &Month| if aca { m.replicas_peak } else { m.nodes_peak } as f64;
    let series: [(String, Vec<(f64, f64)>); 3] = [
        (
            format!(
                "peak traffic: {} → {} req/s",
                fmt(first.peak_rps),
                fmt(last.peak_rps)
            ),
            shown
                .iter()
                .map(|m| (f64::from(m.month), ratio(first.peak_rps, m.peak_rps)))
                .collect(),
        ),
        (
            format!(
                "{} at peak: {} → {}",
                if aca { "replicas" } else { "nodes" },
                count(units(first) as u64),
                count(units(last) as u64)
            ),
            shown
                .iter()
                .map(|m| (f64::from(m.month), ratio(units(first), units(m))))
                .collect(),
        ),
        (
            format!(
                "monthly cost: {} → {}",
                money(first.monthly_usd),
                money(last.monthly_usd)
            ),
            shown
                .iter()
                .map(|m| (f64::from(m.month), ratio(first.monthly_usd, m.monthly_usd)))
                .collect(),
        ),
    ];
    let y_max = top(series.iter().flat_map(|s| s.1.iter().map(|p| p.1)), 1.0);
    let warn = frame.palette.series[4];
    let mut keys: Vec<Key> = series
        .iter()
        .zip(frame.palette.series)
        .map(|((label, _), colour)| Key::new(label.clone(), colour, Glyph::Line(2.0)))
        .collect();
    let breaks: Vec<(f64, &Runway)> = runway
        .iter()
        .filter(|w| w.finding.is_some() && w.months < MONTHS)
        .map(|w| (f64::from(w.months) + 1.0, w))
        .collect();
    for (at, w) in &breaks {
        let limit = w.limit.map_or(String::new(), |l| format!(" {}", count(l)));
        keys.push(Key::new(
            format!("{}{} breaks in month {}", w.bound, limit, fmt(*at)),
            warn,
            Glyph::Tick,
        ));
    }
    if breaks.is_empty() {
        keys.push(Key::new(
            "no limit breaks within 24 months",
            frame.palette.text,
            Glyph::Blank,
        ));
    }
    let mut chart = cartesian(
        root,
        frame,
        0.0..f64::from(MONTHS),
        0.0..y_max,
        "months from now",
        "× today",
        &keys,
    )?;
    for ((_, points), colour) in series.iter().zip(frame.palette.series) {
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                colour.stroke_width(frame.px(2.0)),
            ))
            .map_err(err)?;
    }
    for (at, _) in &breaks {
        chart
            .draw_series(std::iter::once(PathElement::new(
                [(*at, 0.0), (*at, y_max)],
                warn.stroke_width(frame.px(1.5)),
            )))
            .map_err(err)?;
    }
    root.present().map_err(err)
}
