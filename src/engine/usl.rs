//! The Universal Scalability Law (Neil Gunther): throughput at `n` requests in flight,
//! X(n) = λn / (1 + σ(n − 1) + κn(n − 1)), with contention σ, coherency κ and λ the throughput
//! of one request in flight. The model as the R package `usl` fits it
//! (https://cran.r-project.org/package=usl); `measure::usl` fits it to a load test, and a plan
//! with `capacity = usl` sizes its pods on it.

use crate::plan::Plan;

/// A fitted curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usl {
    /// Contention σ, 0–1.
    pub sigma: f64,
    /// Coherency κ, 0–1.
    pub kappa: f64,
    /// Throughput of one request in flight, req/s.
    pub lambda_rps: f64,
}

impl Usl {
    /// The plan's curve (`usl_sigma`, `usl_kappa`, `usl_lambda`).
    pub fn of(plan: &Plan) -> Usl {
        Usl {
            sigma: plan.usl_sigma,
            kappa: plan.usl_kappa,
            lambda_rps: plan.usl_lambda_rps,
        }
    }

    /// Throughput at `n` in flight, req/s: λn / (1 + σ(n − 1) + κn(n − 1)).
    pub fn throughput(&self, n: f64) -> f64 {
        let d = 1.0 + self.sigma * (n - 1.0) + self.kappa * n * (n - 1.0);
        if d > 0.0 {
            self.lambda_rps * n / d
        } else {
            0.0
        }
    }

    /// The mean latency at `n` in flight by Little's law, n / X(n), ms (0 where X is 0).
    pub fn latency_ms(&self, n: f64) -> f64 {
        let x = self.throughput(n);
        if x > 0.0 {
            n / x * 1000.0
        } else {
            0.0
        }
    }

    /// Where throughput peaks, N* = sqrt((1 − σ) / κ), unrounded; `None` when κ = 0 (it never
    /// falls).
    pub fn peak_concurrency(&self) -> Option<f64> {
        (self.kappa > 0.0).then(|| ((1.0 - self.sigma).max(0.0) / self.kappa).sqrt())
    }

    /// The Amdahl roof λ / σ the curve approaches without coherency; `None` when σ = 0.
    pub fn roof_rps(&self) -> Option<f64> {
        (self.sigma > 0.0).then(|| self.lambda_rps / self.sigma)
    }

    /// The best whole concurrency within `slots` (at least 1) and its throughput: the k in
    /// 1…slots with the highest X(k), the smallest on a tie. X rises while n² < (1 − σ) / κ and
    /// falls after (d/dn of n/D has the sign of 1 − σ − κn²), so the best k is the whole number
    /// either side of the peak, or `slots` when the peak lies beyond: no scan of the slots.
    pub fn best_within(&self, slots: u64) -> (u64, f64) {
        let slots = slots.max(1);
        let mut candidates = [1, slots, slots, slots];
        if let Some(peak) = self.peak_concurrency() {
            let below = peak.floor().clamp(1.0, slots as f64) as u64;
            candidates[2] = below;
            candidates[3] = (below + 1).min(slots);
        }
        let mut best = (1, self.throughput(1.0));
        for k in candidates {
            let x = self.throughput(k as f64);
            if x > best.1 || (x == best.1 && k < best.0) {
                best = (k, x);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_whole_concurrency_is_beside_the_peak() {
        let u = Usl {
            sigma: 0.02,
            kappa: 0.02,
            lambda_rps: 1.0,
        };
        // N* = sqrt(0.98 / 0.02) = 7: the scan and the shortcut agree for every slot count.
        assert!((u.peak_concurrency().unwrap() - 7.0).abs() < 1e-12);
        for slots in 1..40u64 {
            let scan = (1..=slots)
                .map(|k| (k, u.throughput(k as f64)))
                .fold((1, f64::MIN), |b, c| if c.1 > b.1 { c } else { b });
            assert_eq!(u.best_within(slots), scan, "{slots}");
        }
        let linear = Usl {
            sigma: 0.0,
            kappa: 0.0,
            lambda_rps: 5.0,
        };
        assert_eq!(linear.best_within(8), (8, 40.0));
        assert_eq!(linear.peak_concurrency(), None);
        assert_eq!(linear.roof_rps(), None);
    }
}
