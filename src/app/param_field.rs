//! One input field, generated from its entry in the parameter table: a text box for numbers,
//! a select for choices, a checkbox for flags.

use super::PlannerState;
use crate::plan::{Kind, Param, Plan};
use leptos::html;
use leptos::prelude::*;

/// A labelled field for one plan parameter: `name` is its share-link name; the label carries
/// the unit; a hint gives the range and default; an error shows while the text is invalid,
/// and the plan keeps its last valid value meanwhile; a button puts the default back.
#[component]
pub fn ParamField(
    /// The parameter this field edits.
    param: &'static Param,
) -> impl IntoView {
    let state = PlannerState::expect_context();
    let error = Memo::new(move |_| state.form.with(|f| f.error(param.name).map(String::from)));
    let input_ref = NodeRef::<html::Input>::new();
    let select_ref = NodeRef::<html::Select>::new();
    let default_text = param.get(&Plan::default()).to_text();
    let initial = state.plan.with_untracked(|p| param.get(p).to_text());
    let id = format!("field-{}", param.name);
    let hint_id = format!("{}-hint", id);
    let error_id = format!("{}-error", id);
    let described = format!("{} {}", hint_id, error_id);

    let set = move |text: String| state.edit(param, &text);
    // The field's text when it gained focus: while a typed text is refused, the plan holds it.
    let focus_text = StoredValue::new(initial.clone());
    let on_focus = move |_| {
        focus_text.set_value(state.plan.with_untracked(|p| param.get(p).to_text()));
    };
    let reset_text = default_text.clone();
    let on_reset = move |_| {
        if let Some(input) = input_ref.get() {
            if input.type_() == "checkbox" {
                input.set_checked(reset_text == "1");
            } else {
                input.set_value(&reset_text);
            }
        }
        if let Some(select) = select_ref.get() {
            select.set_value(&reset_text);
        }
        set(reset_text.clone());
    };
    let label = if param.unit.is_empty() {
        param.label.to_string()
    } else {
        format!("{} ({})", param.label, param.unit)
    };
    let hint = format!(
        "{} Allowed: {}. Default: {}.",
        param.help,
        param.kind.range_text(),
        default_text
    );

    // The profile is also set by the bars and the shape picker: the text follows the plan
    // whenever what it holds is not already the plan's value, except while the text typed in
    // it is refused (the plan then holds the value the field had when it gained focus, and the
    // field keeps what is being typed).
    if matches!(param.kind, Kind::Series { .. }) {
        Effect::new(move |_| {
            let value = state.plan.with(|p| param.get(p));
            if state.form.with_untracked(|f| f.error(param.name).is_some()) {
                return;
            }
            if let Some(input) = input_ref.get() {
                if param.kind.parse(&input.value()).ok() != Some(value.clone()) {
                    input.set_value(&value.to_text());
                    state.form.update(|f| f.clear(param.name));
                }
            }
        });
    }
    // A plan loaded whole (a preset, Reset, Back) renders the fields again, and the renderer
    // keeps their elements: what a person typed into one stays in it unless it is written
    // back. Each new field writes the plan's value into its element once.
    Effect::new(move |_| {
        let text = state.plan.with_untracked(|p| param.get(p).to_text());
        if let Some(input) = input_ref.get() {
            if input.type_() == "checkbox" {
                input.set_checked(text == "1");
            } else if input.value() != text {
                input.set_value(&text);
            }
        }
        if let Some(select) = select_ref.get() {
            select.set_value(&text);
        }
    });
    let control = match param.kind {
        Kind::Choice(names) => view! {
            <select
                id=id.clone()
                name=param.name
                node_ref=select_ref
                aria-describedby=described.clone()
                on:change=move |ev| set(event_target_value(&ev))
            >
                {names
                    .iter()
                    .map(|n| {
                        // The platform in words; the link value stays `aks` or `aca`.
                        let shown = if param.name == "platform" { crate::plan::Platform::label(n) } else { n };
                        view! { <option value=*n selected=*n == initial>{shown}</option> }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
        Kind::Flag => view! {
            <input
                id=id.clone()
                name=param.name
                type="checkbox"
                checked=initial == "1"
                node_ref=input_ref
                aria-describedby=described.clone()
                on:change=move |ev| set(if event_target_checked(&ev) { "1".into() } else { "0".into() })
            />
        }
        .into_any(),
        _ => view! {
            <input
                id=id.clone()
                name=param.name
                type="text"
                inputmode=match param.kind {
                    Kind::Count { .. } => "numeric",
                    Kind::Text { .. } => "text",
                    _ => "decimal",
                }
                autocomplete="off"
                spellcheck="false"
                value=initial.clone()
                node_ref=input_ref
                aria-describedby=described.clone()
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                on:focus=on_focus
                on:input=move |ev| {
                    focus_text.with_value(|focus| state.edit_from(param, &event_target_value(&ev), Some(focus)))
                }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    // Escape puts back the plan's current value: the value the field had when it
                    // gained focus while its text is refused.
                    if ev.key() == "Escape" {
                        if let Some(input) = input_ref.get() {
                            input.set_value(&state.plan.with_untracked(|p| param.get(p).to_text()));
                            state.form.update(|f| f.clear(param.name));
                        }
                    }
                }
            />
        }
        .into_any(),
    };

    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <div class="control">
                {control}
                <button type="button" class="reset" title=format!("Back to the default ({})", default_text) on:click=on_reset>
                    "↺"
                    <span class="visually-hidden">{format!(" reset {} to {}", param.label, default_text)}</span>
                </button>
            </div>
            <p class="hint" id=hint_id>{hint}</p>
            {mode_line(param.name)}
            <p class="error" id=error_id data-testid=format!("error-{}", param.name)>
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}

/// Beside an input the capacity mode reads or ignores: the pod's capacity as the mode finds it
/// ("measured: 20 req/s per pod"), and whether this input counts ("not used while capacity =
/// measured").
fn mode_line(name: &'static str) -> Option<impl IntoView> {
    let state = PlannerState::expect_context();
    matches!(
        name,
        "rps_per_pod"
            | "worker_rps"
            | "cpu_ms"
            | "usl_sigma"
            | "usl_kappa"
            | "usl_lambda"
            | "usl_max_n"
    )
    .then(|| {
        let text = move || {
            let how = state.plan.with(|p| {
                state.report.with(|r| {
                    crate::engine::web::capacity_text(
                        p,
                        r.sizing.web.slots_per_pod,
                        r.sizing.web.capacity_rps_per_pod,
                    )
                })
            });
            match state.plan.with(|p| p.unused_because(name)) {
                Some(why) => format!("{why} ({how})"),
                None => how,
            }
        };
        view! { <p class="note mode" data-testid=format!("mode-{name}")>{text}</p> }
    })
}
