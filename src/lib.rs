//! Headroom: a capacity planner for web-API deployments.
//!
//! See `ARCHITECTURE.md` for the map. Every module but `app` is the pure core, lowest layer
//! first: `plan` (the inputs), `share` (links, plan files, presets) and `engine` (sizing), `sim`
//! (the day), `resilience` (failures) and `measure` (load tests read back), `doctor`
//! (findings) and `buying` (commitments),
//! `report` (what the shells show), `export` (the files), `decide` (rankings and runways) and
//! `charts`, and `worker` (what the page's worker answers). It compiles everywhere
//! and never touches the browser; `app` is the Leptos UI, compiled only for wasm32, and
//! `src/bin/headroom/` the CLI.
#![forbid(unsafe_code)]

pub mod buying;
pub mod charts;
pub mod decide;
pub mod doctor;
pub mod engine;
pub mod export;
pub mod measure;
pub mod plan;
pub mod report;
pub mod resilience;
pub mod share;
pub mod sim;
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod app;
