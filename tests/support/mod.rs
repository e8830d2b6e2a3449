//! The browser-test harness: serves `dist/` from an in-process static server, starts chromedriver
//! (in its own process group, killed with everything it started when the harness drops), and
//! drives headless Chromium through WebDriver. Helpers are keyed on `name` attributes and
//! `data-testid`s; a failing test leaves a screenshot in `target/e2e/`.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
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

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A static file server for `dist/`, on a free loopback port, in a background thread.
/// It records every path requested, so tests can check the app asks for nothing else.
pub struct StaticServer {
    /// The base URL, e.g. `http://127.0.0.1:40123/`.
    pub base: String,
    /// Every path requested so far.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl StaticServer {
    fn start(dir: PathBuf) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the static server");
        let base = format!("http://{}/", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let dir = dir.clone();
                let log = log.clone();
                std::thread::spawn(move || serve_one(stream, &dir, &log));
            }
        });
        StaticServer { base, requests }
    }
}

fn serve_one(mut stream: TcpStream, dir: &Path, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Drain the headers.
    let mut header = String::new();
    while reader
        .read_line(&mut header)
        .map(|n| n > 2)
        .unwrap_or(false)
    {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    log.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(target.clone());
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    let file = dir.join(rel);
    let ok = !rel.contains("..") && file.is_file();
    let (status, body, mime) = if ok {
        let mime = match file.extension().and_then(|e| e.to_str()) {
            Some("html") => "text/html; charset=utf-8",
            Some("js") => "text/javascript",
            Some("wasm") => "application/wasm",
            Some("css") => "text/css",
            Some("png") => "image/png",
            Some("svg") => "image/svg+xml",
            _ => "application/octet-stream",
        };
        ("200 OK", std::fs::read(&file).unwrap_or_default(), mime)
    } else {
        ("404 Not Found", b"not found".to_vec(), "text/plain")
    };
    let head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n",
        status,
        mime,
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// chromedriver in its own process group; dropping it kills the group (and so Chromium).
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        use std::os::unix::process::CommandExt;
        let port = free_port();
        let child =
            Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
                .arg(format!("--port={}", port))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .expect("start chromedriver (scripts/setup --test installs it)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start on port {}",
                port
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // A negative pid names the process group: chromedriver and the Chromium it started.
        // procps' kill needs `--` before it, or it reads the pid as an option.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A chromedriver extension command: a POST to `session/{id}/{path}` with a JSON body.
#[derive(Debug)]
struct Extension {
    path: &'static str,
    body: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Extension {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
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

    /// Sends a DevTools protocol command through chromedriver's `goog/cdp/execute` endpoint and
    /// returns its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Step<Value> {
        self.client
            .issue_cmd(Extension {
                path: "goog/cdp/execute",
                body: json!({"cmd": cmd, "params": params}),
            })
            .await
            .map_err(|e| format!("{cmd}: {e:?}"))
    }

    /// The trace events recorded since the last call, when the browser was started with
    /// `HEADROOM_TRACE` set (chromedriver's performance log with the timeline categories).
    pub async fn trace_events(&self) -> Step<Vec<Value>> {
        let log = self
            .client
            .issue_cmd(Extension {
                path: "se/log",
                body: json!({"type": "performance"}),
            })
            .await
            .map_err(|e| format!("performance log: {e:?}"))?;
        let mut events = Vec::new();
        for entry in log.as_array().into_iter().flatten() {
            let message: Value = entry["message"]
                .as_str()
                .and_then(|m| serde_json::from_str(m).ok())
                .unwrap_or_default();
            if message["message"]["method"] == "Tracing.dataCollected" {
                events.push(message["message"]["params"].clone());
            }
        }
        Ok(events)
    }

    /// Opens the app with a query (`""`, `"?v=1&peak_rps=200"`) and waits until it has rendered.
    pub async fn open(&self, query: &str) -> Step {
        cmd(
            "goto",
            self.client
                .goto(&format!("{}{}", self.server.base, query))
                .await,
        )?;
        let r = self.wait_for_testid("web-replicas-max").await.map(|_| ());
        r
    }

    /// Waits for an element with this `data-testid` to exist.
    pub async fn wait_for_testid(&self, testid: &str) -> Step<fantoccini::elements::Element> {
        cmd(
            &format!("waiting for [data-testid={}]", testid),
            self.client
                .wait()
                .at_most(Duration::from_secs(15))
                .for_element(Locator::Css(&format!("[data-testid='{}']", testid)))
                .await,
        )
    }

    /// The text of the element with this `data-testid`.
    pub async fn text(&self, testid: &str) -> Step<String> {
        let el = self.wait_for_testid(testid).await?;
        cmd("text", el.text().await)
    }

    /// Waits until the element's text equals `expected`; the error shows the last text seen.
    pub async fn expect_text(&self, testid: &str, expected: &str) -> Step {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let got = self.text(testid).await?;
            if got == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "[data-testid={}] shows '{}', expected '{}'",
                    testid, got, expected
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Replaces the text of the field named `name`, as a user typing would.
    pub async fn set_field(&self, name: &str, text: &str) -> Step {
        let el = cmd(
            &format!("field {}", name),
            self.client
                .find(Locator::Css(&format!("[name='{}']", name)))
                .await,
        )?;
        // Scroll it to the middle of the screen first, as a person would before tapping it: a
        // click scrolls only as far as the edge, where a phone's sticky summary line covers it.
        let arg = cmd("element", serde_json::to_value(&el))?;
        cmd(
            "scroll",
            self.client
                .execute(
                    "arguments[0].scrollIntoView({ block: 'center' })",
                    vec![arg],
                )
                .await,
        )?;
        // Select all and type over it, so that input events fire as they do for a person.
        cmd("focus", el.click().await)?;
        cmd("select", el.send_keys("\u{E009}a").await)?; // Ctrl+A
        cmd("type", el.send_keys(&format!("\u{E017}{}", text)).await) // Delete, then the text
    }

    /// The value currently in the field named `name`.
    pub async fn field_value(&self, name: &str) -> Step<String> {
        let el = cmd(
            &format!("field {}", name),
            self.client
                .find(Locator::Css(&format!("[name='{}']", name)))
                .await,
        )?;
        Ok(cmd("value", el.prop("value").await)?.unwrap_or_default())
    }

    /// The page's current URL.
    pub async fn url(&self) -> Step<String> {
        Ok(cmd("current url", self.client.current_url().await)?.to_string())
    }

    /// Waits until the page URL ends with `?query` (the debounced canonical link).
    pub async fn expect_query(&self, query: &str) -> Step {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let url = self.url().await?;
            if url.ends_with(&format!("?{}", query)) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "URL is {}, expected it to end with ?{}",
                    url, query
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Whether the canvas with this `data-testid` has been drawn on: its pixels are not all one
    /// colour. Scrolls it into view first (charts draw when on screen).
    pub async fn canvas_drawn(&self, testid: &str) -> Step<bool> {
        self.wait_for_testid(testid).await?;
        let script = r#"
            const c = document.querySelector(`[data-testid='${arguments[0]}']`);
            if (!c) return false;
            // Charts draw when they are on screen, so look at it as a person would.
            c.scrollIntoView({ block: 'center' });
            if (!c.width || !c.height) return false;
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const colours = new Set();
            for (let i = 0; i < d.length && colours.size < 4; i += 4 * 97) {
                colours.add((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]);
            }
            return colours.size >= 3;
        "#;
        let v = cmd(
            "canvas pixels",
            self.client.execute(script, vec![json!(testid)]).await,
        )?;
        Ok(v.as_bool().unwrap_or(false))
    }

    /// A fingerprint of the pixels of the canvas with this `data-testid`, scrolled into view
    /// (charts draw when on screen): equal fingerprints mean the same picture.
    pub async fn canvas_fingerprint(&self, testid: &str) -> Step<String> {
        let script = r#"
            const c = document.querySelector(`[data-testid='${arguments[0]}']`);
            c.scrollIntoView({ block: 'center' });
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let h = 2166136261;
            for (let i = 0; i < d.length; i++) { h = Math.imul(h ^ d[i], 16777619) >>> 0; }
            return c.width + 'x' + c.height + ':' + h;
        "#;
        let v = cmd(
            "canvas fingerprint",
            self.client.execute(script, vec![json!(testid)]).await,
        )?;
        Ok(v.to_string())
    }

    /// Waits (up to 5 s) until the canvas with this `data-testid` shows another picture than
    /// `before` (a [`Browser::canvas_fingerprint`]).
    pub async fn expect_redrawn(&self, testid: &str, before: &str) -> Step {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while self.canvas_fingerprint(testid).await? == before {
            if std::time::Instant::now() > deadline {
                return Err(format!("{testid} was not redrawn"));
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Waits (up to 5 s) until the canvas with this `data-testid` has a drawing on it.
    pub async fn expect_drawn(&self, testid: &str) -> Step {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !self.canvas_drawn(testid).await? {
            if std::time::Instant::now() > deadline {
                return Err(format!("{testid} has no drawing"));
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Chooses `value` in the select with this `data-testid`.
    pub async fn choose(&self, testid: &str, value: &str) -> Step {
        let el = self.wait_for_testid(testid).await?;
        cmd(
            &format!("select {} in {}", value, testid),
            el.select_by_value(value).await,
        )
    }

    /// The finding codes shown, in order.
    pub async fn finding_codes(&self) -> Step<Vec<String>> {
        let v = cmd(
            "finding codes",
            self.client
                .execute(
                    "return [...document.querySelectorAll(\"[data-testid='findings'] [data-code]\")].map(e => e.dataset.code)",
                    vec![],
                )
                .await,
        )?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Runs a script in the page and returns its value.
    pub async fn js(&self, script: &str) -> Step<Value> {
        cmd("script", self.client.execute(script, vec![]).await)
    }

    /// Waits until the element is wholly inside the viewport.
    pub async fn expect_in_view(&self, testid: &str) -> Step {
        let script = format!("const r = document.querySelector(\"[data-testid='{testid}']\").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.height > 0");
        self.wait_js(&format!("{testid} in view"), &script).await
    }

    /// Fails unless the page is scrolled down at least `min` px: a check that something stays
    /// in view proves nothing near the top.
    pub async fn expect_scrolled_past(&self, min: f64) -> Step {
        let scroll = self.js("return scrollY").await?;
        if scroll.as_f64().unwrap_or(0.0) < min {
            return Err(format!(
                "the edited field is near the top (scrollY {scroll}); the test proves nothing"
            ));
        }
        Ok(())
    }

    /// How many px the page scrolls sideways (0 when it fits its width).
    pub async fn sideways_overflow(&self) -> Step<i64> {
        let v = self.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth").await?;
        Ok(v.as_i64().unwrap_or(0))
    }

    /// Waits until a condition script returns true.
    pub async fn wait_js(&self, what: &str, script: &str) -> Step {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if self.js(script).await?.as_bool() == Some(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {}", what));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presses a key (WebDriver key code, e.g. Tab = \u{E004}) on the focused element.
    pub async fn press(&self, key: &str) -> Step {
        let el = cmd("active element", self.client.active_element().await)?;
        cmd("press", el.send_keys(key).await)
    }

    /// Clicks the element with this `data-testid`.
    pub async fn click(&self, testid: &str) -> Step {
        let el = self.wait_for_testid(testid).await?;
        cmd(&format!("click {}", testid), el.click().await)
    }

    /// Waits for a downloaded file and returns its text.
    pub async fn downloaded(&self, name: &str) -> Step<String> {
        let path = self.downloads.join(name);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(text) = std::fs::read_to_string(&path) {
                if !text.is_empty() {
                    return Ok(text);
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "no download {} in {}",
                    name,
                    self.downloads.display()
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for a downloaded file (any bytes) to be complete, and returns its path.
    pub async fn downloaded_file(&self, name: &str) -> Step<PathBuf> {
        let path = self.downloads.join(name);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            // Chromium writes to NAME.crdownload and renames when done.
            if std::fs::metadata(&path)
                .map(|m| m.len() > 0)
                .unwrap_or(false)
            {
                return Ok(path);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "no download {} in {}",
                    name,
                    self.downloads.display()
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a screenshot as `target/e2e/NAME.png`.
    pub async fn screenshot(&self, name: &str) -> Step<PathBuf> {
        let png = cmd("screenshot", self.client.screenshot().await)?;
        let path = shots_dir().join(format!("{}.png", name));
        std::fs::write(&path, png).map_err(|e| format!("write {}: {}", path.display(), e))?;
        Ok(path)
    }

    /// Ends the test: on failure saves a screenshot; always closes the browser; then panics
    /// with the failure, if any.
    pub async fn finish(self, test: &str, result: Step) {
        if let Err(e) = &result {
            let shot = self.screenshot(&format!("FAILED-{}", test)).await;
            eprintln!("{} failed: {}\nscreenshot: {:?}", test, e, shot);
        }
        // Ending the session can hang while Chromium shuts down; the process group is killed
        // right after anyway, so give it a moment and move on.
        let _ = tokio::time::timeout(Duration::from_secs(3), self.client.close()).await;
        if let Err(e) = result {
            panic!("{}: {}", test, e);
        }
    }
}
