//! Headline figures, each with its unit and, on demand, how the engine computed it: the cards
//! lay out `report::headlines`, the core's table.

use super::charts::{figure, redraw_when_shown, Surface};
use super::PlannerState;
use crate::engine::format::{money, money_cents};
use crate::report::headlines;
use leptos::prelude::*;

/// The headline cards, the level's reason, and why packed and aggregate node counts differ.
#[component]
pub fn Results() -> impl IntoView {
    let state = PlannerState::expect_context();
    let platform = Memo::new(move |_| state.plan.with(|p| p.platform));
    let cards = move || {
        headlines::for_platform(platform.get())
            .into_iter()
            .map(|h| {
                let value = move || state.report.with(|r| (h.value)(r));
                let unit = move || state.report.with(|r| h.unit_for(r));
                let how = move || state.report.with(|r| headlines::how(h, r));
                view! {
                    <div class="card">
                        <h3>{h.title}</h3>
                        <p class="figure">
                            <output data-testid=h.testid>{value}</output>
                            " "
                            <span class="unit">{unit}</span>
                        </p>
                        <details>
                            <summary>"How?"</summary>
                            <p class="how">{how}</p>
                        </details>
                    </div>
                }
            })
            .collect_view()
    };
    // Why packed and aggregate differ: the engine's own explanation, shown when they do.
    let packing_note = move || {
        state.report.with(|r| {
            let c = &r.sizing.cluster;
            (c.nodes_packed != Some(c.nodes_aggregate))
                .then(|| r.explain.get("cluster.nodes_packed").cloned())
                .flatten()
        })
    };
    view! {
        <div class="results" aria-live="polite" data-testid="results">{cards}</div>
        <p class="note explain" data-testid="packing-note">{packing_note}</p>
        <p class="note explain" data-testid="level-reason">{move || state.report.with(|r| r.sizing.level.reason.clone())}</p>
    }
}

/// The main figures, kept at the top of narrow screens (where the inputs come before the
/// results) so that an edit shows its effect in view; a tap on them goes to all results.
/// Wide screens, which show inputs and results side by side, hide it.
#[component]
pub fn Summary() -> impl IntoView {
    let state = PlannerState::expect_context();
    let line = move || {
        let platform = state.plan.with(|p| p.platform);
        state.report.with(|r| headlines::summary(platform, r))
    };
    view! {
        <a class="summary" href="#results" data-testid="summary" title="All results">{line}</a>
    }
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
            <caption>"AKS monthly cost by component (730 h month)"</caption>
            <tbody>
                {move || {
                    state.report.with(|r| {
                        r.sizing
                            .cost
                            .breakdown
                            .items()
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
                <tr data-testid="cost-resilience">
                    <th scope="row">"resilience"</th>
                    <td>{move || state.report.with(|r| money_cents(r.resilience.monthly_usd))}</td>
                </tr>
                <tr data-testid="cost-commitment">
                    <th scope="row">{move || state.report.with(|r| format!("commitment · {}", r.buying.commitment.as_str()))}</th>
                    <td>{move || state.report.with(|r| money_cents(r.buying.delta_usd()))}</td>
                </tr>
                <tr class="total">
                    <th scope="row">"total"</th>
                    <td>{move || state.report.with(|r| money_cents(r.breakdown_total_usd()))}</td>
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
