//! The outside world: the page URL, localStorage and file downloads.

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

/// The plan to start with: the page's link when it has a query, else the last plan seen here,
/// else the default; with the problems of the page's link.
pub fn initial_plan() -> (Plan, Vec<Problem>) {
    let search = window().location().search().unwrap_or_default();
    if !search.trim_start_matches('?').is_empty() {
        let decoded = share::decode(&search);
        return (decoded.plan, decoded.problems);
    }
    let last = storage().and_then(|s| s.get_item(LAST_PLAN_KEY).ok().flatten());
    (
        last.map(|q| share::decode(&q).plan).unwrap_or_default(),
        Vec::new(),
    )
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

/// Offers `text` as a file download, made in the browser from a Blob.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Some(anchor) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(30),
    );
}
