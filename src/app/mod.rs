//! The Leptos UI, compiled only for wasm32: the only code that imports leptos or web_sys.
//!
//! State flows one way: one `RwSignal<Plan>` holds the plan; a `Memo` sizes it; views read the
//! memo. Effects only touch the outside world (the URL, localStorage, canvases, downloads).

mod browser;
mod charts;
mod compare;
mod export_panel;
mod fast_canvas;
mod findings;
mod inputs;
mod param_field;
mod results;
mod toolbar;

use crate::engine::{self, Sizing};
use crate::plan::{Param, Plan};
use crate::share::{self, Problem};
use leptos::prelude::*;
use std::time::Duration;

/// The planner's shared state, provided once as context.
#[derive(Clone, Copy)]
pub struct PlannerState {
    /// The current plan; always valid.
    pub plan: RwSignal<Plan>,
    /// The plan's sizing, recomputed when the plan changes.
    pub sizing: Memo<Sizing>,
    /// Bumped when the plan is replaced as a whole (preset, reset), so fields show the new values.
    pub revision: RwSignal<u64>,
    /// The pinned plan (A) for comparison, if any.
    pub pin: RwSignal<Option<Plan>>,
    /// Bumped when the viewport or colour scheme changes, so charts redraw.
    pub viewport: RwSignal<u64>,
}

impl PlannerState {
    /// The state provided by [`App`].
    pub fn expect_context() -> Self {
        expect_context::<PlannerState>()
    }

    /// Sets one parameter from the text of its field. On success the plan changes; on failure
    /// the plan keeps its last valid value and the error says why, naming the other parameter
    /// when the value contradicts one.
    pub fn try_set(&self, param: &'static Param, text: &str) -> Result<(), String> {
        let value = param.kind.parse(text)?;
        let mut next = self.plan.get_untracked();
        (param.set)(&mut next, value);
        if let Some(c) = next
            .broken_constraints()
            .find(|c| c.params.contains(&param.name))
        {
            let other = if c.params[0] == param.name {
                c.params[1]
            } else {
                c.params[0]
            };
            return Err(format!("{} with {}: {}", text.trim(), other, c.rule));
        }
        self.plan.set(next);
        Ok(())
    }

    /// Replaces the whole plan (a preset, a reset) and refreshes every field.
    pub fn load(&self, plan: Plan) {
        self.plan.set(plan);
        self.revision.update(|r| *r += 1);
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let start = browser::initial_plan();
    let plan = RwSignal::new(start.plan);
    let sizing = Memo::new(move |_| plan.with(engine::evaluate));
    let state = PlannerState {
        plan,
        sizing,
        revision: RwSignal::new(0),
        pin: RwSignal::new(start.pin),
        viewport: RwSignal::new(0),
    };
    provide_context(state);
    browser::watch_viewport(state.viewport);

    // Keep the URL (and the last plan in localStorage) on the canonical link, debounced.
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let query = plan.with(|p| {
            state
                .pin
                .with(|pin| share::encode_with_pin(p, pin.as_ref()))
        });
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || browser::remember_link(&query),
            Duration::from_millis(250),
        );
        timer.set_value(handle.ok());
    });

    view! {
        <header class="top">
            <div>
                <h1>"Headroom"</h1>
                <p class="tagline">"Capacity planning for web APIs: replicas, nodes, latency and cost from your traffic."</p>
            </div>
            <toolbar::Toolbar />
        </header>
        <LinkNotice problems=start.problems />
        <results::Summary />
        <main class="planner">
            <inputs::Inputs />
            <section class="outputs" id="results" aria-label="Results">
                <results::Results />
                <findings::Findings />
                <compare::Compare />
                <charts::Charts />
                <results::CostBreakdown />
                <export_panel::ExportPanel />
                <div class="actions">
                    <button type="button" data-testid="download-env" on:click=move |_| {
                        let text = plan.with_untracked(|p| crate::export::app_env::render(p, &sizing.get_untracked()));
                        browser::download("app.env", "text/plain", &text);
                    }>"Download app.env"</button>
                </div>
            </section>
        </main>
    }
}

/// Lists the link parameters that were ignored and why; absent when there were none.
#[component]
fn LinkNotice(
    /// The problems found when decoding the page's link.
    problems: Vec<Problem>,
) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        view! {
            <aside class="notice" data-testid="link-notice" role="status">
                <strong>"Some link parameters were ignored; the plan uses defaults for them:"</strong>
                <ul>
                    {problems
                        .into_iter()
                        .map(|p| view! { <li data-param=p.param.clone()>{p.to_string()}</li> })
                        .collect_view()}
                </ul>
            </aside>
        }
    })
}
