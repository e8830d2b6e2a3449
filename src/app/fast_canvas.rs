//! A plotters drawing backend for a `<canvas>`, built for redrawing on every keystroke.
//!
//! Two things make it cheaper than plotters-canvas, which it replaces:
//! - text is measured with the canvas' own `measureText`; plotters measures text on wasm by adding
//!   a `<span>` to the page and reading its size, a forced layout of the whole page per label;
//! - the context's state (stroke and fill colour, line width, font, text alignment) is set only
//!   when it changes: every canvas call crosses from wasm into JavaScript, and a chart makes a few
//!   hundred of them, most with the style of the one before.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use std::cell::RefCell;
use std::fmt::Write as _;
use wasm_bindgen::{JsCast, JsValue};

/// A canvas call that failed, with what JavaScript said.
#[derive(Debug)]
pub struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "canvas: {}", self.0)
    }
}

impl std::error::Error for CanvasError {}

type Result = std::result::Result<(), DrawingErrorKind<CanvasError>>;

fn js_error(e: JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(
        e.as_string()
            .unwrap_or_else(|| "the canvas refused a call".to_string()),
    ))
}

/// A colour as the canvas wants it, and a key to compare it by.
fn css_colour(c: BackendColor, out: &mut String) {
    out.clear();
    let (r, g, b) = c.rgb;
    let _ = write!(out, "rgba({},{},{},{})", r, g, b, c.alpha);
}

/// What the context was last set to; `None` until first set.
#[derive(Default)]
struct State {
    stroke: Option<((u8, u8, u8), u64)>,
    line_width: Option<u32>,
    fill: Option<((u8, u8, u8), u64)>,
    /// Interior: `estimate_text_size` takes `&self` and sets fonts too.
    font: RefCell<String>,
    align: Option<(&'static str, &'static str)>,
}

/// The canvas backend.
pub struct FastCanvas {
    canvas: web_sys::HtmlCanvasElement,
    context: web_sys::CanvasRenderingContext2d,
    state: State,
    scratch: String,
}

impl FastCanvas {
    /// Wraps a canvas element; `None` when it has no 2-D context.
    pub fn new(canvas: web_sys::HtmlCanvasElement) -> Option<Self> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<web_sys::CanvasRenderingContext2d>()
            .ok()?;
        Some(FastCanvas {
            canvas,
            context,
            state: State::default(),
            scratch: String::new(),
        })
    }

    fn stroke_style(&mut self, c: BackendColor, width: u32) {
        let key = (c.rgb, c.alpha.to_bits());
        if self.state.stroke != Some(key) {
            css_colour(c, &mut self.scratch);
            self.context.set_stroke_style_str(&self.scratch);
            self.state.stroke = Some(key);
        }
        if self.state.line_width != Some(width) {
            self.context.set_line_width(f64::from(width));
            self.state.line_width = Some(width);
        }
    }

    fn fill_style(&mut self, c: BackendColor) {
        let key = (c.rgb, c.alpha.to_bits());
        if self.state.fill != Some(key) {
            css_colour(c, &mut self.scratch);
            self.context.set_fill_style_str(&self.scratch);
            self.state.fill = Some(key);
        }
    }

    /// Sets the font the style names, in the form CSS and the canvas read.
    fn font<S: BackendTextStyle>(&mut self, style: &S) {
        self.scratch.clear();
        let _ = write!(
            self.scratch,
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        let mut font = self.state.font.borrow_mut();
        if self.scratch != *font {
            self.context.set_font(&self.scratch);
            std::mem::swap(&mut *font, &mut self.scratch);
        }
    }

    /// Traces a path through `points`; false when there were none.
    fn trace(&self, points: impl IntoIterator<Item = BackendCoord>) -> bool {
        let mut points = points.into_iter();
        let Some((x, y)) = points.next() else {
            return false;
        };
        self.context.begin_path();
        self.context.move_to(f64::from(x), f64::from(y));
        for (x, y) in points {
            self.context.line_to(f64::from(x), f64::from(y));
        }
        true
    }
}

/// A horizontal or vertical line one device pixel wide lands between two pixel rows and blurs
/// across both; moving it half a pixel puts it on one.
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if from.0 == to.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if from.1 == to.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

impl DrawingBackend for FastCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        if color.alpha > 0.0 {
            self.fill_style(color);
            self.context
                .fill_rect(f64::from(point.0), f64::from(point.1), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        if style.color().alpha > 0.0 {
            let (a, b) = crisp(from, to);
            self.stroke_style(style.color(), style.stroke_width());
            self.context.begin_path();
            self.context.move_to(a.0, a.1);
            self.context.line_to(b.0, b.1);
            self.context.stroke();
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        if fill {
            self.fill_style(style.color());
            self.context.fill_rect(x, y, w, h);
        } else {
            self.stroke_style(style.color(), style.stroke_width());
            self.context.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        if style.color().alpha > 0.0 && self.trace(path) {
            self.stroke_style(style.color(), style.stroke_width());
            self.context.stroke();
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        if style.color().alpha > 0.0 && self.trace(vert) {
            self.context.close_path();
            self.fill_style(style.color());
            self.context.fill();
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.context.begin_path();
        self.context
            .arc(
                f64::from(center.0),
                f64::from(center.1),
                f64::from(radius),
                0.0,
                std::f64::consts::TAU,
            )
            .map_err(js_error)?;
        if fill {
            self.fill_style(style.color());
            self.context.fill();
        } else {
            self.stroke_style(style.color(), style.stroke_width());
            self.context.stroke();
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.font(style);
        self.fill_style(colour);
        let anchor = style.anchor();
        let align = (
            match anchor.h_pos {
                HPos::Left => "start",
                HPos::Center => "center",
                HPos::Right => "end",
            },
            match anchor.v_pos {
                VPos::Top => "top",
                VPos::Center => "middle",
                VPos::Bottom => "bottom",
            },
        );
        if self.state.align != Some(align) {
            self.context.set_text_align(align.0);
            self.context.set_text_baseline(align.1);
            self.state.align = Some(align);
        }
        let quarter_turns = match style.transform() {
            FontTransform::None => 0,
            FontTransform::Rotate90 => 1,
            FontTransform::Rotate180 => 2,
            FontTransform::Rotate270 => 3,
        };
        let (x, y) = (f64::from(pos.0), f64::from(pos.1));
        if quarter_turns == 0 {
            return self.context.fill_text(text, x, y).map_err(js_error);
        }
        // Rotated text: turn the canvas about the text's anchor, draw, and turn it back. The
        // transform is reset rather than saved and restored, which would also restore (and so
        // invalidate what `State` knows of) the styles.
        self.context.translate(x, y).map_err(js_error)?;
        self.context
            .rotate(f64::from(quarter_turns) * std::f64::consts::FRAC_PI_2)
            .map_err(js_error)?;
        let drawn = self.context.fill_text(text, 0.0, 0.0).map_err(js_error);
        self.context
            .set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            .map_err(js_error)?;
        drawn
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        let wanted = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        let mut font = self.state.font.borrow_mut();
        if wanted != *font {
            self.context.set_font(&wanted);
            *font = wanted;
        }
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(style.size() * 0.6 * text.chars().count() as f64);
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }
}
