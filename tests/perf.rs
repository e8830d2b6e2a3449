//! Interaction latency in real headless Chromium: 50 edits of `peak_rps`, each timed inside the
//! page from the input event to the next painted frame (every chart redrawn), and the time to
//! the first rendered result on load. A benchmark, not a test: it prints figures and asserts
//! nothing about time. Run by `scripts/bench-ui` (ignored in `cargo test`).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::{Browser, Step};

const EDITS: &str = r#"
const done = arguments[arguments.length - 1];
const input = document.querySelector("[name='peak_rps']");
const work = [], frame = [];
const nextFrame = () => new Promise(r => requestAnimationFrame(r));
const sleep = ms => new Promise(r => setTimeout(r, ms));
// A MessageChannel message runs after all pending microtasks (Leptos runs effects there),
// without waiting for a timer or a frame.
const channel = new MessageChannel();
const afterMicrotasks = () => new Promise(r => { channel.port1.onmessage = () => r(); channel.port2.postMessage(0); });
(async () => {
  await nextFrame();
  for (let i = 0; i < 50; i++) {
    // Start at varied points of the frame, as a person's keystrokes do.
    await nextFrame();
    await sleep((i * 7) % 16);
    input.value = String(100 + 7 * (i + 1));
    const t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Work: the handlers, the reactive effects (microtasks) and every canvas draw are done.
    await afterMicrotasks();
    work.push(performance.now() - t0);
    // To the next frame: the first animation frame after that work, i.e. the paint showing it.
    await nextFrame();
    frame.push(performance.now() - t0);
  }
  done([work, frame]);
})();
"#;

#[tokio::test]
#[ignore = "a benchmark: run scripts/bench-ui"]
async fn edit_to_frame_latency() {
    let b = Browser::start().await;
    let r: Step = async {
        let mut loads = Vec::new();
        for _ in 0..5 {
            b.open("?v=1").await?;
            let t = b.js("return performance.getEntriesByName('headroom-first-result')[0].startTime").await?;
            loads.push(t.as_f64().unwrap_or(f64::NAN));
        }
        loads.sort_by(f64::total_cmp);
        // Twice: at the top of the page (results in view, charts below the fold), and scrolled
        // to the charts (the two top charts in view and redrawn on every edit).
        for (place, scroll) in [("results in view", "window.scrollTo(0, 0)"), ("charts in view", "document.querySelector(\"[data-testid='chart-scaling']\").scrollIntoView()")] {
            b.js(&format!("{scroll}; return true")).await?;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            let v = b.client.execute_async(EDITS, vec![]).await.map_err(|e| format!("{e:?}"))?;
            for (k, label) in [(0, "work"), (1, "to next frame")] {
                let mut t: Vec<f64> = v[k].as_array().ok_or("no times")?.iter().filter_map(|x| x.as_f64()).collect();
                t.sort_by(f64::total_cmp);
                let pct = |p: f64| t[((t.len() as f64 - 1.0) * p).round() as usize];
                println!("edits ({place}), {label}: {} edits  median {:.2} ms  p95 {:.2} ms  max {:.2} ms", t.len(), pct(0.5), pct(0.95), pct(1.0));
            }
        }
        println!("first rendered result after navigation start: median {:.0} ms of {:?}", loads[loads.len() / 2], loads);
        Ok(())
    }
    .await;
    b.finish("edit_to_frame_latency", r).await;
}
