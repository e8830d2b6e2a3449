//! Every input, grouped by layer in collapsible sections; the platform's sections come first.

use super::{param_field::ParamField, PlannerState};
use crate::plan::{Group, Platform, PARAMS};
use leptos::prelude::*;

/// The input panel.
#[component]
pub fn Inputs() -> impl IntoView {
    let state = PlannerState::expect_context();
    let platform = Memo::new(move |_| state.plan.with(|p| p.platform));
    let calibration = super::calibrate::CalibrateState::new();
    let imported = RwSignal::new(None::<Result<String, String>>);
    view! {
        <section class="inputs" aria-label="Inputs">
            {move || {
                // Re-mount the fields when the plan is replaced as a whole, or the platform
                // changes the order of the sections.
                state.reloaded.track();
                let order: Vec<Group> = match platform.get() {
                    Platform::Aks => Group::ALL.to_vec(),
                    Platform::Aca => {
                        let first = [Group::Traffic, Group::ScaleToZero, Group::Web];
                        first.into_iter().chain(Group::ALL.into_iter().filter(|x| !first.contains(x))).collect()
                    }
                };
                order
                    .into_iter()
                    .map(|group| {
                        // Every section starts open, so the keyboard reaches every field.
                        view! {
                            <details class="group" open=true>
                                <summary><h2>{group.title()}</h2></summary>
                                {(group == Group::Day).then(|| view! { <super::day::DayEditor imported=imported /> })}
                                {(group == Group::Web).then(|| view! { <super::calibrate::Calibrate kept=calibration /> })}
                                {PARAMS
                                    .iter()
                                    .filter(|p| p.group == group)
                                    .map(|param| view! { <ParamField param=param /> })
                                    .collect_view()}
                            </details>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}
