//! Charts: plotters code generic over the drawing backend, so the browser draws on a canvas and
//! native tests draw the same charts into SVG. No leptos, no web_sys here.

pub mod aca_cost;
pub mod commitment;
pub mod cost;
pub mod day;
pub mod growth;
pub mod latency;
pub mod readout;
pub mod scaling;
pub mod usl;
pub mod vms;
pub mod waterfall;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBColor;

/// Colours for one colour scheme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Background.
    pub background: RGBColor,
    /// Axes, labels and text.
    pub text: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Shading for regions to avoid.
    pub warn: RGBColor,
    /// Series colours, in legend order.
    pub series: [RGBColor; 5],
}

/// Colours for a light page.
pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(40, 44, 52),
    grid: RGBColor(226, 229, 234),
    warn: RGBColor(253, 226, 222),
    series: [
        RGBColor(31, 119, 180),
        RGBColor(214, 96, 0),
        RGBColor(44, 140, 60),
        RGBColor(150, 80, 170),
        RGBColor(200, 40, 60),
    ],
};

/// Colours for a dark page.
pub const DARK: Palette = Palette {
    background: RGBColor(28, 31, 37),
    text: RGBColor(222, 226, 232),
    grid: RGBColor(58, 62, 70),
    warn: RGBColor(74, 36, 36),
    series: [
        RGBColor(110, 170, 240),
        RGBColor(250, 160, 70),
        RGBColor(110, 200, 120),
        RGBColor(200, 140, 230),
        RGBColor(250, 110, 120),
    ],
};

/// How to draw: colours and the device-pixel scale (2 on a high-DPI screen).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// The colour scheme.
    pub palette: Palette,
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

impl Frame {
    /// A light frame at scale 1.
    pub const LIGHT: Frame = Frame {
        palette: LIGHT,
        scale: 1.0,
    };

    fn px(&self, css_px: f64) -> u32 {
        (css_px * self.scale).round().max(1.0) as u32
    }

    fn font(&self, css_px: f64) -> TextStyle<'static> {
        ("sans-serif", css_px * self.scale)
            .into_font()
            .color(&self.palette.text)
    }
}

/// Chart margin, CSS px.
const MARGIN_CSS: f64 = 10.0;
/// Right margin, CSS px (room for the last x label).
const MARGIN_RIGHT_CSS: f64 = 24.0;
/// Width of the y-axis label area, CSS px.
const Y_LABELS_CSS: f64 = 58.0;

/// Where a point at `x_css` (from the canvas' left edge) falls across the plot area of a chart
/// `width_css` wide: 0 at the x axis' start, 1 at its end, clamped.
pub fn plot_fraction(x_css: f64, width_css: f64) -> f64 {
    let left = MARGIN_CSS + Y_LABELS_CSS;
    let right = width_css - MARGIN_RIGHT_CSS;
    if right <= left {
        return 0.0;
    }
    ((x_css - left) / (right - left)).clamp(0.0, 1.0)
}

/// The latency chart's x range end for a plan at utilisation `rho`.
pub fn latency_x_max(rho: f64) -> f64 {
    1.1f64.max(rho.min(3.0) + 0.05)
}

/// A chart failure, as text (plotters' errors are generic over the backend).
pub type ChartResult = Result<(), String>;

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{:?}", e)
}

/// The 2-D chart `cartesian` builds.
pub(crate) type Chart2d<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// A curve (2 px) and, when given, one point on it marked with a dot: the plan's place on a
/// curve (latency, commitment).
pub(crate) fn curve_with_mark<DB: DrawingBackend>(
    chart: &mut Chart2d<'_, DB>,
    curve: Vec<(f64, f64)>,
    line: RGBColor,
    point: Option<(f64, f64)>,
    mark: RGBColor,
    frame: &Frame,
) -> Result<(), String> {
    chart
        .draw_series(LineSeries::new(curve, line.stroke_width(frame.px(2.0))))
        .map_err(err)?;
    if let Some(point) = point {
        chart
            .draw_series(std::iter::once(Circle::new(
                point,
                frame.px(6.0),
                mark.filled(),
            )))
            .map_err(err)?;
    }
    Ok(())
}

/// Builds a 2-D chart with the house style: the legend across the top (never over the data),
/// margins, axis titles, formatted labels, a light grid.
pub(crate) fn cartesian<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    frame: &Frame,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
    x_title: &str,
    y_title: &str,
    keys: &[Key],
) -> Result<Chart2d<'a, DB>, String> {
    root.fill(&frame.palette.background).map_err(err)?;
    let legend_h = legend(root, frame, keys)?;
    let mut chart = ChartBuilder::on(root)
        .margin(frame.px(MARGIN_CSS))
        .margin_top(frame.px(MARGIN_CSS) + legend_h)
        .margin_right(frame.px(MARGIN_RIGHT_CSS))
        .x_label_area_size(frame.px(40.0))
        .y_label_area_size(frame.px(Y_LABELS_CSS))
        .build_cartesian_2d(x, y)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(x_title)
        .y_desc(y_title)
        .axis_desc_style(frame.font(13.0))
        .label_style(frame.font(11.0))
        .x_labels(7)
        .y_labels(7)
        .x_label_formatter(&|x| crate::engine::format::fmt(*x))
        .y_label_formatter(&|y| short(*y))
        .axis_style(frame.palette.text)
        .max_light_lines(0)
        .bold_line_style(frame.palette.grid)
        .draw()
        .map_err(err)?;
    Ok(chart)
}

/// A tick label: whole numbers plainly, thousands as k.
fn short(y: f64) -> String {
    if y.abs() >= 10_000.0 {
        format!("{}k", crate::engine::format::fmt((y / 1000.0).round()))
    } else if y.abs() >= 10.0 {
        crate::engine::format::fmt(y.round())
    } else {
        crate::engine::format::fmt(y)
    }
}

/// How a legend entry shows its series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Glyph {
    /// A horizontal line this many CSS px thick.
    Line(f64),
    /// A filled dot.
    Dot,
    /// A filled block (a shaded region).
    Block,
    /// A thin vertical mark (the plan's position).
    Tick,
    /// Nothing: a note in the legend.
    Blank,
}

/// One legend entry: its text, colour and glyph.
pub(crate) struct Key {
    pub label: String,
    pub colour: RGBAColor,
    pub glyph: Glyph,
}

impl Key {
    pub(crate) fn new(label: impl Into<String>, colour: impl Color, glyph: Glyph) -> Key {
        Key {
            label: label.into(),
            colour: colour.to_rgba(),
            glyph,
        }
    }
}

/// Draws the legend across the top of the chart, above the plot area, its entries flowing into
/// as many rows as the width needs; returns the height it takes, in device pixels.
///
/// plotters' own series-label box sizes its text with `FontDesc::box_size`, which on wasm adds a
/// `<span>` to the page and reads its size: a forced layout of the whole page for every chart
/// drawn (≈ 9 ms a chart in the edit profile). This one measures through the drawing backend,
/// which on a canvas asks `measureText`.
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    frame: &Frame,
    keys: &[Key],
) -> Result<u32, String> {
    let font = frame.font(11.0);
    let px = |css: f64| frame.px(css) as i32;
    let (glyph_w, gap, spacing) = (px(18.0), px(5.0), px(14.0));
    let left = px(MARGIN_CSS);
    let right = root.dim_in_pixel().0 as i32 - px(MARGIN_RIGHT_CSS);
    if keys.is_empty() {
        return Ok(0);
    }
    // A label wider than a whole row wraps at its spaces, its glyph beside the first line.
    let room = right - left - glyph_w - gap;
    let mut placed = Vec::with_capacity(keys.len());
    let (mut x, mut row, mut rows, mut text_h) = (left, 0, 0, 0);
    for k in keys {
        let (lines, w, h) = wrap(root, &font, &k.label, room)?;
        text_h = text_h.max(h);
        let width = glyph_w + gap + w;
        if x > left && x + width > right {
            (x, row) = (left, row + 1);
        }
        let n = lines.len() as i32;
        placed.push((x, row, lines));
        rows = row + n;
        if n > 1 {
            // Nothing shares the rows of a wrapped label.
            (x, row) = (right, rows - 1);
        } else {
            x += width + spacing;
        }
    }
    let row_h = text_h + px(5.0);
    let top = px(MARGIN_CSS);
    for (k, (x, row, lines)) in keys.iter().zip(&placed) {
        let (x, row) = (*x, *row);
        let mid = top + row * row_h + row_h / 2;
        let centre = x + glyph_w / 2;
        match k.glyph {
            Glyph::Line(w) => root.draw(&PathElement::new(
                [(x, mid), (x + glyph_w, mid)],
                k.colour.stroke_width(frame.px(w)),
            )),
            Glyph::Dot => root.draw(&Circle::new(
                (centre, mid),
                frame.px(4.0),
                k.colour.filled(),
            )),
            Glyph::Block => root.draw(&Rectangle::new(
                [(x, mid - px(5.0)), (x + glyph_w, mid + px(5.0))],
                k.colour.filled(),
            )),
            Glyph::Tick => root.draw(&PathElement::new(
                [(centre, mid - px(6.0)), (centre, mid + px(6.0))],
                k.colour.stroke_width(frame.px(1.0)),
            )),
            Glyph::Blank => Ok(()),
        }
        .map_err(err)?;
        let pos = Pos::new(HPos::Left, VPos::Center);
        for (i, line) in lines.iter().enumerate() {
            let y = mid + i as i32 * row_h;
            root.draw_text(line, &font.pos(pos), (x + glyph_w + gap, y))
                .map_err(err)?;
        }
    }
    Ok((rows * row_h) as u32)
}

/// Breaks `label` at its spaces into lines no wider than `room` device pixels (a single word
/// wider than that stays whole); returns the lines, the widest line's width and the text height.
fn wrap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    font: &TextStyle,
    label: &str,
    room: i32,
) -> Result<(Vec<String>, i32, i32), String> {
    let measure = |t: &str| {
        root.estimate_text_size(t, font)
            .map(|(w, h)| (w as i32, h as i32))
            .map_err(err)
    };
    let (w, h) = measure(label)?;
    if w <= room {
        return Ok((vec![label.to_string()], w, h));
    }
    let (mut lines, mut widest) = (Vec::new(), 0);
    let (mut line, mut line_w) = (String::new(), 0);
    for word in label.split(' ') {
        if line.is_empty() {
            (line, line_w) = (word.to_string(), measure(word)?.0);
            continue;
        }
        let candidate = format!("{line} {word}");
        let candidate_w = measure(&candidate)?.0;
        if candidate_w > room {
            widest = widest.max(line_w);
            lines.push(std::mem::replace(&mut line, word.to_string()));
            line_w = measure(word)?.0;
        } else {
            (line, line_w) = (candidate, candidate_w);
        }
    }
    lines.push(line);
    Ok((lines, widest.max(line_w), h))
}

/// The largest value among many, at least `floor`, with 10 % headroom.
pub(crate) fn top(values: impl Iterator<Item = f64>, floor: f64) -> f64 {
    values.filter(|v| v.is_finite()).fold(floor, f64::max) * 1.1
}
