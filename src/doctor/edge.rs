//! The proxy in front: keep-alive, timeouts, rate limits.

use super::{finding, Code, Finding, Severity};
use crate::engine::format::Num;
use crate::engine::Sizing;
use crate::plan::Plan;

/// The proxy in front: keep-alive, timeouts, rate limits.
pub(super) fn lint(plan: &Plan, s: &Sizing, out: &mut Vec<Finding>) {
    if plan.proxy_keepalive_s > 0 && plan.proxy_keepalive_s >= plan.keepalive_s {
        out.push(finding(
            Code::Keepalive502,
            Severity::Error,
            format!(
                "the proxy keeps idle upstream connections {} s but the app closes them after {} s: the proxy reuses closed connections and returns 502s",
                plan.proxy_keepalive_s, plan.keepalive_s
            ),
            format!("raise the app's keepalive above {} s, or lower the proxy's below {} s", plan.proxy_keepalive_s, plan.keepalive_s),
        ));
    }
    if plan.proxy_read_timeout_s < plan.worker_timeout_s {
        out.push(finding(
            Code::ProxyTimeout,
            Severity::Warning,
            format!(
                "the proxy gives up after {} s but a worker may take {} s: slow requests return 504 while the app still works on them",
                plan.proxy_read_timeout_s, plan.worker_timeout_s
            ),
            format!("set proxy_read_timeout_s to at least {}", plan.worker_timeout_s),
        ).applying_to(plan, &[("proxy_read_timeout_s", plan.worker_timeout_s.to_string())]));
    }
    if s.nginx.per_client_rps > plan.rate_rps {
        out.push(finding(
            Code::RateLimitSingleAddress,
            Severity::Error,
            format!(
                "{} req/s from {} client address{} is {} req/s per address, above the {} req/s limit: nginx answers 503",
                Num(plan.peak_rps),
                plan.clients,
                if plan.clients == 1 { " (a load balancer or NAT)" } else { "es" },
                Num(s.nginx.per_client_rps),
                Num(plan.rate_rps)
            ),
            "key limit_req on the real client address (X-Forwarded-For with set_real_ip_from), or raise the rate".to_string(),
        ));
    }
}
