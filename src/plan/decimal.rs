//! Decimal text to the nearest `f64`, correctly rounded (ties to even), for the numbers people
//! type and links carry: `[+-]digits[.digits][(e|E)[+-]digits]`, with digits on at least one
//! side of the point. It gives exactly what `str::parse::<f64>` gives for that grammar (the
//! tests check it against core's parser), without core's table of powers of five in the page's
//! first load (what that saves: docs/PERFORMANCE.md, "Room ledger"): inputs of up to 15 digits with a small exponent take one exact
//! multiplication or division (Clinger's fast path); the rest an exact big-integer division.

/// The nearest `f64` to a decimal number, or `None` when `text` is not one. Too large a
/// number gives infinity and too small a zero, as `str::parse` does.
pub fn parse(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let mut i = 0;
    let negative = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    // Significant digits (leading zeros dropped), then value = digits × 10^exp10.
    let mut digits: Vec<u8> = Vec::new();
    let mut exp10: i64 = 0;
    let mut seen = false;
    let mut point = false;
    let mut dropped_nonzero = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                seen = true;
                if point {
                    exp10 -= 1;
                }
                if digits.is_empty() && c == b'0' {
                    // a leading zero
                } else if digits.len() < MAX_DIGITS {
                    digits.push(c - b'0');
                } else {
                    // Beyond the digits that can matter: one sticky digit stands for them.
                    exp10 += 1;
                    dropped_nonzero |= c != b'0';
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    if i < b.len() {
        if !matches!(b[i], b'e' | b'E') {
            return None;
        }
        i += 1;
        let minus = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        if i == b.len() {
            return None;
        }
        let mut e: i64 = 0;
        while i < b.len() {
            let c = b[i];
            if !c.is_ascii_digit() {
                return None;
            }
            e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
            i += 1;
        }
        exp10 += if minus { -e } else { e };
    }
    if dropped_nonzero {
        // A last digit of 1 just past the kept ones: the value is a little above the kept
        // digits, which is all rounding needs to know.
        digits.push(1);
        exp10 -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exp10 += 1;
    }
    let magnitude = nearest(&digits, exp10);
    Some(if negative { -magnitude } else { magnitude })
}

/// Enough significant digits to round any decimal correctly (768 suffice for `f64`).
const MAX_DIGITS: usize = 800;

/// Exact powers of ten that `f64` holds.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The nearest `f64` to digits × 10^exp10 (digits without leading or trailing zeros).
fn nearest(digits: &[u8], exp10: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    let n = digits.len() as i64;
    // Above 1.8e308 nothing is finite; below 2.5e-324 everything rounds to zero.
    if n + exp10 > 310 {
        return f64::INFINITY;
    }
    if n + exp10 < -324 {
        return 0.0;
    }
    if n <= 15 && exp10.abs() <= 22 {
        let m = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) as f64;
        let p = POW10[exp10.unsigned_abs() as usize];
        // Both are exact, so the one rounding of the operation is the correct one.
        return if exp10 >= 0 { m * p } else { m / p };
    }
    // digits × 10^exp10 = a / b, as integers.
    let mut a = Big::from_digits(digits);
    let mut b = Big::one();
    if exp10 >= 0 {
        a.mul_pow10(exp10 as u32);
    } else {
        b.mul_pow10(exp10.unsigned_abs() as u32);
    }
    // q = floor(a × 2^k / b) with 2^54 ≤ q < 2^56.
    let k = 55 - (a.bits() as i64 - b.bits() as i64);
    if k >= 0 {
        a.shl(k as u32);
    } else {
        b.shl(k.unsigned_abs() as u32);
    }
    let (q, exact) = a.div_small_quotient(&b, 56);
    round(q, !exact, -k)
}

/// The nearest `f64` to (q + a fraction, nonzero when `inexact`) × 2^e2, q < 2^56.
fn round(q: u64, inexact: bool, e2: i64) -> f64 {
    let bits = 64 - i64::from(q.leading_zeros());
    // The top bit's position decides the precision: 53 bits when normal, fewer below 2^-1022.
    let top = bits - 1 + e2;
    if top > 1023 {
        return f64::INFINITY;
    }
    let mut drop = bits - 53;
    if top < -1022 {
        drop += -1022 - top;
    }
    if drop > bits {
        return 0.0;
    }
    let (mut kept, rest, half) = if drop <= 0 {
        (q << (-drop) as u32, 0, 0)
    } else {
        let d = drop as u32;
        (q >> d, q & ((1u64 << d) - 1), 1u64 << (d - 1))
    };
    if drop > 0 && (rest > half || (rest == half && (inexact || kept & 1 == 1))) {
        kept += 1;
    }
    let exp = e2 + drop.max(0);
    // kept × 2^exp is a representable value (or overflows when rounding carried past the top).
    let kept_bits = 64 - i64::from(kept.leading_zeros());
    if kept == 0 {
        return 0.0;
    }
    if kept_bits - 1 + exp > 1023 {
        return f64::INFINITY;
    }
    scale(kept as f64, exp)
}

/// x × 2^exp, exact for the values `round` gives (exp in -1074..=1023).
fn scale(x: f64, exp: i64) -> f64 {
    let pow2 = if exp >= -1022 {
        f64::from_bits(((exp + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (exp + 1074))
    };
    x * pow2
}

/// An unsigned big integer, 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn one() -> Self {
        Big(vec![1])
    }

    fn from_digits(digits: &[u8]) -> Self {
        let mut n = Big(vec![0]);
        for chunk in digits.chunks(9) {
            let mut v = 0u32;
            for &d in chunk {
                v = v * 10 + u32::from(d);
            }
            n.mul_add(POW10_U32[chunk.len()], v);
        }
        n
    }

    /// self = self × m + add.
    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in self.0.iter_mut() {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut e: u32) {
        while e > 0 {
            let step = e.min(9);
            self.mul_add(POW10_U32[step as usize], 0);
            e -= step;
        }
    }

    fn bits(&self) -> u32 {
        let top = self.0.iter().rposition(|&l| l != 0).unwrap_or(0);
        top as u32 * 32 + (32 - self.0[top].leading_zeros())
    }

    fn shl(&mut self, k: u32) {
        let (words, bits) = ((k / 32) as usize, k % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in self.0.iter_mut() {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if words > 0 {
            self.0.splice(0..0, std::iter::repeat_n(0, words));
        }
    }

    fn shr1(&mut self) {
        let mut carry = 0u32;
        for limb in self.0.iter_mut().rev() {
            let v = (*limb >> 1) | carry;
            carry = *limb << 31;
            *limb = v;
        }
    }

    fn limb(&self, i: usize) -> u32 {
        self.0.get(i).copied().unwrap_or(0)
    }

    fn ge(&self, other: &Big) -> bool {
        let n = self.0.len().max(other.0.len());
        for i in (0..n).rev() {
            let (a, b) = (self.limb(i), other.limb(i));
            if a != b {
                return a > b;
            }
        }
        true
    }

    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let v = i64::from(self.0[i]) - i64::from(other.limb(i)) - borrow;
            self.0[i] = v.rem_euclid(1 << 32) as u32;
            borrow = i64::from(v < 0);
        }
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    /// floor(self / d) when it is below 2^bits, by shift and subtract; and whether the
    /// division was exact. Leaves the remainder in self.
    fn div_small_quotient(&mut self, d: &Big, bits: u32) -> (u64, bool) {
        let mut shifted = d.clone();
        shifted.shl(bits - 1);
        let mut q = 0u64;
        for i in (0..bits).rev() {
            if self.ge(&shifted) {
                self.sub(&shifted);
                q |= 1 << i;
            }
            shifted.shr1();
        }
        (q, self.is_zero())
    }
}

const POW10_U32: [u32; 10] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        let core = text.parse::<f64>().ok();
        let ours = parse(text);
        assert_eq!(
            ours.map(f64::to_bits),
            core.map(f64::to_bits),
            "{text}: ours {ours:?}, core {core:?}"
        );
    }

    #[test]
    fn agrees_with_core_on_hard_cases() {
        for t in [
            "0",
            "-0",
            "+0",
            "0.0",
            ".5",
            "5.",
            "1e5",
            "1E5",
            "1e+5",
            "1e-5",
            "-.5e-3",
            "00012.3400",
            "0.1",
            "0.2",
            "0.3",
            "9007199254740993",
            "9007199254740992.5",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "1.8e308",
            "4.9e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "1e23",
            "8.98846567431158e307",
            "123456789012345678901234567890",
            "1e-400",
            "1e400",
            "0.000000000000000000000000000000000000000000001",
            "7.2057594037927933e16",
            "1448997445238699",
            "20000000000000000000000000000000000000000000000000000000001e-58",
            "2.225073858507201136057409796709131975934819546351645648e-308",
            "e5",
            ".",
            "1e",
            "1e+",
            "--1",
            "1..2",
            "1.2.3",
            "",
            "-",
            "+.",
            "1e5x",
            "0x10",
            "1_000",
        ] {
            same(t);
        }
        // Many digits: the sticky digit decides ties.
        let long = format!("9007199254740993{}", "0".repeat(900));
        same(&long);
        same(&format!("{long}1"));
        same(&format!("0.{}1", "0".repeat(350)));
        same(&format!("1{}e-1000", "0".repeat(700)));
    }

    #[test]
    fn reads_back_every_shortest_form() {
        let mut bits: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..100_000 {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            let x = f64::from_bits(bits);
            if x.is_finite() {
                assert_eq!(
                    parse(&format!("{x}")).map(f64::to_bits),
                    Some(x.to_bits()),
                    "{x}"
                );
                assert_eq!(
                    parse(&format!("{x:e}")).map(f64::to_bits),
                    Some(x.to_bits()),
                    "{x:e}"
                );
            }
        }
    }

    #[test]
    fn agrees_with_core_on_random_decimals() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..100_000 {
            let digits = 1 + next() % 40;
            let mut t = String::new();
            for k in 0..digits {
                if k == next() % (digits + 1) {
                    t.push('.');
                }
                t.push((b'0' + (next() % 10) as u8) as char);
            }
            if next() % 2 == 0 {
                t += &format!("e{}", (next() % 700) as i64 - 350);
            }
            same(&t);
        }
    }
}
