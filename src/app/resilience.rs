//! What survives: the failure states table and the node-count waterfall (docs/RESILIENCE.md).

use super::charts::{figure, redraw_when_shown, Surface};
use super::PlannerState;
use crate::charts;
use crate::engine::format::{count, Num};
use leptos::prelude::*;

/// The Resilience section of the results.
#[component]
pub fn ResiliencePanel() -> impl IntoView {
    let state = PlannerState::expect_context();
    let surface = Surface::new();
    redraw_when_shown(surface, state.viewport, move |root, frame| {
        state
            .report
            .with(|r| charts::waterfall::draw(root, &r.resilience.waterfall, frame))
    });
    let read = move |f: f64| {
        state.report.with(|r| {
            let steps = &r.resilience.waterfall;
            let i = ((f * steps.len() as f64) as usize).min(steps.len().saturating_sub(1));
            steps
                .get(i)
                .map(|s| format!("{}: {} user nodes", s.label, count(s.nodes)))
                .unwrap_or_default()
        })
    };
    let rows = move || {
        state.report.with(|r| {
            r.resilience
                .states
                .iter()
                .map(|s| {
                    let short = s.capacity_rps < s.peak_rps;
                    view! {
                        <tr data-row=s.state.as_str() class:short=short>
                            <th scope="row">{s.state.as_str()}</th>
                            <td>{count(s.web_ready)}</td>
                            <td>{Num(s.capacity_rps).to_string()}</td>
                            <td>{Num(s.peak_rps).to_string()}</td>
                            <td>{count(s.nodes)}</td>
                            <td>{if short { "short" } else { "holds" }}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="resilience" aria-label="Resilience">
            <h2>"What survives"</h2>
            <div class="scroll-x">
                <table data-testid="failure-states">
                    <caption>"The peak in each state of the cluster (zones, lost nodes, an upgrade, a rollout)"</caption>
                    <thead><tr><th>"state"</th><th>"web pods ready"</th><th>"serves (req/s)"</th><th>"peak (req/s)"</th><th>"user nodes"</th><th>"peak"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {figure(
                "chart-nodes-waterfall",
                "User nodes, step by step: packed, zone spread, failure tolerance, upgrade surge",
                "Why the user pool has the nodes it has.",
                surface.canvas,
                Box::new(read),
            )}
        </section>
    }
}
