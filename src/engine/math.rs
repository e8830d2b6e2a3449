//! Rounding that is not fooled by floating-point error, and number formatting for explanations.

/// Relative tolerance under which a quotient counts as whole.
const WHOLE_TOLERANCE: f64 = 1e-9;

/// Rounds up, except that a value within a relative 1e-9 of a whole number is that number:
/// `1000 / 20 × 1.1` is 55 even though f64 computes 55.00000000000001.
pub fn ceil(x: f64) -> u64 {
    if !x.is_finite() || x <= 0.0 {
        return 0;
    }
    let nearest = x.round();
    let r = if (x - nearest).abs() <= WHOLE_TOLERANCE * nearest.max(1.0) {
        nearest
    } else {
        x.ceil()
    };
    saturate(r)
}

/// Rounds down with the same tolerance: `3.8 / 0.2` is 19, not 18.
pub fn floor(x: f64) -> u64 {
    if !x.is_finite() || x <= 0.0 {
        return 0;
    }
    let nearest = x.round();
    let r = if (x - nearest).abs() <= WHOLE_TOLERANCE * nearest.max(1.0) {
        nearest
    } else {
        x.floor()
    };
    saturate(r)
}

fn saturate(r: f64) -> u64 {
    if r >= u64::MAX as f64 {
        u64::MAX
    } else {
        r as u64
    }
}

/// Divides, giving 0 instead of NaN or infinity when the divisor is not positive.
pub fn div(a: f64, b: f64) -> f64 {
    if b > 0.0 && a.is_finite() {
        let q = a / b;
        if q.is_finite() {
            q
        } else {
            f64::MAX
        }
    } else {
        0.0
    }
}

/// A number for people: up to three decimals, trailing zeros dropped (`6.667`, `8`, `0.25`).
pub fn fmt(x: f64) -> String {
    Num(x).to_string()
}

/// Displays a number as [`fmt`] does, without allocating: for use inside `format!`.
#[derive(Clone, Copy, Debug)]
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        let x = self.0;
        if !x.is_finite() {
            return f.write_str("—");
        }
        // Fast path: thousandths as an integer, no float formatting (most figures are small).
        if x.abs() < 1e12 {
            let milli = (x * 1000.0).round() as i64;
            let (whole, frac) = (milli / 1000, (milli % 1000).abs());
            if milli < 0 && whole == 0 {
                f.write_str("-")?;
            }
            write!(f, "{}", whole)?;
            if frac != 0 {
                let mut digits = frac;
                let mut width = 3;
                while digits % 10 == 0 {
                    digits /= 10;
                    width -= 1;
                }
                write!(f, ".{:0width$}", digits, width = width)?;
            }
            return Ok(());
        }
        // Format into a stack buffer, then drop trailing zeros and a trailing point.
        struct Buf {
            bytes: [u8; 64],
            len: usize,
        }
        impl Write for Buf {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                let end = self.len + s.len();
                if end > self.bytes.len() {
                    return Err(std::fmt::Error);
                }
                self.bytes[self.len..end].copy_from_slice(s.as_bytes());
                self.len = end;
                Ok(())
            }
        }
        let mut buf = Buf {
            bytes: [0; 64],
            len: 0,
        };
        if write!(buf, "{:.3}", x).is_err() {
            return write!(f, "{}", x.round());
        }
        let mut text = std::str::from_utf8(&buf.bytes[..buf.len]).unwrap_or("0");
        if text.contains('.') {
            text = text.trim_end_matches('0').trim_end_matches('.');
        }
        f.write_str(if text == "-0" { "0" } else { text })
    }
}

/// Rounds to three decimals, for JSON output.
pub fn round3(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1000.0).round() / 1000.0 + 0.0
    } else {
        0.0
    }
}

/// The change from `a` to `b` as a scenario comparison shows it: "=" when equal (to display
/// precision), else the signed difference and, from a non-zero `a`, the relative change:
/// "+15 (+188 %)", "-18.441 (-92 %)", "+3".
pub fn change(a: f64, b: f64) -> String {
    let d = b - a;
    if !d.is_finite() || fmt(d) == "0" {
        return "=".to_string();
    }
    let sign = if d > 0.0 { "+" } else { "" };
    if a == 0.0 || !a.is_finite() {
        return format!("{sign}{}", Num(d));
    }
    let pct = d / a.abs() * 100.0;
    // Whole percents, but a change under 1 % keeps one decimal rather than read as 0 %.
    let pct = if pct.abs() < 1.0 {
        format!("{pct:+.1}")
    } else {
        format!("{pct:+.0}")
    };
    format!("{sign}{} ({pct} %)", Num(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_reads_as_a_difference_and_a_share() {
        assert_eq!(change(8.0, 23.0), "+15 (+188 %)");
        assert_eq!(change(20.126, 1.685), "-18.441 (-92 %)");
        assert_eq!(change(0.0, 3.0), "+3");
        assert_eq!(change(3.0, 3.0), "=");
        assert_eq!(change(4350.8, 4350.8001), "=");
        assert_eq!(change(1000.0, 1004.0), "+4 (+0.4 %)");
        assert_eq!(change(-2.0, -1.0), "+1 (+50 %)");
        assert_eq!(change(f64::NAN, 1.0), "=");
    }

    #[test]
    fn ceil_ignores_float_noise() {
        assert_eq!(ceil(1000.0 / 20.0 * 1.1), 55);
        assert_eq!(ceil(100.0 / 20.0 * 1.5), 8);
        assert_eq!(ceil(102.0 / 3.8), 27);
        assert_eq!(ceil(0.1 + 0.2), 1);
        assert_eq!(ceil(3.0 * 0.1 / 0.1), 3);
        assert_eq!(ceil(5.000001), 6);
        assert_eq!(ceil(0.0), 0);
        assert_eq!(ceil(f64::NAN), 0);
    }

    #[test]
    fn floor_ignores_float_noise() {
        assert_eq!(floor(3.8 / 0.2), 19);
        assert_eq!(floor(0.7 / 0.1), 7);
        assert_eq!(floor(7.6), 7);
    }

    #[test]
    fn fmt_is_short() {
        assert_eq!(fmt(20.0 / 3.0), "6.667");
        assert_eq!(fmt(8.0), "8");
        assert_eq!(fmt(0.25), "0.25");
        assert_eq!(fmt(-0.0001), "0");
        assert_eq!(fmt(-0.25), "-0.25");
        assert_eq!(fmt(-2.5), "-2.5");
        assert_eq!(fmt(0.05), "0.05");
        assert_eq!(fmt(1.0005), "1.001");
        assert_eq!(fmt(4350.8), "4350.8");
        assert_eq!(fmt(2e12), "2000000000000");
    }
}
