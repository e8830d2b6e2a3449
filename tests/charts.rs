//! Charts drawn natively into SVG: the same code the browser runs on a canvas.
#![cfg(not(target_arch = "wasm32"))]

use headroom::charts::{scaling, DARK, LIGHT};
use headroom::engine::{self, Axis};
use headroom::plan::Plan;
use plotters::prelude::*;

#[test]
fn scaling_chart_has_titles_series_and_the_plan() {
    let plan = Plan::default();
    let (from, to) = Axis::PeakRps.default_range(&plan);
    let points = engine::sweep(&plan, Axis::PeakRps, from, to, 50);
    for palette in [LIGHT, DARK] {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (720, 360)).into_drawing_area();
            scaling::draw(&root, Axis::PeakRps, &points, (100.0, 8), &palette).expect("draw");
        }
        assert!(svg.contains("peak traffic (req/s)"), "x axis title");
        assert!(svg.contains("web replicas (pods)"), "y axis title");
        assert!(svg.contains("this plan: 8 pods"), "legend marks the plan");
        assert!(svg.contains("<polyline"), "a line series");
    }
}
