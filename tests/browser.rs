//! End-to-end tests in real headless Chromium against the built app (`dist/`).
//! `scripts/test` builds it first; run alone with `trunk build --release --offline && cargo test --test browser`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use headroom::engine;
use headroom::share;
use support::{ensure_eq, Browser, Step};

#[tokio::test]
async fn defaults_render() {
    let b = Browser::start().await;
    let r: Step = async {
        b.open("").await?;
        b.expect_text("web-replicas-max", "8").await?;
        ensure_eq(b.field_value("peak_rps").await?, "100")?;
        ensure_eq(b.field_value("rps_per_pod").await?, "20")?;
        ensure_eq(b.field_value("buffer").await?, "1.5")?;
        ensure_eq(b.field_value("min_replicas").await?, "3")?;
        b.expect_query("v=1").await?;
        b.screenshot("default-plan").await?;
        // The app asks its own server for its own files only.
        let asked = b
            .server
            .requests
            .lock()
            .map(|r| r.clone())
            .unwrap_or_default();
        let own = |p: &String| {
            p == "/"
                || p.starts_with("/?")
                || p.starts_with("/headroom-web")
                || p.starts_with("/main")
                || p.ends_with(".css")
                || p == "/favicon.ico"
        };
        if let Some(other) = asked.iter().find(|p| !own(p)) {
            return Err(format!("unexpected request {other} (all: {asked:?})"));
        }
        Ok(())
    }
    .await;
    b.finish("defaults_render", r).await;
}

#[tokio::test]
async fn typing_updates_result_and_url() {
    let b = Browser::start().await;
    let r: Step = async {
        b.open("").await?;
        b.set_field("peak_rps", "300").await?;
        // ceil(300 / 20 × 1.5) = 23, the engine's own figure.
        let expected = engine::evaluate(&share::decode("peak_rps=300").plan)
            .web
            .replicas_max;
        ensure_eq(expected.to_string(), "23")?;
        b.expect_text("web-replicas-max", "23").await?;
        b.expect_query("v=1&peak_rps=300").await?;
        // An invalid value shows its error and keeps the last valid result.
        b.set_field("buffer", "abc").await?;
        let err = b.text("error-buffer").await?;
        if !err.contains("not a number") {
            return Err(format!("error-buffer says '{err}'"));
        }
        b.expect_text("web-replicas-max", "23").await?;
        b.set_field("buffer", "2").await?;
        b.expect_text("web-replicas-max", "30").await?;
        b.expect_text("error-buffer", "").await?;
        b.expect_query("v=1&peak_rps=300&buffer=2").await
    }
    .await;
    b.finish("typing_updates_result_and_url", r).await;
}

#[tokio::test]
async fn share_url_restores_the_plan() {
    let b = Browser::start().await;
    let r: Step = async {
        b.open("?v=1&peak_rps=450&rps_per_pod=30&buffer=1.2&min_replicas=5")
            .await?;
        ensure_eq(b.field_value("peak_rps").await?, "450")?;
        ensure_eq(b.field_value("rps_per_pod").await?, "30")?;
        ensure_eq(b.field_value("buffer").await?, "1.2")?;
        ensure_eq(b.field_value("min_replicas").await?, "5")?;
        // ceil(450 / 30 × 1.2) = 18
        b.expect_text("web-replicas-max", "18").await?;
        if b.client
            .find(fantoccini::Locator::Css("[data-testid='link-notice']"))
            .await
            .is_ok()
        {
            return Err("a valid link shows a notice".into());
        }
        b.expect_query("v=1&peak_rps=450&rps_per_pod=30&buffer=1.2&min_replicas=5")
            .await
    }
    .await;
    b.finish("share_url_restores_the_plan", r).await;
}

#[tokio::test]
async fn bad_link_parameters_are_named_and_ignored() {
    let b = Browser::start().await;
    let r: Step = async {
        b.open("?peak_rps=abc&bogus=1").await?;
        b.expect_text("web-replicas-max", "8").await?;
        ensure_eq(b.field_value("peak_rps").await?, "100")?;
        let notice = b.text("link-notice").await?;
        for name in ["peak_rps", "bogus"] {
            if !notice.contains(name) {
                return Err(format!("notice does not name {name}: {notice}"));
            }
        }
        // The page keeps working.
        b.set_field("min_replicas", "10").await?;
        b.expect_text("web-replicas-max", "10").await
    }
    .await;
    b.finish("bad_link_parameters_are_named_and_ignored", r)
        .await;
}

#[tokio::test]
async fn scaling_chart_is_drawn() {
    let b = Browser::start().await;
    let r: Step = async {
        b.open("").await?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !b.canvas_drawn("chart-scaling").await? {
            if std::time::Instant::now() > deadline {
                return Err("chart-scaling has no drawing".into());
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Ok(())
    }
    .await;
    b.finish("scaling_chart_is_drawn", r).await;
}

#[tokio::test]
async fn download_env_gives_the_plan_env() {
    let b = Browser::start().await;
    let r: Step = async {
        b.open("?v=1&peak_rps=200").await?;
        b.expect_text("web-replicas-max", "15").await?;
        b.click("download-env").await?;
        let text = b.downloaded("app.env").await?;
        let plan = share::decode("peak_rps=200").plan;
        let expected = headroom::export::app_env::render(&plan, &engine::evaluate(&plan));
        if text != expected {
            return Err(format!(
                "downloaded app.env differs:\n{text}\n---expected---\n{expected}"
            ));
        }
        if !text.contains("WEB_MAX_REPLICAS=15\n") {
            return Err(format!("no WEB_MAX_REPLICAS=15 in:\n{text}"));
        }
        Ok(())
    }
    .await;
    b.finish("download_env_gives_the_plan_env", r).await;
}
