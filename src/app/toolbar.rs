//! The toolbar: presets, copy link, pin for comparison, reset.

use super::{browser, PlannerState};
use crate::plan::Plan;
use crate::share::{self, presets};
use leptos::prelude::*;

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
    // The preset the current plan is, if any, so the picker shows it.
    let current = Memo::new(move |_| {
        state.plan.with(|p| {
            presets::PRESETS
                .iter()
                .find(|x| presets::plan(x.name).as_ref() == Some(p))
                .map_or("", |x| x.name)
        })
    });
    let on_preset = move |ev| {
        let name = event_target_value(&ev);
        let plan = if name.is_empty() {
            Some(Plan::default())
        } else {
            presets::plan(&name)
        };
        if let Some(plan) = plan {
            state.load(plan);
        }
    };
    let on_copy = move |_| {
        browser::copy(&link.get_untracked());
        copied.set(true);
        set_timeout(move || copied.set(false), std::time::Duration::from_secs(3));
    };
    // The plan and pin before the last "Reset to defaults": "Undo reset" brings them back while
    // the plan is still the defaults (an edit since would be lost with it).
    let before_reset = RwSignal::new(None::<(Plan, Option<Plan>)>);
    let on_reset = move |_| {
        before_reset.set(Some((
            state.plan.get_untracked(),
            state.pin.get_untracked(),
        )));
        state.pin.set(None);
        state.load(Plan::default());
    };
    let undo_shown = Memo::new(move |_| {
        before_reset.with(Option::is_some) && state.plan.with(|p| *p == Plan::default())
    });
    let on_undo = move |_| {
        if let Some((plan, pin)) = before_reset.get_untracked() {
            before_reset.set(None);
            state.pin.set(pin);
            state.load(plan);
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
                <select data-testid="preset-picker" name="preset" on:change=on_preset prop:value=move || current.get()>
                    <option value="">"Default plan (AKS: FastAPI API + Celery workers)"</option>
                    {presets::PRESETS
                        .iter()
                        .map(|p| view! { <option value=p.name>{format!("{} — {}", p.name, p.title)}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="button" data-testid="copy-link" on:click=on_copy>"Copy link"</button>
            <button type="button" data-testid="pin" on:click=on_pin aria-pressed=move || state.pin.with(Option::is_some).to_string()>
                {move || if state.pin.with(Option::is_some) { "Unpin A" } else { "Pin as A" }}
            </button>
            <button type="button" data-testid="reset" on:click=on_reset>"Reset to defaults"</button>
            <button type="button" data-testid="reset-undo" class:hidden=move || !undo_shown.get() on:click=on_undo>"Undo reset"</button>
            <span class="copied" data-testid="copy-status" role="status" aria-live="polite">
                {move || if copied.get() { "Link copied" } else { "" }}
            </span>
            <input class="share-link" data-testid="share-link" readonly aria-label="Share link" prop:value=move || link.get() />
        </nav>
    }
}
