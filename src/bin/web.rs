//! The browser entry point: Trunk builds this binary for wasm32 and mounts the app.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(headroom::app::App);
    // Mounting renders the first result synchronously: mark it for the load-time benchmark.
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("headroom-first-result");
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "headroom-web is the browser build (trunk build); natively, use the `headroom` command."
    );
    std::process::exit(2);
}
