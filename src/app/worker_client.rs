//! The page's side of its worker (`crate::worker`, built as `src/bin/worker.rs`): the worker is
//! spawned as a module worker from the URL the build writes into `<meta name="headroom-worker">`,
//! at the first idle moment after the first answer is painted, or at once when a user asks for
//! what it does (a file chosen, a download). Requests wait until its `ready` message (whose
//! build must be the page's own); of each kind one is in flight at a time and only the newest
//! waits behind it, so typing never queues stale work. No `ready` within 10 s, a load error or
//! an unreadable message is a failure: every section that needs the worker says so, with a
//! retry, and the rest of the page carries on.

use super::wire;
pub use crate::worker::Kind;
use crate::worker::{Asked, Message, Reply, Request, BUILD};
use leptos::prelude::*;
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Where the worker is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Not spawned yet: it comes after the first answer.
    Waiting,
    /// Spawned; its `ready` has not come.
    Loading,
    /// Answering.
    Ready,
    /// It did not load or stopped answering, and why.
    Failed(String),
}

const KINDS: usize = Kind::COUNT;

/// The worker as the page's sections see it: its status and each kind's last reply.
#[derive(Clone, Copy)]
pub struct WorkerClient {
    /// Where the worker is.
    pub status: RwSignal<Status>,
    replies: [RwSignal<Option<Reply>>; KINDS],
}

/// What to do with the reply to one request.
type Then = Box<dyn FnOnce(&Reply)>;

/// What only the client's callbacks touch.
#[derive(Default)]
struct Inner {
    worker: Option<web_sys::Worker>,
    ready: bool,
    next_id: f64,
    /// Per kind, the newest request (sent or waiting).
    latest: [Option<Asked>; KINDS],
    /// Per kind, the id of the request in flight (0: none).
    in_flight: [f64; KINDS],
    /// Per kind, the id of the last request sent.
    sent: [f64; KINDS],
    /// What to do with the reply to a request, by its id.
    then: Vec<(f64, Then)>,
    /// Kept alive while the worker is.
    callbacks: Vec<Closure<dyn FnMut(JsValue)>>,
    timer: Option<TimeoutHandle>,
}

thread_local! {
    static INNER: RefCell<Inner> = RefCell::new(Inner::default());
}

/// The worker's URL, as the build wrote it.
fn worker_url() -> Option<String> {
    document()
        .query_selector("meta[name=headroom-worker]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|u| !u.is_empty())
}

impl WorkerClient {
    /// A client with no worker yet.
    pub fn new() -> Self {
        WorkerClient {
            status: RwSignal::new(Status::Waiting),
            replies: std::array::from_fn(|_| RwSignal::new(None)),
        }
    }

    /// The last reply of a kind (for any plan: compare its link).
    pub fn reply(&self, kind: Kind) -> RwSignal<Option<Reply>> {
        self.replies[kind as usize]
    }

    /// Asks for `request` on the plan `link`; `now` spawns the worker if it is not there yet (a
    /// user's action), else the request waits for it. The same request as the newest of its
    /// kind is not sent again. Returns the request's id.
    pub fn ask(&self, request: Request, link: String, now: bool) -> f64 {
        let kind = request.kind() as usize;
        let (id, spawn) = INNER.with_borrow_mut(|inner| {
            let same = inner.latest[kind]
                .as_ref()
                .filter(|a| a.link == link && a.request == request)
                .map(|a| a.id);
            let id = same.unwrap_or_else(|| {
                inner.next_id += 1.0;
                let id = inner.next_id;
                inner.latest[kind] = Some(Asked { id, link, request });
                id
            });
            (id, inner.worker.is_none())
        });
        if spawn {
            if now && !matches!(self.status.get_untracked(), Status::Failed(_)) {
                self.spawn();
            }
        } else {
            self.pump();
        }
        id
    }

    /// [`WorkerClient::ask`], then `done` with the reply, once (at once if it is there).
    pub fn ask_then(
        &self,
        request: Request,
        link: String,
        now: bool,
        done: impl FnOnce(&Reply) + 'static,
    ) {
        let kind = request.kind() as usize;
        let id = self.ask(request, link, now);
        let there = self.replies[kind].with_untracked(|r| r.as_ref().is_some_and(|r| r.id == id));
        if there {
            self.replies[kind].with_untracked(|r| r.as_ref().map(done));
        } else {
            INNER.with_borrow_mut(|inner| inner.then.push((id, Box::new(done))));
        }
    }

    /// Spawns the worker when the page is first idle after the first answer is painted (or a
    /// second after it where the browser has no idle callback).
    pub fn start_when_idle(self) {
        request_animation_frame(move || {
            // A task queued from the frame's callback runs after that frame is painted.
            set_timeout(
                move || {
                    let start = Closure::once_into_js(move || {
                        if self.status.get_untracked() == Status::Waiting {
                            self.spawn();
                        }
                    });
                    let idle = js_sys::Reflect::get(&window(), &"requestIdleCallback".into())
                        .ok()
                        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
                    let options = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &1000.into());
                    let called = idle.is_some_and(|f| f.call2(&window(), &start, &options).is_ok());
                    if !called {
                        let start: js_sys::Function = start.unchecked_into();
                        let _ = window()
                            .set_timeout_with_callback_and_timeout_and_arguments_0(&start, 1000);
                    }
                },
                Duration::ZERO,
            );
        });
    }

    /// Spawns the worker again after a failure; what was asked last of each kind is sent again.
    pub fn retry(&self) {
        self.spawn();
    }

    fn spawn(&self) {
        let me = *self;
        let Some(url) = worker_url() else {
            self.fail("the page names no worker file".into());
            return;
        };
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = match web_sys::Worker::new_with_options(&url, &options) {
            Ok(w) => w,
            Err(_) => {
                self.fail("the browser would not start it".into());
                return;
            }
        };
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
            let data = js_sys::Reflect::get(&ev, &"data".into()).unwrap_or(JsValue::NULL);
            me.received(wire::from_js(&data));
        });
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            me.fail("its files did not load or it stopped".into());
        });
        let on_message_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            me.fail("a message from it could not be read".into());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_message_error.as_ref().unchecked_ref()));
        let timer = set_timeout_with_handle(
            move || {
                if me.status.get_untracked() == Status::Loading {
                    me.fail("it did not start within 10 s".into());
                }
            },
            Duration::from_secs(10),
        )
        .ok();
        INNER.with_borrow_mut(|inner| {
            inner.worker = Some(worker);
            inner.ready = false;
            inner.in_flight = [0.0; KINDS];
            inner.sent = [0.0; KINDS];
            inner.callbacks = vec![on_message, on_error, on_message_error];
            inner.timer = timer;
        });
        self.status.set(Status::Loading);
    }

    fn fail(&self, why: String) {
        let worker = INNER.with_borrow_mut(|inner| {
            inner.ready = false;
            if let Some(t) = inner.timer.take() {
                t.clear();
            }
            inner.worker.take()
        });
        if let Some(w) = worker {
            w.terminate();
        }
        self.status.set(Status::Failed(why));
    }

    /// Sends, for each kind with nothing in flight, its newest request if it was not sent.
    fn pump(&self) {
        INNER.with_borrow_mut(|inner| {
            if !inner.ready {
                return;
            }
            let Some(worker) = inner.worker.clone() else {
                return;
            };
            for k in 0..KINDS {
                let Some(asked) = inner.latest[k].as_ref() else {
                    continue;
                };
                let due = inner.in_flight[k] == 0.0 && asked.id > inner.sent[k];
                if due
                    && worker
                        .post_message(&wire::to_js(&asked.to_message()))
                        .is_ok()
                {
                    inner.in_flight[k] = asked.id;
                    inner.sent[k] = asked.id;
                }
            }
        });
    }

    fn received(&self, m: Message) {
        if m.text("kind") == Some("ready") {
            if m.text("build") != Some(BUILD) {
                self.fail("it is from another version of Headroom: reload the page".into());
                return;
            }
            INNER.with_borrow_mut(|inner| {
                inner.ready = true;
                if let Some(t) = inner.timer.take() {
                    t.clear();
                }
            });
            // For the load-time benchmark (tests/perf.rs).
            if let Some(perf) = window().performance() {
                let _ = perf.mark("headroom-worker-ready");
            }
            self.status.set(Status::Ready);
            self.pump();
            return;
        }
        let Some(reply) = Reply::from_message(&m) else {
            self.fail("a message from it could not be read".into());
            return;
        };
        let kind = INNER.with_borrow_mut(|inner| {
            let k = (0..KINDS).find(|&k| inner.sent[k] == reply.id)?;
            inner.in_flight[k] = 0.0;
            Some(k)
        });
        let then = INNER.with_borrow_mut(|inner| {
            let at = inner.then.iter().position(|(id, _)| *id == reply.id)?;
            Some(inner.then.swap_remove(at).1)
        });
        if let Some(done) = then {
            done(&reply);
        }
        if let Some(k) = kind {
            self.replies[k].set(Some(reply));
        }
        self.pump();
    }
}

/// A section's word on the worker: while it loads, that `what` is loading (when the section
/// `wants` something of it); after a failure, one sentence and a retry button.
pub fn note(
    worker: WorkerClient,
    what: &'static str,
    wants: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        match worker.status.get() {
        Status::Ready => None,
        Status::Failed(why) => Some(
            view! {
                <p class="error" data-testid="worker-status">
                    {format!("{what} could not be loaded: {why}. The answer and the rest of the page still work. ")}
                    <button type="button" data-testid="worker-retry" on:click=move |_| worker.retry()>"Retry"</button>
                </p>
            }
            .into_any(),
        ),
        _ if wants() => Some(
            view! { <p class="note" data-testid="worker-status">{format!("Loading {what}…")}</p> }
                .into_any(),
        ),
        _ => None,
    }
    }
}
