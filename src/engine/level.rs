//! The scaling level guide (seed 002, "Decision Guide").

use crate::plan::{Plan, Stage};
use serde::Serialize;

/// The recommended level and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Level {
    /// 0 single worker, 1 multi-worker, 2 gunicorn, 3 + background tasks, 4 horizontal.
    pub recommended: u64,
    /// Why, in one sentence.
    pub reason: String,
}

/// Level names, by number.
pub const NAMES: [&str; 5] = [
    "single worker",
    "multi-worker uvicorn",
    "gunicorn process manager",
    "gunicorn + background tasks",
    "horizontal scaling",
];

/// Seed 002's decision guide: dev → 0; otherwise the highest of staging → 1, prod → 2,
/// background tasks or prod above 50,000 req/s → 3, high availability or above 100,000 req/s → 4.
pub fn recommend(plan: &Plan, tasks_peak: u64) -> Level {
    if plan.stage == Stage::Dev {
        return Level {
            recommended: 0,
            reason: "development: a single worker reloads fast and is simple to debug".into(),
        };
    }
    let mut level = (
        1,
        "staging: several workers make testing realistic".to_string(),
    );
    let mut raise = |n: u64, why: String| {
        if n > level.0 {
            level = (n, why);
        }
    };
    if plan.stage == Stage::Prod {
        raise(
            2,
            "production: gunicorn restarts crashed workers and reloads without downtime".into(),
        );
    }
    if tasks_peak > 0 {
        raise(
            3,
            format!(
                "{} background tasks at peak: a task queue keeps them from blocking requests",
                tasks_peak
            ),
        );
    } else if plan.stage == Stage::Prod && plan.peak_rps > 50_000.0 {
        raise(
            3,
            "production above 50,000 req/s: scale workers and offload heavy work".into(),
        );
    }
    if plan.ha {
        raise(
            4,
            "high availability: several nodes so one failure does not take the service down".into(),
        );
    } else if plan.peak_rps > 100_000.0 {
        raise(4, "above 100,000 req/s: one machine is not enough".into());
    }
    Level {
        recommended: level.0,
        reason: format!(
            "level {} ({}): {}",
            level.0, NAMES[level.0 as usize], level.1
        ),
    }
}
