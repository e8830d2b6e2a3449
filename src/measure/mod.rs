//! Measurements in: a load test's results read back and fitted to the Universal Scalability
//! Law, so a plan can size its pods on the measured curve (`capacity = usl`).
//!
//! `calibrate` takes a file's bytes (a CSV of concurrency and throughput, Locust's
//! `*_stats_history.csv`, or k6's summary JSON from the exported step test), turns it into
//! points by the rules docs/CALIBRATION.md writes down (`csv`, `locust`, `k6`), fits the curve
//! (`fit`) and says what one pod of the plan serves on it. Pure: the CLI and the page hand it
//! the bytes; a bad file is an error that names the file, the line or key, and what was
//! expected.

mod csv;
pub mod fit;
mod k6;
mod locust;
pub mod traffic;

use crate::engine::usl::Usl;
use crate::plan::{CapacityMode, Plan};
use serde::Serialize;

/// The largest load-test file read: 16 MiB.
pub const MAX_BYTES: usize = 16 << 20;

/// The file formats a load test's results come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `concurrency,throughput[,latency_ms]`, a row a measurement.
    Csv,
    /// Locust's `--csv` `*_stats_history.csv`.
    Locust,
    /// k6's end-of-test summary (`handleSummary`'s data or `--summary-export`).
    K6,
}

impl Format {
    /// Every format, by the name `--format` takes.
    pub const ALL: [(&'static str, Format); 3] = [
        ("csv", Format::Csv),
        ("locust", Format::Locust),
        ("k6", Format::K6),
    ];

    /// The format a name stands for.
    pub fn from_name(name: &str) -> Option<Format> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }
}

/// One measured point.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// Requests in flight (per pod).
    pub concurrency: f64,
    /// Throughput, req/s (per pod).
    pub throughput_rps: f64,
    /// Mean latency, ms, when the file gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<f64>,
    /// Whether the fit used it.
    pub used: bool,
    /// Why not, when it was not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl Point {
    fn used(concurrency: f64, throughput_rps: f64, latency_ms: Option<f64>) -> Point {
        Point {
            concurrency,
            throughput_rps,
            latency_ms,
            used: true,
            why: None,
        }
    }

    fn unused(mut self, why: String) -> Point {
        self.used = false;
        self.why = Some(why);
        self
    }
}

/// The fitted curve (`usl.*` of `headroom calibrate`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Curve {
    /// Contention σ.
    pub sigma: f64,
    /// Coherency κ.
    pub kappa: f64,
    /// Throughput of one request in flight, req/s.
    pub lambda: f64,
    /// R² of the fit on throughput.
    pub r2: f64,
    /// Where throughput peaks, sqrt((1 − σ) / κ), unrounded; null when κ = 0.
    pub peak_concurrency: Option<f64>,
    /// The throughput there; null when κ = 0.
    pub peak_rps: Option<f64>,
    /// The Amdahl roof λ / σ; null when σ = 0.
    pub roof_rps: Option<f64>,
}

/// One pod of the plan on the curve (`capacity.*`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PodCapacity {
    /// workers × threads.
    pub slots: u64,
    /// The best whole concurrency within the slots.
    pub concurrency: u64,
    /// Its throughput, req/s: what `capacity = usl` gives the plan.
    pub rps_per_pod: f64,
}

/// What `headroom calibrate` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Calibration {
    /// The file's format.
    pub format: Format,
    /// Every point read, used or not.
    pub points: Vec<Point>,
    /// The fitted curve.
    pub usl: Curve,
    /// The plan's pod on it.
    pub capacity: PodCapacity,
    /// The plan's canonical link with `capacity = usl` and the fit.
    pub query: String,
    /// What the reader wants the user to know (few points, …).
    pub warnings: Vec<String>,
}

/// Reads a load test's results into points (`format` forces one; else detected by content).
/// Returns the format, the points and notes on what was skipped.
pub fn read(
    name: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<(Format, Vec<Point>, Vec<String>), String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "{}: {} bytes is larger than 16 MiB, the most a load-test file may be",
            name,
            bytes.len()
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: byte {} is not UTF-8: a load-test result is text (CSV or JSON)",
            name,
            e.valid_up_to() + 1
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(format!("{}: the file is empty", name));
    }
    let format = match format {
        Some(f) => f,
        None => detect(text).ok_or_else(|| {
            format!(
                "{}: not a load-test result Headroom reads: expected a CSV with a header `concurrency,throughput`, Locust's *_stats_history.csv, or k6's summary JSON",
                name
            )
        })?,
    };
    let (points, notes) = match format {
        Format::Csv => csv::read(name, text)?,
        Format::Locust => locust::read(name, text)?,
        Format::K6 => k6::read(name, text)?,
    };
    Ok((format, points, notes))
}

/// The format of a text, from its first line or its JSON.
fn detect(text: &str) -> Option<Format> {
    let t = text.trim_start();
    if t.starts_with('{') {
        return Some(Format::K6);
    }
    let header = t.lines().next()?.to_ascii_lowercase();
    if header.contains("user count") && header.contains("total request count") {
        Some(Format::Locust)
    } else if header.contains("concurrency") && header.contains("throughput") {
        Some(Format::Csv)
    } else {
        None
    }
}

/// Reads, fits and places the plan's pod on the curve. `pods`: the test ran against this many
/// pods behind one address, so throughput and concurrency are divided by it.
pub fn calibrate(
    name: &str,
    bytes: &[u8],
    format: Option<Format>,
    pods: u32,
    plan: &Plan,
) -> Result<Calibration, String> {
    let (format, mut points, notes) = read(name, bytes, format)?;
    let pods = f64::from(pods.max(1));
    for p in &mut points {
        p.concurrency /= pods;
        p.throughput_rps /= pods;
    }
    let used: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| p.used)
        .map(|p| (p.concurrency, p.throughput_rps))
        .collect();
    let mut distinct: Vec<(f64, f64)> = used.iter().map(|p| (p.0, 0.0)).collect();
    sort_by_first(&mut distinct);
    distinct.dedup();
    if used.len() < 4 || distinct.len() < 3 {
        return Err(format!(
            "{}: {} usable points at {} distinct concurrencies; the fit needs at least 4 points at 3 or more concurrencies",
            name,
            used.len(),
            distinct.len()
        ));
    }
    let mut warnings = notes;
    if used.len() < 6 {
        warnings.push(format!(
            "only {} points: below 6 the fit is loose (the R package usl warns there too); measure more steps",
            used.len()
        ));
    }
    let f = fit::fit(&used);
    let u = f.usl;
    let slots = u64::from(plan.workers) * u64::from(plan.threads);
    let (k, x) = u.best_within(slots);
    let max_n = distinct.last().map_or(0.0, |d| d.0);
    if u.kappa > 0.0 && u.peak_concurrency().is_some_and(|p| p > max_n) {
        warnings.push(
            "the curve peaks beyond the largest concurrency measured: run the test further past the knee to pin κ down".to_string(),
        );
    }
    let mut c = Calibration {
        format,
        points,
        usl: curve(&u, f.r2),
        capacity: PodCapacity {
            slots,
            concurrency: k,
            rps_per_pod: x,
        },
        query: String::new(),
        warnings,
    };
    c.query = crate::share::encode(&c.plan_on_curve(plan));
    Ok(c)
}

impl Calibration {
    /// `plan` on the fitted curve: `capacity = usl`, σ, κ, λ, and `usl_max_n` the largest
    /// concurrency the fit used. The link `headroom calibrate` prints, and "Plan on this curve".
    pub fn plan_on_curve(&self, plan: &Plan) -> Plan {
        on_curve(
            plan,
            self.usl.sigma,
            self.usl.kappa,
            self.usl.lambda,
            self.largest_used(),
        )
    }

    /// The largest concurrency the fit used (`usl_max_n`).
    pub fn largest_used(&self) -> f64 {
        self.points
            .iter()
            .filter(|p| p.used)
            .map(|p| p.concurrency)
            .fold(0.0, f64::max)
    }
}

/// `plan` on a fitted curve (σ, κ, λ req/s, `usl_max_n` the largest concurrency the fit used):
/// `capacity = usl` and the four values. The page's "Plan on this curve", from the figures the
/// worker's fit sends back.
pub fn on_curve(plan: &Plan, sigma: f64, kappa: f64, lambda_rps: f64, max_n: f64) -> Plan {
    let mut next = plan.clone();
    next.capacity = CapacityMode::Usl;
    next.usl_sigma = sigma;
    next.usl_kappa = kappa;
    next.usl_lambda_rps = lambda_rps;
    next.usl_max_n = max_n;
    next
}

/// The curve's figures.
pub fn curve(u: &Usl, r2: f64) -> Curve {
    let peak = u.peak_concurrency();
    Curve {
        sigma: u.sigma,
        kappa: u.kappa,
        lambda: u.lambda_rps,
        r2,
        peak_concurrency: peak,
        peak_rps: peak.map(|n| u.throughput(n)),
        roof_rps: u.roof_rps(),
    }
}

/// Sorts pairs by their first number (`f64::total_cmp`), stably (a time series, its gaps, the
/// load test's concurrencies).
pub(crate) fn sort_by_first(v: &mut [(f64, f64)]) {
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
}

/// A CSV's header line and its non-blank rows, each with its index (the line number less one).
type Rows<'a> = Box<dyn Iterator<Item = (usize, &'a str)> + 'a>;

/// Splits a CSV into its header and rows; an empty file is an error naming it.
fn header_and_rows<'a>(name: &str, text: &'a str) -> Result<(&'a str, Rows<'a>), String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines
        .next()
        .ok_or_else(|| format!("{}: the file is empty", name))?;
    Ok((header, Box::new(lines)))
}

/// A number of a load-test file: finite, or an error naming where it stands.
fn number(text: &str, at: impl FnOnce() -> String) -> Result<f64, String> {
    match crate::plan::decimal::parse(text.trim()) {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(format!(
            "{}: '{}' is not a number",
            at(),
            crate::plan::value::shown(text.trim())
        )),
    }
}

/// A JSON value as an error message quotes it: a string quoted (cut as `plan::shown` cuts), a
/// number, `true`, `false` or `null` as written, a list or an object by its kind.
pub(crate) fn shown_json(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => format!("\"{}\"", crate::plan::shown(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
        other => other.to_string(),
    }
}
