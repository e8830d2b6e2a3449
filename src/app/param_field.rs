//! One input field, generated from its entry in the parameter table.

use super::PlannerState;
use crate::plan::{Kind, Param, Plan};
use leptos::html;
use leptos::prelude::*;

/// A labelled field for one plan parameter: `name` is its share-link name; the label carries
/// the unit; a hint gives the range and default; an error shows while the text is invalid,
/// and the plan keeps its last valid value meanwhile.
#[component]
pub fn ParamField(
    /// The parameter this field edits.
    param: &'static Param,
) -> impl IntoView {
    let state = PlannerState::expect_context();
    let error = RwSignal::new(None::<String>);
    let input_ref = NodeRef::<html::Input>::new();
    let default_text = (param.get)(&Plan::default()).to_text();
    let initial = state.plan.with_untracked(|p| (param.get)(p).to_text());
    let id = format!("field-{}", param.name);
    let hint_id = format!("{}-hint", id);
    let error_id = format!("{}-error", id);
    let inputmode = match param.kind {
        Kind::Count { .. } => "numeric",
        _ => "decimal",
    };

    let on_input = move |ev| {
        let text = event_target_value(&ev);
        error.set(state.try_set(param, &text).err());
    };
    let reset_text = default_text.clone();
    let on_reset = move |_| {
        if let Some(input) = input_ref.get() {
            input.set_value(&reset_text);
        }
        error.set(state.try_set(param, &reset_text).err());
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
    let described = format!("{} {}", hint_id, error_id);

    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <div class="control">
                <input
                    id=id
                    name=param.name
                    type="text"
                    inputmode=inputmode
                    autocomplete="off"
                    spellcheck="false"
                    value=initial
                    node_ref=input_ref
                    aria-describedby=described
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    on:input=on_input
                />
                <button type="button" class="reset" title="Back to the default" on:click=on_reset>
                    "↺"
                    <span class="visually-hidden">{format!(" reset {} to {}", param.name, default_text)}</span>
                </button>
            </div>
            <p class="hint" id=hint_id>{hint}</p>
            <p class="error" id=error_id data-testid=format!("error-{}", param.name) aria-live="polite">
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}
