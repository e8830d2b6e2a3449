//! Container Apps' HTTP scale rule (docs/SIMULATION.md): up at once (doubling, at least 4, from
//! 1 after a cold start), down to the highest wish of the cool-down window.

use super::log::{Event, What};
use super::{Ctx, Facts, State};

/// The HTTP rule's step.
pub(super) fn step(
    x: &Ctx,
    st: &mut State,
    k: usize,
    load: f64,
    events: &mut Vec<Event>,
    facts: &mut Facts,
) {
    let plan = x.plan;
    let want = x.aca_wants(load);
    st.aca_wants.push(k, want, f64::from(plan.aca_cooldown_s));
    let n = st.aca.total();
    let highest = st.aca_wants.max().unwrap_or(want);
    let to = if want > n {
        if n == 0 {
            1
        } else {
            want.min((2 * n).max(4))
        }
    } else if highest < n {
        highest
    } else {
        n
    };
    if to == n {
        return;
    }
    let cold = n == 0;
    if cold {
        facts.aca_cold_starts += 1;
    }
    events.push(Event {
        step: k,
        what: What::Aca {
            from: n,
            to,
            wants: if to > n { want } else { highest },
            cold_start: cold,
            cooldown_s: plan.aca_cooldown_s,
        },
    });
    if to > n {
        st.aca.add_placed(to - n, k, k + x.cold_steps);
    } else {
        st.aca.remove(n - to);
    }
}
