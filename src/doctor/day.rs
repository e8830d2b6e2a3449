//! Findings about the simulated day: what the steady-state figures hide.

use super::{finding, Code, Finding, Severity};
use crate::engine::format::{count, money, Num};
use crate::engine::{self, Sizing};
use crate::plan::{Plan, Platform};
use crate::sim::log::clock;
use crate::sim::{self, Day, STEP_S};

/// The most reruns the search for a lag-free minimum may take.
pub const MAX_RERUNS: u32 = 12;

/// Where the smallest lag-free minimum search ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LagFix {
    /// This minimum (`min_replicas`, or `aca_min` on Container Apps) removes the lag, and one
    /// less does not.
    Exactly(u32),
    /// This minimum removes it; the search stopped before proving it the smallest.
    AtMost(u32),
    /// Not even the maximum does: the ramp outruns pod or node start, whatever the minimum.
    None,
}

/// The parameter that sets the standing minimum on the plan's platform.
fn min_param(plan: &Plan) -> &'static str {
    match plan.platform {
        Platform::Aks => "min_replicas",
        Platform::Aca => "aca_min",
    }
}

fn lags_with_min(plan: &Plan, min: u32) -> bool {
    let mut p = plan.clone();
    match plan.platform {
        Platform::Aks => p.min_replicas = min,
        Platform::Aca => p.aca_min = min,
    }
    let s = engine::size(&p);
    sim::simulate(&p, &s).facts.lag.is_some()
}

/// The smallest minimum that removes the scale lag, by bisection in at most [`MAX_RERUNS`]
/// reruns of the day (on demand: the page runs it when the finding is opened).
pub fn smallest_lag_free_min(plan: &Plan, s: &Sizing) -> LagFix {
    let (current, max) = match plan.platform {
        Platform::Aks => (
            plan.min_replicas,
            u32::try_from(s.web.hpa_max).unwrap_or(u32::MAX),
        ),
        Platform::Aca => (plan.aca_min, plan.aca_max),
    };
    if max <= current || lags_with_min(plan, max) {
        return LagFix::None;
    }
    // lags(lo) holds and lags(hi) does not.
    let (mut lo, mut hi) = (current, max);
    let mut runs = 1;
    while hi - lo > 1 {
        if runs == MAX_RERUNS {
            return LagFix::AtMost(hi);
        }
        let mid = lo + (hi - lo) / 2;
        runs += 1;
        if lags_with_min(plan, mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    LagFix::Exactly(hi)
}

/// The scale-lag remedies besides a higher minimum, on the plan's platform.
fn other_remedies(plan: &Plan) -> &'static str {
    match plan.platform {
        Platform::Aks => {
            "keep spare pods warm with overprovision, or lower hpa_cpu so the HPA starts earlier"
        }
        Platform::Aca => "lower aca_concurrency so replicas start earlier",
    }
}

/// The scale-lag fix sentence for a search's result.
pub fn lag_fix_text(plan: &Plan, fix: LagFix) -> String {
    let name = min_param(plan);
    let others = format!("or {}", other_remedies(plan));
    match fix {
        LagFix::Exactly(n) => format!("{} = {} removes it ({} reruns at most); {}", name, n, MAX_RERUNS, others),
        LagFix::AtMost(n) => format!("{} = {} removes it (the search stopped after {} reruns; a smaller value may too); {}", name, n, MAX_RERUNS, others),
        LagFix::None => format!("no {} up to the maximum removes it: the rise outruns pod and node start; raise the maximum, {}", name, others),
    }
}

/// The day's findings; scale-lag's fix names the other remedies, and the smallest minimum when
/// `search` (the CLI always searches; the page when the finding is opened).
pub fn lint(plan: &Plan, s: &Sizing, day: &Day, search: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let f = &day.facts;
    let sum = &day.summary;
    let secs = |steps: usize| steps as f64 * STEP_S;
    if let Some((start, len)) = f.lag {
        let fix = if search {
            lag_fix_text(plan, smallest_lag_free_min(plan, s))
        } else {
            format!(
                "open this finding to find the smallest {} that removes it; or {}",
                min_param(plan),
                other_remedies(plan)
            )
        };
        out.push(finding(
            Code::ScaleLag,
            Severity::Warning,
            format!(
                "after the load rises the {} falls behind: overloaded from {} for {} s ({} s in the day, up to {} requests waiting)",
                match plan.platform {
                    Platform::Aks => "web tier",
                    Platform::Aca => "Container App",
                },
                clock(start),
                Num(secs(len)),
                Num(sum.overload_s),
                count(sum.backlog_max.round() as u64)
            ),
            fix,
        ));
    }
    if sum.pending_pod_s > 0.0 {
        let longest = f.longest_wait.map_or(String::new(), |(w, at)| {
            format!("; the longest wait was {} s from {}", Num(w), clock(at))
        });
        out.push(finding(
            Code::PodsPending,
            Severity::Warning,
            format!(
                "pods waited {} pod-seconds a day for nodes (node start {} s){}",
                Num(sum.pending_pod_s),
                plan.node_start_s,
                longest
            ),
            "keep spare room with overprovision placeholder pods, raise node_min, or shorten node start (a smaller image, a pre-pulled node image)".to_string(),
        ));
    }
    if let Some(at) = f.hpa_max_at {
        out.push(finding(
            Code::HpaMaxReached,
            Severity::Warning,
            format!(
                "the HPA wanted more than its maximum of {} web replicas from {}",
                s.web.hpa_max,
                clock(at)
            ),
            "raise hpa_max (0 sizes it from the peak and the buffer), or raise the capacity per pod".to_string(),
        ));
    }
    if let Some(at) = f.keda_max_at {
        out.push(finding(
            Code::KedaMaxReached,
            Severity::Warning,
            format!(
                "KEDA wanted more than its maximum of {} workers from {}",
                s.tasks.keda_max,
                clock(at)
            ),
            "raise keda_max (0 sizes it from the peak tasks), or raise task_concurrency"
                .to_string(),
        ));
    }
    if plan.platform == Platform::Aca && f.aca_cold_starts > 0 {
        let mut warm = plan.clone();
        warm.aca_min = warm.aca_min.max(1).min(warm.aca_max);
        let warm_usd = sim::simulate(&warm, &engine::size(&warm))
            .facts
            .aca_monthly_usd();
        out.push(finding(
            Code::AcaColdStarts,
            Severity::Info,
            format!(
                "the app starts from zero {} a day, each time keeping the first requests waiting up to {} s",
                match f.aca_cold_starts {
                    1 => "once".to_string(),
                    n => format!("{} times", n),
                },
                Num(plan.cold_start_s)
            ),
            format!(
                "aca_min = 1 keeps one replica warm: {} a month instead of {}",
                money(warm_usd),
                money(f.aca_monthly_usd())
            ),
        ).applying_to(plan, &[("aca_min", "1".to_string())]));
    }
    if f.node_s > 0.0 && f.tail_node_s / f.node_s >= 0.05 {
        out.push(finding(
            Code::ScaleDownTail,
            Severity::Info,
            format!(
                "{} % of the day's node-hours ({} of {}) are nodes kept after the load had fallen",
                Num((f.tail_node_s / f.node_s * 100.0 * 10.0).round() / 10.0),
                Num(f.tail_node_s / 3600.0),
                Num(f.node_s / 3600.0)
            ),
            format!(
                "the cluster autoscaler waits ca_unneeded_s ({} s) and ca_delay_after_add_s ({} s), after the HPA's {} s window; shorter times trim the tail",
                plan.ca_unneeded_s, plan.ca_delay_after_add_s, plan.hpa_down_window_s
            ),
        ));
    }
    out.extend(super::cluster::burstable_baseline(plan, s, day));
    out
}
