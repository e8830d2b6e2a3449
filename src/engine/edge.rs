//! nginx in front of the app (https://nginx.org/en/docs/ngx_core_module.html#worker_connections; the one-host example).

use super::limits::LINUX_NR_OPEN_DEFAULT;
use super::Explain;
use crate::plan::Plan;
use serde::Serialize;

/// nginx figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Nginx {
    /// worker_processes = cores (the one-host example: `auto`).
    pub worker_processes: u64,
    /// Connections: cores × worker_connections (the one-host example: 4 × 10000 = 40000).
    pub max_connections: u64,
    /// Concurrent clients: a proxied request holds two connections, so half the connections.
    pub max_clients: u64,
    /// worker_rlimit_nofile per worker: 2 × worker_connections.
    pub nofile: u64,
    /// Requests per second one client address sends at peak: peak / client addresses.
    pub per_client_rps: f64,
    /// The host's open-file limit (limits.conf nofile): max(2 × nginx's connections, 65535).
    /// Larger than one worker's `nofile`: it covers every worker, the app and its files.
    pub system_nofile: u64,
    /// The kernel's fs.file-max: 4 × the host's open-file limit.
    pub file_max: u64,
    /// The kernel's fs.nr_open, when the open-file limit needs it raised above its default
    /// (1,048,576): the open-file limit itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nr_open: Option<u64>,
}

/// The smallest host open-file limit written: 65535, the usual production floor (the one-host example).
pub const SYSTEM_NOFILE_MIN: u64 = 65_535;

/// Sizes nginx.
pub fn size(plan: &Plan, ex: &mut impl Explain) -> Nginx {
    let cores = u64::from(plan.cores);
    let conn = u64::from(plan.nginx_conn);
    let max_connections = cores * conn;
    ex.add("nginx.max_connections", || {
        format!(
            "{} cores × {} worker_connections = {}",
            cores, conn, max_connections
        )
    });
    ex.add("nginx.max_clients", || {
        format!(
            "floor({} / 2) = {} (a proxied request holds a client and an upstream connection)",
            max_connections,
            max_connections / 2
        )
    });
    let system_nofile = (max_connections * 2).max(SYSTEM_NOFILE_MIN);
    let file_max = system_nofile * 4;
    ex.add("nginx.nofile", || {
        format!(
            "2 × {} worker_connections = {} per worker (a proxied request holds two descriptors)",
            conn,
            2 * conn
        )
    });
    ex.add("nginx.system_nofile", || {
        format!(
            "max(2 × {} connections, {}) = {} for the host: every worker, the app and its files",
            max_connections, SYSTEM_NOFILE_MIN, system_nofile
        )
    });
    ex.add("nginx.file_max", || {
        format!("4 × {} = {}", system_nofile, file_max)
    });
    let nr_open = (system_nofile > LINUX_NR_OPEN_DEFAULT).then_some(system_nofile);
    if let Some(n) = nr_open {
        ex.add("nginx.nr_open", || {
            format!(
                "{} open files is above Linux's default fs.nr_open ({}): raised to {}",
                system_nofile, LINUX_NR_OPEN_DEFAULT, n
            )
        });
    }
    Nginx {
        worker_processes: cores,
        max_connections,
        max_clients: max_connections / 2,
        nofile: 2 * conn,
        per_client_rps: plan.peak_rps / f64::from(plan.clients),
        system_nofile,
        file_max,
        nr_open,
    }
}
