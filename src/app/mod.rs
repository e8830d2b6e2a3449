//! The Leptos UI, compiled only for wasm32: the only code that imports leptos or web_sys.
//!
//! State flows one way: one `RwSignal<Plan>` holds the plan; a `Memo` holds its report (the
//! core's `report::evaluate`); views read the memo. Effects only touch the outside world (the
//! URL, localStorage, canvases, downloads). Every rule lives in the pure core: this module wires
//! signals, views and browser calls to it.

mod ahead;
mod answer;
mod browser;
mod calibrate;
mod charts;
mod compare;
mod day;
mod export_panel;
mod fast_canvas;
mod findings;
mod inputs;
mod param_field;
mod resilience;
mod results;
mod toolbar;
pub mod wire;
mod worker_client;

use crate::plan::{Form, Param, Plan};
use crate::report::{self, Report};
use crate::share::{self, Origin, Problem};
use leptos::prelude::*;
use std::time::Duration;

/// The planner's shared state, provided once as context.
#[derive(Clone, Copy)]
pub struct PlannerState {
    /// The current plan; always valid.
    pub plan: RwSignal<Plan>,
    /// The plan's report (sizing, explanations, findings), recomputed when the plan changes.
    pub report: Memo<Report>,
    /// Fires when the plan is replaced as a whole (preset, reset), so fields show the new values.
    pub reloaded: Trigger,
    /// The pinned plan (A) for comparison, if any.
    pub pin: RwSignal<Option<Plan>>,
    /// The fields whose text was refused, and why; re-checked when a partner field changes.
    pub form: RwSignal<Form>,
    /// The window's size and colour scheme, as the charts last need to know them.
    pub viewport: browser::Viewport,
    /// The plan's canonical share link: what the worker is asked about.
    pub link: Memo<String>,
    /// The worker: exports, imports and fits, the node-size ranking and the growth runway.
    pub worker: worker_client::WorkerClient,
    /// The report's findings with what the worker's ranking found (`cheaper-vm`: this plan's
    /// once its ranking is done, the last plan's until then), errors first: what the findings
    /// list and the answer's state count.
    pub findings: Memo<Vec<crate::doctor::Finding>>,
    /// Set by [`PlannerState::load`]: the next plan is a settled change at once (a preset,
    /// Reset, "Use this size", an Apply), not after the typing pause.
    settled: StoredValue<bool>,
}

impl PlannerState {
    /// The state provided by [`App`].
    pub fn expect_context() -> Self {
        expect_context::<PlannerState>()
    }

    /// Sets one parameter from the text of its field (`plan::Form::edit`). On success the plan
    /// changes, with any refused text of a partner field that now fits; on failure the plan
    /// keeps its last valid value and the form says why, naming the other parameter when the
    /// value contradicts one.
    pub fn edit(&self, param: &'static Param, text: &str) {
        self.edit_from(param, text, None);
    }

    /// [`PlannerState::edit`] from a field being typed into, whose text was `focus` when it
    /// gained focus: while the text is refused, the plan holds that value
    /// (`plan::Form::edit_typed`), not the last keystroke that happened to parse.
    pub fn edit_from(&self, param: &'static Param, text: &str, focus: Option<&str>) {
        let next = self.plan.with_untracked(|plan| {
            self.form
                .try_update(|form| match focus {
                    Some(focus) => form.edit_typed(plan, param, text, focus),
                    None => form.edit(plan, param, text),
                })
                .unwrap_or_else(|| plan.clone())
        });
        if self.plan.with_untracked(|p| *p != next) {
            self.plan.set(next);
        }
    }

    /// Replaces the whole plan (a preset, a reset) and refreshes every field.
    pub fn load(&self, plan: Plan) {
        self.settled.set_value(true);
        self.form.set(Form::default());
        self.plan.set(plan);
        self.reloaded.notify();
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let start = share::start(&browser::search(), browser::stored_link().as_deref());
    let plan = RwSignal::new(start.plan);
    // The report is recomputed only when the plan changes (PlannerState::edit sets the plan only
    // when it differs), so a new report always counts as changed: comparing two reports, with
    // their 5,760 simulated steps, would cost time on every edit.
    let report = Memo::new_with_compare(
        move |_| plan.with(|p| report::figures(p, false)),
        |_, _| true,
    );
    let link = Memo::new(move |_| plan.with(share::encode));
    let worker = worker_client::WorkerClient::new();
    let ranked = worker.reply(worker_client::Kind::Sizes);
    // Until this plan's ranking comes, the last one's finding stays (as the Node size section
    // keeps its last table): the list does not shrink and grow again under the reader on every
    // edit. A plan with no nodes to size has none.
    let findings = Memo::new(move |_| {
        let mut all = report.with(|r| r.findings.clone());
        let sized = plan.with(|p| !crate::report::ahead::Ahead::Sizes.idle(p));
        ranked.with(|r| {
            if let Some(crate::worker::Reply {
                answer: crate::worker::Answer::Sizes { findings, .. },
                ..
            }) = r
            {
                if sized {
                    all.extend(findings.iter().cloned());
                }
            }
        });
        crate::doctor::sort(&mut all);
        all
    });
    let state = PlannerState {
        plan,
        report,
        reloaded: Trigger::new(),
        pin: RwSignal::new(start.pin),
        form: RwSignal::new(Form::default()),
        viewport: browser::Viewport::watch(),
        link,
        worker,
        findings,
        settled: StoredValue::new(false),
    };
    provide_context(state);
    state.worker.start_when_idle();

    // Keep the URL (and the last plan in localStorage) on the canonical link. Each settled
    // change is a history entry, so Back and Forward step through plans: an edit 1 s after
    // its last keystroke, or at once a plan loaded whole. The page's first link replaces the
    // one it was opened with (made canonical); typing does not flood the history.
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let entry = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let query = plan.with(|p| {
            state
                .pin
                .with(|pin| share::encode_with_pin(p, pin.as_ref()))
        });
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let first = entry.with_value(Option::is_none);
        let now = std::mem::take(&mut *state.settled.write_value());
        let wait = match (first, now) {
            (true, _) => 250,
            (false, true) => 0,
            (false, false) => 1000,
        };
        let handle = set_timeout_with_handle(
            move || {
                let push = entry.with_value(|e| e.as_ref().is_some_and(|e| *e != query));
                browser::remember_link(&query, push);
                entry.set_value(Some(query));
            },
            Duration::from_millis(wait),
        );
        timer.set_value(handle.ok());
    });
    // Back and Forward load the entry's plan (and pin) as they are.
    let back = window_event_listener(leptos::ev::popstate, move |_| {
        // A field being typed into lets go first: its blur settles its text on the plan being
        // left, not on the one Back brings.
        browser::blur_focused();
        let start = share::start(&browser::search(), None);
        let query = share::encode_with_pin(&start.plan, start.pin.as_ref());
        entry.set_value(Some(query));
        state.pin.set(start.pin);
        state.load(start.plan);
    });
    on_cleanup(move || back.remove());

    view! {
        <header class="top">
            <div>
                <h1>"Headroom"</h1>
                <p class="tagline">"Capacity planning for web APIs: replicas, nodes, latency and cost from your traffic."</p>
            </div>
            <toolbar::Toolbar />
        </header>
        <LinkNotice problems=start.problems origin=start.origin />
        <main class="planner">
            <inputs::Inputs />
            <div class="side">
                <answer::Answer />
                <section class="outputs" id="results" aria-label="Results">
                    <findings::Findings />
                    <compare::Compare />
                    <results::Results />
                    <export_panel::ExportPanel />
                </section>
            </div>
        </main>
    }
}

/// Lists the parameters of the link, or of the plan saved in this browser, that were ignored
/// and why; absent when there were none.
#[component]
fn LinkNotice(
    /// The problems found when decoding the starting plan.
    problems: Vec<Problem>,
    /// Where the starting plan came from.
    origin: Origin,
) -> impl IntoView {
    let heading = match origin {
        Origin::Stored => "The plan saved in this browser was damaged; these parts of it were ignored and use defaults:",
        _ => "Some link parameters were ignored; the plan uses defaults for them:",
    };
    (!problems.is_empty()).then(|| {
        view! {
            <aside class="notice" data-testid="link-notice">
                <strong>{heading}</strong>
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
