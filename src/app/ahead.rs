//! The questions after "how many nodes?": which size of node (`report::vms`, the "Node size"
//! section) and how long the plan lasts as its traffic grows (`report::runway`, "Growth"). Each
//! needs a whole report per size (24, or 48 with a second pool) or per month (61), so it is
//! never on the edit path: the work starts after the edit's frame, only while its section is on
//! screen, a few reports per task, and is dropped when the plan changes before it ends. One
//! component serves both sections; what differs is data (`report::ahead::Ahead`).

use super::charts::{figure, redraw_when_shown, Surface};
use super::{browser, PlannerState};
use crate::charts::{growth as growth_chart, readout, vms as vms_chart};
use crate::plan::{Plan, Platform, VmSize};
use crate::report::ahead::{Ahead, Found};
use crate::report::runway::Outlook;
use crate::report::vms::{self, VmRow};
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long a task of background work takes new steps before it yields to the page, ms.
const SLICE_MS: f64 = 6.0;

/// The work for one plan, a step per call: false once it is done.
type Job = Box<dyn FnMut() -> bool>;

/// Runs `step` again and again, a task at a time: a task takes no new step once [`SLICE_MS`]
/// have passed (so it lasts that plus at most one step: one report), until it is done or
/// `generation` is no longer `mine` (the plan changed, or the section left the screen).
fn run_sliced(generation: StoredValue<u64>, mine: u64, mut step: Job) {
    set_timeout(
        move || {
            if generation.get_value() != mine {
                return;
            }
            let start = js_sys::Date::now();
            while js_sys::Date::now() - start < SLICE_MS {
                if !step() {
                    return;
                }
            }
            run_sliced(generation, mine, step);
        },
        Duration::ZERO,
    );
}

/// The work of `which` for `plan`, a size or a month a step; when done it stores what it
/// found in `found`.
fn job(which: Ahead, plan: Plan, found: RwSignal<Option<(Plan, Found)>>) -> Job {
    match which {
        Ahead::Sizes => {
            let todo = vms::candidates(&plan);
            let mut rows: Vec<VmRow> = Vec::with_capacity(todo.len());
            Box::new(move || {
                if let Some(&(pool, size)) = todo.get(rows.len()) {
                    rows.push(vms::row(&plan, pool, size));
                    return true;
                }
                vms::order(&mut rows);
                found.set(Some((
                    plan.clone(),
                    Found::Sizes(std::mem::take(&mut rows)),
                )));
                false
            })
        }
        Ahead::Growth => {
            // Month 0 is a report too: worked out in the first step, not here on the edit path.
            let mut outlook = None::<Outlook>;
            Box::new(move || {
                let Some(o) = outlook.as_mut() else {
                    outlook = Some(Outlook::new(&plan));
                    return true;
                };
                if o.step() {
                    return true;
                }
                if let Some(o) = outlook.take() {
                    let (runway, months) = o.finish();
                    found.set(Some((plan.clone(), Found::Growth(runway, months))));
                }
                false
            })
        }
    }
}

/// The `data-action` of the button a click landed on, with the button.
fn action(ev: &leptos::ev::MouseEvent) -> Option<(String, web_sys::Element)> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    Some((el.get_attribute("data-action")?, el))
}

/// A section worked out after the frame: "Node size" (the whole plan's monthly cost on every
/// allowed size, the chart and the table; "Use this size" sets the size and AKS's reservation
/// rules as one edit that "Undo" takes back) or "Growth" (the next 24 months charted and each
/// limit's runway; "See +5 %/month" sets a rate, which "Undo" takes back).
pub fn section(which: Ahead) -> AnyView {
    let state = PlannerState::expect_context();
    // What the work found, and the plan it found it for.
    let found = RwSignal::new(None::<(Plan, Found)>);
    // The plan before the section's last action, and the plan the action made: "Undo" is
    // offered while the plan is still the one it made (an edit since would be lost with it).
    let before = RwSignal::new(None::<Plan>);
    let after = RwSignal::new(None::<Plan>);
    let anchor = NodeRef::<html::Div>::new();
    let shown = browser::on_screen(anchor);
    let generation = StoredValue::new(0u64);
    // One effect writes the section's text and starts or drops the work: the text is written as
    // HTML into the panel's first and last child, only when it differs from what the last run
    // wrote (a rewrite replaces the buttons, and the keyboard's focus with them). It returns
    // what it wrote. (Reactive attributes cost the bundle more.)
    Effect::new(move |written: Option<[String; 2]>| {
        let written = written.unwrap_or_default();
        let Some(el) = anchor.get() else {
            return written;
        };
        let (Some(first), Some(last)) = (el.first_element_child(), el.last_element_child()) else {
            return written;
        };
        // Written only while on screen (and once at first, holding the place): a table written
        // on every edit off screen would lay it out again on every edit. Until this plan's work
        // is done the last result stays (the status note says so): an edit never collapses the
        // section, which would move the page below it.
        let write = shown.get() || first.child_element_count() == 0;
        let (stale, idle, texts) = state.plan.with(|p| {
            let undo = before.with(Option::is_some) && after.with(|a| a.as_ref() == Some(p));
            found.with(|f| {
                let fresh = f.as_ref().is_some_and(|(q, _)| q == p);
                let texts = write.then(|| {
                    let found = f.as_ref().map(|(_, x)| x);
                    state
                        .report
                        .with(|now| which.texts(p, now, found, fresh, undo))
                });
                (!fresh && !which.idle(p), which.idle(p), texts)
            })
        });
        let texts = match texts {
            Some(texts) if texts != written => {
                first.set_inner_html(&texts[0]);
                last.set_inner_html(&texts[1]);
                // No chart with nothing to work out (style/main.css).
                el.set_class_name(if idle { "ahead idle" } else { "ahead" });
                texts
            }
            _ => written,
        };
        // Each run stops what runs (the plan changed, the section left the screen, or the work
        // is done) and, where this plan's result is wanted, starts it. Nothing else reruns this
        // effect while the work runs: `found` changes when it ends, `before` and `after` with
        // the plan.
        let mine = generation.get_value() + 1;
        generation.set_value(mine);
        if shown.get_untracked() && stale {
            let step = job(which, state.plan.get_untracked(), found);
            // After the frame that shows the edit.
            request_animation_frame(move || run_sliced(generation, mine, step));
        }
        texts
    });
    let surface = Surface::new();
    redraw_when_shown(surface, state.viewport, move |root, frame| {
        found.with(|r| match r {
            Some((_, Found::Sizes(rows))) => {
                let own = state.plan.with_untracked(vms::own_sizes);
                vms_chart::draw(root, rows, &own, frame)
            }
            Some((p, Found::Growth(runway, months))) => {
                growth_chart::draw(root, months, runway, p.platform == Platform::Aca, frame)
            }
            None => Ok(()),
        })
    });
    let read = move |f: f64| {
        found.with(|r| match r {
            Some((_, Found::Sizes(rows))) => readout::vms(rows, f),
            Some((p, Found::Growth(_, months))) => {
                readout::growth(months, p.platform == Platform::Aca, f)
            }
            None => String::new(),
        })
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((what, el)) = action(&ev) else {
            return;
        };
        let old = state.plan.get_untracked();
        let next = match what.as_str() {
            "undo" => {
                if let Some(plan) = before.get_untracked() {
                    before.set(None);
                    state.load(plan);
                }
                return;
            }
            "try-growth" => Plan {
                growth_pct_month: 5.0,
                ..old.clone()
            },
            _ => {
                let pool = el.get_attribute("data-pool").unwrap_or_default();
                let vm = el.get_attribute("data-vm").unwrap_or_default();
                let Some(size) = VmSize::ALL.iter().copied().find(|v| v.as_str() == vm) else {
                    return;
                };
                vms::on_size(&old, &pool, size)
            }
        };
        before.set(Some(old));
        after.set(Some(next.clone()));
        state.load(next);
    };
    let (testid, chart, title, caption) = match which {
        Ahead::Sizes => (
            "sizes-panel",
            "chart-vms",
            "Monthly cost of the whole plan on each VM size",
            "Cheapest first; the dot is this plan's size.",
        ),
        Ahead::Growth => (
            "growth-panel",
            "chart-growth",
            "The next 24 months at the plan's growth rate",
            "Peak traffic, nodes at peak and the monthly cost as multiples of today's; a vertical line where a limit breaks.",
        ),
    };
    view! {
        <div class="ahead" node_ref=anchor data-testid=testid on:click=on_click>
            <div></div>
            {figure(chart, title, caption, surface.canvas, Box::new(read))}
            <div></div>
        </div>
    }
    .into_any()
}
