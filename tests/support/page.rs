//! Driving the app as a person would: opening links, typing into fields, reading figures,
//! waiting for redraws and downloads.

use super::{cmd, poll, shots_dir, until, Browser, Step, CANVAS, DOWNLOAD, QUICK};
use fantoccini::Locator;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

impl Browser {
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

    /// Scrolls the element with this `data-testid` to the top of the screen, as a reader would
    /// (a section that works only while on screen starts then).
    pub async fn scroll_to(&self, testid: &str) -> Step {
        let el = self.wait_for_testid(testid).await?;
        let arg = cmd("element", serde_json::to_value(&el))?;
        cmd(
            &format!("scroll to {testid}"),
            self.client
                .execute("arguments[0].scrollIntoView()", vec![arg])
                .await,
        )
        .map(drop)
    }

    /// The text of the element with this `data-testid`.
    pub async fn text(&self, testid: &str) -> Step<String> {
        let el = self.wait_for_testid(testid).await?;
        cmd("text", el.text().await)
    }

    /// Waits until the element's text equals `expected`; the error shows the last text seen.
    pub async fn expect_text(&self, testid: &str, expected: &str) -> Step {
        poll(QUICK, async || {
            // A section that writes its text as HTML replaces the element: found, then gone
            // before its text is read, it is looked up again.
            let got = match self.text(testid).await {
                Err(e) if e.contains("StaleElementReference") => return Ok(Err(e)),
                got => got?,
            };
            until(got == expected, || {
                format!(
                    "[data-testid={}] shows '{}', expected '{}'",
                    testid, got, expected
                )
            })
        })
        .await
    }

    /// The form field named `name`, its group opened first (by a click on the group's heading,
    /// as a person would) when the group is collapsed.
    pub async fn field(&self, name: &str) -> Step<fantoccini::elements::Element> {
        let found = self
            .client
            .find(Locator::Css(&format!("[name='{}']", name)))
            .await;
        let el = cmd(&format!("field {}", name), found)?;
        let arg = cmd("element", serde_json::to_value(&el))?;
        let closed = self
            .client
            .execute(
                "const d = arguments[0].closest('details.group'); return !!d && !d.open",
                vec![arg],
            )
            .await;
        if cmd("group state", closed)?.as_bool() == Some(true) {
            let heading = el
                .find(Locator::XPath("./ancestor::details[1]/summary"))
                .await;
            let heading = cmd(&format!("the group heading of {name}"), heading)?;
            self.click_centred(&heading, &format!("open the group of {name}"))
                .await?;
        }
        Ok(el)
    }

    /// Scrolls an element to the middle of the screen, as a person would before tapping it (at
    /// the edge a phone's sticky answer covers it), and clicks it.
    pub async fn click_centred(&self, el: &fantoccini::elements::Element, what: &str) -> Step {
        let arg = cmd("element", serde_json::to_value(el))?;
        cmd(
            "scroll",
            self.client
                .execute(
                    "arguments[0].scrollIntoView({ block: 'center' })",
                    vec![arg],
                )
                .await,
        )?;
        cmd(what, el.click().await)
    }

    /// Replaces the text of the field named `name`, as a user typing would.
    pub async fn set_field(&self, name: &str, text: &str) -> Step {
        let el = self.field(name).await?;
        // Scrolled to the middle of the screen first: a click scrolls only as far as the edge,
        // where a phone's sticky answer covers it. Then select all and type over it, so that
        // input events fire as they do for a person.
        self.click_centred(&el, "focus").await?;
        cmd("select", el.send_keys("\u{E009}a").await)?; // Ctrl+A
        cmd("type", el.send_keys(&format!("\u{E017}{}", text)).await) // Delete, then the text
    }

    /// Opens the input group with this id ("day", "web-tier") by a click on its heading, as a
    /// person would, unless it is open already.
    pub async fn open_group(&self, id: &str) -> Step {
        let group = self.wait_for_testid(&format!("group-{id}")).await?;
        if cmd("group open", group.attr("open").await)?.is_none() {
            let heading = cmd("group heading", group.find(Locator::Css("summary")).await)?;
            self.click_centred(&heading, &format!("open group {id}"))
                .await?;
        }
        Ok(())
    }

    /// The value currently in the field named `name`.
    pub async fn field_value(&self, name: &str) -> Step<String> {
        let el = self.field(name).await?;
        Ok(cmd("value", el.prop("value").await)?.unwrap_or_default())
    }

    /// The page's current URL.
    pub async fn url(&self) -> Step<String> {
        Ok(cmd("current url", self.client.current_url().await)?.to_string())
    }

    /// Waits until the page URL ends with `?query` (the debounced canonical link).
    pub async fn expect_query(&self, query: &str) -> Step {
        poll(QUICK, async || {
            let url = self.url().await?;
            until(url.ends_with(&format!("?{}", query)), || {
                format!("URL is {}, expected it to end with ?{}", url, query)
            })
        })
        .await
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
        poll(CANVAS, async || {
            let now = self.canvas_fingerprint(testid).await?;
            until(now != before, || format!("{testid} was not redrawn"))
        })
        .await
    }

    /// Waits (up to 5 s) until the canvas with this `data-testid` has a drawing on it.
    pub async fn expect_drawn(&self, testid: &str) -> Step {
        poll(CANVAS, async || {
            until(self.canvas_drawn(testid).await?, || {
                format!("{testid} has no drawing")
            })
        })
        .await
    }

    /// Chooses `value` in the select with this `data-testid`.
    /// Picks `value` in the select named `name` (a parameter's field), as a user would.
    pub async fn select_field(&self, name: &str, value: &str) -> Step {
        let el = self.field(name).await?;
        cmd(
            &format!("select {} in {}", value, name),
            el.select_by_value(value).await,
        )
    }

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
        poll(QUICK, async || {
            until(self.js(script).await?.as_bool() == Some(true), || {
                format!("timed out waiting for {}", what)
            })
        })
        .await
    }

    /// Presses a key (WebDriver key code, e.g. Tab = \u{E004}) on the focused element.
    pub async fn press(&self, key: &str) -> Step {
        // WebDriver's "send keys" to a file input uploads a file named by the keys: the
        // keyboard's own actions reach whatever has the focus, as a person's keys do.
        let file = self
            .js("const a = document.activeElement; return !!a && a.type === 'file'")
            .await?;
        if file.as_bool() == Some(true) {
            use fantoccini::actions::{InputSource, KeyAction, KeyActions};
            let mut keys = KeyActions::new("keyboard".into());
            for value in key.chars() {
                keys = keys
                    .then(KeyAction::Down { value })
                    .then(KeyAction::Up { value });
            }
            return cmd("press", self.client.perform_actions(keys).await);
        }
        let el = cmd("active element", self.client.active_element().await)?;
        cmd("press", el.send_keys(key).await)
    }

    /// Clicks the element with this `data-testid`.
    pub async fn click(&self, testid: &str) -> Step {
        // A section that writes its text as HTML may replace the button between finding it
        // and the click: it is found again (a few times at most).
        let mut tries = 0;
        loop {
            let el = self.wait_for_testid(testid).await?;
            match cmd(&format!("click {}", testid), el.click().await) {
                Err(e) if e.contains("StaleElementReference") && tries < 3 => tries += 1,
                done => return done,
            }
        }
    }

    /// Waits for a downloaded file and returns its text.
    pub async fn downloaded(&self, name: &str) -> Step<String> {
        let path = self.downloaded_file(name).await?;
        std::fs::read_to_string(&path).map_err(|e| format!("read {}: {}", path.display(), e))
    }

    /// Waits for a downloaded file (any bytes) to be complete, and returns its path.
    pub async fn downloaded_file(&self, name: &str) -> Step<PathBuf> {
        let path = self.downloads.join(name);
        poll(DOWNLOAD, async || {
            // Chromium writes to NAME.crdownload and renames when done.
            let done = std::fs::metadata(&path).is_ok_and(|m| m.len() > 0);
            Ok(if done {
                Ok(path.clone())
            } else {
                Err(format!(
                    "no download {} in {}",
                    name,
                    self.downloads.display()
                ))
            })
        })
        .await
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
