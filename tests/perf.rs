//! Interaction latency in real headless Chromium, and the time to the first rendered result on
//! load. A benchmark, not a test: it prints figures and asserts nothing about time. Run by
//! `scripts/bench-ui` (ignored in `cargo test`).
//!
//! For 50 edits of `peak_rps`, at the top of the page and scrolled to the charts, it reports:
//! - work: from the input event until its handlers, the reactive effects and every canvas draw
//!   are done;
//! - input at frame start to painted: the edit made inside an animation-frame callback, timed
//!   until that frame's style, layout and paint are done. All of the app's work and the
//!   browser's rendering of the result are in it, with no waiting for the display; this is the
//!   figure the budget (p95 ≤ 16 ms, one frame at 60 Hz) is held to;
//! - to next frame: edits at varied points of the frame, as keystrokes come, timed to the next
//!   animation frame after the work. It includes waiting for that frame, up to one refresh
//!   interval (16.7 ms), so an edit right after a frame reads ≈ 16.5 ms however little work it
//!   does; a value above 16.7 ms means the work delayed a frame.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use std::collections::HashMap;
use support::{Browser, Step};

const EDITS: &str = r#"
const done = arguments[arguments.length - 1];
const input = document.querySelector("[name='peak_rps']");
const work = [], frame = [], painted = [];
const nextFrame = () => new Promise(r => requestAnimationFrame(r));
const sleep = ms => new Promise(r => setTimeout(r, ms));
// A MessageChannel message runs after all pending microtasks (Leptos runs effects there),
// without waiting for a timer or a frame; posted from a frame callback, it runs once that
// frame's style, layout and paint are done.
const channel = new MessageChannel();
const nextTask = () => new Promise(r => { channel.port1.onmessage = () => r(); channel.port2.postMessage(0); });
const edit = i => { input.value = String(100 + 7 * i); input.dispatchEvent(new Event('input', { bubbles: true })); };
(async () => {
  await nextFrame();
  // 1. Edits at varied points of the frame, as a person's keystrokes come: the time to the
  //    next frame includes waiting for that frame (up to one refresh interval, 16.7 ms).
  for (let i = 0; i < 50; i++) {
    await nextFrame();
    await sleep((i * 7) % 16);
    const t0 = performance.now();
    edit(i + 1);
    // Work: the handlers, the reactive effects (microtasks) and every canvas draw are done.
    await nextTask();
    work.push(performance.now() - t0);
    // The first animation frame after that work: the frame that paints it.
    await nextFrame();
    frame.push(performance.now() - t0);
  }
  // 2. Edits at the start of a frame (inside its animation-frame callback), timed until that
  //    frame is painted: the app's work plus the browser's style, layout and paint of the
  //    result, with no waiting for the display in it.
  for (let i = 0; i < 50; i++) {
    await sleep(20);
    painted.push(await new Promise(res => requestAnimationFrame(() => {
      const t0 = performance.now();
      edit(60 + i);
      const c = new MessageChannel();
      c.port1.onmessage = () => res(performance.now() - t0);
      c.port2.postMessage(0);
    })));
  }
  done([work, frame, painted]);
})();
"#;

/// Records when `[data-testid=web-replicas-max]` first has text, and when the Node size table
/// is first filled ("Ranked for this plan."), in ms from navigation start; installed before any
/// of the page's own scripts run.
const FIRST_RESULT: &str = r#"
new MutationObserver((_, obs) => {
  const el = document.querySelector("[data-testid='web-replicas-max']");
  if (el && el.textContent.trim() !== '') { window.__firstResult = performance.now(); obs.disconnect(); }
}).observe(document, { childList: true, subtree: true, characterData: true });
new MutationObserver((_, obs) => {
  const el = document.querySelector("[data-testid='vms-status']");
  if (el && el.textContent.startsWith('Ranked')) { window.__sizesFilled = performance.now(); obs.disconnect(); }
}).observe(document, { childList: true, subtree: true, characterData: true });
"#;

/// Opens the Node size section and scrolls it into view, as a reader would once the answer is
/// there: the section asks the worker for the ranking while it is on screen.
const SHOW_SIZES: &str = r#"
const s = document.querySelector("[data-testid='section-sizes']");
if (s) { s.open = true; s.scrollIntoView(); }
return !!s;
"#;

/// The time to the first rendered result on a slow connection, the bundle served compressed
/// (gzip, as the test server serves `dist/`'s `.gz` copies): Lighthouse's nominal Slow 4G
/// (150 ms latency, 200,000 B/s down, 93,750 B/s up) through DevTools' network emulation, the
/// CPU slowed 4×, the cache disabled, a 1440×1000 window; from navigation until
/// `[data-testid=web-replicas-max]` has text. The median of 5 loads; budget 2.3 s, goal 2.0 s.
/// Reported beside it, not budgeted: the time to the worker's `ready` (the page's
/// `headroom-worker-ready` mark), and to the Node size table filled, its section opened and
/// scrolled into view as soon as the answer is there.
#[tokio::test]
#[ignore = "a benchmark: run scripts/bench-ui"]
async fn first_result_on_a_slow_connection() {
    let b = Browser::start_sized(1440, 1000).await;
    let r: Step = async {
        b.cdp("Network.enable", json!({})).await?;
        b.cdp("Network.setCacheDisabled", json!({"cacheDisabled": true})).await?;
        b.cdp(
            "Network.emulateNetworkConditions",
            json!({"offline": false, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 93_750}),
        )
        .await?;
        b.cdp("Emulation.setCPUThrottlingRate", json!({"rate": 4})).await?;
        b.cdp("Page.enable", json!({})).await?;
        b.cdp("Page.addScriptToEvaluateOnNewDocument", json!({"source": FIRST_RESULT})).await?;
        let (mut loads, mut ready, mut sizes) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..5 {
            b.open("?v=1").await?;
            let t = b.wait_js("the first result's time", "return window.__firstResult !== undefined").await;
            t?;
            let t = b.js("return window.__firstResult").await?;
            loads.push(t.as_f64().unwrap_or(f64::NAN));
            b.js(SHOW_SIZES).await?;
            // A build from before the worker (measured for comparison) has neither figure.
            if b.js("return !!document.querySelector('meta[name=headroom-worker]')").await?.as_bool() != Some(true) {
                continue;
            }
            b.wait_js("the worker's ready", "return performance.getEntriesByName('headroom-worker-ready').length > 0").await?;
            let t = b.js("return performance.getEntriesByName('headroom-worker-ready')[0].startTime").await?;
            ready.push(t.as_f64().unwrap_or(f64::NAN));
            b.wait_js("the Node size table", "return window.__sizesFilled !== undefined").await?;
            let t = b.js("return window.__sizesFilled").await?;
            sizes.push(t.as_f64().unwrap_or(f64::NAN));
        }
        let encoded = b.js("return performance.getEntriesByType('resource').filter(e => e.name.endsWith('.wasm')).map(e => [e.transferSize, e.decodedBodySize])[0]").await?;
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
        };
        let (l, r, s) = (median(&mut loads), median(&mut ready), median(&mut sizes));
        println!(
            "\nfirst result on a slow connection (Slow 4G, CPU 4x, gzip): median {:.0} ms of {:?}; the wasm [on the wire, decoded] bytes: {}",
            l,
            loads.iter().map(|t| t.round()).collect::<Vec<_>>(),
            encoded
        );
        println!(
            "first worker ready on the slow connection: median {r:.0} ms of {:?}; the Node size table filled (section opened at the answer): median {s:.0} ms of {:?}",
            ready.iter().map(|t| t.round()).collect::<Vec<_>>(),
            sizes.iter().map(|t| t.round()).collect::<Vec<_>>()
        );
        Ok(())
    }
    .await;
    b.finish("first_result_on_a_slow_connection", r).await;
}

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
        // At the top of the page (results in view, charts below the fold), scrolled to the
        // charts (the two top charts in view and redrawn on every edit), and scrolled to the
        // day chart (at 1280×900, 1440×1000 and 1920×1080, common desktops).
        let places = [
            ("results in view", "window.scrollTo(0, 0); document.querySelector('.outputs').scrollTop = 0"),
            ("charts in view", "document.querySelector(\"[data-testid='chart-scaling']\").scrollIntoView()"),
            ("day chart in view", "document.querySelector(\"[data-testid='chart-day']\").scrollIntoView({ block: 'center' })"),
        ];
        for (w, h) in [(1280u32, 900u32), (1440, 1000), (1920, 1080)] {
            b.client.set_window_size(w, h).await.map_err(|e| format!("{e:?}"))?;
            b.open("?v=1").await?;
            let inner = b.js("return innerWidth + '×' + innerHeight").await?;
            println!("window {w}×{h}: the page is {inner} CSS px");
            for (place, scroll) in places {
                // 1440×1000: the top charts in view (where an outside harness measured the edit);
                // 1920×1080: the day chart.
                let wanted = match w {
                    1280 => true,
                    1440 => place == "charts in view",
                    _ => place == "day chart in view",
                };
                if !wanted {
                    continue;
                }
                b.js(&format!("{scroll}; return true")).await?;
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                let v = b.client.execute_async(EDITS, vec![]).await.map_err(|e| format!("{e:?}"))?;
                for (k, label) in [(0, "work"), (1, "to next frame"), (2, "input at frame start to painted")] {
                    let mut t: Vec<f64> = v[k].as_array().ok_or("no times")?.iter().filter_map(|x| x.as_f64()).collect();
                    t.sort_by(f64::total_cmp);
                    let pct = |p: f64| t[((t.len() as f64 - 1.0) * p).round() as usize];
                    println!("edits ({place}, {w}×{h}), {label}: {} edits  median {:.2} ms  p95 {:.2} ms  max {:.2} ms", t.len(), pct(0.5), pct(0.95), pct(1.0));
                }
            }
        }
        println!("first rendered result after navigation start: median {:.0} ms of {:?}", loads[loads.len() / 2], loads);
        Ok(())
    }
    .await;
    b.finish("edit_to_frame_latency", r).await;
}

/// Where the time of the edits goes, with the charts in view: the browser's own accounting
/// (DevTools `Performance.getMetrics`), the main thread's trace events per edit (layout, paint,
/// commit, script), and a CPU profile summed by function (self time, and total time including
/// callees). Run by `scripts/profile-ui`, which serves a build that keeps the wasm's function
/// names and sets `HEADROOM_TRACE`. `HEADROOM_EXTRA_CSS` adds a style sheet first: a quick way
/// to try a CSS change (containment, hiding a part) before making it.
#[tokio::test]
#[ignore = "a profile: run scripts/profile-ui"]
async fn edit_profile() {
    let b = Browser::start().await;
    let r: Step = async {
        b.open("?v=1").await?;
        let css = serde_json::to_string(&std::env::var("HEADROOM_EXTRA_CSS").unwrap_or_default()).map_err(|e| e.to_string())?;
        b.js(&format!("const s = document.createElement('style'); s.textContent = {css}; document.head.append(s); return true")).await?;
        b.js("document.querySelector(\"[data-testid='chart-scaling']\").scrollIntoView(); return true").await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let edits = 100.0; // EDITS makes 100 edits: 50 at varied frame phases, 50 at frame starts
        b.cdp("Performance.enable", json!({})).await?;
        let before = b.cdp("Performance.getMetrics", json!({})).await?;
        b.js("performance.mark('edits-start'); return true").await?;
        b.client.execute_async(EDITS, vec![]).await.map_err(|e| format!("{e:?}"))?;
        let after = b.cdp("Performance.getMetrics", json!({})).await?;
        let metric = |m: &Value, name: &str| m["metrics"].as_array().and_then(|a| a.iter().find(|x| x["name"] == name)).and_then(|x| x["value"].as_f64()).unwrap_or(f64::NAN);
        println!("--- browser accounting per edit (Performance.getMetrics)");
        for name in ["RecalcStyleDuration", "LayoutDuration", "ScriptDuration", "TaskDuration"] {
            println!("{:8.2} ms  {name}", (metric(&after, name) - metric(&before, name)) * 1000.0 / edits);
        }
        println!("{:8.0}     DOM nodes", metric(&after, "Nodes"));
        let all = b.trace_events().await?;
        let start = all.iter().find(|e| e["name"] == "edits-start").and_then(|e| e["ts"].as_f64());
        match start {
            None => println!("--- no trace (start the browser with HEADROOM_TRACE set)"),
            Some(start) => {
                let events: Vec<&Value> = all.iter().filter(|e| e["ts"].as_f64().is_some_and(|t| t >= start)).collect();
                let main = events.iter().find(|e| e["name"] == "Layout").and_then(|e| e["tid"].as_u64());
                let mut by_name = HashMap::<String, (f64, u32)>::new();
                for e in events.iter().filter(|e| e["ph"] == "X" && e["tid"].as_u64() == main) {
                    let d = by_name.entry(e["name"].as_str().unwrap_or("?").to_string()).or_default();
                    d.0 += e["dur"].as_f64().unwrap_or(0.0) / 1000.0 / edits;
                    d.1 += 1;
                }
                let mut v: Vec<_> = by_name.into_iter().collect();
                v.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0));
                println!("--- main-thread trace events per edit (nested events overlap)");
                for (n, (ms, count)) in v.into_iter().take(14) {
                    println!("{ms:8.2} ms  {count:6}x  {n}");
                }
            }
        }
        b.cdp("Profiler.enable", json!({})).await?;
        b.cdp("Profiler.setSamplingInterval", json!({"interval": 50})).await?;
        b.cdp("Profiler.start", json!({})).await?;
        b.client.execute_async(EDITS, vec![]).await.map_err(|e| format!("{e:?}"))?;
        let out = b.cdp("Profiler.stop", json!({})).await?;
        let profile = &out["profile"];
        let mut name = HashMap::new();
        let mut parent = HashMap::new();
        for n in profile["nodes"].as_array().ok_or("no nodes")? {
            let id = n["id"].as_u64().ok_or("node id")?;
            let f = &n["callFrame"];
            name.insert(id, format!("{} {}", f["functionName"].as_str().unwrap_or("?"), f["url"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("")));
            for c in n["children"].as_array().into_iter().flatten() {
                parent.insert(c.as_u64().ok_or("child id")?, id);
            }
        }
        let samples = profile["samples"].as_array().ok_or("no samples")?;
        let deltas = profile["timeDeltas"].as_array().ok_or("no deltas")?;
        let (mut own, mut total) = (HashMap::<&str, f64>::new(), HashMap::<&str, f64>::new());
        // A sample's time is the gap to the next one.
        for (i, s) in samples.iter().enumerate() {
            let dt = deltas.get(i + 1).and_then(|d| d.as_f64()).unwrap_or(0.0) / 1000.0 / edits;
            let mut id = s.as_u64().ok_or("sample")?;
            *own.entry(&name[&id]).or_default() += dt;
            let mut seen = std::collections::HashSet::new();
            loop {
                if seen.insert(&name[&id]) {
                    *total.entry(&name[&id]).or_default() += dt;
                }
                match parent.get(&id) {
                    Some(p) => id = *p,
                    None => break,
                }
            }
        }
        for (title, map) in [("self", &own), ("total", &total)] {
            let mut v: Vec<_> = map.iter().collect();
            v.sort_by(|a, b| b.1.total_cmp(a.1));
            println!("--- CPU profile: {title} time per edit");
            for (n, t) in v.into_iter().take(40) {
                println!("{t:8.3} ms  {}", n.chars().take(160).collect::<String>());
            }
        }
        Ok(())
    }
    .await;
    b.finish("edit_profile", r).await;
}

/// The longest the page is busy at a time while it imports a 64 MiB traffic file (issue 26's
/// budget: no more than a second at a time): the longest task the browser reports
/// (`PerformanceObserver`, `longtask`) from choosing the file until the summary shows.
#[tokio::test]
#[ignore = "a benchmark: run scripts/bench-ui"]
async fn importing_64_mib_of_traffic() {
    let b = Browser::start().await;
    let r: Step = async {
        let dir = std::env::temp_dir().join(format!("headroom-64mib-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join("big.csv");
        let mut text = String::from("timestamp,host,count_\n");
        let mut m: u64 = 0;
        while text.len() < (64 << 20) - 64 {
            text += &format!("{},web-{},{}\n", 1_796_083_200 + (m / 4) * 15, m % 4, 100 + m % 37);
            m += 1;
        }
        std::fs::write(&path, &text).map_err(|e| e.to_string())?;
        b.open("").await?;
        b.js("window.__long = []; new PerformanceObserver(l => l.getEntries().forEach(e => window.__long.push(e.duration))).observe({ type: 'longtask', buffered: true }); window.__t0 = performance.now(); return true").await?;
        let input = b.wait_for_testid("traffic-file").await?;
        input.send_keys(path.to_str().unwrap_or_default()).await.map_err(|e| format!("{e:?}"))?;
        let mut done = false;
        for _ in 0..600 {
            let v = b.js("const s = document.querySelector(\"[data-testid='traffic-summary']\"); return !!document.querySelector(\"[data-testid='traffic-error']\") || (!!s && s.textContent.startsWith('Imported'))").await?;
            if v.as_bool() == Some(true) {
                done = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let outcome = b.js("const e = document.querySelector(\"[data-testid='traffic-error']\"); return e ? 'error: ' + e.textContent : document.querySelector(\"[data-testid='traffic-summary']\").textContent").await?;
        println!("\n{}", outcome.as_str().unwrap_or_default());
        let longest = b.js("return Math.max(0, ...window.__long)").await?;
        let total = b.js("return performance.now() - window.__t0").await?;
        println!(
            "\nimporting 64 MiB of traffic ({} rows): done {done}, longest task {:.0} ms, {:.0} ms in all",
            m,
            longest.as_f64().unwrap_or(f64::NAN),
            total.as_f64().unwrap_or(f64::NAN)
        );
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }
    .await;
    b.finish("importing_64_mib_of_traffic", r).await;
}
