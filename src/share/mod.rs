//! Plans in and out: the share-link codec (`?v=1&peak_rps=200`), the plan JSON and the presets.
//!
//! Decoding never fails: it returns the plan built from every valid parameter and a list of
//! [`Problem`]s, one per parameter it ignored and why. The browser uses the valid rest; the
//! CLI refuses any problem. Encoding gives the canonical link: `v=1`, then every parameter that
//! differs from the default plan, in [`PARAMS`] order, so the default plan's link is `v=1`.

pub mod json;
pub mod presets;

use crate::plan::value::shown;
use crate::plan::{param, Plan, Value};
use std::fmt;

/// The longest link read, bytes. It holds twice the longest link there is today (every
/// parameter at its longest value, with a pin carrying a second such plan), so the parameters
/// still to come fit too; `tests/native/codec.rs` keeps it so. A longer link is refused whole.
pub const MAX_LINK_BYTES: usize = 32 * 1024;

/// The most parameters a link may carry: twice today's, and the three link-only names.
pub const MAX_LINK_PARAMS: usize = 512;

/// The link format version this build writes and reads.
pub const LINK_VERSION: &str = "1";

/// A parameter that was ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The parameter's name, as written in the input.
    pub param: String,
    /// What was wrong, naming the parameter and the allowed values.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.param, self.message)
    }
}

/// A problem with a parameter; the name is echoed safely (one line, escaped, bounded), since
/// it may be anything the input held.
fn problem(param: &str, message: impl Into<String>) -> Problem {
    Problem {
        param: shown(param),
        message: message.into(),
    }
}

/// The result of decoding a link.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The plan from every valid parameter (defaults or the preset for the rest).
    pub plan: Plan,
    /// The pinned plan's canonical query, when the link carries one (`pin`).
    pub pin: Option<String>,
    /// Every parameter that was ignored.
    pub problems: Vec<Problem>,
}

/// The query part of a link or URL: after `?`, before `#`; a bare query is taken as it is.
pub fn query_part(input: &str) -> &str {
    let input = input.trim();
    let input = input.split('#').next().unwrap_or("");
    match input.split_once('?') {
        Some((_, q)) => q,
        None if input.contains("://") => "",
        None => input,
    }
}

/// Decodes a link or query, starting from the default plan.
pub fn decode(input: &str) -> Decoded {
    decode_onto(Plan::default(), input)
}

/// Decodes a link or query on top of `base`; a `preset` in the link replaces `base`.
pub fn decode_onto(base: Plan, input: &str) -> Decoded {
    let query = query_part(input);
    let refused = |message: String| Decoded {
        plan: base.clone(),
        pin: None,
        problems: vec![problem("link", message)],
    };
    if query.len() > MAX_LINK_BYTES {
        return refused(format!(
            "is {} bytes, longer than the {} bytes a Headroom link may have; nothing in it was read",
            query.len(),
            MAX_LINK_BYTES
        ));
    }
    let pieces = query.split('&').filter(|p| !p.is_empty()).count();
    if pieces > MAX_LINK_PARAMS {
        return refused(format!(
            "has {} parameters, more than the {} a Headroom link may have; nothing in it was read",
            pieces, MAX_LINK_PARAMS
        ));
    }
    let mut problems = Vec::new();
    // The names read so far.
    let mut seen = std::collections::BTreeSet::new();
    let mut values: Vec<(&'static str, Value)> = Vec::new();
    let mut preset_plan = None;
    let mut pin = None;

    for piece in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_name, raw_value) = piece.split_once('=').unwrap_or((piece, ""));
        let name = match percent_decode(raw_name) {
            Ok(n) => n,
            Err(e) => {
                problems.push(problem(raw_name, format!("name {}", e)));
                continue;
            }
        };
        let fresh = seen.insert(name.clone());
        if !fresh {
            problems.push(problem(
                &name,
                "given more than once; the first value is used",
            ));
            continue;
        }
        let value = match percent_decode(raw_value) {
            Ok(v) => v,
            Err(e) => {
                problems.push(problem(&name, format!("value {}", e)));
                continue;
            }
        };
        match name.as_str() {
            "v" => {
                if value != LINK_VERSION {
                    problems.push(problem(
                        "v",
                        format!(
                            "link version '{}' is not supported (this version reads v=1)",
                            shown(&value)
                        ),
                    ));
                }
            }
            "preset" => match presets::plan(&value) {
                Some(p) => preset_plan = Some(p),
                None => problems.push(problem(
                    "preset",
                    format!(
                        "'{}' is not a preset (one of {})",
                        shown(&value),
                        presets::names().join(", ")
                    ),
                )),
            },
            "pin" => pin = Some(value),
            _ => match param(&name) {
                None => problems.push(problem(&name, "unknown parameter")),
                Some(p) => match p.kind.parse(&value) {
                    Ok(v) => values.push((p.name, v)),
                    Err(e) => problems.push(problem(p.name, e)),
                },
            },
        }
    }

    let base = preset_plan.unwrap_or(base);
    let mut plan = base.clone();
    for (name, value) in values {
        if let Some(p) = param(name) {
            if let Err(e) = p.set(&mut plan, value) {
                problems.push(problem(name, e.to_string()));
            }
        }
    }
    restore_broken_pairs(&mut plan, &base, &mut problems);
    Decoded {
        plan,
        pin,
        problems,
    }
}

/// Where the planner starts: a plan, the plan pinned beside it, and what was wrong with the link.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// The plan.
    pub plan: Plan,
    /// The pinned plan, from the link's `pin`.
    pub pin: Option<Plan>,
    /// What was wrong with the link or the stored plan it came from; a pinned plan's problems
    /// are named `pin.PARAM`.
    pub problems: Vec<Problem>,
    /// Where the plan came from.
    pub origin: Origin,
}

/// Where the planner's starting plan came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The page's link.
    Link,
    /// The last plan saved in this browser.
    Stored,
    /// Neither: the default plan.
    Default,
}

/// The plan to start with: the page's link (`search`, the URL's query) when it has one, else
/// the last plan seen in this browser (`stored`, a canonical query), else the starter preset.
/// A stored plan was canonical when it was stored, so a problem in it means it was damaged
/// (or written by a newer version): it is reported like a link's, never dropped silently.
pub fn start(search: &str, stored: Option<&str>) -> Start {
    let from_link = !search.trim_start_matches('?').is_empty();
    let (query, origin) = match (from_link, stored) {
        (true, _) => (search, Origin::Link),
        (false, Some(s)) if !s.trim().is_empty() => (s, Origin::Stored),
        _ => ("", Origin::Default),
    };
    let mut decoded = decode(query);
    if origin == Origin::Default {
        // A newcomer's page opens on the starter plan: no error, no warning.
        decoded.plan = presets::plan(presets::STARTER).unwrap_or_default();
    }
    let mut problems = decoded.problems;
    let pin = decoded.pin.map(|q| {
        let d = decode(&q);
        problems.extend(d.problems.into_iter().map(|p| Problem {
            param: format!("pin.{}", p.param),
            message: p.message,
        }));
        d.plan
    });
    Start {
        plan: decoded.plan,
        pin,
        problems,
        origin,
    }
}

/// Resets both parameters of every broken constraint to the base plan's values, reporting each.
/// Terminates: the base plan satisfies every constraint, and each round resets at least one more
/// parameter to its base value.
pub fn restore_broken_pairs(plan: &mut Plan, base: &Plan, problems: &mut Vec<Problem>) {
    for _ in 0..=crate::plan::CONSTRAINTS.len() {
        let broken: Vec<_> = plan.broken_constraints().collect();
        if broken.is_empty() {
            return;
        }
        for c in broken {
            let [a, b] = c.params;
            let (Some(pa), Some(pb)) = (param(a), param(b)) else {
                continue;
            };
            problems.push(problem(
                a,
                format!(
                    "{} = {} and {} = {} contradict: {}; both use their defaults",
                    a,
                    pa.get(plan).to_text(),
                    b,
                    pb.get(plan).to_text(),
                    c.rule
                ),
            ));
            // A value read from the base plan always fits the same field.
            let restored = pa
                .set(plan, pa.get(base))
                .and_then(|()| pb.set(plan, pb.get(base)));
            debug_assert!(restored.is_ok(), "{restored:?}");
        }
    }
    debug_assert!(plan.broken_constraints().next().is_none());
}

/// The canonical query of a plan: `v=1` and every parameter that differs from the default.
pub fn encode(plan: &Plan) -> String {
    let mut out = format!("v={}", LINK_VERSION);
    for (p, _, value) in Plan::default().differences(plan) {
        out.push('&');
        out.push_str(p.name);
        out.push('=');
        out.push_str(&percent_encode(&value));
    }
    out
}

/// The canonical query with a pinned plan (its canonical query, percent-encoded) appended.
pub fn encode_with_pin(plan: &Plan, pin: Option<&Plan>) -> String {
    let mut out = encode(plan);
    if let Some(pinned) = pin {
        out.push_str("&pin=");
        out.push_str(&percent_encode(&encode(pinned)));
    }
    out
}

/// Percent-encodes everything but unreserved characters and the four a query value may hold
/// as they are, `/ : @ ,` (RFC 3986, 3.4), so that an image reference and a day's profile
/// (`day=10,10,…`) stay readable in a link.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/' | b':' | b'@' | b',')
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{:02X}", b));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space in form encoding); refuses broken escapes and bad UTF-8.
pub fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) if hex.is_some_and(|h| h.bytes().all(|c| c.is_ascii_hexdigit())) => {
                        out.push(b)
                    }
                    _ => return Err(format!("has a broken percent-escape in '{}'", shown(text))),
                }
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| {
        format!(
            "is not valid UTF-8 after percent-decoding '{}'",
            shown(text)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_plan_is_v1() {
        assert_eq!(encode(&Plan::default()), "v=1");
        assert_eq!(decode("").plan, Plan::default());
        assert_eq!(decode("?v=1").problems, vec![]);
    }

    #[test]
    fn whole_urls_and_fragments() {
        let d = decode("https://example.test/headroom/?v=1&peak_rps=250#results");
        assert_eq!(d.plan.peak_rps, 250.0);
        assert!(d.problems.is_empty());
        assert_eq!(decode("https://example.test/").plan, Plan::default());
    }

    #[test]
    fn the_link_wins_over_the_stored_plan() {
        let s = start("?v=1&peak_rps=250&bogus=1", Some("v=1&peak_rps=400"));
        assert_eq!(s.plan.peak_rps, 250.0);
        assert_eq!(s.problems.len(), 1);
        let s = start(
            "",
            Some("v=1&peak_rps=400&pin=v%3D1%26peak_rps%3D7%26x%3D1"),
        );
        assert_eq!(s.plan.peak_rps, 400.0);
        assert_eq!(s.pin.map(|p| p.peak_rps), Some(7.0));
        assert_eq!(s.problems[0].param, "pin.x");
        // A newcomer's page opens on the starter preset; a link, even "?v=1", on the defaults.
        assert_eq!(Some(start("?", None).plan), presets::plan(presets::STARTER));
        assert_eq!(start("?v=1", None).plan, Plan::default());
        assert_eq!(start("?", None).origin, Origin::Default);
        // A damaged stored plan says so.
        let s = start("", Some("v=1&peak_rps=banana&bogus=1"));
        assert_eq!(s.origin, Origin::Stored);
        assert_eq!(s.problems.len(), 2);
        assert_eq!(s.plan, Plan::default());
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_decode("a%20b+c"), Ok("a b c".to_string()));
        assert!(percent_decode("%zz").is_err());
        assert!(percent_decode("%4").is_err());
        assert!(percent_decode("%+1").is_err());
        assert!(percent_decode("%ff").is_err());
        assert_eq!(percent_encode("v=1&a=b"), "v%3D1%26a%3Db");
    }
}
