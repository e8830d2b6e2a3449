//! Monthly cost (DESIGN.md "Cost"): node pools over 730 h, time-weighted between peak and minimum,
//! spot discount, control-plane tier, and cost per million requests.

use super::catalog::{self, AKS_STANDARD_USD_PER_HOUR, HOURS_PER_MONTH};
use super::cluster::Cluster;
use super::math::Num;
use super::Explain;
use crate::plan::{AksTier, Plan};
use serde::Serialize;

/// Monthly cost by component, USD.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Breakdown {
    /// The system node pool, always on.
    pub system_pool: f64,
    /// The user node pool, time-weighted between peak and minimum node counts.
    pub user_pool: f64,
    /// The AKS control plane (Standard tier: per cluster-hour).
    pub control_plane: f64,
    /// The Redis tier, as priced by `redis_price` (0 when not priced).
    pub redis: f64,
}

/// Monthly cost figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cost {
    /// Total per month, USD.
    pub monthly_usd: f64,
    /// By component.
    pub breakdown: Breakdown,
    /// USD per million requests; absent when the plan serves less than one request a month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_million_requests_usd: Option<f64>,
    /// Price of one user node, USD/h, after any spot discount.
    pub node_usd_per_hour: f64,
    /// Price of one system node, USD/h.
    pub sys_usd_per_hour: f64,
    /// Whether every price used was checked against the vendor (catalogue prices are not).
    pub prices_verified: bool,
}

impl Breakdown {
    /// The components in display order, with their names.
    pub fn items(&self) -> [(&'static str, f64); 4] {
        [
            ("system_pool", self.system_pool),
            ("user_pool", self.user_pool),
            ("control_plane", self.control_plane),
            ("redis", self.redis),
        ]
    }
}

/// Requests served in a month: (peak × peak hours + off-peak × the other hours) × 3600 × 730 / 24.
pub fn requests_per_month(plan: &Plan) -> f64 {
    let per_day =
        (plan.peak_rps * plan.hours_peak + plan.offpeak_rps * (24.0 - plan.hours_peak)) * 3600.0;
    per_day * HOURS_PER_MONTH / 24.0
}

/// Costs the plan for a 730-hour month.
pub fn size(plan: &Plan, cluster: &Cluster, ex: &mut impl Explain) -> Cost {
    let node_vm = catalog::vm(plan.node_vm);
    let sys_vm = catalog::vm(plan.sys_vm);
    let list_node = plan.node_usd_per_h.or(node_vm.usd_per_hour);
    let sys_price = plan.sys_usd_per_h.or(sys_vm.usd_per_hour);
    let node_price = if plan.spot {
        list_node * (1.0 - plan.spot_discount)
    } else {
        list_node
    };
    let prices_verified = (plan.node_usd_per_h.is_set() || node_vm.verified)
        && (plan.sys_usd_per_h.is_set() || sys_vm.verified);

    let peak_share = plan.hours_peak / 24.0;
    let node_hours = (cluster.nodes_peak as f64 * peak_share
        + cluster.nodes_offpeak as f64 * (1.0 - peak_share))
        * HOURS_PER_MONTH;
    let breakdown = Breakdown {
        system_pool: f64::from(plan.sys_nodes) * sys_price * HOURS_PER_MONTH,
        user_pool: node_hours * node_price,
        control_plane: match plan.aks_tier {
            AksTier::Free => 0.0,
            AksTier::Standard => AKS_STANDARD_USD_PER_HOUR * HOURS_PER_MONTH,
        },
        redis: plan.redis_usd_per_month,
    };
    let monthly = breakdown.items().iter().map(|(_, usd)| usd).sum::<f64>();
    let requests = requests_per_month(plan);
    // Below one request a month the plan serves practically nothing: no price per request
    // (and the quotient would overflow to infinity).
    let per_million = (requests >= 1.0).then(|| monthly / (requests / 1e6));

    ex.add("cost.monthly_usd", || {
        format!(
            "system {} × ${}/h × 730 h = ${} + user ({} nodes × {} h/day + {} nodes × {} h/day) / 24 × 730 h × ${}/h = ${} + control plane ${} + Redis ${} = ${}",
            plan.sys_nodes,
            Num(sys_price),
            Num(breakdown.system_pool),
            cluster.nodes_peak,
            Num(plan.hours_peak),
            cluster.nodes_offpeak,
            Num(24.0 - plan.hours_peak),
            Num(node_price),
            Num(breakdown.user_pool),
            Num(breakdown.control_plane),
            Num(breakdown.redis),
            Num(monthly)
        )
    });
    if let Some(pm) = per_million {
        ex.add("cost.per_million_requests_usd", || {
            format!(
                "${} / {} M requests a month = ${} per million",
                Num(monthly),
                Num(requests / 1e6),
                Num(pm)
            )
        });
    }

    Cost {
        monthly_usd: monthly,
        breakdown,
        per_million_requests_usd: per_million,
        node_usd_per_hour: node_price,
        sys_usd_per_hour: sys_price,
        prices_verified,
    }
}
