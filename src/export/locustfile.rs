//! `locustfile.py`: the step test with Locust (https://locust.io), for `headroom calibrate`: a
//! user with no wait time and a `LoadTestShape` that steps the users through 1, 2, 4, … up to
//! twice the pod's slots, `STEP_S` seconds each (30 by default), so the test reaches past the
//! curve's knee. Locust's `--csv run` writes `run_stats_history.csv`, which Headroom reads
//! (docs/CALIBRATION.md).

use super::header;
use crate::engine::loadtest::step_users;
use crate::engine::Sizing;
use crate::plan::Plan;

/// Renders `locustfile.py`.
pub fn render(plan: &Plan, s: &Sizing) -> String {
    let users: Vec<String> = step_users(s.web.slots_per_pod)
        .iter()
        .map(u64::to_string)
        .collect();
    let mut out = header("#", plan);
    out.push_str(&format!(
        r#"# The step test against one pod, for headroom calibrate:
#   locust -f locustfile.py --headless --host http://one-pod:8000 --csv run
#   headroom calibrate run_stats_history.csv
# Users step through {users_text} (up to twice the pod's {slots} slots), STEP_S seconds each
# (default 30; STEP_S=10 for a quick run). Point --host at one pod, not the service: the fit
# is one pod's curve (or pass --pods N to headroom calibrate).
import os

from locust import HttpUser, LoadTestShape, constant, task

STEP_S = int(os.environ.get("STEP_S", "30"))
USERS = [{users}]


class PodUser(HttpUser):
    """Requests back to back: no wait time, so the users are the requests in flight."""

    wait_time = constant(0)

    @task
    def get(self):
        self.client.get("/")


class Steps(LoadTestShape):
    """One plateau per user count, STEP_S seconds each; every user starts at once."""

    def tick(self):
        step = int(self.get_run_time() // STEP_S)
        if step >= len(USERS):
            return None
        return (USERS[step], max(USERS))
"#,
        users_text = users.join(", "),
        slots = s.web.slots_per_pod,
        users = users.join(", "),
    ));
    out
}
