//! Headroom: a capacity planner for web-API deployments.
//!
//! See `ARCHITECTURE.md` for the map. The pure core (`plan`, `engine`, `doctor`, `share`) compiles
//! everywhere and never touches the browser; `app` is the Leptos UI, compiled only for wasm32.
#![forbid(unsafe_code)]

pub mod buying;
pub mod charts;
pub mod doctor;
pub mod engine;
pub mod export;
pub mod plan;
pub mod report;
pub mod resilience;
pub mod share;
pub mod sim;

#[cfg(target_arch = "wasm32")]
pub mod app;
