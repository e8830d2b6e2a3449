//! The sizing engine: `evaluate(&Plan) -> Sizing`, pure and infallible on a valid plan.
//!
//! One file per concern: `web` (pods and replicas), `tasks` (KEDA-scaled workers), `cluster`
//! (allocatable, aggregate and packed node counts), `cost`, `sweep` (curves), `catalog`
//! (VM sizes and prices). Problems with a plan are data ([`crate::doctor::Finding`]), not errors.

pub mod aca;
pub mod catalog;
pub mod cluster;
pub mod cost;
pub mod edge;
pub mod latency;
pub mod level;
pub mod math;
pub mod stores;
pub mod sweep;
pub mod tasks;
pub mod web;

use crate::doctor::{self, Finding};
use crate::plan::{Plan, Platform};
use serde::Serialize;
use std::collections::BTreeMap;

pub use sweep::{sweep, Axis, SweepPoint};

/// Everything the engine computes for a plan. Keys are the `headroom eval` JSON keys.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sizing {
    /// The web tier.
    pub web: web::Web,
    /// Background workers.
    pub tasks: tasks::Tasks,
    /// The AKS cluster.
    pub cluster: cluster::Cluster,
    /// Monthly cost.
    pub cost: cost::Cost,
    /// gunicorn settings for the web pods.
    pub gunicorn: web::Gunicorn,
    /// The Container Apps form of the plan.
    pub aca: aca::Aca,
    /// nginx in front.
    pub nginx: edge::Nginx,
    /// Celery settings.
    pub celery: tasks::Celery,
    /// Database pools.
    pub db: stores::Db,
    /// Redis.
    pub redis: stores::RedisSizing,
    /// Queueing latency at peak.
    pub latency: latency::Latency,
    /// The recommended scaling level.
    pub level: level::Level,
    /// What the doctor found, errors first.
    pub findings: Vec<Finding>,
    /// For each headline figure (by its dotted key), the formula with the plan's numbers in it.
    pub explain: BTreeMap<&'static str, String>,
}

/// Collects explanations when asked to; costs nothing when not.
pub struct Explainer {
    on: bool,
    items: BTreeMap<&'static str, String>,
}

impl Explainer {
    /// An explainer that records when `on`.
    pub fn new(on: bool) -> Self {
        Explainer {
            on,
            items: BTreeMap::new(),
        }
    }

    /// Records how the figure `key` was computed; `text` runs only when explanations are on.
    pub fn add(&mut self, key: &'static str, text: impl FnOnce() -> String) {
        if self.on {
            self.items.insert(key, text());
        }
    }
}

/// Sizes a plan, with explanations and findings.
pub fn evaluate(plan: &Plan) -> Sizing {
    let mut sizing = compute(plan, true);
    sizing.findings = doctor::lint(plan, &sizing);
    sizing
}

/// Sizes a plan without explanations or findings: the fast path for sweeps.
pub fn evaluate_numbers(plan: &Plan) -> Sizing {
    compute(plan, false)
}

fn compute(plan: &Plan, explain: bool) -> Sizing {
    let mut ex = Explainer::new(explain);
    let web = web::size(plan, &mut ex);
    let tasks = tasks::size(plan, &mut ex);
    let cluster = cluster::size(plan, &web, &tasks, &mut ex);
    let cost = cost::size(plan, &cluster, &mut ex);
    let gunicorn = web::gunicorn(plan);
    let aca = aca::size(plan, cost.monthly_usd, &mut ex);
    let nginx = edge::size(plan, &mut ex);
    let celery = tasks::celery(plan, &mut ex);
    let db = stores::db(plan, &web, &tasks, &mut ex);
    let redis = stores::redis(plan, &web, &tasks, &mut ex);
    // The replicas serving at peak: where the HPA settles on AKS; the HTTP rule's count on ACA.
    let replicas_at_peak = match plan.platform {
        Platform::Aks => web
            .replicas_hpa_steady
            .clamp(web.replicas_min, web.hpa_max.max(web.replicas_min)),
        Platform::Aca => aca.replicas_needed.min(u64::from(plan.aca_max)),
    };
    let servers = replicas_at_peak.saturating_mul(web.slots_per_pod);
    let latency = latency::size(plan.peak_rps, plan.latency_ms, servers, &mut ex);
    let level = level::recommend(plan, tasks.peak);
    Sizing {
        web,
        tasks,
        cluster,
        cost,
        gunicorn,
        aca,
        nginx,
        celery,
        db,
        redis,
        latency,
        level,
        findings: Vec::new(),
        explain: ex.items,
    }
}
