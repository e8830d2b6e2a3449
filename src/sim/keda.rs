//! KEDA on the workers (docs/SIMULATION.md): activation 0 → 1 at a poll of the Redis list,
//! the HPA's controller from one replica up, and the cool-down back to zero.

use super::log::{Event, What};
use super::packing::{scale_to, Kind};
use super::{Ctx, Facts, State, STEP_S};
use crate::engine::math::{div, floor};

/// KEDA's step on the workers.
pub(super) fn step(
    x: &Ctx,
    st: &mut State,
    k: usize,
    load: f64,
    events: &mut Vec<Event>,
    facts: &mut Facts,
) {
    let plan = x.plan;
    let before = k.saturating_sub(1);
    let ready = st.task.ready(before);
    let list = x
        .tasks_at(load)
        .saturating_sub(ready.saturating_mul(x.held));
    let poll = k == 0
        || floor(k as f64 * STEP_S / f64::from(plan.keda_poll_s))
            > floor((k - 1) as f64 * STEP_S / f64::from(plan.keda_poll_s));
    if poll && list > 0 {
        st.last_busy_poll = Some(k);
    }
    let current = st.task.total();
    let mut to = current;
    let mut why = None;
    if current == 0 {
        if poll && list > 0 {
            to = 1;
        }
    } else {
        let ratio = div(list as f64, current as f64 * x.queue_target as f64);
        let raw = list.div_ceil(x.queue_target);
        let d = st
            .task_hpa
            .decide(plan, k, current, ratio, raw, x.task_range);
        if d.wants > x.task_range.1 && facts.keda_max_at.is_none() {
            facts.keda_max_at = Some(k);
        }
        to = d.to;
        why = Some((d.wants, d.limit));
        let idle_s = st
            .last_busy_poll
            .map_or(f64::INFINITY, |b| (k - b) as f64 * STEP_S);
        if plan.task_min == 0 && poll && idle_s >= f64::from(plan.keda_cooldown_s) {
            to = 0;
            why = None;
        }
    }
    if to != current {
        if to == 0 || current == 0 {
            st.task_hpa.reset();
        }
        events.push(Event {
            step: k,
            what: What::Keda {
                from: current,
                to,
                list,
                target: x.queue_target,
                wants: why.map(|w| w.0),
                limit: why.and_then(|w| w.1),
                cooldown_s: plan.keda_cooldown_s,
            },
        });
        let at = st.task_at;
        scale_to(&mut st.task, &mut st.pools[at].cluster, Kind::Task, to, k);
    }
}
