//! The export panel: a tab per generated file with a live preview, copy, download, and a
//! `.zip` of every file built in the browser.

use super::{browser, PlannerState};
use crate::export;
use leptos::prelude::*;

/// The export panel.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let state = PlannerState::expect_context();
    let selected = RwSignal::new(0usize);
    let copied = RwSignal::new(false);
    // Only the file on show is rendered as the plan changes; the archive renders all on demand.
    let preview = Memo::new(move |_| {
        let (name, render) = export::EXPORTS[selected.get().min(export::EXPORTS.len() - 1)];
        (
            name,
            state
                .plan
                .with(|p| state.report.with(|r| render(p, &r.sizing))),
        )
    });
    let on_copy = move |_| {
        browser::copy(&preview.with_untracked(|(_, text)| text.clone()));
        copied.set(true);
        set_timeout(move || copied.set(false), std::time::Duration::from_secs(3));
    };
    let on_download =
        move |_| preview.with_untracked(|(name, text)| browser::download(name, "text/plain", text));
    // app.env on its own: the file the running app reads, the one most often wanted alone.
    let on_env = move |_| {
        let file = state.plan.with_untracked(|p| {
            state
                .report
                .with_untracked(|r| export::render_one("app.env", p, &r.sizing))
        });
        if let Some(f) = file {
            browser::download(f.name, "text/plain", &f.text);
        }
    };
    let on_all = move |_| {
        let files = state.plan.with_untracked(|p| {
            state
                .report
                .with_untracked(|r| export::render_all(p, &r.sizing))
        });
        browser::download_bytes(
            "headroom-config.zip",
            "application/zip",
            &export::zip::archive(&files),
        );
    };
    view! {
        <section class="exports" aria-label="Exports">
            <h2>"Configuration"</h2>
            <div class="tabs" role="tablist" aria-label="Generated files">
                {export::EXPORTS
                    .iter()
                    .enumerate()
                    .map(|(i, (name, _))| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                data-testid=format!("export-tab-{}", name)
                                aria-selected=move || (selected.get() == i).to_string()
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
                <button type="button" data-testid="export-copy" on:click=on_copy>"Copy"</button>
                <button type="button" data-testid="export-download" on:click=on_download>
                    {move || format!("Download {}", preview.with(|(name, _)| *name))}
                </button>
                <button type="button" data-testid="download-env" on:click=on_env>"Download app.env"</button>
                <button type="button" data-testid="download-all" on:click=on_all>"Download all (.zip)"</button>
                <span class="copied" data-testid="export-copy-status" role="status">{move || if copied.get() { "Copied" } else { "" }}</span>
            </div>
            <pre class="preview" data-testid="export-preview" role="tabpanel" tabindex="0">{move || preview.with(|(_, text)| text.clone())}</pre>
        </section>
    }
}
