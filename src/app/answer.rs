//! The answer, first: what the plan is in two sentences (`report::answer`), each figure marked
//! with the `headroom eval` key or link parameter it shows. On wide screens it heads the results
//! pane and stays in view while inputs are edited; on phones it is the bar at the top, the
//! summary line first.

use super::PlannerState;
use crate::report::answer::{answer, state_of, Part};
use crate::report::headlines;
use leptos::prelude::*;

/// The answer block.
#[component]
pub fn Answer() -> impl IntoView {
    let state = PlannerState::expect_context();
    let line = move || {
        let platform = state.plan.with(|p| p.platform);
        state.report.with(|r| headlines::summary(platform, r))
    };
    let parts = Memo::new(move |_| state.plan.with(|p| state.report.with(|r| answer(p, r))));
    // One element type for every figure and word (each distinct view type costs the bundle);
    // the state, always last, links to the findings.
    let sentence = move || {
        parts.with(|parts| {
            parts
                .iter()
                .filter_map(|part| {
                    let (key, param, text) = match part {
                        Part::Text(t) => (None, None, *t),
                        Part::Figure(k, t) => (Some(*k), None, t.as_str()),
                        Part::Input(p, t) => (None, Some(*p), t.as_str()),
                        Part::State(_) => return None,
                    };
                    Some(view! { <span data-key=key data-param=param>{text.to_string()}</span> })
                })
                .collect_view()
        })
    };
    // The report's findings with the worker's (`cheaper-vm` once the ranking is done).
    let state_text = move || state.findings.with(|f| state_of(f));
    // A field whose typed text is refused: the plan, and so every figure, shows its last valid
    // value, and says so.
    let stale = move || {
        state.form.with(|form| {
            state.plan.with(|plan| {
                form.refused()
                    .map(|p| {
                        let value = p.get(plan).to_text();
                        let unit = if p.unit.is_empty() {
                            String::new()
                        } else {
                            format!(" {}", p.unit)
                        };
                        format!("{}: showing the last valid value: {value}{unit}", p.label)
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        })
    };
    // The link scrolls to the findings and moves the keyboard's focus there, so a keyboard or
    // screen-reader user goes on from the findings, not from the answer.
    // (Focusing it scrolls it into view; the link's own jump would take the focus back.)
    let to_findings = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        if let Some(h) = document()
            .get_element_by_id("findings-heading")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            ev.prevent_default();
            let _ = h.focus();
        }
    };
    // The page's one live region: the answer as text, a second after the plan settles, so a
    // screen reader reads the new answer once, not on every keystroke (and no card, chart
    // readout or field error speaks over it).
    let spoken = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        // The state as the page counts it (the worker's ranking included).
        let text = parts.with(|p| {
            let mut p = p.clone();
            if let Some(Part::State(s)) = p.last_mut() {
                *s = state.findings.with(|f| state_of(f));
            }
            crate::report::answer::text(&p)
        });
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || spoken.set(text),
            std::time::Duration::from_millis(1000),
        );
        timer.set_value(handle.ok());
    });
    view! {
        <div class="answer" data-testid="answer" role="region" aria-label="The answer">
            <p class="visually-hidden" data-testid="answer-live" aria-live="polite">{move || spoken.get()}</p>
            <a class="summary" href="#results" data-testid="summary" title="All results">{line}</a>
            <p class="answer-text">
                {sentence}
                <a href="#findings" data-testid="answer-state" on:click=to_findings>{state_text}</a>
                "."
            </p>
            <p class="note stale" data-testid="stale-value" class:hidden=move || stale().is_empty()>{stale}</p>
        </div>
    }
}
