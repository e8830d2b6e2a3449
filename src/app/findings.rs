//! The doctor's findings, errors first.

use super::PlannerState;
use crate::doctor::day::{lag_fix_text, smallest_lag_free_min, MAX_RERUNS};
use crate::doctor::Code;
use leptos::prelude::*;

/// The scale-lag finding's search for the smallest lag-free minimum: up to 12 more simulated
/// days, so it runs when the reader opens it, not on every edit.
fn lag_search() -> impl IntoView {
    let state = PlannerState::expect_context();
    let answer = RwSignal::new(None::<String>);
    let on_toggle = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
        if open && answer.get_untracked().is_none() {
            let text = state.plan.with_untracked(|p| {
                state
                    .report
                    .with_untracked(|r| lag_fix_text(p, smallest_lag_free_min(p, &r.sizing)))
            });
            answer.set(Some(text));
        }
    };
    // A new plan asks again.
    Effect::new(move |_| {
        state.report.track();
        answer.set(None);
    });
    view! {
        <details class="lag-search" data-testid="scale-lag-search" on:toggle=on_toggle>
            <summary>{format!("Find the smallest minimum that removes it (up to {} more simulated days)", MAX_RERUNS)}</summary>
            <p data-testid="scale-lag-answer">{move || answer.get().unwrap_or_else(|| "Searching…".to_string())}</p>
        </details>
    }
}

/// The findings list; one item per finding with `data-code` set to its code.
#[component]
pub fn Findings() -> impl IntoView {
    let state = PlannerState::expect_context();
    view! {
        <section class="findings-panel" id="findings" aria-label="Findings">
            <h2 id="findings-heading" tabindex="-1">"Findings"</h2>
            <ul data-testid="findings" class="findings">
                {move || {
                    state.findings.with(|findings| {
                        if findings.is_empty() {
                            return view! { <li class="none">"No contradictions found."</li> }.into_any();
                        }
                        findings
                            .iter()
                            .map(|f| {
                                view! {
                                    <li data-code=f.code.as_str() class=format!("finding {}", f.severity.as_str())>
                                        <span class="severity">{f.severity.as_str()}</span>
                                        " "
                                        <code>{f.code.as_str()}</code>
                                        <p class="message">{f.message.clone()}</p>
                                        <p class="fix">{format!("Fix: {}", f.fix)}</p>
                                        {(f.code == Code::ScaleLag).then(lag_search)}
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
