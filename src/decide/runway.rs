//! How long a plan lasts as its traffic grows: for each limit the plan sets or runs into, the
//! whole months it holds. Month m is the plan with its traffic (`peak_rps`, `offpeak_rps`) and
//! background work (`task_rate`, and `tasks` rounded up) multiplied by (1 + growth)^m; a
//! limit's runway is the last month m ≤ 60 for which every month 0…m is free of the findings
//! that guard it. Sixty-one reports of the whole plan (the day included): the CLI prints it
//! (`headroom eval`, key `runway`); for the page the worker works it out, never on an edit.

use crate::doctor::{finding, Code, Finding, Severity};
use crate::engine::format::{count, fmt};
use crate::plan::{Plan, Platform};
use crate::report::runway::{Month, Runway, HORIZON_MONTHS};
use crate::report::{figures, Report};

/// The plan at month `month` of its growth: traffic and background work multiplied by
/// (1 + growth)^month, and no growth of its own (it does not look further).
pub fn scaled(plan: &Plan, month: u32) -> Plan {
    let f = (1.0 + plan.growth_pct_month / 100.0).powi(month as i32);
    let mut p = plan.clone();
    p.peak_rps *= f;
    p.offpeak_rps *= f;
    p.task_rate *= f;
    p.tasks = (f64::from(plan.tasks) * f).ceil().min(f64::from(u32::MAX)) as u32;
    p.growth_pct_month = 0.0;
    p
}

/// The limit a finding guards in this month's report, with its value: one entry per code, for
/// the limit it names first. Codes that guard no one number name themselves.
fn bound_of(code: Code, plan: &Plan, r: &Report) -> (&'static str, Option<u64>) {
    let s = &r.sizing;
    match code {
        Code::MaxReplicasCap if plan.hpa_max.is_set() && s.web.hpa_max < s.web.replicas_max => {
            ("hpa_max", Some(s.web.hpa_max))
        }
        Code::MaxReplicasCap if plan.platform == Platform::Aca => {
            ("aca_max", Some(u64::from(plan.aca_max)))
        }
        Code::MaxReplicasCap => ("keda_max", Some(s.tasks.keda_max)),
        Code::AutoscalerMaxBelowPacked => ("autoscaler max nodes", s.cluster.autoscaler_max),
        Code::IpsExhausted => ("subnet IPs", Some(r.resilience.ips_usable)),
        Code::SurgeQuota => ("vCPU quota", Some(u64::from(plan.vcpu_quota))),
        Code::RedisClientsOverLimit => ("Redis clients", Some(s.redis.max_clients)),
        Code::RedisMemory => ("Redis memory (MiB)", Some(s.redis.tier_memory_mib as u64)),
        Code::DbPoolOverLimit => ("database connections", Some(u64::from(plan.db_max_conn))),
        other => (other.as_str(), None),
    }
}

/// The limits the plan sets, with their values: listed even when they hold to the horizon.
fn set_bounds(plan: &Plan, r: &Report) -> Vec<(&'static str, Option<u64>)> {
    let s = &r.sizing;
    let mut out = Vec::new();
    if plan.platform == Platform::Aca {
        out.push(("aca_max", Some(u64::from(plan.aca_max))));
    }
    if plan.hpa_max.is_set() {
        out.push(("hpa_max", Some(s.web.hpa_max)));
    }
    if plan.keda_max.is_set() && s.tasks.enabled {
        out.push(("keda_max", Some(s.tasks.keda_max)));
    }
    if plan.node_max.is_set() {
        out.push(("autoscaler max nodes", s.cluster.autoscaler_max));
    }
    if plan.vcpu_quota > 0 {
        out.push(("vCPU quota", Some(u64::from(plan.vcpu_quota))));
    }
    if r.resilience.ips_needed > 0 {
        out.push(("subnet IPs", Some(r.resilience.ips_usable)));
    }
    if plan.pool_size > 0 {
        out.push(("database connections", Some(u64::from(plan.db_max_conn))));
    }
    if s.redis.connections > 0 {
        out.push(("Redis clients", Some(s.redis.max_clients)));
        out.push(("Redis memory (MiB)", Some(s.redis.tier_memory_mib as u64)));
    }
    out
}

/// Month `month` of the outlook: `plan` scaled to it, and its report.
fn month_of(month: u32, plan: &Plan, r: &Report) -> Month {
    let aca = plan.platform == Platform::Aca;
    let s = &r.sizing;
    Month {
        month,
        peak_rps: plan.peak_rps,
        nodes_peak: if aca { 0 } else { s.cluster.user_nodes_peak() },
        replicas_peak: if aca {
            s.aca.replicas_needed
        } else {
            s.web.replicas_max
        },
        monthly_usd: if aca {
            s.aca.monthly_usd
        } else {
            r.day.summary.monthly_usd
        },
    }
}

/// The limits the plan sets, less those it breaks already, from month 0's report (the page's
/// report of the plan): the rows the runway has at least.
pub fn held(plan: &Plan, now: &Report) -> Vec<(&'static str, Option<u64>)> {
    set_bounds(plan, now)
        .into_iter()
        .filter(|(bound, _)| {
            !now.findings
                .iter()
                .any(|f| bound_of(f.code, plan, now).0 == *bound)
        })
        .collect()
}

/// The limits the plan breaks already (month 0's findings that guard a number): the page's
/// Growth table shows them first, as "broken now" (`headroom eval`'s `runway` leaves them out,
/// its entries keeping their meaning). One row a limit, with the finding that says so.
pub fn broken_now(plan: &Plan) -> Vec<Runway> {
    let now_plan = scaled(plan, 0);
    let now = figures(&now_plan, false);
    let mut out: Vec<Runway> = Vec::new();
    for f in &now.findings {
        let (bound, limit) = bound_of(f.code, &now_plan, &now);
        if limit.is_some() && !out.iter().any(|w| w.bound == bound) {
            out.push(Runway {
                bound: bound.to_string(),
                finding: Some(f.code),
                months: 0,
                limit,
            });
        }
    }
    out
}

/// Every limit's runway, shortest first, and the months 0 to 60 it worked out: a report of the
/// whole plan per month.
pub fn outlook(plan: &Plan) -> (Vec<Runway>, Vec<Month>) {
    let now_plan = scaled(plan, 0);
    let now = figures(&now_plan, false);
    // The codes month 0 raises already.
    let broken: Vec<Code> = now.findings.iter().map(|f| f.code).collect();
    let mut out: Vec<Runway> = Vec::new();
    let mut months = vec![month_of(0, &now_plan, &now)];
    for month in 1..=HORIZON_MONTHS {
        let plan = scaled(plan, month);
        let r = figures(&plan, false);
        for f in &r.findings {
            if broken.contains(&f.code) || out.iter().any(|w| w.finding == Some(f.code)) {
                continue;
            }
            let (bound, limit) = bound_of(f.code, &plan, &r);
            if out.iter().any(|w| w.bound == bound) {
                continue;
            }
            out.push(Runway {
                bound: bound.to_string(),
                finding: Some(f.code),
                months: month - 1,
                limit,
            });
        }
        months.push(month_of(month, &plan, &r));
    }
    for (bound, limit) in held(plan, &now) {
        if !out.iter().any(|w| w.bound == bound) {
            out.push(Runway {
                bound: bound.to_string(),
                finding: None,
                months: HORIZON_MONTHS,
                limit,
            });
        }
    }
    out.sort_by(|a, b| a.months.cmp(&b.months).then(a.bound.cmp(&b.bound)));
    (out, months)
}

/// Every limit's runway, shortest first. A limit the plan already breaks at month 0 is left
/// out: its finding says so.
pub fn assess(plan: &Plan) -> Vec<Runway> {
    outlook(plan).0
}

/// `runway-short`: the shortest runway is under the time the team needs to raise a limit.
pub fn short(plan: &Plan, runway: &[Runway]) -> Option<Finding> {
    let first = runway.iter().find(|w| w.finding.is_some())?;
    (first.months < plan.lead_time_months).then(|| {
        let limit = first.limit.map_or(String::new(), count);
        let what = match first.bound.as_str() {
            "autoscaler max nodes" => format!("autoscaler's {limit} nodes"),
            "subnet IPs" => format!("subnet's {limit} addresses"),
            "vCPU quota" => format!("quota of {limit} vCPUs"),
            "Redis clients" => format!("Redis tier's {limit} clients"),
            "Redis memory (MiB)" => format!("Redis tier's {limit} MiB"),
            "database connections" => format!("database's {limit} connections"),
            b if first.limit.is_some() => format!("{b} of {limit}"),
            b => format!("room before {b}"),
        };
        let months = |n: u32| format!("{n} month{}", if n == 1 { "" } else { "s" });
        finding(
            Code::RunwayShort,
            Severity::Warning,
            format!(
                "at +{} %/month the {} run out in {}; raising a limit takes you {}",
                fmt(plan.growth_pct_month),
                what,
                months(first.months),
                months(plan.lead_time_months)
            ),
            format!(
                "raise the {} now (month {} brings {}), or plan for less growth",
                first.bound,
                first.months + 1,
                first.finding.map_or("", Code::as_str)
            ),
        )
    })
}
