//! Headline figures, each with its unit and, on demand, how it was computed.

use super::PlannerState;
use leptos::prelude::*;

/// One headline card: the value under its `data-testid`, the unit, and the engine's explanation.
#[component]
pub fn Card(
    /// The `data-testid` of the value element.
    testid: &'static str,
    /// The card's title.
    title: &'static str,
    /// The unit shown after the value.
    unit: &'static str,
    /// The engine's explanation key (`web.replicas_max`).
    explain: &'static str,
    /// The value, as text.
    value: Signal<String>,
) -> impl IntoView {
    let state = PlannerState::expect_context();
    let how = move || {
        state
            .sizing
            .with(|s| s.explain.get(explain).cloned().unwrap_or_default())
    };
    view! {
        <div class="card">
            <h3>{title}</h3>
            <p class="figure">
                <output data-testid=testid>{value}</output>
                " "
                <span class="unit">{unit}</span>
            </p>
            <details>
                <summary>"How?"</summary>
                <p class="how">{how}</p>
            </details>
        </div>
    }
}

/// The results panel.
#[component]
pub fn Results() -> impl IntoView {
    let state = PlannerState::expect_context();
    let max = Signal::derive(move || state.sizing.with(|s| s.web.replicas_max.to_string()));
    view! {
        <div class="results" aria-live="polite">
            <Card testid="web-replicas-max" title="Web replicas at peak" unit="pods" explain="web.replicas_max" value=max />
        </div>
    }
}
