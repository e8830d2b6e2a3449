//! How long a plan lasts as its traffic grows: the data of the runway (`decide::runway` works
//! it out; `headroom eval` prints it as `runway`, the page's Growth section shows it).

use crate::doctor::Code;
use serde::Serialize;

/// The months looked ahead.
pub const HORIZON_MONTHS: u32 = 60;

/// One limit's runway.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Runway {
    /// The limit: a link parameter (`hpa_max`) or what it bounds ("autoscaler max nodes").
    pub bound: String,
    /// The finding that fires at month `months` + 1; absent when the limit holds to 60.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<Code>,
    /// Whole months the limit holds.
    pub months: u32,
    /// The limit's value, where it is one number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
}

/// One month of the outlook, as the growth chart draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct Month {
    /// Months from now.
    pub month: u32,
    /// Peak traffic, req/s.
    pub peak_rps: f64,
    /// User nodes at peak, all pools (0 on Container Apps).
    pub nodes_peak: u64,
    /// Web replicas at peak (Container Apps: the replicas peak traffic needs).
    pub replicas_peak: u64,
    /// The whole plan a month: the simulated day's cost on AKS, Container Apps' own on it.
    pub monthly_usd: f64,
}
