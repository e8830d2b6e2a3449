//! chromedriver's extension commands: the DevTools protocol and the performance log.

use super::{Browser, Step};
use serde_json::{json, Value};

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

impl Browser {
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
}
