//! What a chart reads out under the pointer or the keyboard cursor, from the same data it draws.
//! `f` is the cursor's place across the plot, 0 at the x axis' start and 1 at its end.

use crate::engine::format::fmt;
use crate::engine::{self, Axis, Sizing, SweepPoint};
use crate::plan::Plan;

/// The sweep point under the cursor of the scaling or cost chart.
pub fn sweep(points: &[SweepPoint], axis: Axis, f: f64) -> String {
    let at = (f.clamp(0.0, 1.0) * points.len().saturating_sub(1) as f64).round() as usize;
    let Some(p) = points.get(at) else {
        return String::new();
    };
    format!(
        "{} {}: web {} pods, workers {} pods, nodes {} packed / {} aggregate, {} USD/month",
        axis.title(),
        fmt(p.x),
        p.web_replicas,
        p.task_replicas,
        p.nodes_packed.map_or("—".to_string(), |n| n.to_string()),
        p.nodes_aggregate,
        fmt(p.cost_total)
    )
}

/// The simulated day at the time under the cursor (00:00 to 23:59:45).
pub fn day(day: &crate::sim::Day, platform: crate::plan::Platform, f: f64) -> String {
    use crate::engine::format::{count, Num};
    let last = day.rows.len().saturating_sub(1);
    let at = (f.clamp(0.0, 1.0) * last as f64).round() as usize;
    let Some(r) = day.rows.get(at) else {
        return String::new();
    };
    let replicas = match platform {
        crate::plan::Platform::Aks => format!(
            "web {} replicas ({} ready), workers {}, nodes {} ({} ready)",
            count(r.web_replicas),
            count(r.web_ready),
            count(r.task_replicas),
            count(r.nodes),
            count(r.nodes_ready)
        ),
        crate::plan::Platform::Aca => format!("Container Apps {} replicas", count(r.aca_replicas)),
    };
    format!(
        "{}: load {} req/s, serving {} req/s, {}, backlog {} requests",
        crate::sim::log::clock(at),
        Num(r.load_rps),
        Num(r.capacity_rps),
        replicas,
        count(r.backlog.round() as u64)
    )
}

/// Both platforms' monthly cost at the active hours under the cursor (0 to 24 h a day).
pub fn aca_cost(plan: &Plan, s: &Sizing, f: f64) -> String {
    let h = f.clamp(0.0, 1.0) * 24.0;
    format!(
        "{} h/day active: Container Apps {} USD/month, AKS plan {} USD/month",
        fmt(h),
        fmt(engine::aca::monthly_cost(plan, h, s.aca.replicas_active)),
        fmt(s.cost.monthly_usd)
    )
}

/// The p95 queue wait at the utilisation under the cursor, on the plan's slots at peak.
pub fn latency(plan: &Plan, s: &Sizing, f: f64) -> String {
    let servers = s.latency.servers.max(1);
    let rho = f.clamp(0.0, 1.0) * super::latency_x_max(s.latency.load_erlangs / servers as f64);
    let l = engine::latency::at_utilization(rho, plan.latency_ms, servers);
    match l.wait_p95_ms {
        Some(w) => format!(
            "ρ {}: p95 queue wait {} ms on {} slots",
            fmt(rho),
            fmt(w),
            servers
        ),
        None => format!("ρ {}: unstable on {} slots", fmt(rho), servers),
    }
}

/// The size under the cursor of the size ranking (`chart-vms`).
pub fn vms(rows: &[crate::report::vms::VmRow], f: f64) -> String {
    use crate::engine::format::{count, money};
    let (xs, x_end) = super::vms::places(rows);
    let x = f.clamp(0.0, 1.0) * x_end;
    let Some((r, _)) = rows
        .iter()
        .zip(&xs)
        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
    else {
        return String::new();
    };
    let what = match &r.why {
        Some(why) => format!("does not fit: {why}"),
        None => format!(
            "{} nodes at peak, {} at the quietest; {} a month ({}); binds on {}",
            count(r.nodes_peak),
            count(r.nodes_min),
            money(r.monthly_usd),
            r.price_status,
            r.binds
        ),
    };
    format!(
        "{} ({} pool, {} vCPU, {} GiB): {}",
        r.vm,
        r.pool,
        r.vcpu,
        fmt(r.mem_gib),
        what
    )
}

/// The month under the cursor of the growth chart (0 to 24).
pub fn growth(months: &[crate::report::runway::Month], aca: bool, f: f64) -> String {
    use crate::engine::format::{count, money};
    let at = (f.clamp(0.0, 1.0) * f64::from(super::growth::MONTHS)).round() as u32;
    let Some(m) = months.iter().find(|m| m.month == at) else {
        return String::new();
    };
    let units = if aca {
        format!("{} replicas", count(m.replicas_peak))
    } else {
        format!("{} nodes", count(m.nodes_peak))
    };
    format!(
        "month {}: {} req/s at peak, {} at peak, {} a month",
        m.month,
        fmt(m.peak_rps),
        units,
        money(m.monthly_usd)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readouts_name_the_values_at_the_cursor() {
        let plan = Plan::default();
        let s = engine::size(&plan);
        let points = engine::sweep(&plan, Axis::PeakRps, 0.0, 200.0, 101);
        assert!(
            sweep(&points, Axis::PeakRps, 0.5).starts_with("peak traffic (req/s) 100: web 8 pods"),
            "{}",
            sweep(&points, Axis::PeakRps, 0.5)
        );
        assert!(sweep(&[], Axis::PeakRps, 0.5).is_empty());
        assert!(aca_cost(&plan, &s, 1.0).starts_with("24 h/day active: Container Apps "));
        assert!(latency(&plan, &s, 0.0).starts_with("ρ 0: p95 queue wait 0 ms on "));
    }
}
