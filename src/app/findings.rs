//! The doctor's findings, errors first.

use super::PlannerState;
use leptos::prelude::*;

/// The findings list; one item per finding with `data-code` set to its code.
#[component]
pub fn Findings() -> impl IntoView {
    let state = PlannerState::expect_context();
    view! {
        <section class="findings-panel" aria-label="Findings">
            <h2>"Findings"</h2>
            <ul data-testid="findings" class="findings">
                {move || {
                    state.report.with(|r| {
                        if r.findings.is_empty() {
                            return view! { <li class="none">"No contradictions found."</li> }.into_any();
                        }
                        r.findings
                            .iter()
                            .map(|f| {
                                view! {
                                    <li data-code=f.code class=format!("finding {}", f.severity.as_str())>
                                        <span class="severity">{f.severity.as_str()}</span>
                                        " "
                                        <code>{f.code}</code>
                                        <p class="message">{f.message.clone()}</p>
                                        <p class="fix">{format!("Fix: {}", f.fix)}</p>
                                    </li>
                                }
                            })
                            .collect_view()
                            .into_any()
                    })
                }}
            </ul>
        </section>
    }
}
