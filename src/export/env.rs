//! The gunicorn settings as environment variables (the gunicorn scaling guide's names): one table of name,
//! gunicorn setting and value, from which `app.env` (and so `kubernetes.yaml`'s ConfigMap),
//! `gunicorn.conf.py` and `containerapp.yaml` each take the variables they carry.

use crate::engine::web::Gunicorn;

/// A gunicorn environment variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Var {
    /// `WORKERS`: worker processes.
    Workers,
    /// `WEB_CONCURRENCY`: the same count under uvicorn's (and many platforms') name.
    WebConcurrency,
    /// `MAX_WORKERS`: the same count under the Container Apps example's name.
    MaxWorkers,
    /// `THREADS`: threads per worker.
    Threads,
    /// `WORKER_TIMEOUT`, s.
    WorkerTimeout,
    /// `GRACEFUL_TIMEOUT`, s.
    GracefulTimeout,
    /// `KEEP_ALIVE`, s.
    KeepAlive,
    /// `MAX_REQUESTS`: requests before a worker is recycled.
    MaxRequests,
    /// `MAX_REQUESTS_JITTER`.
    MaxRequestsJitter,
}

impl Var {
    /// The variable's name.
    pub fn name(self) -> &'static str {
        match self {
            Var::Workers => "WORKERS",
            Var::WebConcurrency => "WEB_CONCURRENCY",
            Var::MaxWorkers => "MAX_WORKERS",
            Var::Threads => "THREADS",
            Var::WorkerTimeout => "WORKER_TIMEOUT",
            Var::GracefulTimeout => "GRACEFUL_TIMEOUT",
            Var::KeepAlive => "KEEP_ALIVE",
            Var::MaxRequests => "MAX_REQUESTS",
            Var::MaxRequestsJitter => "MAX_REQUESTS_JITTER",
        }
    }

    /// The gunicorn setting it sets in `gunicorn.conf.py`; `None` for the other names of the
    /// worker count.
    pub fn setting(self) -> Option<&'static str> {
        match self {
            Var::Workers => Some("workers"),
            Var::WebConcurrency | Var::MaxWorkers => None,
            Var::Threads => Some("threads"),
            Var::WorkerTimeout => Some("timeout"),
            Var::GracefulTimeout => Some("graceful_timeout"),
            Var::KeepAlive => Some("keepalive"),
            Var::MaxRequests => Some("max_requests"),
            Var::MaxRequestsJitter => Some("max_requests_jitter"),
        }
    }

    /// The plan's value.
    pub fn value(self, g: &Gunicorn) -> u64 {
        match self {
            Var::Workers | Var::WebConcurrency | Var::MaxWorkers => g.workers,
            Var::Threads => g.threads,
            Var::WorkerTimeout => g.timeout,
            Var::GracefulTimeout => g.graceful_timeout,
            Var::KeepAlive => g.keepalive,
            Var::MaxRequests => g.max_requests,
            Var::MaxRequestsJitter => g.max_requests_jitter,
        }
    }
}

/// `app.env`'s gunicorn variables: every setting.
pub const APP_ENV: [Var; 8] = [
    Var::Workers,
    Var::WebConcurrency,
    Var::Threads,
    Var::WorkerTimeout,
    Var::KeepAlive,
    Var::MaxRequests,
    Var::MaxRequestsJitter,
    Var::GracefulTimeout,
];

/// The container's gunicorn variables in `containerapp.yaml` (the Container Apps example's names).
pub const ACA_ENV: [Var; 3] = [Var::MaxWorkers, Var::WorkerTimeout, Var::KeepAlive];

/// The settings `gunicorn.conf.py` reads from the environment, in its order.
pub const CONF: [Var; 7] = [
    Var::Workers,
    Var::Threads,
    Var::WorkerTimeout,
    Var::GracefulTimeout,
    Var::KeepAlive,
    Var::MaxRequests,
    Var::MaxRequestsJitter,
];

/// (name, value) pairs of `vars` for the plan's gunicorn settings.
pub fn pairs(g: &Gunicorn, vars: &[Var]) -> Vec<(&'static str, String)> {
    vars.iter()
        .map(|v| (v.name(), v.value(g).to_string()))
        .collect()
}
