//! `gunicorn.conf.py`: reads the gunicorn scaling guide's environment variables, with the plan's values as defaults.

use super::env::{self, Var};
use super::header;
use crate::engine::Sizing;
use crate::plan::Plan;

/// Renders `gunicorn.conf.py`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let g = &s.gunicorn;
    // Threads only take effect with the gthread worker; one thread per worker runs uvicorn's.
    let worker_class = if g.threads > 1 {
        "gthread"
    } else {
        "uvicorn.workers.UvicornWorker"
    };
    let mut out = header("#", plan);
    out.push_str(&super::contract("#"));
    out.push_str(
        r#"# Every setting reads its environment variable (WORKERS, THREADS, ...) first; the defaults are the plan's.
# Workers are set explicitly: never derive them from the host's CPU count inside a container.
import os


def _int(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("BIND", "0.0.0.0:8000")
"#,
    );
    for var in env::CONF {
        if let Some(setting) = var.setting() {
            out.push_str(&format!(
                "{} = _int(\"{}\", {})\n",
                setting,
                var.name(),
                var.value(g)
            ));
        }
        // The worker class follows the threads it depends on.
        if var == Var::Threads {
            out.push_str(&format!(
                "worker_class = os.environ.get(\"WORKER_CLASS\", \"{}\")\n",
                worker_class
            ));
        }
    }
    out
}
