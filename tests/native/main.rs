//! The native integration suite as one test binary (one link instead of a dozen), a module per
//! area: the engine against worked examples, the codec and plan files, the doctor, the day,
//! resilience, prices, every export checked by its own format's rules and the Kubernetes API
//! types, the snapshots of every preset's files, the charts, the CLI, and the house rules
//! (`tidy`). `cargo test` runs it on a fresh clone with nothing else installed; the tests that
//! need a browser or live servers are `tests/browser.rs` and `tests/stack.rs` (ignored by a plain
//! `cargo test`; `scripts/test` runs them).
#![cfg(not(target_arch = "wasm32"))]

mod answer;
mod calibrate;
mod charts;
mod cli;
mod codec;
mod day;
mod doctor;
mod domain;
mod engine;
mod export;
mod k8s;
mod prices;
mod resilience;
mod runway;
mod snapshots;
mod tidy;
mod traffic;
mod vms;
mod worker;
