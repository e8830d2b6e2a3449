//! Queueing latency: an M/M/c queue per tier (https://github.com/A-Herzog/QueueCalc).

use super::format::Num;
use super::Explain;
use serde::Serialize;

/// Latency figures. The wait figures are present only when the queue is stable (ρ < 1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Latency {
    /// Worker slots serving at peak: replicas × workers × threads.
    pub servers: u64,
    /// Offered load, Erlangs: λ × S.
    pub load_erlangs: f64,
    /// Whether the queue is stable: ρ = λ S / c < 1.
    pub stable: bool,
    /// Utilisation ρ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utilization: Option<f64>,
    /// Erlang C: the probability a request waits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p_wait: Option<f64>,
    /// Mean wait in the queue, ms: C / (cμ − λ).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_mean_ms: Option<f64>,
    /// 95th percentile wait, ms: max(0, ln(C / 0.05) / (cμ − λ)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_p95_ms: Option<f64>,
    /// 99th percentile wait, ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_p99_ms: Option<f64>,
    /// Mean response time, ms: mean wait + service time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_mean_ms: Option<f64>,
    /// Slots a stable queue needs: floor(λ S) + 1.
    pub servers_for_stability: u64,
}

/// Above this many servers, Erlang C uses the Halfin–Whitt approximation instead of the O(c)
/// recursion (its error is far below the model's own at that scale).
const EXACT_LIMIT: u64 = 200_000;

/// Erlang C for `c` servers and offered load `a` (< c): the Erlang B recursion
/// B(0) = 1, B(m) = a B(m−1) / (m + a B(m−1)), then C = B / (1 − ρ + ρ B) (Jagerman; no factorials).
pub fn erlang_c(c: u64, a: f64) -> f64 {
    let rho = a / c as f64;
    if c > EXACT_LIMIT {
        // Halfin–Whitt: β = (c − a) / √a, C ≈ 1 / (1 + β Φ(β) / φ(β)).
        let beta = (c as f64 - a) / a.sqrt();
        let phi = (-beta * beta / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
        let cdf = 0.5 * erfc(-beta / std::f64::consts::SQRT_2);
        return if phi > 0.0 {
            1.0 / (1.0 + beta * cdf / phi)
        } else {
            0.0
        };
    }
    let mut b = 1.0;
    for m in 1..=c {
        b = a * b / (m as f64 + a * b);
        if b < 1e-300 {
            return 0.0;
        }
    }
    b / (1.0 - rho + rho * b)
}

/// The complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.26551223
            + t * (1.00002368
                + t * (0.37409196
                    + t * (0.09678418
                        + t * (-0.18628806
                            + t * (0.27886807
                                + t * (-1.13520398
                                    + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
            .exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// Sizes the queue: λ = peak req/s, S = latency, c = servers.
pub fn size(peak_rps: f64, latency_ms: f64, servers: u64, ex: &mut impl Explain) -> Latency {
    let s = latency_ms / 1000.0;
    let a = peak_rps * s;
    let c = servers as f64;
    // No load is a stable queue even with no servers (a Container App scaled to zero).
    let stable = a == 0.0 || (servers > 0 && a < c);
    let servers_for_stability = a.floor() as u64 + 1;
    let mut out = Latency {
        servers,
        load_erlangs: a,
        stable,
        utilization: None,
        p_wait: None,
        wait_mean_ms: None,
        wait_p95_ms: None,
        wait_p99_ms: None,
        response_mean_ms: None,
        servers_for_stability,
    };
    if stable {
        let rho = if c > 0.0 { a / c } else { 0.0 };
        // No offered load (a rate so small that λ × S underflows to 0 included): no waiting.
        let cw = if a > 0.0 && servers > 0 {
            erlang_c(servers, a)
        } else {
            0.0
        };
        let gap = (c / s - peak_rps).max(f64::MIN_POSITIVE); // cμ − λ, per second
        let pct = |p: f64| {
            if cw > 0.0 {
                ((cw / (1.0 - p)).ln() / gap).max(0.0) * 1000.0
            } else {
                0.0
            }
        };
        let wait_mean = cw / gap * 1000.0;
        out.utilization = Some(rho);
        out.p_wait = Some(cw);
        out.wait_mean_ms = Some(wait_mean);
        out.wait_p95_ms = Some(pct(0.95));
        out.wait_p99_ms = Some(pct(0.99));
        out.response_mean_ms = Some(wait_mean + latency_ms);
        ex.add("latency.wait_p95_ms", || {
            format!(
                "M/M/c: λ = {} req/s, S = {} ms, c = {} slots, ρ = {}, P(wait) = {}; p95 = ln(P(wait) / 0.05) / (cμ − λ) = {} ms",
                Num(peak_rps),
                Num(latency_ms),
                servers,
                Num(rho),
                Num(cw),
                Num(pct(0.95))
            )
        });
    } else {
        ex.add("latency.wait_p95_ms", || {
            format!(
                "unstable: λ × S = {} Erlangs ≥ {} slots; a stable queue needs at least {} slots",
                Num(a),
                servers,
                servers_for_stability
            )
        });
    }
    out
}

/// The queue at utilisation `rho` for fixed servers and service time: λ = ρ c / S.
pub fn at_utilization(rho: f64, latency_ms: f64, servers: u64) -> Latency {
    let servers = servers.max(1);
    let lambda = rho * servers as f64 * 1000.0 / latency_ms;
    size(
        lambda,
        latency_ms,
        servers,
        &mut crate::engine::Sink::Silent,
    )
}

/// p95 queue wait against utilisation for a fixed number of servers and service time: λ varies
/// so that ρ runs from 0.05 to 0.99. Returns (ρ, p95 wait in ms) pairs.
pub fn wait_curve(latency_ms: f64, servers: u64, points: usize) -> Vec<(f64, f64)> {
    let points = points.clamp(2, 1000);
    (0..points)
        .map(|i| {
            let rho = 0.05 + 0.94 * i as f64 / (points - 1) as f64;
            (
                rho,
                at_utilization(rho, latency_ms, servers)
                    .wait_p95_ms
                    .unwrap_or(0.0),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_facts_table() {
        // https://github.com/A-Herzog/QueueCalc: λ = 100/s, S = 200 ms (a = 20 Erlangs).
        for (c, p_wait, p95) in [
            (21, 0.761, 544.0),
            (22, 0.568, 243.0),
            (24, 0.298, 89.0),
            (26, 0.143, 35.0),
        ] {
            let l = size(100.0, 200.0, c, &mut crate::engine::Sink::Silent);
            assert!(
                (l.p_wait.unwrap() - p_wait).abs() < 0.001,
                "c={c}: {:?}",
                l.p_wait
            );
            assert!(
                (l.wait_p95_ms.unwrap() - p95).abs() < 1.0,
                "c={c}: {:?}",
                l.wait_p95_ms
            );
        }
    }

    #[test]
    fn halfin_whitt_agrees_with_the_recursion_near_its_limit() {
        let a = 190_000.0;
        let exact = erlang_c(EXACT_LIMIT, a);
        let approx = {
            let beta = (EXACT_LIMIT as f64 - a) / a.sqrt();
            let phi = (-beta * beta / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
            1.0 / (1.0 + beta * 0.5 * erfc(-beta / std::f64::consts::SQRT_2) / phi)
        };
        assert!((exact - approx).abs() < 0.01, "{exact} vs {approx}");
    }
}
