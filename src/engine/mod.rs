//! The sizing engine: a plan in, a [`Sizing`] out; pure and infallible on a valid plan.
//!
//! One file per concern: `web` (pods and replicas), `tasks` (KEDA-scaled workers), `cluster`
//! (allocatable, aggregate and packed node counts), `cost`, `aca`, `edge`, `stores`, `latency`,
//! `level`, `loadtest`, `sweep` (curves), `catalog` (VM sizes and Redis tiers), `prices` (the
//! price book and its lookup), `limits` (what reads each figure and the most it accepts),
//! `math` (rounding and saturating counts) and `format` (numbers and money for people). The
//! engine only sizes: it never looks for problems (that is the doctor's job, a layer above)
//! and never composes a report (the `report` module does, for the shells).
//!
//! [`size`] gives the numbers alone (the fast path that sweeps use); [`size_explained`] also
//! gives, for every headline figure, the formula with the plan's numbers in it. Both run the
//! same code: the sizing functions take an [`Explain`] sink, and [`Sink`] is the one that
//! records (`Sink::Keep`) or ignores (`Sink::Silent`).

pub mod aca;
pub mod catalog;
pub mod cluster;
pub mod cost;
pub mod edge;
pub mod format;
pub mod latency;
pub mod level;
pub mod limits;
pub mod loadtest;
pub mod math;
pub mod prices;
pub mod stores;
pub mod sweep;
pub mod tasks;
pub mod usl;
pub mod web;

use crate::plan::{Auto, Plan};
use serde::Serialize;

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
    /// The load test that checks the plan's assumptions.
    pub loadtest: loadtest::LoadTest,
}

/// For each headline figure (by its dotted `headroom eval` key), the formula with the plan's
/// numbers in it, sorted by key (the `explain` object of `headroom eval` lists them so).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct Explanations(std::collections::BTreeMap<&'static str, String>);

impl Explanations {
    /// No explanations.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records (or replaces) the explanation of `key`.
    pub fn insert(&mut self, key: &'static str, text: String) {
        self.0.insert(key, text);
    }

    /// The explanation of `key`, if the report has one.
    pub fn get(&self, key: &str) -> Option<&String> {
        self.0.get(key)
    }

    /// Every (key, explanation), sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        self.0.iter().map(|(k, v)| (*k, v.as_str()))
    }

    /// How many figures are explained.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no figure is explained.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&str> for Explanations {
    type Output = String;

    fn index(&self, key: &str) -> &String {
        match self.get(key) {
            Some(text) => text,
            None => panic!("no explanation for {key}"),
        }
    }
}

/// Where a sizing function puts the explanation of a figure it computed.
pub trait Explain {
    /// Records how the figure `key` was computed; `text` runs only if the sink keeps it.
    fn add(&mut self, key: &'static str, text: impl FnOnce() -> String);

    /// Adds to the explanation of `key`, after what it has ("; " between).
    fn append(&mut self, key: &'static str, text: impl FnOnce() -> String);
}

impl Explain for Explanations {
    fn add(&mut self, key: &'static str, text: impl FnOnce() -> String) {
        self.insert(key, text());
    }

    fn append(&mut self, key: &'static str, text: impl FnOnce() -> String) {
        let more = text();
        let all = match self.get(key) {
            Some(before) => format!("{before}; {more}"),
            None => more,
        };
        self.insert(key, all);
    }
}

/// The sink of the numbers alone: keeps nothing and formats nothing. Code that only ever sizes
/// with it (the page: its report's explanations come from the worker) has no explanation text
/// compiled in at all.
pub struct Quiet;

impl Explain for Quiet {
    fn add(&mut self, _: &'static str, _: impl FnOnce() -> String) {}

    fn append(&mut self, _: &'static str, _: impl FnOnce() -> String) {}
}

impl From<Quiet> for Explanations {
    fn from(_: Quiet) -> Self {
        Explanations::new()
    }
}

/// The explanation of a figure an automatic parameter may set: "given: 30 s" when the plan sets
/// it, else the engine's formula.
fn given_or<T: Copy>(
    setting: Auto<T>,
    value: u64,
    unit: &str,
    formula: impl FnOnce() -> String,
) -> String {
    match setting {
        Auto::Set(_) => format!("given: {} {}", value, unit),
        Auto::Auto => formula(),
    }
}

/// The one explanation sink: every sizing path goes through it, so that the sizing code exists
/// once (a generic sink would make two copies of it, one per sink type).
/// Keeping or not is a branch per figure; `Sink::Silent`, the numbers-only path, never formats.
pub enum Sink {
    /// Keeps nothing.
    Silent,
    /// Keeps every explanation.
    Keep(Explanations),
}

impl Explain for Sink {
    fn add(&mut self, key: &'static str, text: impl FnOnce() -> String) {
        if let Sink::Keep(map) = self {
            map.insert(key, text());
        }
    }

    fn append(&mut self, key: &'static str, text: impl FnOnce() -> String) {
        if let Sink::Keep(map) = self {
            map.append(key, text);
        }
    }
}

/// Sizes a plan: the numbers alone (sweeps, benchmarks, exports, the page).
pub fn size(plan: &Plan) -> Sizing {
    compute(plan, &mut Quiet)
}

/// Sizes a plan and explains every headline figure.
pub fn size_explained(plan: &Plan) -> (Sizing, Explanations) {
    let mut map = Explanations::new();
    let sizing = compute(plan, &mut map);
    (sizing, map)
}

/// Sizes a plan into any sink (the report's one path for both).
pub fn size_into(plan: &Plan, ex: &mut impl Explain) -> Sizing {
    compute(plan, ex)
}

fn compute(plan: &Plan, ex: &mut impl Explain) -> Sizing {
    let web = web::size(plan, ex);
    let tasks = tasks::size(plan, ex);
    let cluster = cluster::size(plan, &web, &tasks, ex);
    let cost = cost::size(plan, &cluster, ex);
    let gunicorn = web::gunicorn(plan, ex);
    let aca = aca::size(plan, cost.monthly_usd, ex);
    let nginx = edge::size(plan, ex);
    let celery = tasks::celery(plan, ex);
    let db = stores::db(plan, &web, &tasks, ex);
    let redis = stores::redis(plan, &web, &tasks, ex);
    let serving = web::replicas_at_peak(plan, &web, &aca);
    let servers = math::sat_mul(serving, web.slots_per_pod);
    let latency = latency::size(plan.peak_rps, plan.latency_ms, servers, ex);
    let level = level::recommend(plan, tasks.peak, ex);
    let loadtest = loadtest::size(plan, &web, serving, latency.wait_p95_ms, ex);
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
        loadtest,
    }
}
