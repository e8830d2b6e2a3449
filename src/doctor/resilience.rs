//! Findings about what the plan survives: zones, lost nodes, upgrades, rollouts, budgets.

use super::{finding, Code, Finding, Severity};
use crate::engine::format::{count, Num};
use crate::engine::Sizing;
use crate::plan::{Plan, Platform, Stage};
use crate::resilience::{Resilience, StateKind};

/// The resilience findings. AKS-only ones are left out of Container Apps plans.
pub fn lint(plan: &Plan, s: &Sizing, r: &Resilience) -> Vec<Finding> {
    let mut out = Vec::new();
    let state = |kind: StateKind| r.states.iter().find(|x| x.state == kind);
    let aks = plan.platform == Platform::Aks;
    if aks {
        zones(plan, r, &mut out);
        if plan.survive_nodes > 0 {
            if let Some(lost) = state(StateKind::NodesLost).filter(|x| x.capacity_rps < x.peak_rps)
            {
                out.push(finding(
                    Code::NodeLossCapacity,
                    Severity::Error,
                    format!(
                        "with {} node(s) lost, {} ready web pods serve {} req/s, below the {} req/s peak",
                        plan.survive_nodes,
                        count(lost.web_ready),
                        Num(lost.capacity_rps),
                        Num(lost.peak_rps)
                    ),
                    "raise hpa_max (the HPA must be allowed the surviving count), or lower web_cpu so fewer web pods share a node".to_string(),
                ));
            }
        }
        // Not asked to survive a lost node, but the Failures table shows that state: say why
        // its row is short, and how to size for it.
        if plan.survive_nodes == 0 {
            if let Some(lost) = state(StateKind::NodesLost).filter(|x| x.capacity_rps < x.peak_rps)
            {
                let on_node = r.web_replicas.min(s.cluster.web_pods_per_node.max(1));
                out.push(
                    finding(
                        Code::NodeLossShort,
                        Severity::Info,
                        format!(
                            "worst case: {} of the {} web pods on the lost node: {} ready serve {} req/s, below the {} req/s peak (the Failures table's short row)",
                            count(on_node),
                            count(r.web_replicas),
                            count(lost.web_ready),
                            Num(lost.capacity_rps),
                            Num(lost.peak_rps)
                        ),
                        "set survive_nodes=1 to size the replicas and nodes for a lost node".to_string(),
                    )
                    .applying_to(plan, &[("survive_nodes", "1".to_string())]),
                );
            }
        }
        if plan.vcpu_quota > 0 && r.vcpu_needed > u64::from(plan.vcpu_quota) {
            out.push(finding(
                Code::SurgeQuota,
                Severity::Error,
                format!(
                    "the pools at their maxima plus the upgrade's surge need {} vCPU, {} more than the quota of {}",
                    count(r.vcpu_needed),
                    count(r.vcpu_needed - u64::from(plan.vcpu_quota)),
                    plan.vcpu_quota
                ),
                "ask for a larger regional vCPU quota, lower max_surge_pct or set max_surge_nodes, or lower the autoscaler maximum".to_string(),
            ));
        }
        if r.pdb_max_unavailable == 0 {
            out.push(finding(
                Code::PdbBlocksDrain,
                Severity::Error,
                format!(
                    "the web PodDisruptionBudget allows no pod to go: every node drain waits {} min (drain_timeout_min) and the upgrade fails",
                    plan.drain_timeout_min
                ),
                "set pdb to 1 or more, or to auto (the most that keeps the off-peak need serving)".to_string(),
            ).applying_to(plan, &[("pdb", "auto".to_string())]));
        }
        if s.web.replicas_min == 1 {
            out.push(finding(
                Code::MinReplicasOneWithPdb,
                Severity::Warning,
                "one minimum web replica: a drain, an upgrade or a rollout takes the service down whatever the disruption budget allows".to_string(),
                "raise min_replicas to 2 or more (3 across zones)".to_string(),
            ).applying_to(plan, &[("min_replicas", "2".to_string())]));
        }
        if !r.rollout_fits {
            out.push(finding(
                Code::RolloutNoRoom,
                Severity::Warning,
                format!(
                    "a rollout at peak starts {} extra web pods (rollout_surge {} %) that do not fit even at the autoscaler's maximum: the rollout cannot finish until the load falls",
                    r.rollout_extra_pods, plan.rollout_surge_pct
                ),
                "raise the autoscaler maximum (node_max), or lower rollout_surge and let rollout_unavailable take pods down instead".to_string(),
            ));
        }
        if r.ips_needed > r.ips_usable {
            out.push(finding(
                Code::IpsExhausted,
                Severity::Error,
                format!(
                    "{} needs {} subnet addresses with the upgrade's surge; a /{} subnet has {} usable",
                    plan.network.as_str(),
                    count(r.ips_needed),
                    plan.subnet_prefix,
                    count(r.ips_usable)
                ),
                "use a larger subnet (a smaller prefix), azure-cni-overlay, or fewer pods per node".to_string(),
            ));
        }
        let grace = s.celery.grace_s;
        if s.tasks.enabled && grace > u64::from(plan.drain_timeout_min) * 60 {
            out.push(finding(
                Code::DrainTimeoutShort,
                Severity::Warning,
                format!(
                    "a worker pod may take {} s to stop (its grace time), longer than the {} min drain timeout: upgrades cut running tasks off",
                    grace, plan.drain_timeout_min
                ),
                format!(
                    "raise drain_timeout_min to at least {}, or shorten task_time_limit",
                    grace.div_ceil(60)
                ),
            ).applying_to(plan, &[("drain_timeout_min", grace.div_ceil(60).to_string())]));
        }
    }
    if plan.platform == Platform::Aca && plan.ha && plan.aca_min < 2 {
        out.push(finding(
            Code::AcaZoneRedundancyMin,
            Severity::Warning,
            format!(
                "a zone-redundant Container Apps environment needs at least 2 replicas (3 recommended); aca_min is {}",
                plan.aca_min
            ),
            "set aca_min to 2 or 3, and create the environment zone-redundant in a virtual network (containerapp.yaml says how)".to_string(),
        ).applying_to(plan, &[("aca_min", "2".to_string())]));
    }
    out
}

/// Zone findings: a prod HA plan in one zone, a zone loss the plan cannot serve, a system pool
/// that does not span the zones.
fn zones(plan: &Plan, r: &Resilience, out: &mut Vec<Finding>) {
    let z = plan.zones;
    if plan.stage == Stage::Prod && plan.ha && z == 1 {
        out.push(finding(
            Code::SingleZoneProd,
            Severity::Warning,
            "a production plan that asks for high availability runs in one availability zone: a zone outage takes it down".to_string(),
            "set zones to 2 or 3 (with survive_zone=1 to hold the peak through a zone loss)".to_string(),
        ));
    }
    if plan.ha && z > 1 && !plan.survive_zone {
        out.push(finding(
            Code::SurviveZoneSuggested,
            Severity::Info,
            format!("the plan spreads over {} zones but is not sized to hold the peak with one lost", z),
            "set survive_zone=1: the replicas (and the HPA's target) are raised so that the other zones hold the peak".to_string(),
        ).applying_to(plan, &[("survive_zone", "1".to_string())]));
    }
    let short = r
        .states
        .iter()
        .find(|x| x.state == StateKind::ZoneLost)
        .filter(|x| x.capacity_rps < x.peak_rps);
    if plan.survive_zone && (z == 1 || short.is_some()) {
        let message = match short {
            Some(lost) => format!(
                "with one of {} zones lost, {} ready web pods serve {} req/s, below the {} req/s peak",
                z,
                count(lost.web_ready),
                Num(lost.capacity_rps),
                Num(lost.peak_rps)
            ),
            None => "survive_zone asks to survive a lost zone, but the plan has one zone: losing it loses everything".to_string(),
        };
        out.push(finding(
            Code::ZoneLossCapacity,
            Severity::Error,
            message,
            "set zones to 2 or 3, and let hpa_max reach the surviving count".to_string(),
        ));
    }
    if z > 1 && plan.sys_nodes < z {
        out.push(finding(
            Code::ZoneLossCapacity,
            Severity::Error,
            format!(
                "the system pool's {} node(s) cannot span {} zones: CoreDNS, metrics-server and KEDA go down with one zone",
                plan.sys_nodes, z
            ),
            format!("set sys_nodes to at least {}", z),
        ));
    }
}
