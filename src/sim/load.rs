//! The day's load: the profile (or the two-level day), ramps between levels and the spike.

use super::{STEPS, STEP_S};
use crate::plan::{Plan, Platform};

/// Seconds in a day.
const DAY_S: f64 = 86_400.0;

/// The load of every step of the day, req/s (docs/SIMULATION.md, "Load").
pub fn loads(plan: &Plan) -> Vec<f64> {
    let levels = profile_levels(plan);
    let changes = change_points(plan, &levels);
    let ramp = f64::from(plan.ramp_s);
    (0..STEPS)
        .map(|k| {
            let t = k as f64 * STEP_S;
            let base = ramped(t, ramp, &changes, |x| level_at(plan, &levels, x));
            base * spike_factor(plan, t)
        })
        .collect()
}

/// The plan's day hour by hour, % of peak: its profile (a finer one averaged to hours: each
/// hour the mean of its levels), or the two-level day spelled out (an hour is at peak when its
/// start is in the peak window). What the profile editor starts from, and "Back to 24 hourly
/// bars".
pub fn hourly_percent(plan: &Plan) -> Vec<f64> {
    let n = plan.day.len();
    if n >= 24 && n.is_multiple_of(24) {
        let per = n / 24;
        return plan
            .day
            .chunks(per)
            .map(|c| c.iter().sum::<f64>() / per as f64)
            .collect();
    }
    let off = if plan.peak_rps > 0.0 {
        (plan.offpeak_rps / plan.peak_rps * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    };
    (0..24)
        .map(|h| {
            if level_at(plan, &None, h as f64 * 3600.0) == plan.peak_rps {
                100.0
            } else {
                off
            }
        })
        .collect()
}

/// The constant load of each level when the plan gives a profile (`day`, % of peak): 24, 48,
/// 96 or 288 levels, each held 86,400 s ÷ n.
fn profile_levels(plan: &Plan) -> Option<Vec<f64>> {
    (!plan.day.is_empty()).then(|| {
        plan.day
            .iter()
            .map(|pct| plan.peak_rps * pct / 100.0)
            .collect()
    })
}

/// How long each level of a profile of `n` lives, s.
fn level_s(n: usize) -> f64 {
    DAY_S / n.max(1) as f64
}

/// The hours at peak in the two-level day: `active_h` on Container Apps plans, else `hours_peak`.
pub fn peak_hours(plan: &Plan) -> f64 {
    match plan.platform {
        Platform::Aca => plan.active_h,
        Platform::Aks => plan.hours_peak,
    }
}

/// A time of day in [0, 86,400) s from one a day or two either side of it (every time here is
/// within a day of the day: whole adds and subtracts, exact on millisecond values; no `fmod`).
fn wrap(mut x: f64) -> f64 {
    while x < 0.0 {
        x += DAY_S;
    }
    while x >= DAY_S {
        x -= DAY_S;
    }
    x
}

/// Hours as seconds, to the millisecond: `23.9` h is 86,040 s, not 86,039.99999999999.
fn seconds(hours: f64) -> f64 {
    (hours * 3_600_000.0).round() / 1000.0
}

/// The load at second `t` before any ramp or spike.
fn level_at(plan: &Plan, levels: &Option<Vec<f64>>, t: f64) -> f64 {
    match levels {
        Some(l) => l[((t / level_s(l.len())) as usize).min(l.len() - 1)],
        None => {
            let hours = peak_hours(plan);
            let into = wrap(t - seconds(plan.peak_start_h));
            if into < hours * 3600.0 {
                plan.peak_rps
            } else {
                plan.offpeak_rps
            }
        }
    }
}

/// The seconds within the day (after 00:00, which starts in a steady state) where the level
/// changes, with the levels before and after.
fn change_points(plan: &Plan, levels: &Option<Vec<f64>>) -> Vec<(f64, f64, f64)> {
    let candidates: Vec<f64> = match levels {
        Some(l) => (1..l.len()).map(|i| i as f64 * level_s(l.len())).collect(),
        None => {
            let start = seconds(plan.peak_start_h);
            let end = start + seconds(peak_hours(plan));
            let (a, b) = (wrap(start), wrap(end));
            vec![a.min(b), a.max(b)]
        }
    };
    candidates
        .into_iter()
        .filter(|&t| t > 0.0)
        .filter_map(|t| {
            let before = level_at(plan, levels, t - 1e-6);
            let after = level_at(plan, levels, t);
            (before != after).then_some((t, before, after))
        })
        .collect()
}

/// The level at `t`, moving linearly over `ramp` seconds from the latest change point.
fn ramped(t: f64, ramp: f64, changes: &[(f64, f64, f64)], level: impl Fn(f64) -> f64) -> f64 {
    if ramp > 0.0 {
        if let Some(&(at, from, to)) = changes.iter().rev().find(|c| c.0 <= t) {
            if t - at < ramp {
                return from + (to - from) * (t - at) / ramp;
            }
        }
    }
    level(t)
}

/// `spike_x` inside `[spike_at_h, spike_at_h + spike_min)`, wrapping past midnight; else 1.
fn spike_factor(plan: &Plan, t: f64) -> f64 {
    let into = wrap(t - seconds(plan.spike_at_h));
    if into < f64::from(plan.spike_min) * 60.0 {
        plan.spike_x
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(loads: &[f64], h: u32, m: u32, s: u32) -> f64 {
        loads[((h * 3600 + m * 60 + s) / 15) as usize]
    }

    #[test]
    fn the_two_level_day_wraps_past_midnight() {
        let plan = Plan {
            hours_peak: 4.0,
            peak_start_h: 22.0,
            offpeak_rps: 10.0,
            ..Plan::default()
        };
        let l = loads(&plan);
        assert_eq!(at(&l, 21, 59, 45), 10.0);
        assert_eq!(at(&l, 22, 0, 0), 100.0);
        assert_eq!(at(&l, 1, 59, 45), 100.0);
        assert_eq!(at(&l, 2, 0, 0), 10.0);
    }

    #[test]
    fn the_two_level_day_spelled_out_by_hour() {
        let plan = Plan {
            hours_peak: 4.0,
            peak_start_h: 22.0,
            offpeak_rps: 10.0,
            ..Plan::default()
        };
        let hours = hourly_percent(&plan);
        let peak: Vec<usize> = (0..24).filter(|&h| hours[h] == 100.0).collect();
        assert_eq!(peak, [0, 1, 22, 23]);
        assert_eq!(hours[12], 10.0);
    }

    #[test]
    fn ramps_and_a_spike_across_midnight() {
        let mut plan = Plan {
            ramp_s: 60,
            spike_x: 2.0,
            spike_at_h: 23.9,
            spike_min: 12,
            ..Plan::default()
        };
        plan.day = vec![50.0; 24];
        plan.day[8] = 100.0;
        let l = loads(&plan);
        assert_eq!(at(&l, 8, 0, 0), 50.0);
        assert_eq!(at(&l, 8, 0, 30), 75.0);
        assert_eq!(at(&l, 8, 1, 0), 100.0);
        assert_eq!(at(&l, 9, 0, 15), 87.5);
        // 23:54 to 00:06 doubles the load.
        assert_eq!(at(&l, 23, 53, 45), 50.0);
        assert_eq!(at(&l, 23, 54, 0), 100.0);
        assert_eq!(at(&l, 0, 5, 45), 100.0);
        assert_eq!(at(&l, 0, 6, 0), 50.0);
    }
}
