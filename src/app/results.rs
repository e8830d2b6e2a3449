//! Headline figures, each with its unit and, on demand, how the engine computed it: the cards
//! lay out `report::headlines`, the core's table.

use super::charts::{figure, redraw_when_shown, Surface};
use super::PlannerState;
use crate::engine::format::{money, money_cents};
use crate::report::headlines::{self, Headline, Section};
use leptos::prelude::*;

/// The cards of one section that apply to the plan, each with its unit and "How?".
fn cards(section: Section) -> impl IntoView {
    let state = PlannerState::expect_context();
    let platform = Memo::new(move |_| state.plan.with(|p| p.platform));
    move || {
        headlines::for_platform(platform.get())
            .into_iter()
            .filter(|h| h.section() == section)
            .map(|h| {
                let applies =
                    Memo::new(move |_| state.plan.with(|p| state.report.with(|r| h.applies(p, r))));
                // On Container Apps the AKS figures stand beside the plan, as its alternative.
                let alternative = platform.get() == crate::plan::Platform::Aca && !h.aca_only;
                move || applies.get().then(|| card(h, alternative))
            })
            .collect_view()
    }
}

/// How the worker explained the figure `key` for the current plan: its text, or what the page
/// is waiting for (the page's own report has the figures alone).
pub(super) fn explained(key: &'static str) -> Option<String> {
    use crate::worker::{Answer, Kind, Reply};
    let state = PlannerState::expect_context();
    let link = state.link.get();
    state.worker.reply(Kind::Explain).with(|r| match r {
        Some(Reply {
            link: l,
            answer: Answer::Explained(pairs),
            ..
        }) if *l == link => Some(
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map_or(String::new(), |(_, t)| t.clone()),
        ),
        _ => None,
    })
}

fn card(h: &'static Headline, alternative: bool) -> impl IntoView {
    let state = PlannerState::expect_context();
    let value = move || state.report.with(|r| (h.value)(r));
    let unit = move || state.report.with(|r| h.unit_for(r));
    // The worker explains the figures when a "How?" is opened (and again for each new plan
    // while it stays open).
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        if open.get() {
            state
                .worker
                .ask(crate::worker::Request::Explain, state.link.get(), true);
        }
    });
    // Nothing to read (or redo on an edit) while it is closed.
    let how = move || {
        open.get().then(|| {
            explained(h.explain).unwrap_or_else(|| match state.worker.status.get() {
                super::worker_client::Status::Failed(why) => {
                    format!("The explanation could not be loaded: {why}.")
                }
                _ => "Working it out…".to_string(),
            })
        })
    };
    view! {
        <div class="card">
            <h3>{h.title}{alternative.then_some(" · the AKS alternative")}</h3>
            <p class="figure">
                <output data-testid=h.testid>{value}</output>
                " "
                <span class="unit">{unit}</span>
            </p>
            <details on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>"How?"</summary>
                <p class="how">{how}</p>
            </details>
        </div>
    }
}

/// The results in sections, in the order an architect reads them; each collapses to its
/// heading, which then shows its key figures. All start open, so every card and chart is drawn
/// on load.
#[component]
pub fn Results() -> impl IntoView {
    let state = PlannerState::expect_context();
    // Why packed and aggregate differ, shown when they do; the packed card's "How?" has the
    // numbers (from the worker, when opened).
    let packing_note = move || {
        state.report.with(|r| {
            let c = &r.sizing.cluster;
            (c.nodes_packed != Some(c.nodes_aggregate)).then_some(
                "Pods are indivisible: a node holds whole pods, so the packed count can differ from the aggregate one (CPU and memory summed and divided). \"How?\" under the packed nodes gives the numbers.",
            )
        })
    };
    let shared = move || state.report.with(|r| r.sizing.cluster.workers.is_none());
    Section::ALL
        .into_iter()
        .map(|section| {
            // The key figures are shown (and computed) only while the section is collapsed.
            let open = RwSignal::new(true);
            let key = move || {
                (!open.get()).then(|| {
                    state.plan.with(|p| state.report.with(|r| section.key_figures(p, r)))
                })
            };
            let body = match section {
                Section::Web => view! {
                    <p class="note explain" data-testid="level-reason">{move || state.report.with(|r| r.sizing.level.reason.clone())}</p>
                    <super::charts::LatencyChart />
                }
                .into_any(),
                Section::Nodes => view! {
                    {move || shared().then(|| view! {
                        <p class="note">
                            "The workers' nodes are "
                            <output data-testid="worker-nodes-packed">"shared"</output>
                            " with the web pods (worker_pool = shared)."
                        </p>
                    })}
                    <p class="note explain" data-testid="packing-note">{packing_note}</p>
                    <super::charts::Curves />
                }
                .into_any(),
                Section::Cost => view! {
                    <CostBreakdown />
                    <super::charts::AcaCostChart />
                }
                .into_any(),
                Section::Day => view! { <super::day::DayPanel /> }.into_any(),
                Section::Failures => view! { <super::resilience::ResiliencePanel /> }.into_any(),
                Section::Sizes => super::ahead::section(crate::report::ahead::Ahead::Sizes),
                Section::Growth => super::ahead::section(crate::report::ahead::Ahead::Growth),
                _ => ().into_any(),
            };
            view! {
                <details
                    class="rsection"
                    open=true
                    data-testid=format!("section-{}", section.id())
                    on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
                >
                    <summary>
                        <h2>{section.title()}</h2>
                        <span class="key" data-testid=format!("section-{}-key", section.id())>{key}</span>
                    </summary>
                    <div class="results">{cards(section)}</div>
                    {body}
                </details>
            }
        })
        .collect_view()
}

/// The monthly cost by component.
#[component]
pub fn CostBreakdown() -> impl IntoView {
    let state = PlannerState::expect_context();
    let surface = Surface::new();
    redraw_when_shown(surface, state.viewport, move |root, frame| {
        state
            .report
            .with(|r| crate::charts::commitment::draw(root, &r.buying, frame))
    });
    let read = move |f: f64| {
        state.report.with(|r| {
            let c = &r.buying.curve;
            let i = ((f * c.len() as f64) as usize).min(c.len().saturating_sub(1));
            c.get(i)
                .map(|&(x, y)| format!("{}: {} a month", crate::engine::format::fmt(x), money(y)))
                .unwrap_or_default()
        })
    };
    view! {
        <table class="breakdown" data-testid="cost-breakdown">
            <caption>{move || state.report.with(|r| match r.day.summary.aca_breakdown {
                Some(_) => "The plan a month, the simulated day on Container Apps",
                None => "The plan a month, the simulated day on AKS (730 h month)",
            })}</caption>
            <tbody>
                {move || {
                    state.report.with(|r| {
                        r.headline_items()
                            .into_iter()
                            // A pool's row only when the plan has that pool (the workers' own).
                            .filter(|&(name, _)| !name.ends_with("_pool") || r.sizing.cost.pool_of(name).is_some())
                            .map(|(name, usd)| {
                                let label = r.sizing.cost.pool_of(name)
                                    .map_or_else(|| name.replace('_', " "), |p| format!("{} pool · {} · {}", p.pool.as_str(), p.vm.strip_prefix("Standard_").unwrap_or(p.vm), p.price_type));
                                view! { <tr><th scope="row">{label}</th><td>{money_cents(usd)}</td></tr> }
                            })
                            .collect_view()
                    })
                }}
                <tr class="total" data-testid="cost-total">
                    <th scope="row">"total"</th>
                    <td>{move || state.report.with(|r| money_cents(r.headline_usd()))}</td>
                </tr>
            </tbody>
            <tbody class="beside">
                <tr data-testid="cost-resilience">
                    <th scope="row">"resilience (in the pools above)"</th>
                    <td>{move || state.report.with(|r| money_cents(r.resilience.monthly_usd))}</td>
                </tr>
                <tr data-testid="cost-commitment">
                    <th scope="row">{move || state.report.with(|r| format!("commitment · {}", r.buying.commitment.as_str()))}</th>
                    <td>{move || state.report.with(|r| money_cents(r.buying.delta_usd()))}</td>
                </tr>
                <tr data-testid="cost-as-bought-total">
                    <th scope="row">"AKS as bought"</th>
                    <td>{move || state.report.with(|r| money_cents(r.as_bought_usd()))}</td>
                </tr>
                <tr data-testid="cost-static">
                    <th scope="row">"AKS if every node ran all month"</th>
                    <td>{move || state.report.with(|r| money_cents(r.sizing.cost.monthly_usd))}</td>
                </tr>
            </tbody>
        </table>
        <p class="note" data-testid="commitment">{move || state.report.with(|r| r.buying.summary())}</p>
        {figure(
            "chart-commitment",
            "Compute per month against the commitment, the chosen one marked",
            "What a reservation or a savings plan costs a month, from the simulated day's node counts.",
            surface.canvas,
            Box::new(read),
        )}
        <p class="note" data-testid="prices-as-of">{move || state.report.with(|r| r.sizing.cost.as_of_line())}</p>
        <details class="sources" data-testid="price-sources">
            <summary>"Prices used, with their sources"</summary>
            <ul>{move || state.report.with(|r| r.sizing.cost.sources().into_iter().map(|s| view! { <li>{s}</li> }).collect_view())}</ul>
        </details>
    }
}
