//! The browser-test harness, one job a file: `server` serves `dist/` from an in-process static
//! server; `driver` starts chromedriver in its own process group (killed with everything it
//! started when the harness drops); `devtools` sends chromedriver's extension commands; `page`
//! drives the app through WebDriver with helpers keyed on `name` attributes and `data-testid`s.
//! Every wait goes through [`poll`]. A failing test leaves a screenshot in `target/e2e/`.
#![allow(dead_code)]

mod devtools;
mod driver;
mod page;
mod server;

use driver::Driver;
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use server::StaticServer;
use std::net::TcpListener;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// One browser at a time: the machine has 2 cores, and Chromium is heavy.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where screenshots go.
pub fn shots_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root().join("target"), PathBuf::from)
        .join("e2e");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// A free port on the loopback interface.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// How long [`poll`] waits, and how often it asks.
#[derive(Clone, Copy)]
pub struct Wait {
    limit: Duration,
    every: Duration,
}

/// A figure or the URL: 5 s, asked every 50 ms.
pub const QUICK: Wait = Wait {
    limit: Duration::from_secs(5),
    every: Duration::from_millis(50),
};
/// A canvas redraw (reading pixels costs more): 5 s, every 100 ms.
pub const CANVAS: Wait = Wait {
    limit: Duration::from_secs(5),
    every: Duration::from_millis(100),
};
/// A download: 10 s, every 100 ms.
pub const DOWNLOAD: Wait = Wait {
    limit: Duration::from_secs(10),
    every: Duration::from_millis(100),
};

/// A check's answer for [`poll`]: done when `done`, else not yet, with the state seen.
pub fn until(done: bool, state: impl FnOnce() -> String) -> Step<Result<(), String>> {
    Ok(if done { Ok(()) } else { Err(state()) })
}

/// Asks `check` every `wait.every` until it answers `Ok(Ok(value))`, for at most `wait.limit`. `Ok(Err(state))`
/// means "not yet" and describes what was seen, which the timeout reports; `Err` fails at once.
pub async fn poll<T>(
    wait: Wait,
    mut check: impl AsyncFnMut() -> Step<Result<T, String>>,
) -> Step<T> {
    let deadline = Instant::now() + wait.limit;
    loop {
        match check().await? {
            Ok(value) => return Ok(value),
            Err(state) if Instant::now() > deadline => return Err(state),
            Err(_) => tokio::time::sleep(wait.every).await,
        }
    }
}

/// A fresh headless Chromium with the app's server; one test's worth.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    /// The static server.
    pub server: StaticServer,
    /// Where downloads land.
    pub downloads: PathBuf,
    _profile: PathBuf,
    _driver: Driver,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

/// A step's result: `Err` carries what went wrong. Tests return errors rather than panic, so
/// that [`Browser::finish`] always runs: it closes the WebDriver session, which must not be left
/// to a destructor while a panic unwinds (that deadlocks the single-threaded test runtime).
pub type Step<T = ()> = Result<T, String>;

/// `Err` naming both values when they differ.
pub fn ensure_eq(actual: impl AsRef<str>, expected: impl AsRef<str>) -> Step {
    let (a, e) = (actual.as_ref(), expected.as_ref());
    if a == e {
        Ok(())
    } else {
        Err(format!("got '{}', expected '{}'", a, e))
    }
}

fn cmd<T, E: std::fmt::Debug>(what: &str, r: Result<T, E>) -> Step<T> {
    r.map_err(|e| format!("{}: {:?}", what, e))
}

impl Browser {
    /// Starts chromedriver and Chromium against a server for `dist/` (built by `trunk build`).
    pub async fn start() -> Browser {
        Self::start_sized(1280, 900).await
    }

    /// As [`Browser::start`], with a window of the given size.
    pub async fn start_sized(width: u32, height: u32) -> Browser {
        Self::start_with(width, height, false).await
    }

    /// As [`Browser::start`], with a window of the given size, in dark mode when `dark`.
    pub async fn start_with(width: u32, height: u32, dark: bool) -> Browser {
        let turn = ONE_AT_A_TIME.lock().await;
        // scripts/profile-ui serves a build that keeps function names from elsewhere.
        let dist = std::env::var_os("HEADROOM_DIST")
            .map(PathBuf::from)
            .unwrap_or_else(|| root().join("dist"));
        assert!(
            dist.join("index.html").is_file(),
            "dist/ is not built: run `trunk build --release --offline` first (scripts/test does)"
        );
        let server = StaticServer::start(dist);
        let driver = Driver::start();
        let scratch = std::env::temp_dir().join(format!(
            "headroom-e2e-{}-{}",
            std::process::id(),
            free_port()
        ));
        let profile = scratch.join("profile");
        let downloads = scratch.join("downloads");
        std::fs::create_dir_all(&downloads).expect("downloads dir");
        let caps = json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", format!("--window-size={},{}", width, height),
                    format!("--user-data-dir={}", profile.display()),
                    // prefers-color-scheme: dark for the page when asked, else light.
                    if dark { "--force-dark-mode" } else { "--no-default-browser-check" },
                    "--hide-scrollbars"
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false
                }
            }
        });
        let mut caps = caps;
        if std::env::var_os("HEADROOM_TRACE").is_some() {
            caps["goog:loggingPrefs"] = json!({"performance": "ALL"});
            caps["goog:chromeOptions"]["perfLoggingPrefs"] = json!({
                "enableNetwork": false, "enablePage": false,
                "traceCategories": "devtools.timeline,blink.user_timing,disabled-by-default-devtools.timeline"
            });
        }
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a WebDriver session with headless Chromium");
        let b = Browser {
            client,
            server,
            downloads,
            _profile: profile,
            _driver: driver,
            _turn: turn,
        };
        if width < 500 {
            // Headless Chromium keeps windows at least 500 px wide: emulate a phone's viewport
            // (and 2 device pixels per CSS pixel) through the DevTools protocol instead.
            let params =
                json!({"width": width, "height": height, "deviceScaleFactor": 2, "mobile": true});
            b.cdp("Emulation.setDeviceMetricsOverride", params)
                .await
                .expect("emulate a phone");
        }
        b
    }
}
