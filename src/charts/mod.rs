//! Charts: plotters code generic over the drawing backend, so the browser draws on a canvas and
//! native tests draw the same chart into SVG. No leptos, no web_sys here.

pub mod scaling;

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
    /// Series colours, in legend order.
    pub series: [RGBColor; 5],
}

/// Colours for a light page.
pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(40, 44, 52),
    grid: RGBColor(226, 229, 234),
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
    background: RGBColor(24, 26, 31),
    text: RGBColor(222, 226, 232),
    grid: RGBColor(58, 62, 70),
    series: [
        RGBColor(110, 170, 240),
        RGBColor(250, 160, 70),
        RGBColor(110, 200, 120),
        RGBColor(200, 140, 230),
        RGBColor(250, 110, 120),
    ],
};

/// A chart failure, as text (plotters' errors are generic over the backend).
pub type ChartResult = Result<(), String>;

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{:?}", e)
}
