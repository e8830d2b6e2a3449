//! The toolbar: presets, copy link, pin for comparison, reset.

use super::{browser, PlannerState};
use crate::plan::Plan;
use crate::share::{self, presets};
use leptos::prelude::*;

/// The picker's value for a plan that is no preset.
const CUSTOM: &str = "custom";
/// The defaults' entry in the picker: every input at its default value.
const DEFAULTS: &str = "Defaults: every input at its default";
/// What the defaults are.
const DEFAULTS_DESCRIPTION: &str = "Every input at its default value: the figures of the AKS example's plan, with its findings. A link that sets a few inputs starts from these.";

/// The picker's value for a plan: the preset it is, "" for the defaults, or [`CUSTOM`].
fn picked(plan: &Plan) -> &'static str {
    if *plan == Plan::default() {
        return "";
    }
    presets::PRESETS
        .iter()
        .find(|x| presets::plan(x.name).as_ref() == Some(plan))
        .map_or(CUSTOM, |x| x.name)
}

/// Preset picker, copy-link, pin and reset.
#[component]
pub fn Toolbar() -> impl IntoView {
    let state = PlannerState::expect_context();
    let copied = RwSignal::new(false);
    let link = Memo::new(move |_| {
        state.plan.with(|p| {
            state
                .pin
                .with(|pin| browser::share_url(&share::encode_with_pin(p, pin.as_ref())))
        })
    });
    // The preset (or the defaults, "") the plan was last loaded from: after an edit the picker
    // reads "Custom (from …)". A link's plan that is no preset starts from the defaults.
    let from = RwSignal::new(match state.plan.with_untracked(picked) {
        CUSTOM => "",
        name => name,
    });
    // The picker's value.
    let current = Memo::new(move |_| state.plan.with(picked));
    let load = move |name: &'static str| {
        let plan = if name.is_empty() {
            Some(Plan::default())
        } else {
            presets::plan(name)
        };
        if let Some(plan) = plan {
            from.set(name);
            state.load(plan);
        }
    };
    let on_preset = move |ev| {
        let name = event_target_value(&ev);
        if let Some(p) = presets::PRESETS.iter().find(|p| p.name == name) {
            load(p.name);
        } else if name.is_empty() {
            load("");
        }
    };
    let custom_label = move || {
        let name = from.get();
        format!(
            "Custom (from {})",
            if name.is_empty() {
                "the defaults"
            } else {
                name
            }
        )
    };
    let description = move || {
        let name = match current.get() {
            CUSTOM => from.get(),
            name => name,
        };
        presets::PRESETS
            .iter()
            .find(|p| p.name == name)
            .map_or(DEFAULTS_DESCRIPTION, |p| p.description)
    };
    let on_copy = move |_| {
        browser::copy(&link.get_untracked());
        copied.set(true);
        set_timeout(move || copied.set(false), std::time::Duration::from_secs(3));
    };
    // The plan and pin before the last "Reset to defaults": "Undo reset" brings them back while
    // the plan is still the defaults (an edit since would be lost with it).
    let before_reset = RwSignal::new(None::<(Plan, Option<Plan>, &'static str)>);
    let on_reset = move |_| {
        before_reset.set(Some((
            state.plan.get_untracked(),
            state.pin.get_untracked(),
            from.get_untracked(),
        )));
        state.pin.set(None);
        load(presets::STARTER);
    };
    let undo_shown = Memo::new(move |_| {
        before_reset.with(Option::is_some)
            && state
                .plan
                .with(|p| presets::plan(presets::STARTER).as_ref() == Some(p))
    });
    let on_undo = move |_| {
        if let Some((plan, pin, was_from)) = before_reset.get_untracked() {
            before_reset.set(None);
            state.pin.set(pin);
            state.load(plan);
            from.set(was_from);
        }
    };
    let on_pin = move |_| {
        if state.pin.with_untracked(Option::is_some) {
            state.pin.set(None);
        } else {
            state.pin.set(Some(state.plan.get_untracked()));
        }
    };
    view! {
        <nav class="toolbar" aria-label="Plan">
            <label class="inline">
                "Preset "
                <select data-testid="preset-picker" name="preset" aria-describedby="preset-description" on:change=on_preset prop:value=move || current.get()>
                    <option value=CUSTOM disabled hidden=move || current.get() != CUSTOM>{custom_label}</option>
                    <option value="">{DEFAULTS}</option>
                    {presets::PRESETS
                        .iter()
                        .map(|p| view! { <option value=p.name>{format!("{} — {}", p.name, p.title)}</option> })
                        .collect_view()}
                </select>
            </label>
            <p class="note preset-description" id="preset-description" data-testid="preset-description">{description}</p>
            <button type="button" data-testid="copy-link" on:click=on_copy>"Copy link"</button>
            <button type="button" data-testid="pin" on:click=on_pin aria-pressed=move || state.pin.with(Option::is_some).to_string()>
                {move || if state.pin.with(Option::is_some) { "Unpin A" } else { "Pin as A" }}
            </button>
            <button type="button" data-testid="reset" on:click=on_reset>"Reset to defaults"</button>
            <button type="button" data-testid="reset-undo" class:hidden=move || !undo_shown.get() on:click=on_undo>"Undo reset"</button>
            <span class="copied" data-testid="copy-status">
                {move || if copied.get() { "Link copied" } else { "" }}
            </span>
            <input class="share-link" data-testid="share-link" readonly aria-label="Share link" prop:value=move || link.get() />
        </nav>
    }
}
