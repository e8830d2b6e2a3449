//! Charts drawn natively into SVG: the same code the browser runs on a canvas.

use headroom::charts::{aca_cost, cost, day, latency, readout, scaling, Frame, DARK, LIGHT};
use headroom::engine::{self, Axis};
use headroom::plan::Plan;
use plotters::prelude::*;

fn svg(draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>)) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (720, 360)).into_drawing_area();
        draw(&root);
    }
    out
}

#[test]
fn every_chart_has_titles_series_and_the_plan() {
    let plan = Plan::default();
    let s = engine::size(&plan);
    let (from, to) = Axis::PeakRps.default_range(&plan);
    let points = engine::sweep(&plan, Axis::PeakRps, from, to, 50);
    for palette in [LIGHT, DARK] {
        let frame = Frame {
            palette,
            scale: 2.0,
        };
        let out = svg(|r| scaling::draw(r, Axis::PeakRps, &points, 100.0, &frame).unwrap());
        for text in [
            "peak traffic (req/s)",
            "pods / nodes",
            "web replicas",
            "nodes (packed)",
            "this plan",
        ] {
            assert!(out.contains(text), "scaling: {text}");
        }
        let out = svg(|r| cost::draw(r, Axis::PeakRps, &points, 100.0, &frame).unwrap());
        for text in ["cost (USD/month)", "total", "user pool", "system pool"] {
            assert!(out.contains(text), "cost: {text}");
        }
        let curve = engine::aca::cost_curve(&plan, s.aca.replicas_active, 25);
        let out =
            svg(|r| aca_cost::draw(r, &curve, s.cost.monthly_usd, Some(5.0), 8.0, &frame).unwrap());
        for text in [
            "active hours a day (h)",
            "Container Apps",
            "AKS plan",
            "break-even: 5 h/day",
        ] {
            assert!(out.contains(text), "aca: {text}");
        }
        // Without a break-even the legend says which platform costs less, instead of a dot.
        let cheap = [(0.0, 1.0), (24.0, 20.0)];
        let out = svg(|r| aca_cost::draw(r, &cheap, 500.0, None, 8.0, &frame).unwrap());
        assert!(out.contains("no break-even: Container Apps costs less at 0–24 h/day"));
        let dear = [(0.0, 600.0), (24.0, 900.0)];
        let out = svg(|r| aca_cost::draw(r, &dear, 500.0, None, 8.0, &frame).unwrap());
        assert!(out.contains("no break-even: AKS costs less at 0–24 h/day"));
        let curve = engine::latency::wait_curve(plan.latency_ms, s.latency.servers, 60);
        let out = svg(|r| latency::draw(r, &curve, (0.625, Some(20.1)), &frame).unwrap());
        for text in [
            "utilisation ρ",
            "p95 queue wait (ms)",
            "unstable (ρ ≥ 1)",
            "this plan: ρ 0.625, p95 20.1 ms",
        ] {
            assert!(out.contains(text), "latency: {text}");
        }
        assert!(out.contains("<polyline"));
    }
    let unstable = svg(|r| {
        latency::draw(r, &[(0.05, 0.0), (0.99, 900.0)], (1.4, None), &Frame::LIGHT).unwrap()
    });
    assert!(unstable.contains("unstable"));
}

/// The day chart draws load, capacity, the overload shading and the replica steps; its readout
/// reads the row under the cursor.
#[test]
fn the_day_chart_shows_overload_and_steps() {
    let plan = headroom::share::decode("rps_per_pod=20&hpa_cpu=70&min_replicas=3&hpa_max=100&peak_rps=1400&tasks=0&pod_start_s=0&node_start_s=240&day=3,3,3,3,3,3,3,3,100,100,100,100,100,100,100,100,100,100,3,3,3,3,3,3").plan;
    let s = engine::size(&plan);
    let d = headroom::sim::simulate(&plan, &s);
    let out = svg(|r| day::draw(r, &d, plan.platform, false, &Frame::LIGHT).unwrap());
    for text in [
        "hour of the day",
        "req/s",
        "overloaded",
        "load",
        "capacity (ready web pods)",
        "web replicas",
        "nodes (requested)",
    ] {
        assert!(out.contains(text), "day: {text}");
    }
    assert!(!out.contains("worker replicas"));
    assert!(
        out.matches("<polyline").count() >= 4,
        "two lines above, two steps below"
    );
    // The cursor at 08:00:15 (step 1921 of 5759) reads that row.
    let line = readout::day(&d, plan.platform, 1921.0 / 5759.0);
    // 8 pods, all on the two starting nodes: 160 req/s; backlog 15 × (1300 + 1240).
    assert_eq!(
        line,
        "08:00:15: load 1400 req/s, serving 160 req/s, web 8 replicas (8 ready), workers 0, nodes 2 (2 ready), backlog 38,100 requests"
    );
}

/// `chart-commitment`: the reservation curve against reserved nodes with the chosen count
/// marked, the savings plan's against its USD/h, and pay as you go as a flat line.
#[test]
fn the_commitment_chart_marks_the_choice() {
    for (query, axis, chosen) in [
        (
            "commitment=ri1&commit_price=0.12",
            "reserved user nodes",
            "reserve ",
        ),
        (
            "commitment=sp1&commit_price=0.12",
            "savings plan commitment (USD/h)",
            "C = $",
        ),
        ("commitment=payg", "reserved user nodes", "no commitment"),
    ] {
        let report = headroom::report::evaluate(&headroom::share::decode(query).plan);
        let out =
            svg(|r| headroom::charts::commitment::draw(r, &report.buying, &Frame::LIGHT).unwrap());
        for text in [axis, "compute per month (USD)", "pay as you go", chosen] {
            assert!(out.contains(text), "{query}: {text}");
        }
        // The legend's dot, and the mark when a commitment was chosen.
        let dots = out.matches("<circle").count();
        assert_eq!(
            dots,
            1 + usize::from(report.buying.chosen.is_some()),
            "{query}"
        );
    }
}

#[test]
fn pointer_positions_map_onto_the_plot_area() {
    use headroom::charts::plot_fraction;
    // 720 px wide: the plot runs from 68 px (margin + y labels) to 696 px (720 − right margin).
    assert_eq!(plot_fraction(68.0, 720.0), 0.0);
    assert_eq!(plot_fraction(696.0, 720.0), 1.0);
    assert!((plot_fraction(382.0, 720.0) - 0.5).abs() < 1e-9);
    assert_eq!(plot_fraction(0.0, 720.0), 0.0);
    assert_eq!(plot_fraction(900.0, 720.0), 1.0);
    assert_eq!(
        plot_fraction(10.0, 50.0),
        0.0,
        "too narrow a canvas reads the start"
    );
}

/// Every text element of `out` (an SVG `width` device pixels wide, text at `font_px`) as
/// (x, text, the backend's estimate of its width).
fn texts(out: &str, font_px: f64) -> Vec<(f64, String, f64)> {
    let mut found = Vec::new();
    let mut scratch = String::new();
    let root = SVGBackend::with_string(&mut scratch, (10, 10)).into_drawing_area();
    let font = TextStyle::from(("sans-serif", font_px).into_font());
    for piece in out.split("<text").skip(1) {
        let Some(x) = piece
            .split("x=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse::<f64>().ok())
        else {
            continue;
        };
        let Some(body) = piece
            .split_once('>')
            .and_then(|(_, r)| r.split("</text>").next())
        else {
            continue;
        };
        let text = body
            .trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&apos;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        let w = root.estimate_text_size(&text, &font).expect("measure").0 as f64;
        found.push((x, text, w));
    }
    found
}

#[test]
fn legends_wrap_inside_a_phone_wide_chart() {
    // A 300 CSS px chart on a 2× screen, as on a 360 px phone.
    let (w, h) = (600u32, 480u32);
    let frame = Frame {
        palette: LIGHT,
        scale: 2.0,
    };
    let cheap = [(0.0, 1.0), (24.0, 20.0)];
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        aca_cost::draw(&root, &cheap, 500.0, None, 8.0, &frame).unwrap();
    }
    let found = texts(&out, 22.0);
    let legend: Vec<_> = found
        .iter()
        .filter(|t| !t.1.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .collect();
    let all: String = legend
        .iter()
        .map(|t| t.1.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // Every word of the long note is there, over more than one line, and no line runs off.
    assert!(all.contains("no break-even:"), "{all}");
    assert!(all.contains("0–24 h/day"), "{all}");
    assert!(
        !legend
            .iter()
            .any(|t| t.1.starts_with("no break-even") && t.1.ends_with("h/day")),
        "the note should wrap at this width: {all}"
    );
    for (x, text, width) in &legend {
        assert!(x + width <= w as f64, "{text:?} at {x} runs past {w}");
    }
    // The other charts' legends, at the same width, stay inside it too.
    let plan = Plan::default();
    let s = engine::size(&plan);
    let (from, to) = Axis::PeakRps.default_range(&plan);
    let points = engine::sweep(&plan, Axis::PeakRps, from, to, 50);
    let curve = engine::latency::wait_curve(plan.latency_ms, s.latency.servers, 60);
    type Draw<'a> = Box<dyn Fn(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) + 'a>;
    let charts: [Draw; 3] = [
        Box::new(|r| scaling::draw(r, Axis::PeakRps, &points, 100.0, &frame).unwrap()),
        Box::new(|r| cost::draw(r, Axis::PeakRps, &points, 100.0, &frame).unwrap()),
        Box::new(|r| latency::draw(r, &curve, (0.625, Some(20.1)), &frame).unwrap()),
    ];
    for draw in charts {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
            draw(&root);
        }
        for (x, text, width) in texts(&out, 22.0) {
            assert!(x + width <= w as f64, "{text:?} at {x} runs past {w}");
        }
    }
}

/// `chart-usl`: the curve, the points (hollow ones drawn as rings), the knee and the slots; a
/// curve with no knee draws without one.
#[test]
fn the_usl_chart_marks_the_knee_and_the_slots() {
    use headroom::charts::usl;
    use headroom::engine::usl::Usl;
    let curve = Usl {
        sigma: 0.05,
        kappa: 0.002,
        lambda_rps: 50.0,
    };
    let points = [
        (1.0, 50.0, true),
        (8.0, 270.0, true),
        (32.0, 340.0, true),
        (64.0, 250.0, false),
    ];
    let frame = Frame {
        palette: LIGHT,
        scale: 1.0,
    };
    let out = svg(|r| usl::draw(r, &points, &curve, 32, &frame).unwrap());
    for text in [
        "requests in flight",
        "throughput (req/s)",
        "knee N = 21.8",
        "pod: 32 slots, best 22",
    ] {
        assert!(out.contains(text), "{text}");
    }
    // One ring for the unfitted point: a circle with no fill.
    assert!(out.contains("fill=\"none\""), "a hollow point");
    let linear = Usl {
        sigma: 0.0,
        kappa: 0.0,
        lambda_rps: 10.0,
    };
    let out = svg(|r| usl::draw(r, &[], &linear, 4, &frame).unwrap());
    assert!(!out.contains("knee") && out.contains("pod: 4 slots, best 4 → 40 req/s"));
    assert!(usl::readout(&points, &curve, 32, 0.0).starts_with("0 in flight"));
}

/// `chart-vms`: a bar per size that fits, cheapest first, the plan's own size marked with a dot,
/// a cross for each size that does not fit; the readout names the size under the cursor.
#[test]
fn the_size_chart_ranks_and_marks_the_plans_size() {
    use headroom::{decide, report::vms};
    // 6 GiB pods: the 2 vCPU / 4 GiB sizes cannot hold one.
    let plan = headroom::share::decode("web_mem=6144&web_mem_limit=6144").plan;
    let rows = decide::vms::rank(&plan);
    assert!(rows.iter().any(|r| !r.fits) && rows.iter().any(|r| r.fits));
    let out = svg(|r| {
        headroom::charts::vms::draw(r, &rows, &vms::own_sizes(&plan), &Frame::LIGHT).unwrap()
    });
    for text in [
        "sizes, cheapest first (1 = cheapest)",
        "whole plan (USD/month)",
        "this plan",
        "does not fit a pod (apart, right)",
    ] {
        assert!(out.contains(text), "vms chart: {text}");
    }
    // One legend dot and the plan's own size.
    assert_eq!(out.matches("<circle").count(), 2);
    // Those that do not fit stand after every one that does.
    let (xs, end) = headroom::charts::vms::places(&rows);
    let last_fit = rows
        .iter()
        .zip(&xs)
        .filter(|(r, _)| r.fits)
        .map(|(_, x)| *x);
    let first_apart = rows
        .iter()
        .zip(&xs)
        .filter(|(r, _)| !r.fits)
        .map(|(_, x)| *x);
    assert!(last_fit.fold(0.0, f64::max) + 1.0 < first_apart.fold(end, f64::min));
    // The cursor on the first bar reads the cheapest size that fits.
    let cheapest = rows.iter().find(|r| r.fits).expect("a size fits");
    let line = readout::vms(&rows, 1.0 / end);
    assert!(
        line.starts_with(&format!("{} ({} pool", cheapest.vm, cheapest.pool)),
        "{line}"
    );
    assert!(line.contains("nodes at peak"), "{line}");
}

/// `chart-growth`: traffic, nodes and cost as multiples of today over 24 months, with a line
/// and a legend entry where a limit breaks; the readout reads the month under the cursor.
#[test]
fn the_growth_chart_marks_the_month_a_limit_breaks() {
    use headroom::decide::runway::outlook;
    let plan = headroom::share::decode("growth_pct_month=5&node_max=32").plan;
    let (runway, months) = outlook(&plan);
    let first = &runway[0];
    assert_eq!(first.bound, "autoscaler max nodes");
    assert!(first.months < 24, "{first:?}");
    let out =
        svg(|r| headroom::charts::growth::draw(r, &months, &runway, false, &Frame::LIGHT).unwrap());
    let breaks = format!(
        "autoscaler max nodes 32 breaks in month {}",
        first.months + 1
    );
    for text in [
        "months from now",
        "× today",
        "peak traffic: ",
        "nodes at peak: ",
        &breaks,
    ] {
        assert!(out.contains(text), "growth chart: {text}");
    }
    let line = readout::growth(&months, false, 12.0 / 24.0);
    let m = &months[12];
    assert_eq!(m.month, 12);
    assert!(line.starts_with("month 12: "), "{line}");
    assert!(
        line.contains(&format!("{} nodes at peak", m.nodes_peak)),
        "{line}"
    );
    // Twelve months of 5 % growth: 1.05^12 ≈ 1.80 × today's peak.
    assert!((m.peak_rps / months[0].peak_rps - 1.05f64.powi(12)).abs() < 1e-9);
    // Without a limit breaking, the legend says so.
    let calm = headroom::share::decode("growth_pct_month=1").plan;
    let (runway, months) = outlook(&calm);
    let out =
        svg(|r| headroom::charts::growth::draw(r, &months, &runway, false, &Frame::LIGHT).unwrap());
    if runway.iter().all(|w| w.finding.is_none() || w.months >= 24) {
        assert!(out.contains("no limit breaks within 24 months"));
    }
}
