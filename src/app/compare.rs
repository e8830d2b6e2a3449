//! Scenario compare: the pinned plan A beside the current plan B: the inputs that differ, and
//! every headline figure of both with its change.

use super::PlannerState;
use crate::report;
use crate::report::headlines::HEADLINES;
use leptos::prelude::*;
use std::sync::Arc;

/// The compare table, shown while a plan is pinned.
#[component]
pub fn Compare() -> impl IntoView {
    let state = PlannerState::expect_context();
    // Recomputed only when the pin changes; comparing reports would cost more than it saves.
    // Shared, not cloned: a report holds the simulated day's 5,760 steps.
    let pinned = Memo::new_with_compare(
        move |_| {
            state
                .pin
                .get()
                .map(|p| Arc::new((report::figures(&p, false), p)))
        },
        |_, _| true,
    );
    move || {
        pinned.get().map(|shared| {
            let both = shared.clone();
            // What was edited since the pin: the cause of every change below.
            let inputs = move || {
                state.plan.with(|b| {
                    let changed: Vec<String> = both
                        .1
                        .differences(b)
                        .map(|(p, x, y)| {
                            let unit = if p.unit.is_empty() { String::new() } else { format!(" {}", p.unit) };
                            format!("{} ({}) {x} → {y}{unit}", p.label, p.name)
                        })
                        .collect();
                    if changed.is_empty() {
                        "B has A's inputs: edit any field to compare.".to_string()
                    } else {
                        format!("B differs from A in: {}.", changed.join("; "))
                    }
                })
            };
            let findings = {
                let shared = shared.clone();
                move || {
                    state.report.with(|b| {
                        report::answer::findings_change(&shared.0.findings, &b.findings)
                    })
                }
            };
            let rows = move || {
                let a = &shared.0;
                state.report.with(|r| {
                    let b = r;
                    HEADLINES
                        .iter()
                        .map(|h| {
                            let change = h.change(a, b);
                            view! {
                                <tr data-row=h.testid>
                                    <th scope="row">
                                        {h.title}
                                        {(!h.unit.is_empty()).then(|| view! { " " <span class="unit">{format!("({})", h.unit_heading())}</span> })}
                                    </th>
                                    <td>{(h.value)(a)}</td>
                                    <td>{(h.value)(b)}</td>
                                    <td class="change">{change}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                })
            };
            view! {
                <section class="compare" aria-label="Compare">
                    <h2>"Pinned plan A against this plan B"</h2>
                    <p class="note" data-testid="compare-inputs">{inputs}</p>
                    <p class="note" data-testid="compare-findings">{findings}</p>
                    <div class="scroll-x">
                        <table data-testid="compare-table">
                            <thead><tr><th>"figure (unit)"</th><th>"A"</th><th>"B"</th><th>"change"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </section>
            }
        })
    }
}
