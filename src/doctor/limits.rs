//! Figures beyond what the tool or platform that reads them accepts (`engine::limits`).

use super::{finding, Code, Finding, Severity};
use crate::engine::Sizing;
use crate::plan::Plan;

/// Figures beyond what the tool or platform that reads them accepts (`engine::limits`).
pub(super) fn lint(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    use crate::engine::limits::{self, JSON_EXACT};
    for check in limits::checks(plan, s).iter().filter(|c| c.exceeded()) {
        let (message, fix) = if check.limit == JSON_EXACT {
            (
                format!(
                    "{} reaches {} (2^53), past what JSON readers hold exactly: the count saturates there",
                    check.key, check.value
                ),
                "lower the inputs that multiply into it (replicas, processes, connections per process)"
                    .to_string(),
            )
        } else {
            (
                format!(
                    "{} = {} is more than {} accepts ({}){}",
                    check.key,
                    check.value,
                    check.limit.consumer,
                    check.limit.max,
                    check.written.map_or(String::new(), |w| format!(
                        ": {} is written as {}",
                        w, check.limit.max
                    ))
                ),
                format!(
                    "the plan cannot run as one deployment at this scale: raise the capacity per pod or node (a larger VM), or split the service; limit from {}",
                    check.limit.source
                ),
            )
        };
        out.push(finding(
            Code::ExceedsPlatformLimit,
            Severity::Error,
            message,
            fix,
        ));
    }
}
