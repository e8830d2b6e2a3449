//! `nginx.conf`: a complete, self-contained proxy configuration for the plan (the one-host example).

use super::header;
use crate::engine::Sizing;
use crate::plan::Plan;

/// nginx's limit_req rate: whole requests per second, or per minute for fractional rates.
fn rate(r: f64) -> String {
    if (r - r.round()).abs() < 1e-9 && r >= 1.0 {
        format!("{}r/s", r.round() as u64)
    } else {
        format!("{}r/m", (r * 60.0).round().max(1.0) as u64)
    }
}

/// Renders `nginx.conf`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let n = &s.nginx;
    let upstream_keepalive = if plan.proxy_keepalive_s > 0 {
        format!(
            "        keepalive 32;\n        # Below the app's keep-alive ({} s), or nginx reuses connections the app closed (502s).\n        keepalive_timeout {}s;\n",
            plan.keepalive_s, plan.proxy_keepalive_s
        )
    } else {
        "        # No upstream keep-alive (nginx's default): set proxy_keepalive_s to enable it.\n"
            .to_string()
    };
    let mut out = header("#", plan);
    out.push_str(&format!(
        r#"worker_processes {workers};
# Each worker may hold worker_connections client and upstream connections.
worker_rlimit_nofile {nofile};

events {{
    worker_connections {conn};
    use epoll;
    multi_accept on;
}}

http {{
    default_type application/octet-stream;
    access_log off;

    # {per_client} req/s per client address at peak; a load balancer in front makes them one address.
    limit_req_zone $binary_remote_addr zone=api_limit:10m rate={rate};

    upstream app {{
        # Change to the app's addresses; 127.0.0.1:8000 is gunicorn's bind in gunicorn.conf.py.
        server 127.0.0.1:8000;
{upstream_keepalive}    }}

    server {{
        listen 8080;

        location / {{
            limit_req zone=api_limit{burst} nodelay;
            limit_req_status 429;
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_connect_timeout 60s;
            proxy_send_timeout {read}s;
            # Not below gunicorn's worker timeout ({timeout} s), or slow requests end in 504s.
            proxy_read_timeout {read}s;
            proxy_request_buffering off;
            proxy_buffering off;
        }}
    }}
}}
"#,
        workers = n.worker_processes,
        nofile = n.nofile,
        conn = plan.nginx_conn,
        per_client = crate::engine::format::exact(n.per_client_rps),
        rate = rate(plan.rate_rps),
        // nginx refuses burst=0; leaving it out means 0.
        burst = if plan.burst > 0 { format!(" burst={}", plan.burst) } else { String::new() },
        read = plan.proxy_read_timeout_s,
        timeout = plan.worker_timeout_s,
    ));
    out
}
