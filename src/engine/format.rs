//! Number and money formatting. One display rule for people (cards, "How?", findings, charts'
//! readouts, compare): [`fmt`] gives measured quantities three significant digits ("20.1",
//! "0.452", "6.67"; from 100 up the whole number, never cut: "4351"), [`count`] whole counts,
//! [`money`] whole dollars with thousands separators ("US$3,705") and [`money_cents`] cents for
//! breakdowns. Exported files and links keep their values: [`exact`] (up to three decimals).

/// A measured quantity for people: three significant digits, trailing zeros dropped
/// (`20.1`, `6.67`, `0.452`, `8`); from 100 up the rounded whole number (`4351`).
pub fn fmt(x: f64) -> String {
    Num(x).to_string()
}

/// A number for a file or a command line: up to three decimals, trailing zeros dropped
/// (`6.667`, `8`, `0.25`). Exported configuration uses it; people read [`fmt`].
pub fn exact(x: f64) -> String {
    Exact(x).to_string()
}

/// Writes a small non-zero value with three significant digits: plain down to a millionth,
/// in exponent form below it.
fn write_small(f: &mut std::fmt::Formatter<'_>, x: f64) -> std::fmt::Result {
    let sci = format!("{:.2e}", x);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    if exp >= -6 {
        let decimals = usize::try_from(2 - exp).unwrap_or(8);
        let plain = format!("{:.*}", decimals, x);
        f.write_str(plain.trim_end_matches('0'))
    } else {
        write!(f, "{}e{}", mantissa, exp)
    }
}

/// Money for people, outside breakdowns: whole dollars, thousands separated ("US$4,351").
pub fn money(usd: f64) -> String {
    if !usd.is_finite() {
        return "—".to_string();
    }
    let whole = usd.abs().round();
    let sign = if usd < 0.0 && whole > 0.0 { "−" } else { "" };
    format!("{sign}US${}", grouped(whole as u64))
}

/// Money in a breakdown: "US$4,350.80" (two decimals, thousands separated).
pub fn money_cents(usd: f64) -> String {
    if !usd.is_finite() {
        return "—".to_string();
    }
    let cents = (usd.abs() * 100.0).round();
    let whole = (cents / 100.0).trunc() as u64;
    let frac = (cents % 100.0) as u64;
    let sign = if usd < 0.0 && cents > 0.0 { "−" } else { "" };
    format!("{sign}US${}.{:02}", grouped(whole), frac)
}

/// A whole number with thousands separators: "1,234,567".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count for people: separated into thousands from 10,000 up ("40,000"); shorter counts read
/// as they are ("1500").
pub fn count(n: u64) -> String {
    if n >= 10_000 {
        grouped(n)
    } else {
        n.to_string()
    }
}

/// Displays a number as [`fmt`] does, without allocating: for use inside `format!`.
#[derive(Clone, Copy, Debug)]
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        let a = x.abs();
        // Beyond what an integer holds the exact form reads the same; below a thousandth, the
        // small form keeps three significant digits.
        if !x.is_finite() || a >= 1e12 {
            return Exact(x).fmt(f);
        }
        if a < 0.001 {
            return if x == 0.0 {
                f.write_str("0")
            } else {
                write_small(f, x)
            };
        }
        let decimals: u32 = match a {
            a if a >= 100.0 => 0,
            a if a >= 10.0 => 1,
            a if a >= 1.0 => 2,
            a if a >= 0.1 => 3,
            a if a >= 0.01 => 4,
            _ => 5,
        };
        let scale = 10u64.pow(decimals);
        let v = (a * scale as f64).round() as u64;
        let (whole, mut frac) = (v / scale, v % scale);
        if x < 0.0 && v > 0 {
            f.write_str("-")?;
        }
        write!(f, "{whole}")?;
        if frac != 0 {
            let mut width = decimals as usize;
            while frac % 10 == 0 {
                frac /= 10;
                width -= 1;
            }
            write!(f, ".{frac:0width$}")?;
        }
        Ok(())
    }
}

/// Displays a number as [`exact`] does, without allocating: for use inside `format!`.
#[derive(Clone, Copy, Debug)]
pub struct Exact(pub f64);

impl std::fmt::Display for Exact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        let x = self.0;
        if !x.is_finite() {
            return f.write_str("—");
        }
        // A value that rounds to 0 at three decimals keeps three significant digits instead, so
        // that a non-zero value never reads as 0: 0.0004, 0.0000123, 5e-324.
        if x != 0.0 && x.abs() < 0.0005 {
            return write_small(f, x);
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

/// The change from `a` to `b` as a scenario comparison shows it: "=" when equal (to display
/// precision), else the signed difference and, from a non-zero `a`, the relative change:
/// "+15 (+188 %)", "-18.441 (-92 %)", "+3".
pub fn change(a: f64, b: f64) -> String {
    change_in(a, b, |d| Num(d).to_string())
}

/// [`change`] of two monthly costs, the difference written as money: "+US$1,279 (+35 %)".
pub fn money_change(a: f64, b: f64) -> String {
    change_in(a, b, |d| {
        if d < 0.0 {
            format!("-{}", money(-d))
        } else {
            money(d)
        }
    })
}

/// A change from `a` to `b`, its difference written by `shown`.
fn change_in(a: f64, b: f64, shown: impl Fn(f64) -> String) -> String {
    let d = b - a;
    if !d.is_finite() || d.abs() < 0.0005 {
        return "=".to_string();
    }
    let sign = if d > 0.0 { "+" } else { "" };
    if a == 0.0 || !a.is_finite() {
        return format!("{sign}{}", shown(d));
    }
    let pct = d / a.abs() * 100.0;
    // Whole percents, but a change under 1 % keeps one decimal rather than read as 0 %.
    let pct = if pct.abs() < 1.0 {
        format!("{pct:+.1}")
    } else {
        format!("{pct:+.0}")
    };
    format!("{sign}{} ({pct} %)", shown(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_zero_value_never_reads_as_zero() {
        assert_eq!(fmt(0.0004), "0.0004");
        assert_eq!(exact(0.0004), "0.0004");
        assert_eq!(fmt(0.000123456), "0.000123");
        assert_eq!(fmt(-0.0002), "-0.0002");
        assert_eq!(fmt(5e-324), "4.94e-324");
        assert_eq!(fmt(1.5e-7), "1.5e-7");
        assert_eq!(fmt(0.0), "0");
        assert_eq!(exact(0.0006), "0.001");
        assert_eq!(fmt(0.0006), "0.0006");
    }

    #[test]
    fn money_and_counts_read_at_a_glance() {
        assert_eq!(money(4350.8), "US$4,351");
        assert_eq!(money(3704.75), "US$3,705");
        assert_eq!(money(0.004), "US$0");
        assert_eq!(money(-12.5), "−US$13");
        assert_eq!(money(f64::NAN), "—");
        assert_eq!(money_cents(4350.8), "US$4,350.80");
        assert_eq!(money_cents(0.004), "US$0.00");
        assert_eq!(money_cents(1_234_567.891), "US$1,234,567.89");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(count(1_500), "1500");
        assert_eq!(count(40_000), "40,000");
        assert_eq!(count(9_007_199_254_740_992), "9,007,199,254,740,992");
    }

    #[test]
    fn change_reads_as_a_difference_and_a_share() {
        assert_eq!(change(8.0, 23.0), "+15 (+188 %)");
        assert_eq!(change(20.126, 1.685), "-18.4 (-92 %)");
        assert_eq!(change(0.0, 3.0), "+3");
        assert_eq!(change(3.0, 3.0), "=");
        assert_eq!(change(4350.8, 4350.8001), "=");
        assert_eq!(change(1000.0, 1004.0), "+4 (+0.4 %)");
        assert_eq!(change(-2.0, -1.0), "+1 (+50 %)");
        assert_eq!(change(f64::NAN, 1.0), "=");
    }

    #[test]
    fn exact_is_short() {
        assert_eq!(exact(20.0 / 3.0), "6.667");
        assert_eq!(exact(8.0), "8");
        assert_eq!(exact(0.25), "0.25");
        assert_eq!(exact(-0.0001), "-0.0001");
        assert_eq!(exact(-0.25), "-0.25");
        assert_eq!(exact(-2.5), "-2.5");
        assert_eq!(exact(0.05), "0.05");
        assert_eq!(exact(1.0005), "1.001");
        assert_eq!(exact(4350.8), "4350.8");
        assert_eq!(exact(2e12), "2000000000000");
    }

    #[test]
    fn fmt_keeps_three_significant_digits() {
        assert_eq!(fmt(20.126), "20.1");
        assert_eq!(fmt(20.0 / 3.0), "6.67");
        assert_eq!(fmt(0.452_3), "0.452");
        assert_eq!(fmt(0.045_23), "0.0452");
        assert_eq!(fmt(0.001_234), "0.00123");
        assert_eq!(fmt(52.788), "52.8");
        assert_eq!(fmt(8.0), "8");
        assert_eq!(fmt(0.25), "0.25");
        assert_eq!(fmt(-2.5), "-2.5");
        assert_eq!(fmt(-0.004), "-0.004");
        assert_eq!(fmt(9.996), "10");
        assert_eq!(fmt(99.96), "100");
        assert_eq!(fmt(4350.8), "4351");
        assert_eq!(fmt(1_234_567.0), "1234567");
        assert_eq!(fmt(2e12), "2000000000000");
        assert_eq!(fmt(f64::INFINITY), "—");
    }
}
