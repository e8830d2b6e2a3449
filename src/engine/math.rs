//! Arithmetic: rounding that is not fooled by floating-point error, counts that saturate at
//! 2^53 instead of wrapping, division that never yields NaN. Formatting is `engine::format`.

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

/// The largest count the engine reports: 2^53, the last integer past which JavaScript (and
/// so every JSON reader built on doubles) no longer reads every integer exactly. A count that
/// reaches it is saturated, and the doctor says so (`exceeds-platform-limit`).
pub const COUNT_CAP: u64 = 1 << 53;

fn saturate(r: f64) -> u64 {
    if r >= COUNT_CAP as f64 {
        COUNT_CAP
    } else {
        r as u64
    }
}

/// `a × b`, saturating at [`COUNT_CAP`]: counts never wrap.
pub fn sat_mul(a: u64, b: u64) -> u64 {
    a.checked_mul(b).map_or(COUNT_CAP, |x| x.min(COUNT_CAP))
}

/// `a + b`, saturating at [`COUNT_CAP`].
pub fn sat_add(a: u64, b: u64) -> u64 {
    a.saturating_add(b).min(COUNT_CAP)
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

/// Rounds to three decimals, for JSON output.
pub fn round3(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1000.0).round() / 1000.0 + 0.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
