//! The outside world: the page URL, localStorage, the clipboard, the screen and downloads.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The localStorage key of the last plan's canonical query.
const LAST_PLAN_KEY: &str = "headroom.last";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The page's query string (`?v=1&…`, or empty).
pub fn search() -> String {
    window().location().search().unwrap_or_default()
}

/// The last plan's canonical query stored in this browser, if any.
pub fn stored_link() -> Option<String> {
    storage().and_then(|s| s.get_item(LAST_PLAN_KEY).ok().flatten())
}

/// Takes the keyboard focus from whatever element has it (its blur handlers run now).
pub fn blur_focused() {
    if let Some(e) = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = e.blur();
    }
}

/// Puts the canonical query in the address bar and in localStorage: a new history entry
/// (`push`, a settled change Back returns from) or in the current one's place.
pub fn remember_link(query: &str, push: bool) {
    if let Ok(history) = window().history() {
        let url = format!("?{}", query);
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
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

/// What the charts need to know of the window: its size and colour scheme. `changed` fires
/// when either changes; `generation` counts the changes, so a chart measures its canvas (which
/// forces a layout of the page) only when the window has changed since it last did.
#[derive(Clone, Copy)]
pub struct Viewport {
    /// Fires on a resize or a colour-scheme change.
    pub changed: Trigger,
    generation: StoredValue<u64>,
}

impl Viewport {
    /// Listens to resizes and colour-scheme changes for as long as the calling owner lives.
    pub fn watch() -> Self {
        let viewport = Viewport {
            changed: Trigger::new(),
            generation: StoredValue::new(0),
        };
        let bump = move || {
            viewport.generation.update_value(|g| *g += 1);
            viewport.changed.notify();
        };
        let resize = window_event_listener(leptos::ev::resize, move |_| bump());
        let scheme = StoredValue::new_local(
            window()
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
                .map(|query| {
                    let on_change = Closure::<dyn Fn()>::new(bump);
                    let _ = query.add_event_listener_with_callback(
                        "change",
                        on_change.as_ref().unchecked_ref(),
                    );
                    (query, on_change)
                }),
        );
        on_cleanup(move || {
            resize.remove();
            if let Some((query, on_change)) = scheme.try_update_value(Option::take).flatten() {
                let _ = query.remove_event_listener_with_callback(
                    "change",
                    on_change.as_ref().unchecked_ref(),
                );
            }
        });
        viewport
    }

    /// Subscribes the running effect to changes and returns the current generation.
    pub fn track(self) -> u64 {
        self.changed.track();
        self.generation.get_value()
    }
}

/// Whether an element is on screen, so work for it (a chart's drawing, a preview's text) can
/// wait until it scrolls into view. The observer stops when the calling owner is cleaned up.
pub fn on_screen<E>(node: NodeRef<E>) -> ReadSignal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let (visible, set_visible) = signal(false);
    let observer = StoredValue::new_local(
        None::<(
            web_sys::IntersectionObserver,
            Closure<dyn Fn(js_sys::Array)>,
        )>,
    );
    node.on_load(move |el| {
        let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            {
                set_visible.set(entry.is_intersecting());
            }
        });
        if let Ok(o) = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
            o.observe(el.unchecked_ref());
            observer.set_value(Some((o, callback)));
        }
    });
    on_cleanup(move || {
        if let Some((o, _callback)) = observer.try_update_value(Option::take).flatten() {
            o.disconnect();
        }
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
