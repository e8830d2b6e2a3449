//! Least squares of the Universal Scalability Law on measured throughput, as the R package
//! `usl` fits it (https://cran.r-project.org/package=usl: `nls` on X with 0 ≤ σ ≤ 1,
//! 0 ≤ κ ≤ 1, λ ≥ 0). For fixed (σ, κ) the best λ has a closed form, λ = Σ X f / Σ f² with
//! f = N / (1 + σ(N − 1) + κN(N − 1)), so the search is over two bounded variables: a grid
//! (σ linear, κ as t⁶ for t in [0, 1]), then Nelder–Mead from the best grid points, each corner of the
//! box (κ = 0, σ = 0, both) fitted on its own. A bound is reported exactly when the fit on it
//! is as good: within 1e-9 of the free fit's sum of squares, relatively.

use crate::engine::usl::Usl;

/// A fitted curve and how well it fits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// The curve.
    pub usl: Usl,
    /// Sum of squared residuals of X.
    pub sse: f64,
    /// 1 − SSE / SST on X.
    pub r2: f64,
}

/// The best λ for (σ, κ) and the sum of squares it leaves.
fn profile(points: &[(f64, f64)], sigma: f64, kappa: f64) -> (f64, f64) {
    let f = |n: f64| n / (1.0 + sigma * (n - 1.0) + kappa * n * (n - 1.0));
    let (mut xf, mut ff) = (0.0, 0.0);
    for &(n, x) in points {
        let v = f(n);
        xf += x * v;
        ff += v * v;
    }
    let lambda = if ff > 0.0 { (xf / ff).max(0.0) } else { 0.0 };
    let sse = points
        .iter()
        .map(|&(n, x)| (x - lambda * f(n)).powi(2))
        .sum();
    (lambda, sse)
}

/// κ from the search variable t in [0, 1]: t⁶, so that equal steps of t cover κ from 1e-12
/// to 1 evenly enough on a logarithmic scale, with κ = 0 at t = 0 (and no `powf`, whose code
/// the browser bundle would carry).
fn kappa_of(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    let t3 = t * t * t;
    t3 * t3
}

/// Nelder–Mead on `f` over a box, from `start` with initial steps `step`; clamps every point
/// into the box. Stops when the simplex's values agree to 1e-15 relatively or after 4,000
/// iterations.
fn nelder_mead<const D: usize>(
    f: &impl Fn([f64; D]) -> f64,
    start: [f64; D],
    step: [f64; D],
    lo: [f64; D],
    hi: [f64; D],
) -> ([f64; D], f64) {
    let clamp = |mut p: [f64; D]| {
        for i in 0..D {
            p[i] = p[i].clamp(lo[i], hi[i]);
        }
        p
    };
    let mut simplex: Vec<([f64; D], f64)> = Vec::with_capacity(D + 1);
    let s0 = clamp(start);
    simplex.push((s0, f(s0)));
    for i in 0..D {
        let mut p = s0;
        p[i] += step[i];
        if p[i] > hi[i] {
            p[i] = s0[i] - step[i];
        }
        let p = clamp(p);
        simplex.push((p, f(p)));
    }
    for _ in 0..4000 {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (best, worst) = (simplex[0].1, simplex[D].1);
        if (worst - best).abs() <= 1e-15 * best.abs().max(1e-300) {
            break;
        }
        let mut centroid = [0.0; D];
        for (p, _) in &simplex[..D] {
            for i in 0..D {
                centroid[i] += p[i] / D as f64;
            }
        }
        let towards = |t: f64| {
            let mut p = [0.0; D];
            for i in 0..D {
                p[i] = centroid[i] + t * (simplex[D].0[i] - centroid[i]);
            }
            clamp(p)
        };
        let r = towards(-1.0);
        let fr = f(r);
        if fr < simplex[0].1 {
            let e = towards(-2.0);
            let fe = f(e);
            simplex[D] = if fe < fr { (e, fe) } else { (r, fr) };
        } else if fr < simplex[D - 1].1 {
            simplex[D] = (r, fr);
        } else {
            let c = if fr < simplex[D].1 {
                towards(-0.5)
            } else {
                towards(0.5)
            };
            let fc = f(c);
            if fc < simplex[D].1.min(fr) {
                simplex[D] = (c, fc);
            } else {
                let b = simplex[0].0;
                for item in simplex.iter_mut().skip(1) {
                    let mut p = [0.0; D];
                    for i in 0..D {
                        p[i] = b[i] + 0.5 * (item.0[i] - b[i]);
                    }
                    let p = clamp(p);
                    *item = (p, f(p));
                }
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    simplex[0]
}

/// Fits the curve to (concurrency, throughput) points. The caller checks that there are
/// enough of them (at least 4, with 3 distinct concurrencies).
pub fn fit(points: &[(f64, f64)]) -> Fit {
    let sse_at = |sigma: f64, kappa: f64| profile(points, sigma, kappa).1;
    // The free fit: a grid, then Nelder–Mead from its three best points.
    let mut grid = Vec::new();
    for i in 0..=50 {
        let sigma = f64::from(i) / 50.0;
        for j in 0..=60 {
            let t = f64::from(j) / 60.0;
            grid.push(([sigma, t], sse_at(sigma, kappa_of(t))));
        }
    }
    // The three best grid points, without sorting the grid.
    let mut top: Vec<([f64; 2], f64)> = Vec::with_capacity(4);
    for g in grid {
        top.push(g);
        top.sort_by(|a, b| a.1.total_cmp(&b.1));
        top.truncate(3);
    }
    let grid = top;
    let free = |p: [f64; 2]| sse_at(p[0], kappa_of(p[1]));
    let mut best = ([0.0, 0.0], f64::INFINITY);
    for (start, _) in grid.iter().take(3) {
        let mut r = nelder_mead(&free, *start, [0.02, 0.02], [0.0, 0.0], [1.0, 1.0]);
        // A restart from the result polishes a simplex that collapsed early.
        r = nelder_mead(&free, r.0, [1e-3, 1e-3], [0.0, 0.0], [1.0, 1.0]);
        if r.1 < best.1 {
            best = r;
        }
    }
    let (mut sigma, mut kappa) = (best.0[0], kappa_of(best.0[1]));
    let mut sse = best.1;
    // The box's edges fitted on their own: κ = 0 (σ free), σ = 0 (κ free), both 0.
    let on_kappa0 = {
        let g = |p: [f64; 1]| sse_at(p[0], 0.0);
        let start = (0..=100)
            .map(|i| f64::from(i) / 100.0)
            .min_by(|a, b| g([*a]).total_cmp(&g([*b])))
            .unwrap_or(0.0);
        let r = nelder_mead(&g, [start], [0.01], [0.0], [1.0]);
        (r.0[0], 0.0, r.1)
    };
    let on_sigma0 = {
        let g = |p: [f64; 1]| sse_at(0.0, kappa_of(p[0]));
        let start = (0..=60)
            .map(|j| f64::from(j) / 60.0)
            .min_by(|a, b| g([*a]).total_cmp(&g([*b])))
            .unwrap_or(0.0);
        let r = nelder_mead(&g, [start], [0.02], [0.0], [1.0]);
        (0.0, kappa_of(r.0[0]), r.1)
    };
    let both0 = (0.0, 0.0, sse_at(0.0, 0.0));
    for (s, k, e) in [on_kappa0, on_sigma0] {
        if e < sse {
            (sigma, kappa, sse) = (s, k, e);
        }
    }
    let as_good = |e: f64, than: f64| e <= than * (1.0 + 1e-9) + f64::MIN_POSITIVE;
    // Prefer exact bounds where they fit as well: both, then κ = 0, then σ = 0.
    if as_good(both0.2, sse) {
        (sigma, kappa) = (0.0, 0.0);
    } else if kappa != 0.0 && as_good(on_kappa0.2, sse) {
        (sigma, kappa) = (on_kappa0.0, 0.0);
    } else if sigma != 0.0 && as_good(on_sigma0.2, sse) {
        (sigma, kappa) = (0.0, on_sigma0.1);
    }
    let (lambda, sse) = profile(points, sigma, kappa);
    let mean = points.iter().map(|p| p.1).sum::<f64>() / points.len().max(1) as f64;
    let sst: f64 = points.iter().map(|p| (p.1 - mean).powi(2)).sum();
    let r2 = if sst > 0.0 { 1.0 - sse / sst } else { 1.0 };
    Fit {
        usl: Usl {
            sigma,
            kappa,
            lambda_rps: lambda,
        },
        sse,
        r2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    /// The R package's SPEC SDM91 example: σ = 0.02773, κ = 1.044e-4, λ = 90.00, knee 96.52.
    #[test]
    fn the_r_package_specsdm91_example() {
        let n = [1.0, 18.0, 36.0, 72.0, 108.0, 144.0, 216.0];
        let x = [64.9, 995.9, 1652.4, 1853.2, 1828.9, 1775.0, 1702.2];
        let pts: Vec<(f64, f64)> = n.iter().copied().zip(x.iter().copied()).collect();
        let f = fit(&pts);
        // To 4 significant digits, as the package prints them.
        let sig4 = |x: f64| format!("{:.3e}", x);
        assert_eq!(sig4(f.usl.sigma), sig4(0.02773), "{f:?}");
        assert_eq!(sig4(f.usl.kappa), sig4(1.044e-4), "{f:?}");
        assert_eq!(sig4(f.usl.lambda_rps), sig4(90.00), "{f:?}");
        let knee = f.usl.peak_concurrency().unwrap();
        assert_eq!(sig4(knee), sig4(96.52), "{knee}");
    }

    /// R's synthetic set: σ = κ = 0.02, λ = 1, within 0.1 % (its X values are rounded).
    #[test]
    fn the_r_package_synthetic_example() {
        let pts = [
            (1.0, 1.0),
            (2.0, 1.8868),
            (4.0, 3.0769),
            (6.0, 3.5294),
            (8.0, 3.5398),
            (10.0, 3.3557),
        ];
        let f = fit(&pts);
        assert!(close(f.usl.sigma, 0.02, 1e-3), "{f:?}");
        assert!(close(f.usl.kappa, 0.02, 1e-3), "{f:?}");
        assert!(close(f.usl.lambda_rps, 1.0, 1e-3), "{f:?}");
        assert!(f.r2 > 0.999_99);
    }

    /// Linear scaling is κ = 0 and σ = 0 exactly, not 1e-12.
    #[test]
    fn bounds_are_exact() {
        let pts: Vec<(f64, f64)> = [1.0, 2.0, 4.0, 8.0]
            .iter()
            .map(|&n| (n, 10.0 * n))
            .collect();
        let f = fit(&pts);
        assert_eq!((f.usl.sigma, f.usl.kappa), (0.0, 0.0));
        assert!(close(f.usl.lambda_rps, 10.0, 1e-12));
        // Amdahl alone (κ = 0): X = λN / (1 + σ(N − 1)).
        let amdahl = Usl {
            sigma: 0.1,
            kappa: 0.0,
            lambda_rps: 50.0,
        };
        let pts: Vec<(f64, f64)> = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0]
            .iter()
            .map(|&n| (n, amdahl.throughput(n)))
            .collect();
        let f = fit(&pts);
        assert_eq!(f.usl.kappa, 0.0, "{f:?}");
        assert!(close(f.usl.sigma, 0.1, 1e-6), "{f:?}");
        assert_eq!(f.usl.peak_concurrency(), None);
    }
}
