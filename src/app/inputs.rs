//! The inputs: the Essentials open on load, every other group collapsed with a count of its
//! inputs that differ from the defaults, and a filter box ("/" focuses it) that shows only the
//! fields it finds, opening their groups. A plan opened from a link opens the groups that hold
//! its changed inputs.

use super::{param_field::ParamField, PlannerState};
use crate::plan::{changed_by_group, in_group, Group, Param, Plan, Platform};
use leptos::html;
use leptos::prelude::*;

/// A group's id for `data-testid`s: "essentials", "web-tier", "edge-data-stores".
pub(super) fn slug(group: Option<Group>) -> &'static str {
    match group {
        None => "essentials",
        Some(Group::Traffic) => "traffic",
        Some(Group::Web) => "web-tier",
        Some(Group::Tasks) => "background-work",
        Some(Group::Cluster) => "cluster",
        Some(Group::ScaleToZero) => "scale-to-zero",
        Some(Group::Edge) => "edge-data-stores",
        Some(Group::Prices) => "prices",
        Some(Group::Day) => "day",
        Some(Group::Resilience) => "resilience",
        Some(Group::Buying) => "buying",
    }
}

/// The input panel.
#[component]
pub fn Inputs() -> impl IntoView {
    let state = PlannerState::expect_context();
    let platform = Memo::new(move |_| state.plan.with(|p| p.platform));
    let calibration = super::calibrate::CalibrateState::new();
    let imported = RwSignal::new(None::<Result<String, String>>);
    let filter = RwSignal::new(String::new());
    let filter_ref = NodeRef::<html::Input>::new();
    let defaults = StoredValue::new(Plan::default());
    // The changed inputs of every group, counted in one pass over the table per edit.
    let counts = Memo::new(move |_| {
        state
            .plan
            .with(|p| defaults.with_value(|d| changed_by_group(p, d)))
    });

    // "/" focuses the filter, as on most sites with a search box, when the page itself has the
    // keyboard (nothing focused: the event comes from the body), never while typing in a field.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let from_page = ev.target().map(wasm_bindgen::JsValue::from)
            == document().body().map(wasm_bindgen::JsValue::from);
        if let (true, true, Some(input)) = (ev.key() == "/", from_page, filter_ref.get()) {
            ev.prevent_default();
            let _ = input.focus();
        }
    });
    on_cleanup(move || keys.remove());

    let field = move |param: &'static Param| {
        let shown = move || filter.with(|q| param.matches(q));
        view! {
            <div class="field-slot" class:hidden=move || !shown()>
                <ParamField param=param />
            </div>
        }
    };
    view! {
        <section class="inputs" aria-label="Inputs">
            <div class="filter">
                <label for="input-filter" class="visually-hidden">"Filter the inputs"</label>
                <input
                    id="input-filter"
                    type="search"
                    name="filter"
                    data-testid="input-filter"
                    placeholder="Filter inputs (press /)"
                    autocomplete="off"
                    node_ref=filter_ref
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
            </div>
            {move || {
                // Re-mount the fields when the plan is replaced as a whole, or the platform
                // changes the order of the groups.
                state.reloaded.track();
                let order: Vec<Group> = match platform.get() {
                    Platform::Aks => Group::ALL.to_vec(),
                    Platform::Aca => {
                        let first = [Group::Traffic, Group::ScaleToZero, Group::Web];
                        first.into_iter().chain(Group::ALL.into_iter().filter(|x| !first.contains(x))).collect()
                    }
                };
                std::iter::once(None)
                    .chain(order.into_iter().map(Some))
                    .map(|group| {
                        let changed = move || counts.with(|c| c.iter().find(|(g, _)| *g == group).map_or(0, |(_, n)| *n));
                        // Open: the essentials, and the groups holding the plan's changes.
                        let open = RwSignal::new(group.is_none() || counts.with_untracked(|c| c.iter().any(|(g, n)| *g == group && *n > 0)));
                        let found = Memo::new(move |_| {
                            filter.with(|q| !q.trim().is_empty() && in_group(group).any(|p| p.matches(q)))
                        });
                        let filtering = move || filter.with(|q| !q.trim().is_empty());
                        let on_toggle = move |ev: leptos::ev::Event| {
                            // While filtering, the filter opens groups; the reader's choice stays.
                            if !filtering() {
                                open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open());
                            }
                        };
                        let id = slug(group);
                        let title = group.map_or("Essentials", Group::title);
                        view! {
                            <details
                                class="group"
                                data-testid=format!("group-{id}")
                                prop:open=move || if filtering() { found.get() } else { open.get() }
                                class:hidden=move || filtering() && !found.get()
                                on:toggle=on_toggle
                            >
                                <summary>
                                    <h2>{title}</h2>
                                    <span class="changed" data-testid=format!("changed-{id}")>
                                        {move || match changed() {
                                            0 => String::new(),
                                            n => format!(" · {n} changed"),
                                        }}
                                    </span>
                                </summary>
                                <div class:hidden=filtering>
                                    {(group == Some(Group::Day)).then(|| view! { <super::day::DayEditor imported=imported /> })}
                                    {(group == Some(Group::Web)).then(|| view! { <super::calibrate::Calibrate kept=calibration /> })}
                                </div>
                                {in_group(group).map(field).collect_view()}
                            </details>
                        }
                    })
                    .collect_view()
            }}
            <p class="note filter-none" class:hidden=move || filter.with(|q| any_found(q))>
                "No input matches the filter."
            </p>
        </section>
    }
}

/// Whether a filter finds any input (an empty one finds them all).
fn any_found(q: &str) -> bool {
    crate::plan::PARAMS.iter().any(|p| p.matches(q))
}
