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

/// Opens the group that holds a parameter's field, scrolls to the field and focuses it (the
/// focus brings it into view).
fn reveal(name: &str) {
    use wasm_bindgen::JsCast;
    let Some(param) = crate::plan::param(name) else {
        return;
    };
    let group = (!crate::plan::ESSENTIALS.contains(&param.name)).then_some(param.group);
    let doc = document();
    if let Some(details) = doc
        .query_selector(&format!(
            "[data-testid='group-{}']",
            super::inputs::slug(group)
        ))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
    {
        details.set_open(true);
    }
    if let Some(field) = doc
        .query_selector(&format!(".inputs [name='{}']", param.name))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = field.focus();
    }
}

/// A fix's values as the page says them: "task_length = long, alloc = aks".
fn fix_text(values: &[(&'static str, String)]) -> String {
    values
        .iter()
        .map(|(n, v)| format!("{n} = {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A link to a parameter's field: its label, with the link name small beside it.
fn param_link(name: &'static str) -> impl IntoView {
    let label = crate::plan::param(name).map_or(name, |p| p.label);
    view! {
        <a
            href="#"
            data-param=name
            on:click=move |ev| {
                ev.prevent_default();
                reveal(name);
            }
        >
            {label}
            " ("
            <code>{name}</code>
            ")"
        </a>
    }
}

/// The findings list; one item per finding with `data-code` set to its code, its title in
/// words, the parameters it names as links to their fields, and where the fix is one change
/// an Apply (one edit, with an Undo while the plan is still the applied one).
#[component]
pub fn Findings() -> impl IntoView {
    let state = PlannerState::expect_context();
    // The plan before the last Apply, the plan it made, and what it set.
    let applied = RwSignal::new(None::<(crate::plan::Plan, crate::plan::Plan, String)>);
    let apply = move |values: Vec<(&'static str, String)>| {
        let before = state.plan.get_untracked();
        if let Some(next) = crate::doctor::applied(&before, &values) {
            applied.set(Some((before, next.clone(), fix_text(&values))));
            state.load(next);
        }
    };
    let undo_shown = Memo::new(move |_| {
        applied.with(|a| {
            a.as_ref()
                .is_some_and(|(_, after, _)| state.plan.with(|p| p == after))
        })
    });
    let on_undo = move |_| {
        if let Some((before, _, _)) = applied.get_untracked() {
            applied.set(None);
            state.load(before);
        }
    };
    view! {
        <section class="findings-panel" id="findings" aria-label="Findings">
            <h2 id="findings-heading" tabindex="-1">"Findings"</h2>
            <p class="note applied" class:hidden=move || !undo_shown.get()>
                {move || applied.with(|a| a.as_ref().map(|(_, _, what)| format!("Applied: {what}. ")).unwrap_or_default())}
                <button type="button" data-testid="finding-undo" on:click=on_undo>"Undo"</button>
            </p>
            <ul data-testid="findings" class="findings">
                {move || {
                    state.findings.with(|findings| {
                        if findings.is_empty() {
                            return view! { <li class="none">"No contradictions found."</li> }.into_any();
                        }
                        findings
                            .iter()
                            .map(|f| {
                                let values = f.apply.clone();
                                let params = f.params.clone();
                                view! {
                                    <li data-code=f.code.as_str() class=format!("finding {}", f.severity.as_str())>
                                        <span class="severity">{f.severity.as_str()}</span>
                                        " "
                                        <strong class="title">{f.code.title()}</strong>
                                        " "
                                        <code class="code">{f.code.as_str()}</code>
                                        <p class="message">{f.message.clone()}</p>
                                        <p class="fix">{format!("Fix: {}", f.fix)}</p>
                                        {(!params.is_empty()).then(|| view! {
                                            <p class="params">
                                                "Settings: "
                                                {params.into_iter().enumerate().map(|(i, p)| view! {
                                                    {(i > 0).then_some(", ")}
                                                    {param_link(p)}
                                                }).collect_view()}
                                            </p>
                                        })}
                                        {(!values.is_empty()).then(|| {
                                            let label = format!("Apply: {}", fix_text(&values));
                                            view! {
                                                <button type="button" data-testid="finding-apply" on:click=move |_| apply(values.clone())>{label}</button>
                                            }
                                        })}
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
