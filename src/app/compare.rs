//! Scenario compare: the pinned plan A beside the current plan B, with the change of every headline figure.

use super::results::HEADLINES;
use super::PlannerState;
use crate::engine::{self, math::fmt};
use leptos::prelude::*;

/// The compare table, shown while a plan is pinned.
#[component]
pub fn Compare() -> impl IntoView {
    let state = PlannerState::expect_context();
    let pinned = Memo::new(move |_| state.pin.with(|p| p.as_ref().map(engine::evaluate)));
    move || {
        pinned.get().map(|a| {
            let rows = move || {
                state.sizing.with(|b| {
                    HEADLINES
                        .iter()
                        .map(|h| {
                            let change = match ((h.number)(&a), (h.number)(b)) {
                                (Some(x), Some(y)) if (y - x).abs() > 1e-9 => format!("{}{}", if y > x { "+" } else { "" }, fmt(y - x)),
                                (Some(_), Some(_)) => "=".to_string(),
                                _ if (h.value)(&a) == (h.value)(b) => "=".to_string(),
                                _ => "changed".to_string(),
                            };
                            view! {
                                <tr data-row=h.testid>
                                    <th scope="row">{h.title}</th>
                                    <td>{(h.value)(&a)}</td>
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
                    <table data-testid="compare-table">
                        <thead><tr><th>"figure"</th><th>"A"</th><th>"B"</th><th>"change"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        })
    }
}
