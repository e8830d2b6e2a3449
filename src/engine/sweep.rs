//! Curves: one input swept over a range, the plan re-sized at every point.

use super::cost::Breakdown;
use super::size;
use crate::plan::{Kind, Plan};
use serde::Serialize;

/// An input that can be swept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Axis {
    /// Peak requests per second.
    PeakRps,
    /// Measured capacity per pod (a divisor: starts above zero).
    RpsPerPod,
    /// Peak concurrent tasks.
    Tasks,
    /// Mean task duration (a divisor: starts above zero).
    TaskS,
}

impl Axis {
    /// Every axis, in menu order.
    pub const ALL: [Axis; 4] = [Axis::PeakRps, Axis::RpsPerPod, Axis::Tasks, Axis::TaskS];

    /// The parameter this axis sweeps.
    pub fn param(self) -> &'static str {
        match self {
            Axis::PeakRps => "peak_rps",
            Axis::RpsPerPod => "rps_per_pod",
            Axis::Tasks => "tasks",
            Axis::TaskS => "task_s",
        }
    }

    /// The axis of a parameter name.
    pub fn from_param(name: &str) -> Option<Axis> {
        Axis::ALL.into_iter().find(|a| a.param() == name)
    }

    /// Axis title with unit, for charts.
    pub fn title(self) -> &'static str {
        match self {
            Axis::PeakRps => "peak traffic (req/s)",
            Axis::RpsPerPod => "capacity per pod (req/s)",
            Axis::Tasks => "peak tasks",
            Axis::TaskS => "task duration (s)",
        }
    }

    fn divides(self) -> bool {
        matches!(self, Axis::RpsPerPod | Axis::TaskS)
    }

    /// The plan's current value on this axis.
    pub fn value(self, plan: &Plan) -> f64 {
        match self {
            Axis::PeakRps => plan.peak_rps,
            Axis::RpsPerPod => plan.rps_per_pod,
            Axis::Tasks => f64::from(plan.tasks),
            Axis::TaskS => plan.task_s,
        }
    }

    /// The default range: 0 to twice the plan's value (or to 100 when the value is 0).
    pub fn default_range(self, plan: &Plan) -> (f64, f64) {
        let v = self.value(plan);
        (0.0, if v > 0.0 { 2.0 * v } else { 100.0 })
    }

    /// The plan with this axis set to `x`, kept inside the parameter's range and its constraints.
    fn apply(self, plan: &Plan, x: f64) -> Plan {
        let mut p = plan.clone();
        let max = match crate::plan::param(self.param()).map(|p| p.kind) {
            Some(Kind::Real { max, .. }) => max,
            Some(Kind::Count { max, .. }) => max as f64,
            _ => f64::MAX,
        };
        let x = x.clamp(0.0, max);
        match self {
            Axis::PeakRps => {
                p.peak_rps = x;
                p.offpeak_rps = p.offpeak_rps.min(x);
            }
            Axis::RpsPerPod => p.rps_per_pod = x,
            Axis::Tasks => p.tasks = x.round() as u32,
            Axis::TaskS => p.task_s = x,
        }
        p
    }
}

/// One point of a sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepPoint {
    /// The swept input's value.
    pub x: f64,
    /// Web replicas at peak (with the buffer).
    pub web_replicas: u64,
    /// Worker replicas at peak.
    pub task_replicas: u64,
    /// Packed user nodes; absent when a pod fits no node.
    pub nodes_packed: Option<u64>,
    /// Aggregate user nodes (the AKS example's method).
    pub nodes_aggregate: u64,
    /// Monthly cost by component, USD.
    pub cost: Breakdown,
    /// Total monthly cost, USD.
    pub cost_total: f64,
}

/// Sweeps `axis` from `from` to `to` over `points` evenly spaced points (at least 2). On an axis
/// that divides, a start at or below zero moves to the first step above zero.
pub fn sweep(plan: &Plan, axis: Axis, from: f64, to: f64, points: usize) -> Vec<SweepPoint> {
    let points = points.clamp(2, 10_000);
    let (from, to) = if from.is_finite() && to.is_finite() {
        (from, to)
    } else {
        axis.default_range(plan)
    };
    let step = (to - from) / (points - 1) as f64;
    let from = if axis.divides() && from <= 0.0 {
        if step > 0.0 {
            step
        } else {
            to.max(1e-3)
        }
    } else {
        from
    };
    let step = (to - from) / (points - 1) as f64;
    (0..points)
        .map(|i| {
            let x = from + step * i as f64;
            let p = axis.apply(plan, x);
            let s = size(&p);
            SweepPoint {
                x: axis.value(&p),
                web_replicas: s.web.replicas_max,
                task_replicas: s.tasks.replicas_max,
                // Every user pool's nodes: the workers' own pool included.
                nodes_packed: s.cluster.nodes_packed.and_then(|n| {
                    let w = s
                        .cluster
                        .workers
                        .as_ref()
                        .map_or(Some(0), |w| w.nodes_packed)?;
                    Some(n + w)
                }),
                nodes_aggregate: s.cluster.nodes_aggregate
                    + s.cluster.workers.as_ref().map_or(0, |w| w.nodes_aggregate),
                cost_total: s.cost.monthly_usd,
                cost: s.cost.breakdown,
            }
        })
        .collect()
}
