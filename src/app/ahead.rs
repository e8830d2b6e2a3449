//! The questions after "how many nodes?": which size of node (the "Node size" section) and how
//! long the plan lasts as its traffic grows ("Growth"). Each needs a whole report per size (24,
//! or 48 with a second pool) or per month (61), so the worker works them out (`decide`), never
//! the page on an edit: the section asks while it is on screen, keeps the last answer until
//! this plan's comes (its status line says which it shows), and drops answers to older plans.
//! One component serves both sections; what differs is data (`report::ahead::Ahead`).

use super::charts::{figure, redraw_when_shown, Surface};
use super::worker_client::note;
use super::{browser, PlannerState};
use crate::charts::{growth as growth_chart, readout, vms as vms_chart};
use crate::plan::{Plan, Platform, VmSize};
use crate::report::ahead::Ahead;
use crate::report::vms;
use crate::worker::{Answer, Request};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The `data-action` of the button a click landed on, with the button.
fn action(ev: &leptos::ev::MouseEvent) -> Option<(String, web_sys::Element)> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    Some((el.get_attribute("data-action")?, el))
}

/// A section whose figures the worker works out: "Node size" (the whole plan's monthly cost on
/// every allowed size, the chart and the table; "Use this size" sets the size and AKS's
/// reservation rules as one edit that "Undo" takes back) or "Growth" (the next 24 months
/// charted and each limit's runway; "See +5 %/month" sets a rate, which "Undo" takes back).
pub fn section(which: Ahead) -> AnyView {
    let state = PlannerState::expect_context();
    let worker = state.worker;
    let (request, what) = match which {
        Ahead::Sizes => (Request::Sizes, "the node-size ranking"),
        Ahead::Growth => (Request::Growth, "the growth outlook"),
    };
    let reply = worker.reply(request.kind());
    // The plan before the section's last action, and the plan the action made: "Undo" is
    // offered while the plan is still the one it made (an edit since would be lost with it).
    let before = RwSignal::new(None::<Plan>);
    let after = RwSignal::new(None::<Plan>);
    let anchor = NodeRef::<html::Div>::new();
    let top = NodeRef::<html::Div>::new();
    let bottom = NodeRef::<html::Div>::new();
    let shown = browser::on_screen(anchor);
    let idle = Memo::new(move |_| state.plan.with(|p| which.idle(p)));
    let fresh = move || {
        reply.with(|r| {
            r.as_ref()
                .is_some_and(|r| state.link.with(|l| *l == r.link))
        })
    };
    // This plan's figures: the ranking always (its `cheaper-vm` joins the page's findings and
    // the answer's count), the months while the section is on screen. The worker comes after
    // the first answer; the request waits for it.
    Effect::new(move |_| {
        let link = state.link.get();
        if (which == Ahead::Sizes || shown.get()) && !idle.get() {
            worker.ask(request.clone(), link, false);
        }
    });
    // One effect writes the section's text as HTML above and below the chart, only when it
    // differs from what the last run wrote (a rewrite replaces the buttons, and the keyboard's
    // focus with them), and only while on screen (and once at first, holding the place): a
    // table written on every edit off screen would lay it out again on every edit. It returns
    // what it wrote. (Reactive attributes cost the page more.)
    Effect::new(move |written: Option<[String; 2]>| {
        let written = written.unwrap_or_default();
        let (Some(el), Some(top), Some(bottom)) = (anchor.get(), top.get(), bottom.get()) else {
            return written;
        };
        if !shown.get() && !written[0].is_empty() {
            return written;
        }
        let texts = state.plan.with(|p| {
            let undo = before.with(Option::is_some) && after.with(|a| a.as_ref() == Some(p));
            let undo = if undo { which.undo() } else { "" };
            if idle.get() {
                return [which.idle_note().to_string(), undo.to_string()];
            }
            let status = which.status(fresh());
            reply.with(|r| match r.as_ref().map(|r| &r.answer) {
                Some(Answer::Sizes { top, table, .. } | Answer::Growth { top, table, .. }) => {
                    [format!("{status}{top}"), format!("{undo}{table}")]
                }
                Some(Answer::Refused(e)) => [
                    format!(
                        "{status}<p class=\"error\">{}</p>",
                        crate::report::ahead::escaped(e)
                    ),
                    undo.to_string(),
                ],
                _ => [status, undo.to_string()],
            })
        });
        if texts != written {
            top.set_inner_html(&texts[0]);
            bottom.set_inner_html(&texts[1]);
            // No chart with nothing to work out (style/main.css).
            el.set_class_name(if idle.get_untracked() {
                "ahead idle"
            } else {
                "ahead"
            });
        }
        texts
    });
    let surface = Surface::new();
    redraw_when_shown(surface, state.viewport, move |root, frame| {
        let aca = state.plan.with_untracked(|p| p.platform == Platform::Aca);
        reply.with(|r| match r.as_ref().map(|r| &r.answer) {
            Some(Answer::Sizes { rows, .. }) => {
                let own = state.plan.with_untracked(vms::own_sizes);
                vms_chart::draw(root, rows, &own, frame)
            }
            Some(Answer::Growth { runway, months, .. }) => {
                growth_chart::draw(root, months, runway, aca, frame)
            }
            _ => Ok(()),
        })
    });
    let read = move |f: f64| {
        let aca = state.plan.with_untracked(|p| p.platform == Platform::Aca);
        reply.with(|r| match r.as_ref().map(|r| &r.answer) {
            Some(Answer::Sizes { rows, .. }) => readout::vms(rows, f),
            Some(Answer::Growth { months, .. }) => readout::growth(months, aca, f),
            _ => String::new(),
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
            {note(worker, what, move || !idle.get() && !fresh())}
            <div node_ref=top></div>
            {figure(chart, title, caption, surface.canvas, Box::new(read))}
            <div node_ref=bottom></div>
        </div>
    }
    .into_any()
}
