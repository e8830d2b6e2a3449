//! The scaling level guide (the gunicorn scaling guide, "Decision Guide").

use super::Explain;
use crate::plan::{Plan, Stage};
use serde::Serialize;

/// The recommended level and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Level {
    /// The level, written as its number: 0 single worker, 1 multi-worker, 2 gunicorn,
    /// 3 + background tasks, 4 horizontal.
    #[serde(serialize_with = "as_number")]
    pub recommended: Step,
    /// Why, in one sentence.
    pub reason: String,
}

/// The rungs of the gunicorn scaling guide's scaling ladder, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Level 0: one uvicorn worker.
    SingleWorker,
    /// Level 1: several uvicorn workers.
    MultiWorker,
    /// Level 2: gunicorn manages the workers.
    Gunicorn,
    /// Level 3: gunicorn plus a task queue.
    BackgroundTasks,
    /// Level 4: several machines.
    Horizontal,
}

impl Step {
    /// The level's number, 0 to 4.
    pub fn number(self) -> u64 {
        self as u64
    }

    /// The level's name.
    pub fn name(self) -> &'static str {
        match self {
            Step::SingleWorker => "single worker",
            Step::MultiWorker => "multi-worker uvicorn",
            Step::Gunicorn => "gunicorn process manager",
            Step::BackgroundTasks => "gunicorn + background tasks",
            Step::Horizontal => "horizontal scaling",
        }
    }
}

fn as_number<S: serde::Serializer>(step: &Step, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(step.number())
}

/// The gunicorn scaling guide's decision guide: dev → 0; otherwise the highest of staging → 1, prod → 2,
/// background tasks or prod above 50,000 req/s → 3, high availability or above 100,000 req/s → 4.
pub fn recommend(plan: &Plan, tasks_peak: u64, ex: &mut impl Explain) -> Level {
    let level = guide(plan, tasks_peak);
    ex.add("level.recommended", || {
        format!(
            "the gunicorn scaling guide's decision table: {}",
            level.reason
        )
    });
    level
}

fn guide(plan: &Plan, tasks_peak: u64) -> Level {
    if plan.stage == Stage::Dev {
        return Level {
            recommended: Step::SingleWorker,
            reason: "development: a single worker reloads fast and is simple to debug".into(),
        };
    }
    let mut level = (
        Step::MultiWorker,
        "staging: several workers make testing realistic".to_string(),
    );
    let mut raise = |n: Step, why: String| {
        if n > level.0 {
            level = (n, why);
        }
    };
    if plan.stage == Stage::Prod {
        raise(
            Step::Gunicorn,
            "production: gunicorn restarts crashed workers and reloads without downtime".into(),
        );
    }
    if tasks_peak > 0 {
        raise(
            Step::BackgroundTasks,
            format!(
                "{} background tasks at peak: a task queue keeps them from blocking requests",
                tasks_peak
            ),
        );
    } else if plan.stage == Stage::Prod && plan.peak_rps > 50_000.0 {
        raise(
            Step::BackgroundTasks,
            "production above 50,000 req/s: scale workers and offload heavy work".into(),
        );
    }
    if plan.ha {
        raise(
            Step::Horizontal,
            "high availability: several nodes so one failure does not take the service down".into(),
        );
    } else if plan.peak_rps > 100_000.0 {
        raise(
            Step::Horizontal,
            "above 100,000 req/s: one machine is not enough".into(),
        );
    }
    Level {
        recommended: level.0,
        reason: format!(
            "level {} ({}): {}",
            level.0.number(),
            level.0.name(),
            level.1
        ),
    }
}
