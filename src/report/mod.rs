//! The report: what the shells show for a plan, composed in one place from the layers below:
//! the engine's sizing with its explanations, the simulated day (`sim`), what survives failures
//! (`resilience`), how the capacity is bought (`buying`), and the doctor's findings about all
//! of them.
//!
//! `plan ← {share, engine} ← {sim, resilience} ← {doctor, buying} ← report ← {export, charts}
//! ← {app, cli}`: the engine never calls the doctor, and sweeps (hundreds of sizings an edit)
//! never simulate a day; the shells never call the layers one by one.

pub mod ahead;
pub mod answer;
pub mod headlines;
pub mod json;
pub mod runway;
pub mod vms;

use crate::buying::{self, Buying};
use crate::doctor::{self, Finding};
use crate::engine::{self, Explanations, Sizing};
use crate::plan::Plan;
use crate::resilience::{self, Resilience};
use crate::sim::{self, Day};
use serde::Serialize;

/// Everything known about a plan: its sizing, how each headline figure was computed, and
/// what the doctor found. Serialized, it is the `headroom eval` JSON: the sizing's keys, then
/// `findings` and `explain`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The engine's figures.
    #[serde(flatten)]
    pub sizing: Sizing,
    /// The day simulation's figures (`day.*`).
    #[serde(rename = "day", serialize_with = "summary")]
    pub day: Day,
    /// What survives zones, lost nodes, upgrades and rollouts (`resilience.*`).
    pub resilience: Resilience,
    /// How the capacity is bought (`cost.commitment`, placed inside `cost` by [`json`]).
    #[serde(skip)]
    pub buying: Buying,
    /// How many months each limit lasts as traffic grows (`runway`): only with
    /// `growth_pct_month` above 0, and only in `decide::evaluate_searched` (sixty-one reports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runway: Option<Vec<runway::Runway>>,
    /// Every allowed VM size ranked by the whole plan's monthly cost on it (`vms`): only in
    /// `decide::evaluate_searched` (a report per size and pool).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vms: Option<Vec<vms::VmRow>>,
    /// What the doctor found, errors first.
    pub findings: Vec<Finding>,
    /// For each headline figure (by its dotted key), the formula with the plan's numbers in it.
    pub explain: Explanations,
}

impl Report {
    /// How many findings are errors: the plan cannot work as written.
    pub fn errors(&self) -> usize {
        doctor::errors(&self.findings)
    }

    /// The simulated day's month with the commitment's difference (`cost.as_bought_usd`).
    pub fn as_bought_usd(&self) -> f64 {
        self.day.summary.monthly_usd + self.buying.delta_usd()
    }

    /// The plan's monthly cost, the one figure every screen leads with (the answer, the phone's
    /// summary, the Cost heading and card, the breakdown table's total): the simulated day's
    /// month on the plan's platform, `day.monthly_usd` on AKS, `day.aca_monthly_usd` on
    /// Container Apps. The sum of [`Report::headline_items`].
    pub fn headline_usd(&self) -> f64 {
        sim::total(&self.headline_items())
    }

    /// The `headroom eval` key of [`Report::headline_usd`].
    pub fn headline_key(&self) -> &'static str {
        match self.day.summary.aca_breakdown {
            Some(_) => "day.aca_monthly_usd",
            None => "day.monthly_usd",
        }
    }

    /// The items the headline cost sums: `day.breakdown`'s, or on Container Apps
    /// `day.aca_breakdown`'s.
    pub fn headline_items(&self) -> Vec<(&'static str, f64)> {
        match &self.day.summary.aca_breakdown {
            Some(aca) => aca.items().to_vec(),
            None => self.day.summary.breakdown.items().to_vec(),
        }
    }
}

/// Only the day's summary goes into the JSON; the series and the log have their own outputs.
fn summary<S: serde::Serializer>(day: &Day, s: S) -> Result<S::Ok, S::Error> {
    day.summary.serialize(s)
}

/// Sizes a plan, simulates its day, explains its figures and lints both. The scale-lag
/// finding names the other remedies; `decide::evaluate_searched` also finds the smallest minimum.
pub fn evaluate(plan: &Plan) -> Report {
    evaluate_with(plan, false)
}

/// [`evaluate`], with (`search`) or without the scale-lag finding's search for the smallest
/// lag-free minimum: what `decide` evaluates each size or month with.
pub fn evaluate_with(plan: &Plan, search: bool) -> Report {
    build(plan, search, Explanations::new())
}

/// The report's figures and findings without its explanations (`explain` empty): the page's
/// report on every edit (the worker explains a figure when asked: its "How?") and each of the
/// worker's reports of a size or a month. No explanation is formatted, and a program that only
/// calls this (the page) has none of their text.
pub fn figures(plan: &Plan, search: bool) -> Report {
    build(plan, search, engine::Quiet)
}

/// The report, explained into `explain`'s kind of sink.
fn build<E: engine::Explain + Into<Explanations>>(plan: &Plan, search: bool, mut ex: E) -> Report {
    let sized = engine::size_into(plan, &mut ex);
    let resilience = resilience::assess(plan, &sized, &mut ex);
    // A plan that survives failures runs (and is simulated) as the exports deploy it.
    let (runs, sizing) = resilience::survive(plan, sized, &resilience, &mut ex);
    let day = sim::simulate(&runs, &sizing);
    sim::explain(&runs, &sizing, &day, &mut ex);
    let buying = buying::assess(plan, &sizing, &day, &mut ex);
    let explain: Explanations = ex.into();
    let mut findings = doctor::lint(plan, &sizing);
    findings.extend(doctor::day::lint(plan, &sizing, &day, search));
    findings.extend(doctor::resilience::lint(plan, &sizing, &resilience));
    doctor::sort(&mut findings);
    Report {
        sizing,
        day,
        resilience,
        buying,
        runway: None,
        vms: None,
        findings,
        explain,
    }
}
