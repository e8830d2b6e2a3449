//! The export panel: a tab per generated file with a live preview, copy, download, and a
//! `.zip` of every file. The files are rendered by the worker: the panel asks for them when it
//! comes on screen and again as the plan changes, so Copy and Download use text already there.
//! A Copy whose text arrives after the click can no longer write the clipboard (the click's
//! user activation has lapsed): the button then says so.

use super::worker_client::{note, Kind};
use super::{browser, PlannerState};
use crate::export;
use crate::worker::{Answer, Reply, Request};
use leptos::html;
use leptos::prelude::*;

/// What "Copy" says when the text came after the click: the click's user activation has
/// lapsed, so the clipboard would refuse the text; a second press copies it.
const AGAIN: &str = "Ready — press Copy again";

/// What to do with this plan's files: `true` when they were there at the click.
type WithFiles = Box<dyn FnOnce(&Reply, bool)>;

/// The text of `name` in a reply of files.
fn text_of<'a>(reply: &'a Reply, name: &str) -> Option<&'a str> {
    match &reply.answer {
        Answer::Exports(files) => files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str()),
        _ => None,
    }
}

/// The export panel.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let state = PlannerState::expect_context();
    let worker = state.worker;
    let files = worker.reply(Kind::Exports);
    let selected = RwSignal::new(0usize);
    let said = RwSignal::new("");
    let anchor = NodeRef::<html::Section>::new();
    let shown = browser::on_screen(anchor);
    let name = move || export::NAMES[selected.get().min(export::NAMES.len() - 1)];
    // The files for this plan, asked for while the panel is on screen.
    Effect::new(move |_| {
        let link = state.link.get();
        if shown.get() {
            worker.ask(Request::Exports, link, false);
        }
    });
    // Whether the files there are this plan's.
    let fresh = move || {
        files.with(|f| {
            f.as_ref()
                .is_some_and(|r| state.link.with(|l| *l == r.link))
        })
    };
    // The files of this plan, now or when the worker has them (a click before they came).
    let with_files = move |then: WithFiles| {
        if fresh() {
            files.with_untracked(|f| f.as_ref().map(|r| then(r, true)));
        } else {
            worker.ask_then(
                Request::Exports,
                state.link.get_untracked(),
                true,
                move |r| then(r, false),
            );
        }
    };
    let on_copy = move |_| {
        let name = name();
        said.set("Preparing the file…");
        with_files(Box::new(move |r, at_once| {
            let Some(text) = text_of(r, name) else {
                return;
            };
            if at_once {
                browser::copy(text);
                said.set("Copied");
                set_timeout(move || said.set(""), std::time::Duration::from_secs(3));
            } else {
                // The click's user activation has lapsed: the clipboard would refuse.
                said.set(AGAIN);
            }
        }));
    };
    let download = move |name: &'static str| {
        with_files(Box::new(move |r, _| {
            if let Some(text) = text_of(r, name) {
                browser::download(name, "text/plain", text);
            }
        }));
    };
    let on_download = move |_| download(name());
    // app.env on its own: the file the running app reads, the one most often wanted alone.
    let on_env = move |_| download("app.env");
    let on_all = move |_| {
        worker.ask_then(Request::Zip, state.link.get_untracked(), true, |r| {
            if let Answer::Zip(bytes) = &r.answer {
                browser::download_bytes("headroom-config.zip", "application/zip", bytes);
            }
        });
    };
    // The tabs move with the arrow keys (and Home, End), the focus with them: one tab stop for
    // the list, as a tab list is used from the keyboard.
    let on_tab_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = export::NAMES.len();
        let now = selected.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => (now + 1) % n,
            "ArrowLeft" => (now + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        selected.set(next);
        use wasm_bindgen::JsCast;
        if let Some(tab) = document()
            .query_selector(&format!(
                "[data-testid='export-tab-{}']",
                export::NAMES[next]
            ))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = tab.focus();
        }
    };
    let errors = move || state.report.with(|r| r.errors());
    let preview = move || {
        files.with(|f| match f.as_ref().and_then(|r| text_of(r, name())) {
            Some(text) => text.to_string(),
            None => String::new(),
        })
    };
    view! {
        <section class="exports" aria-label="Exports" node_ref=anchor>
            <h2>"Configuration"</h2>
            {note(worker, "the configuration files", move || !fresh())}
            <p class="note" data-testid="export-errors" class:hidden=move || errors() == 0>
                {move || {
                    let n = errors();
                    format!("This plan has {n} error{} (see Findings): these files deploy it as written, errors included.", if n == 1 { "" } else { "s" })
                }}
            </p>
            <div class="tabs" role="tablist" aria-label="Generated files" on:keydown=on_tab_key>
                {export::NAMES
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                data-testid=format!("export-tab-{}", name)
                                aria-selected=move || (selected.get() == i).to_string()
                                tabindex=move || if selected.get() == i { "0" } else { "-1" }
                                class:active=move || selected.get() == i
                                on:click=move |_| selected.set(i)
                            >
                                {*name}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="export-actions">
                <button type="button" data-testid="export-copy" on:click=on_copy>
                    {move || if said.get() == AGAIN { AGAIN } else { "Copy" }}
                </button>
                <button type="button" data-testid="export-download" on:click=on_download>
                    {move || format!("Download {}", name())}
                </button>
                <button type="button" data-testid="download-env" on:click=on_env>"Download app.env"</button>
                <button type="button" data-testid="download-all" on:click=on_all>"Download all (.zip)"</button>
                <span class="copied" data-testid="export-copy-status">{move || if said.get() == AGAIN { "" } else { said.get() }}</span>
            </div>
            <pre class="preview" data-testid="export-preview" role="tabpanel" tabindex="0">{preview}</pre>
        </section>
    }
}
