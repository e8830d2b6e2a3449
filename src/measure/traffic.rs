//! A real day of traffic from a metrics export: a time series of requests (a CSV, or
//! Prometheus' `query_range` JSON) turned into the day the simulation replays, at 5-minute
//! resolution, with how much the 5-minute view hides. The rule, exactly as docs/SIMULATION.md
//! writes it down ("Importing a day of traffic"):
//!
//! 1. Sort the samples by time; sum the values of equal timestamps. The spacing is the median
//!    gap between consecutive timestamps. Each sample holds from its timestamp until the next
//!    one's; the last for one spacing; before a gap longer than 3 × spacing (missing data), for
//!    one spacing only. A count becomes a rate by dividing by the time it holds.
//! 2. Cut the time line into 5-minute slots of the local day (a fixed UTC offset). A slot's
//!    rate is the time-weighted mean over the part of it that has data; a slot with data for
//!    less than half of it is missing.
//! 3. The day: the calendar day with the highest slot rate among the days with at least 231 of
//!    their 288 slots (80 %, rounded up), the earliest on a tie, or the day asked for. Its
//!    missing slots are interpolated linearly between the nearest present slots of that day
//!    (before the first or after the last present slot: the nearest one's value).
//! 4. `peak_rps` = the day's highest slot rate; the profile = each slot as % of it; the burst
//!    factor = the highest rate of any sample within that local day ÷ `peak_rps`.

use crate::engine::prices::{date, days};
use serde::Serialize;

/// The largest traffic file read: 64 MiB.
pub const MAX_BYTES: usize = 64 << 20;
/// Slots in a day: 5 minutes each.
pub const SLOTS: usize = 288;
/// A slot, s.
const SLOT_S: f64 = 300.0;
/// The present slots a day needs to be chosen: 80 % of 288, rounded up.
pub const MIN_SLOTS: usize = 231;

/// The formats a traffic series comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A CSV with a time column and a value column.
    Csv,
    /// Prometheus' `query_range` answer (a matrix of rates).
    Prometheus,
}

/// What a CSV's values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Requests per second.
    Rate,
    /// Requests in the sample's interval.
    Count,
}

/// How to read a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Options {
    /// Force a format (default: detected by content).
    pub format: Option<Format>,
    /// Force what the values are (default: by the value column's name).
    pub value: Option<ValueKind>,
    /// The local day's offset from UTC, minutes (default 0).
    pub tz_minutes: i32,
    /// The day to take, as days since 1970-01-01 (default: the busiest full day).
    pub day: Option<i64>,
}

/// A day seen in the series (`traffic.days`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DaySeen {
    /// `YYYY-MM-DD`, local.
    pub date: String,
    /// Its present slots, of 288.
    pub slots_present: usize,
    /// Its highest slot rate, req/s.
    pub peak_rps: f64,
}

/// The day the import chose (`traffic.*` of `headroom traffic`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Traffic {
    /// The chosen day, `YYYY-MM-DD`, local.
    pub date: String,
    /// Its highest slot rate, req/s.
    pub peak_rps: f64,
    /// 288 slots, % of `peak_rps`.
    pub levels: Vec<f64>,
    /// Slots of the chosen day filled by interpolation.
    pub missing_slots: usize,
    /// The busiest sample in the day ÷ `peak_rps`.
    pub burst_factor: f64,
    /// Every day seen.
    pub days: Vec<DaySeen>,
    /// The median gap between samples, s.
    pub spacing_s: f64,
}

/// Reads a series and imports its day.
pub fn import(name: &str, bytes: &[u8], opt: Options) -> Result<Traffic, String> {
    let mut r = Reader::new(name, opt);
    r.feed(bytes)?;
    r.finish()
}

/// A series being read: `feed` the file's bytes (a CSV is read line by line; a Prometheus answer
/// is kept and read at the end), then `finish`.
struct Reader {
    name: String,
    opt: Options,
    format: Option<Format>,
    /// Bytes fed so far.
    bytes: usize,
    /// Lines read so far.
    line: usize,
    /// The text of an unfinished line (CSV) or the whole answer (Prometheus).
    pending: String,
    /// The CSV's columns, once its header has been read.
    columns: Option<Columns>,
    samples: Vec<(f64, f64)>,
}

/// A CSV's time column, value column, what the values are, and the column names.
type Columns = (usize, usize, ValueKind, Vec<String>);

impl Reader {
    /// A reader for the file `name`.
    fn new(name: &str, opt: Options) -> Reader {
        Reader {
            name: name.to_string(),
            opt,
            format: opt.format,
            bytes: 0,
            line: 0,
            pending: String::new(),
            columns: None,
            samples: Vec::new(),
        }
    }

    /// Reads the file's bytes.
    fn feed(&mut self, bytes: &[u8]) -> Result<(), String> {
        if self.bytes + bytes.len() > MAX_BYTES {
            return Err(format!(
                "{}: more than {} bytes is larger than 64 MiB, the most a traffic file may be",
                self.name, MAX_BYTES
            ));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            format!(
                "{}: byte {} is not UTF-8: a traffic export is text (CSV or JSON)",
                self.name,
                self.bytes + e.valid_up_to() + 1
            )
        })?;
        let text = if self.bytes == 0 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        self.bytes += bytes.len();
        if self.format.is_none() {
            match text.trim_start().chars().next() {
                Some('{') => self.format = Some(Format::Prometheus),
                Some(_) => self.format = Some(Format::Csv),
                None => {}
            }
        }
        self.pending.push_str(text);
        if self.format == Some(Format::Csv) {
            if let Some(end) = self.pending.rfind('\n') {
                let rest = self.pending.split_off(end + 1);
                let done = std::mem::replace(&mut self.pending, rest);
                for line in done.lines() {
                    self.csv_line(line)?;
                }
            }
        }
        Ok(())
    }

    /// One line of a CSV: the header, or a sample.
    fn csv_line(&mut self, line: &str) -> Result<(), String> {
        self.line += 1;
        if line.trim().is_empty() {
            return Ok(());
        }
        let name = &self.name;
        let Some((time_at, value_at, _, cols)) = &self.columns else {
            self.columns = Some(columns(name, line, self.opt.value)?);
            return Ok(());
        };
        let c = cells(line);
        let at = |col: usize| c.get(col).copied().unwrap_or("");
        let t = timestamp(at(*time_at)).ok_or_else(|| {
            let shown = crate::plan::value::shown(at(*time_at));
            let hint = if shown.contains('/') {
                ": a local date format (as the Azure portal's displayed columns write); export ISO 8601 (2026-12-04T10:00:00Z) or Unix seconds"
            } else {
                ": expected ISO 8601 with an offset or Z, or Unix seconds"
            };
            format!(
                "{}: line {}, {}: '{}' is not a time{}",
                name, self.line, cols[*time_at], shown, hint
            )
        })?;
        let v = crate::plan::decimal::parse(at(*value_at))
            .filter(|v| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| {
                format!(
                    "{}: line {}, {}: '{}' is not a number of requests (0 or more)",
                    name,
                    self.line,
                    cols[*value_at],
                    crate::plan::value::shown(at(*value_at))
                )
            })?;
        self.samples.push((t, v));
        Ok(())
    }

    /// Reads what is left and imports the day.
    fn finish(mut self) -> Result<Traffic, String> {
        let name = self.name.clone();
        let kind = match self.format {
            None => return Err(format!("{}: the file is empty", name)),
            Some(Format::Prometheus) => {
                self.samples = read_prometheus(&name, &self.pending)?;
                ValueKind::Rate
            }
            Some(Format::Csv) => {
                let rest = std::mem::take(&mut self.pending);
                for line in rest.lines() {
                    self.csv_line(line)?;
                }
                match &self.columns {
                    Some((_, _, kind, _)) => *kind,
                    None => return Err(format!("{}: the file is empty", name)),
                }
            }
        };
        day_of(&name, self.samples, kind, self.opt)
    }
}

/// A UTC offset `±HH:MM`, at most ±14:00, as minutes east of UTC (`--tz`, the page's "UTC
/// offset").
pub fn utc_offset_minutes(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    if b.len() != 6 || !matches!(b[0], b'+' | b'-') || b[3] != b':' {
        return None;
    }
    let two = |s: &str| {
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.bytes().fold(0, |n, c| n * 10 + i32::from(c - b'0')))
    };
    let (h, m) = (two(&text[1..3])?, two(&text[4..6])?);
    let minutes = h * 60 + m;
    (m <= 59 && minutes <= 14 * 60).then_some(if b[0] == b'-' { -minutes } else { minutes })
}

/// A timestamp: ISO 8601 with an offset or `Z` (none: UTC), a space allowed for the `T`, or
/// Unix seconds (whole or decimal); seconds since 1970-01-01 UTC.
pub fn timestamp(text: &str) -> Option<f64> {
    let t = text.trim().trim_matches('"');
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return crate::plan::decimal::parse(t).filter(|x| x.is_finite());
    }
    if t.len() < 19 {
        return None;
    }
    let (d, rest) = t.split_at(10);
    let day = days(d)?;
    let rest = rest.strip_prefix(['T', ' '])?;
    let (hms, mut zone) = rest.split_at(8);
    let b = hms.as_bytes();
    if b[2] != b':' || b[5] != b':' {
        return None;
    }
    let num = |s: &str| -> Option<f64> {
        (s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| f64::from((s.as_bytes()[0] - b'0') * 10 + (s.as_bytes()[1] - b'0')))
    };
    let (h, m, s) = (num(&hms[..2])?, num(&hms[3..5])?, num(&hms[6..8])?);
    if h > 23.0 || m > 59.0 || s > 60.0 {
        return None;
    }
    let mut frac = 0.0;
    if let Some(f) = zone.strip_prefix('.') {
        let digits = f.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        frac = crate::plan::decimal::parse(&format!("0.{}", &f[..digits]))?;
        zone = &f[digits..];
    }
    let offset = match zone {
        "" | "Z" | "z" => 0.0,
        z if z.len() == 6 && (z.starts_with('+') || z.starts_with('-')) && &z[3..4] == ":" => {
            let sign = if z.starts_with('-') { -1.0 } else { 1.0 };
            sign * (num(&z[1..3])? * 3600.0 + num(&z[4..6])? * 60.0)
        }
        _ => return None,
    };
    Some(day as f64 * 86_400.0 + h * 3600.0 + m * 60.0 + s + frac - offset)
}

/// Splits a CSV line on commas outside double quotes.
fn cells(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(line[start..i].trim().trim_matches('"'));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(line[start..].trim().trim_matches('"'));
    out
}

/// A CSV header's columns: the time, the value, what the values are, and the names.
fn columns(name: &str, header: &str, forced: Option<ValueKind>) -> Result<Columns, String> {
    let cols: Vec<String> = cells(header)
        .iter()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let time_at = cols
        .iter()
        .position(|c| c.contains("time") || c.contains("date") || c == "ts")
        .unwrap_or(0);
    const RATES: [&str; 4] = ["rps", "rate", "req_per_s", "value"];
    const COUNTS: [&str; 4] = ["count", "count_", "requests", "hits"];
    let named = cols.iter().enumerate().find_map(|(i, c)| {
        if i == time_at {
            None
        } else if RATES.contains(&c.as_str()) {
            Some((i, ValueKind::Rate))
        } else if COUNTS.contains(&c.as_str()) {
            Some((i, ValueKind::Count))
        } else {
            None
        }
    });
    let (value_at, kind) = match (named, forced) {
        (Some((i, k)), f) => (i, f.unwrap_or(k)),
        (None, Some(f)) => match (0..cols.len()).find(|&i| i != time_at) {
            Some(i) => (i, f),
            None => return Err(format!("{}: line 1: no value column beside the time", name)),
        },
        (None, None) => {
            return Err(format!(
                "{}: line 1: no value column among [{}]: name one rps, rate, req_per_s or value (a rate, req/s) or count, count_, requests or hits (requests per sample), or pass --value rate|count",
                name,
                cols.iter().map(|c| format!("\"{}\"", crate::plan::shown(c))).collect::<Vec<_>>().join(", ")
            ))
        }
    };
    Ok((time_at, value_at, kind, cols))
}

/// Prometheus' `query_range` answer: every series' values summed per timestamp later.
fn read_prometheus(name: &str, text: &str) -> Result<Vec<(f64, f64)>, String> {
    use serde_json::Value;
    let v: Value = serde_json::from_str::<Value>(text).map_err(|e| {
        format!(
            "{}: not JSON ({}): expected Prometheus' query_range answer",
            name, e
        )
    })?;
    match v.get("status").and_then(Value::as_str) {
        Some("success") => {}
        Some(other) => {
            return Err(format!(
                "{}: Prometheus answered status \"{}\": {}",
                name,
                crate::plan::shown(other),
                v.get("error").and_then(Value::as_str).unwrap_or("(no error given)")
            ))
        }
        None => {
            return Err(format!(
                "{}: a JSON of another shape: expected Prometheus' query_range answer {{\"status\": \"success\", \"data\": {{\"resultType\": \"matrix\", \"result\": [...]}}}}",
                name
            ))
        }
    }
    let data = &v["data"];
    if data.get("resultType").and_then(Value::as_str) != Some("matrix") {
        return Err(format!(
            "{}: data.resultType is {}, expected \"matrix\" (a query_range answer)",
            name,
            super::shown_json(&data["resultType"])
        ));
    }
    let series = data["result"]
        .as_array()
        .ok_or_else(|| format!("{}: data.result is not a list of series", name))?;
    let mut out = Vec::new();
    for (s, one) in series.iter().enumerate() {
        let values = one["values"]
            .as_array()
            .ok_or_else(|| format!("{}: data.result[{}].values is not a list", name, s))?;
        for (i, pair) in values.iter().enumerate() {
            let at = || format!("{}: data.result[{}].values[{}]", name, s, i);
            let t = pair[0]
                .as_f64()
                .ok_or_else(|| format!("{}: the time is not a number", at()))?;
            let x = pair[1]
                .as_str()
                .and_then(crate::plan::decimal::parse)
                .filter(|x| x.is_finite() && *x >= 0.0)
                .ok_or_else(|| {
                    format!(
                        "{}: the value {} is not a rate (a number, 0 or more, as a string)",
                        at(),
                        super::shown_json(&pair[1])
                    )
                })?;
            out.push((t, x));
        }
    }
    Ok(out)
}

/// Steps 1 to 4 of the rule on the samples.
fn day_of(
    name: &str,
    mut samples: Vec<(f64, f64)>,
    kind: ValueKind,
    opt: Options,
) -> Result<Traffic, String> {
    super::sort_by_first(&mut samples);
    // Equal timestamps: one sample, their sum.
    let mut merged: Vec<(f64, f64)> = Vec::with_capacity(samples.len());
    for (t, v) in samples {
        match merged.last_mut() {
            Some(last) if last.0 == t => last.1 += v,
            _ => merged.push((t, v)),
        }
    }
    if merged.len() < 2 {
        return Err(format!(
            "{}: {} sample(s) at distinct times: a day needs a series",
            name,
            merged.len()
        ));
    }
    let mut gaps: Vec<(f64, f64)> = merged.windows(2).map(|w| (w[1].0 - w[0].0, 0.0)).collect();
    super::sort_by_first(&mut gaps);
    let mid = gaps.len() / 2;
    let spacing = if gaps.len().is_multiple_of(2) {
        (gaps[mid - 1].0 + gaps[mid].0) / 2.0
    } else {
        gaps[mid].0
    };
    // Each sample's interval and rate.
    let intervals: Vec<(f64, f64, f64)> = merged
        .iter()
        .enumerate()
        .map(|(i, &(t, v))| {
            let held = match merged.get(i + 1) {
                Some(&(next, _)) if next - t <= 3.0 * spacing => next - t,
                _ => spacing,
            };
            let rate = match kind {
                ValueKind::Rate => v,
                ValueKind::Count if held > 0.0 => v / held,
                ValueKind::Count => 0.0,
            };
            (t, t + held, rate)
        })
        .collect();
    // Step 2: slots of the local day, by their number since 1970-01-01 local.
    let tz = f64::from(opt.tz_minutes) * 60.0;
    let first_slot = ((merged[0].0 + tz) / SLOT_S).floor() as i64;
    let last_end = intervals.last().map_or(0.0, |i| i.1);
    let last_slot = ((last_end + tz) / SLOT_S).ceil() as i64;
    let n_slots = (last_slot - first_slot).max(1) as usize;
    if n_slots > 400 * SLOTS {
        return Err(format!(
            "{}: the series spans {} days; Headroom reads at most 400",
            name,
            n_slots / SLOTS
        ));
    }
    let mut weighted = vec![0.0; n_slots];
    let mut covered = vec![0.0; n_slots];
    for &(a, b, r) in &intervals {
        let (mut a, b) = (a + tz, b + tz);
        while a < b {
            let slot = (a / SLOT_S).floor();
            let end = ((slot + 1.0) * SLOT_S).min(b);
            let i = (slot as i64 - first_slot) as usize;
            if let (Some(w), Some(c)) = (weighted.get_mut(i), covered.get_mut(i)) {
                *w += r * (end - a);
                *c += end - a;
            }
            a = end;
        }
    }
    let rate = |i: usize| (covered[i] >= SLOT_S / 2.0).then(|| weighted[i] / covered[i]);
    // Step 3: the days.
    let day_of_slot = |i: usize| (first_slot + i as i64).div_euclid(SLOTS as i64);
    let (first_day, last_day) = (day_of_slot(0), day_of_slot(n_slots - 1));
    let slot_index = |day: i64, k: usize| day * SLOTS as i64 + k as i64 - first_slot;
    let day_slots = |day: i64| -> Vec<Option<f64>> {
        (0..SLOTS)
            .map(|k| {
                let i = slot_index(day, k);
                (0..n_slots as i64)
                    .contains(&i)
                    .then(|| rate(i as usize))
                    .flatten()
            })
            .collect()
    };
    let mut seen = Vec::new();
    let mut best: Option<(i64, f64)> = None;
    for day in first_day..=last_day {
        let slots = day_slots(day);
        let present = slots.iter().flatten().count();
        if present == 0 {
            continue;
        }
        let peak = slots.iter().flatten().copied().fold(0.0, f64::max);
        if present >= MIN_SLOTS && best.is_none_or(|(_, p)| peak > p) {
            best = Some((day, peak));
        }
        seen.push(DaySeen {
            date: date(day),
            slots_present: present,
            peak_rps: peak,
        });
    }
    let chosen = match opt.day {
        Some(day) => {
            let present = day_slots(day).iter().flatten().count();
            if present < MIN_SLOTS {
                return Err(format!(
                    "{}: {} has {} of its 288 5-minute slots; a day needs {} (80 %)",
                    name,
                    date(day),
                    present,
                    MIN_SLOTS
                ));
            }
            day
        }
        None => best.map(|b| b.0).ok_or_else(|| {
            format!(
                "{}: no day has {} of its 288 5-minute slots (80 %): the days seen have {}",
                name,
                MIN_SLOTS,
                seen.iter()
                    .map(|d| format!("{} {}", d.date, d.slots_present))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?,
    };
    let slots = day_slots(chosen);
    let present: Vec<usize> = (0..SLOTS).filter(|&k| slots[k].is_some()).collect();
    let value = |k: usize| slots[k].unwrap_or(0.0);
    let filled: Vec<f64> = (0..SLOTS)
        .map(|k| {
            if let Some(v) = slots[k] {
                return v;
            }
            let after = present.partition_point(|&p| p < k);
            match (after.checked_sub(1).map(|i| present[i]), present.get(after)) {
                (Some(a), Some(&b)) => {
                    value(a) + (value(b) - value(a)) * (k - a) as f64 / (b - a) as f64
                }
                (Some(a), None) => value(a),
                (None, Some(&b)) => value(b),
                (None, None) => 0.0,
            }
        })
        .collect();
    let peak = present.iter().map(|&k| value(k)).fold(0.0, f64::max);
    let levels = filled
        .iter()
        .map(|v| if peak > 0.0 { v / peak * 100.0 } else { 0.0 })
        .collect();
    // Step 4: the busiest sample within the local day.
    let (from, to) = (
        chosen as f64 * 86_400.0 - tz,
        (chosen + 1) as f64 * 86_400.0 - tz,
    );
    let busiest = intervals
        .iter()
        .filter(|i| i.0 >= from && i.0 < to)
        .map(|i| i.2)
        .fold(0.0, f64::max);
    let burst_factor = if peak > 0.0 { busiest / peak } else { 1.0 };
    Ok(Traffic {
        date: date(chosen),
        peak_rps: peak,
        levels,
        missing_slots: SLOTS - present.len(),
        burst_factor,
        days: seen,
        spacing_s: spacing,
    })
}

/// The plan with the imported day: the 288 levels (one decimal), `peak_rps` (3 significant
/// digits), `day_burst` (two decimals, 1 to 100), and `offpeak_rps` lowered to at most the new
/// peak where it was above.
pub fn into_plan(plan: &crate::plan::Plan, t: &Traffic) -> crate::plan::Plan {
    with_day(plan, &t.levels, t.peak_rps, t.burst_factor)
}

/// [`into_plan`] from the figures alone (the levels, % of the peak; the peak, req/s; the burst
/// factor): what the page does with the day the worker imported.
pub fn with_day(
    plan: &crate::plan::Plan,
    levels: &[f64],
    peak_rps: f64,
    burst_factor: f64,
) -> crate::plan::Plan {
    let mut next = plan.clone();
    let round_to = |x: f64, places: f64| (x * places).round() / places;
    next.day = levels
        .iter()
        .map(|l| round_to(*l, 10.0).clamp(0.0, 100.0))
        .collect();
    let peak = crate::plan::decimal::parse(&format!("{:.2e}", peak_rps)).unwrap_or(0.0);
    next.peak_rps = peak.clamp(0.0, 10_000_000.0);
    next.offpeak_rps = next.offpeak_rps.min(next.peak_rps);
    next.day_burst = round_to(burst_factor, 100.0).clamp(1.0, 100.0);
    next
}

/// The page's summary of an import: the day chosen, its UTC offset (`offset`, as typed; empty
/// is UTC), the slots filled, the burst factor and the other days' peaks.
pub fn summary(t: &Traffic, offset: &str) -> String {
    use crate::engine::format::fmt;
    let others: Vec<String> = t
        .days
        .iter()
        .filter(|d| d.date != t.date)
        .map(|d| format!("{} {} req/s", d.date, fmt(d.peak_rps)))
        .collect();
    format!(
        "Imported {} (UTC{}): peak {} req/s, {} of 288 slots filled, burst factor {}{}",
        t.date,
        if offset.trim().is_empty() {
            "+00:00"
        } else {
            offset.trim()
        },
        fmt(t.peak_rps),
        t.missing_slots,
        fmt(t.burst_factor),
        if others.is_empty() {
            String::new()
        } else {
            format!("; the other days' peaks: {}", others.join(", "))
        }
    )
}

/// What `headroom traffic` prints: the import and the plan's link with it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The imported day.
    pub traffic: Traffic,
    /// The plan's canonical link with `day`, `peak_rps` and `day_burst` set.
    pub query: String,
}

/// Imports the day and builds the plan's link with it.
pub fn report(
    name: &str,
    bytes: &[u8],
    opt: Options,
    plan: &crate::plan::Plan,
) -> Result<Report, String> {
    let traffic = import(name, bytes, opt)?;
    let query = crate::share::encode(&into_plan(plan, &traffic));
    Ok(Report { traffic, query })
}
