//! The outside world: the page URL, localStorage, the clipboard, the screen and downloads.

use crate::plan::Plan;
use crate::share::{self, Problem};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// The localStorage key of the last plan's canonical query.
const LAST_PLAN_KEY: &str = "headroom.last";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Where the page starts.
pub struct Start {
    /// The plan.
    pub plan: Plan,
    /// The pinned plan, from the link's `pin`.
    pub pin: Option<Plan>,
    /// What was wrong with the link.
    pub problems: Vec<Problem>,
}

/// The plan to start with: the page's link when it has a query, else the last plan seen here
/// (localStorage), else the default; with the problems of the page's link.
pub fn initial_plan() -> Start {
    let search = window().location().search().unwrap_or_default();
    let from_link = !search.trim_start_matches('?').is_empty();
    let query = if from_link {
        search
    } else {
        storage()
            .and_then(|s| s.get_item(LAST_PLAN_KEY).ok().flatten())
            .unwrap_or_default()
    };
    let decoded = share::decode(&query);
    let mut problems = if from_link {
        decoded.problems
    } else {
        Vec::new()
    };
    let pin = decoded.pin.map(|q| {
        let d = share::decode(&q);
        problems.extend(d.problems.into_iter().map(|p| Problem {
            param: format!("pin.{}", p.param),
            message: p.message,
        }));
        d.plan
    });
    Start {
        plan: decoded.plan,
        pin,
        problems,
    }
}

/// Puts the canonical query in the address bar (replacing, not pushing) and in localStorage.
pub fn remember_link(query: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("?{}", query)));
    }
    if let Some(s) = storage() {
        let _ = s.set_item(LAST_PLAN_KEY, query);
    }
}

/// The page's full share URL for a query.
pub fn share_url(query: &str) -> String {
    let loc = window().location();
    format!(
        "{}{}?{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        query
    )
}

/// Copies text to the clipboard (the promise is left to settle on its own).
pub fn copy(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}

/// Whether the system asks for dark colours.
pub fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Device pixels per CSS pixel.
pub fn pixel_ratio() -> f64 {
    window().device_pixel_ratio().max(1.0)
}

/// Bumps `viewport` when the window is resized or the colour scheme changes.
pub fn watch_viewport(viewport: RwSignal<u64>) {
    let handle = window_event_listener(leptos::ev::resize, move |_| viewport.update(|v| *v += 1));
    std::mem::forget(handle); // lives as long as the page
    if let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") {
        let on_change =
            wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || viewport.update(|v| *v += 1));
        let _ =
            query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
}

/// Tracks whether an element is on screen, so work for it (a chart's drawing, a preview's text)
/// can wait until it scrolls into view.
pub fn on_screen<E>(node: NodeRef<E>) -> RwSignal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let visible = RwSignal::new(false);
    node.on_load(move |el| {
        let callback = wasm_bindgen::closure::Closure::<dyn Fn(js_sys::Array)>::new(
            move |entries: js_sys::Array| {
                if let Some(entry) = entries
                    .iter()
                    .last()
                    .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                {
                    visible.set(entry.is_intersecting());
                }
            },
        );
        if let Ok(observer) = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref())
        {
            observer.observe(el.unchecked_ref());
        }
        callback.forget(); // lives as long as the page
    });
    visible
}

/// Offers a URL (object or data URL) as a file download.
pub fn download_url(name: &str, url: &str) {
    let Some(anchor) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    anchor.set_href(url);
    anchor.set_download(name);
    anchor.click();
}

/// Offers `text` as a file download, made in the browser from a Blob.
pub fn download(name: &str, mime: &str, text: &str) {
    download_parts(name, mime, &js_sys::Array::of1(&JsValue::from_str(text)));
}

/// Offers bytes as a file download, made in the browser from a Blob.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    download_parts(
        name,
        mime,
        &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)),
    );
}

/// Makes a Blob of `parts`, offers it as `name`, and frees its URL later.
fn download_parts(name: &str, mime: &str, parts: &js_sys::Array) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_blob_sequence_and_options(parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    download_url(name, &url);
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(30),
    );
}
