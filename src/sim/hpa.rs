//! The Horizontal Pod Autoscaler (autoscaling/v2) of docs/SIMULATION.md: the controller state
//! of one scale target, and the web tier's step. KEDA's workers use the same controller from one
//! replica up (`keda`).

use super::log::{Event, Limit, What};
use super::packing::{scale_to, Kind};
use super::window::WindowMax;
use super::Facts;
use super::{within, Ctx, State};
use crate::engine::math::{ceil, div};
use crate::plan::Plan;

/// The HPA's controller state for one scale target (web, or KEDA's workers at 1 or more).
#[derive(Clone, Debug, Default)]
pub(super) struct Hpa {
    /// Recommendations in the scale-down window.
    recs: WindowMax,
    /// (step, pods added) in the scale-up period, and their sum.
    adds: std::collections::VecDeque<(usize, u64)>,
    added: u64,
}

/// One HPA decision: the new count, and the limit that held it back.
pub(super) struct Decision {
    pub(super) to: u64,
    pub(super) wants: u64,
    pub(super) limit: Option<Limit>,
}

impl Hpa {
    /// The HPA algorithm of docs/SIMULATION.md for `current` replicas: `ratio` is usage over
    /// target, `raw` the recommendation outside the tolerance.
    pub(super) fn decide(
        &mut self,
        plan: &Plan,
        step: usize,
        current: u64,
        ratio: f64,
        raw: u64,
        (min, max): (u64, u64),
    ) -> Decision {
        let rec = if (ratio - 1.0).abs() <= plan.hpa_tolerance + 1e-9 {
            current
        } else {
            raw
        };
        self.recs.push(step, rec, f64::from(plan.hpa_down_window_s));
        let highest = self.recs.max().unwrap_or(rec);
        let period = f64::from(plan.hpa_up_period_s);
        while let Some(&(s, n)) = self.adds.front() {
            if within(step, s, period) {
                break;
            }
            self.added -= n;
            self.adds.pop_front();
        }
        let mut limit = None;
        let mut to = if rec > current {
            let start = current.saturating_sub(self.added);
            let by_pods = start.saturating_add(u64::from(plan.hpa_up_pods));
            let by_pct = ceil(start as f64 * (1.0 + f64::from(plan.hpa_up_pct) / 100.0));
            let cap = by_pods.max(by_pct).max(current);
            if rec > cap {
                limit = Some(if by_pct >= by_pods {
                    Limit::UpPercent(plan.hpa_up_pct, plan.hpa_up_period_s)
                } else {
                    Limit::UpPods(plan.hpa_up_pods, plan.hpa_up_period_s)
                });
            }
            rec.min(cap)
        } else {
            if highest < current {
                let floor_n = ceil(current as f64 * (1.0 - f64::from(plan.hpa_down_pct) / 100.0));
                if floor_n > highest {
                    limit = Some(Limit::DownPercent(plan.hpa_down_pct));
                }
                highest.max(floor_n)
            } else {
                current
            }
        };
        let wants = if rec > current { rec } else { highest };
        to = to.clamp(min, max.max(min));
        if to > current {
            self.adds.push_back((step, to - current));
            self.added += to - current;
        }
        Decision { to, wants, limit }
    }

    pub(super) fn reset(&mut self) {
        self.recs.clear();
        self.adds.clear();
        self.added = 0;
    }
}

/// Step (2): the HPA on the web pods. It sees CPU, not demand.
pub(super) fn step(
    x: &Ctx,
    st: &mut State,
    k: usize,
    load: f64,
    events: &mut Vec<Event>,
    facts: &mut Facts,
) {
    let before = k.saturating_sub(1);
    let ready = st.web.ready(before);
    let current = st.web.total();
    if ready == 0 {
        return;
    }
    let u = (load / ready as f64).min(x.cap) * x.cpu_per_rps;
    let ratio = div(u, x.target);
    let raw = ceil(ready as f64 * ratio);
    let d = st
        .web_hpa
        .decide(x.plan, k, current, ratio, raw, x.web_range);
    if d.wants > x.web_range.1 && facts.hpa_max_at.is_none() {
        facts.hpa_max_at = Some(k);
    }
    if d.to != current {
        events.push(Event {
            step: k,
            what: What::Hpa {
                from: current,
                to: d.to,
                ready,
                cpu_pct: u * 100.0,
                target_pct: x.plan.hpa_cpu_pct,
                wants: d.wants,
                limit: d.limit,
            },
        });
        scale_to(&mut st.web, &mut st.pools[0].cluster, Kind::Web, d.to, k);
    }
}
