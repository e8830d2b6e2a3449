//! The page's worker: Trunk builds this binary for wasm32 as a module Web Worker, which the page
//! spawns after its first answer. It answers each request with `worker::handle` (exports,
//! imports and fits, the node-size ranking, the growth runway), after a first `ready` message
//! that names its build. Natively it is a stub that points to the CLI.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    use headroom::app::wire;
    use headroom::worker::{handle, ready, Answer, Asked, Reply};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let m = wire::from_js(&ev.data());
            let reply = match Asked::from_message(&m) {
                Ok(asked) => handle(&asked),
                Err(e) => Reply {
                    id: m.number("id").unwrap_or(0.0),
                    link: String::new(),
                    answer: Answer::Refused(e),
                },
            };
            let _ = post.post_message(&wire::to_js(&reply.to_message()));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&wire::to_js(&ready()));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "headroom-worker is the page's worker (trunk build); natively, use the `headroom` command."
    );
    std::process::exit(2);
}
