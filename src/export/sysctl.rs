//! `sysctl.conf`: kernel limits for the plan's connection counts (the one-host example, "System Tuning").

use super::header;
use crate::engine::Sizing;
use crate::plan::Plan;

/// Renders `sysctl.conf`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let n = &s.nginx;
    let mut out = header("#", plan);
    out.push_str(&format!(
        r#"# nginx may hold {conns} connections ({workers} workers × {per_worker}); the limits below leave room.
net.core.somaxconn = 65535
net.ipv4.ip_local_port_range = 1024 65535
net.ipv4.tcp_fastopen = 3
net.ipv4.tcp_rmem = 4096 87380 16777216
net.ipv4.tcp_wmem = 4096 65536 16777216
fs.file-max = {file_max}
{nr_open}# The matching /etc/security/limits.conf lines:
# * soft nofile {nofile}
# * hard nofile {nofile}
"#,
        conns = n.max_connections,
        workers = n.worker_processes,
        per_worker = plan.nginx_conn,
        file_max = n.file_max,
        nofile = n.system_nofile,
        nr_open = n.nr_open.map_or(String::new(), |v| format!(
            "# Above Linux's default per-process maximum of open files (1048576):\nfs.nr_open = {}\n",
            v
        )),
    ));
    out
}
