//! The page's worker: what runs after the first answer, off the page's thread, and the messages
//! that carry it. The page sends a [`Request`] (the plan as its canonical share link, and a
//! file's bytes for an import); the worker answers with [`handle`]'s [`Reply`]. Both cross as a
//! [`Message`]: named fields of five plain kinds (text, number, texts, numbers, bytes), which the
//! browser structured-clones as strings, numbers, arrays and typed arrays, so that neither side
//! needs a JSON reader. Pure: the CLI calls the same functions `handle` calls, and the tests
//! hold `handle` to them.
//!
//! Every message has a `kind`; a request has an `id` (the page's counter) and every reply but
//! `ready` echoes it with the link, so the page drops a reply to a plan it no longer shows.

use crate::decide::{runway, sections, vms};
use crate::doctor::{Code, Finding, Severity};
use crate::engine;
use crate::export;
use crate::measure::{self, traffic};
use crate::plan::Plan;
use crate::report::runway::{Month, Runway};
use crate::report::vms::VmRow;
use crate::share;

/// One field's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// A string.
    Text(String),
    /// A number.
    Number(f64),
    /// A list of strings.
    Texts(Vec<String>),
    /// A list of numbers (a `Float64Array` in the browser).
    Numbers(Vec<f64>),
    /// Bytes (a `Uint8Array` in the browser).
    Bytes(Vec<u8>),
}

/// A message: named fields, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Message(pub Vec<(String, Field)>);

impl Message {
    fn with(mut self, name: &str, value: Field) -> Message {
        self.0.push((name.to_string(), value));
        self
    }

    fn put_text(self, name: &str, value: &str) -> Message {
        self.with(name, Field::Text(value.to_string()))
    }

    fn put_number(self, name: &str, value: f64) -> Message {
        self.with(name, Field::Number(value))
    }

    fn put_numbers(self, name: &str, value: impl IntoIterator<Item = f64>) -> Message {
        self.with(name, Field::Numbers(value.into_iter().collect()))
    }

    fn put_texts(self, name: &str, value: impl IntoIterator<Item = String>) -> Message {
        self.with(name, Field::Texts(value.into_iter().collect()))
    }

    fn find(&self, name: &str) -> Option<&Field> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, f)| f)
    }

    /// The text field `name`, if the message has one.
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.find(name)? {
            Field::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The number field `name`, if the message has one.
    pub fn number(&self, name: &str) -> Option<f64> {
        match self.find(name)? {
            Field::Number(x) => Some(*x),
            _ => None,
        }
    }

    fn numbers(&self, name: &str) -> Option<&[f64]> {
        match self.find(name)? {
            Field::Numbers(x) => Some(x),
            _ => None,
        }
    }

    fn texts(&self, name: &str) -> Option<&[String]> {
        match self.find(name)? {
            Field::Texts(x) => Some(x),
            _ => None,
        }
    }

    fn bytes(&self, name: &str) -> Option<&[u8]> {
        match self.find(name)? {
            Field::Bytes(x) => Some(x),
            _ => None,
        }
    }
}

/// A field a request needs, or an error that names it (the worker sends the error back).
fn need<T>(value: Option<T>, name: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("the request has no usable field '{name}'"))
}

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Every file of the default export set.
    Exports,
    /// The `.zip` of every file.
    Zip,
    /// A load test's results fitted (`measure::calibrate`, one pod behind the address).
    Calibrate {
        /// The file's name.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// A day of traffic imported (`measure::traffic::import`, format and values detected).
    Traffic {
        /// The file's name.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
        /// The local day's offset from UTC, minutes.
        tz_minutes: i32,
        /// The offset as the page's field shows it (for the summary).
        tz: String,
    },
    /// Every allowed VM size ranked, with the "Node size" section's text.
    Sizes,
    /// Each limit's runway and the months, with the "Growth" section's text.
    Growth,
    /// How each headline figure was computed (the cards' "How?"): the page's own report has
    /// the figures alone.
    Explain,
}

/// A request with the page's counter and the plan's link.
#[derive(Clone, Debug, PartialEq)]
pub struct Asked {
    /// The page's counter, echoed by the reply.
    pub id: f64,
    /// The plan, as its canonical share link.
    pub link: String,
    /// What is asked.
    pub request: Request,
}

/// The kinds of request: the page keeps one slot of each (one in flight, the newest waiting,
/// the last reply).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Every file's text.
    Exports,
    /// The archive.
    Zip,
    /// A load test's fit.
    Calibrate,
    /// A day of traffic.
    Traffic,
    /// The node-size ranking.
    Sizes,
    /// The growth runway.
    Growth,
    /// The figures' explanations.
    Explain,
}

impl Kind {
    /// How many kinds there are.
    pub const COUNT: usize = 7;

    /// The kind's name in a message.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Exports => "exports",
            Kind::Zip => "zip",
            Kind::Calibrate => "calibrate",
            Kind::Traffic => "traffic",
            Kind::Sizes => "sizes",
            Kind::Growth => "growth",
            Kind::Explain => "explain",
        }
    }
}

impl Request {
    /// The request's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Request::Exports => Kind::Exports,
            Request::Zip => Kind::Zip,
            Request::Calibrate { .. } => Kind::Calibrate,
            Request::Traffic { .. } => Kind::Traffic,
            Request::Sizes => Kind::Sizes,
            Request::Growth => Kind::Growth,
            Request::Explain => Kind::Explain,
        }
    }
}

impl Asked {
    /// The request's kind, as its message names it.
    pub fn kind(&self) -> &'static str {
        self.request.kind().as_str()
    }

    /// The request as a message.
    pub fn to_message(&self) -> Message {
        let m = Message::default()
            .put_text("kind", self.kind())
            .put_number("id", self.id)
            .put_text("link", &self.link);
        match &self.request {
            Request::Calibrate { name, bytes } => m
                .put_text("name", name)
                .with("bytes", Field::Bytes(bytes.clone())),
            Request::Traffic {
                name,
                bytes,
                tz_minutes,
                tz,
            } => m
                .put_text("name", name)
                .with("bytes", Field::Bytes(bytes.clone()))
                .put_number("tz_minutes", f64::from(*tz_minutes))
                .put_text("tz", tz),
            _ => m,
        }
    }

    /// A message as a request; an error names what is missing or of the wrong kind.
    pub fn from_message(m: &Message) -> Result<Asked, String> {
        let request = match need(m.text("kind"), "kind")? {
            "exports" => Request::Exports,
            "zip" => Request::Zip,
            "sizes" => Request::Sizes,
            "growth" => Request::Growth,
            "explain" => Request::Explain,
            "calibrate" => Request::Calibrate {
                name: need(m.text("name"), "name")?.to_string(),
                bytes: need(m.bytes("bytes"), "bytes")?.to_vec(),
            },
            "traffic" => Request::Traffic {
                name: need(m.text("name"), "name")?.to_string(),
                bytes: need(m.bytes("bytes"), "bytes")?.to_vec(),
                tz_minutes: need(m.number("tz_minutes"), "tz_minutes")?.clamp(-840.0, 840.0) as i32,
                tz: need(m.text("tz"), "tz")?.to_string(),
            },
            other => return Err(format!("unknown request '{}'", crate::plan::shown(other))),
        };
        Ok(Asked {
            id: need(m.number("id"), "id")?,
            link: need(m.text("link"), "link")?.to_string(),
            request,
        })
    }
}

/// A load test's fit, as the page shows it and plans on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// Every point read: requests in flight, throughput (req/s), whether the fit used it.
    pub points: Vec<(f64, f64, bool)>,
    /// Contention σ.
    pub sigma: f64,
    /// Coherency κ.
    pub kappa: f64,
    /// Throughput of one request in flight, req/s.
    pub lambda_rps: f64,
    /// R² of the fit.
    pub r2: f64,
    /// The largest concurrency the fit used (`usl_max_n`).
    pub max_n: f64,
    /// What the reader wants the user to know.
    pub warnings: Vec<String>,
}

impl Fitted {
    /// `plan` on this curve: "Plan on this curve".
    pub fn plan_on_curve(&self, plan: &Plan) -> Plan {
        measure::on_curve(plan, self.sigma, self.kappa, self.lambda_rps, self.max_n)
    }
}

/// An imported day, as the page sets it into the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// 288 levels, % of the peak.
    pub levels: Vec<f64>,
    /// The day's peak, req/s.
    pub peak_rps: f64,
    /// The burst factor.
    pub burst_factor: f64,
    /// The summary line.
    pub summary: String,
}

impl Imported {
    /// `plan` with this day (`measure::traffic::into_plan`).
    pub fn into_plan(&self, plan: &Plan) -> Plan {
        traffic::with_day(plan, &self.levels, self.peak_rps, self.burst_factor)
    }
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// The files, in panel order: names and texts.
    Exports(Vec<(String, String)>),
    /// The archive's bytes.
    Zip(Vec<u8>),
    /// The fit, or why the file could not be fitted.
    Calibrated(Result<Fitted, String>),
    /// The day, or why the file could not be imported.
    Traffic(Result<Imported, String>),
    /// The sizes ranked, with the section's HTML above and below the chart.
    Sizes {
        /// Above the chart.
        top: String,
        /// Below the chart.
        table: String,
        /// The rows, cheapest first.
        rows: Vec<VmRow>,
        /// What the ranking finds (`cheaper-vm`), which joins the page's findings.
        findings: Vec<Finding>,
    },
    /// The runway and the months, with the section's HTML above and below the chart.
    Growth {
        /// Above the chart.
        top: String,
        /// Below the chart.
        table: String,
        /// Each limit's runway, shortest first.
        runway: Vec<Runway>,
        /// Months 0 to 60.
        months: Vec<Month>,
    },
    /// The request could not be read (a message of another build, a damaged link).
    Refused(String),
    /// Every explained figure: its `headroom eval` key and how it was computed.
    Explained(Vec<(String, String)>),
}

/// A reply: the request's counter and link, and the answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// The request's counter.
    pub id: f64,
    /// The request's link.
    pub link: String,
    /// What the worker found.
    pub answer: Answer,
}

/// Booleans cross as 1 and 0.
fn flag(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// A count (a whole number below 2^53, as every count in the core) from its number.
fn whole(x: f64) -> u64 {
    if x.is_finite() && x > 0.0 {
        x as u64
    } else {
        0
    }
}

/// Texts where empty means none.
fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

impl Reply {
    /// The reply as a message.
    pub fn to_message(&self) -> Message {
        let m = Message::default()
            .put_number("id", self.id)
            .put_text("link", &self.link);
        match &self.answer {
            Answer::Exports(files) => m
                .put_text("kind", "exports")
                .put_texts("names", files.iter().map(|f| f.0.clone()))
                .put_texts("texts", files.iter().map(|f| f.1.clone())),
            Answer::Explained(pairs) => m
                .put_text("kind", "explain")
                .put_texts("names", pairs.iter().map(|f| f.0.clone()))
                .put_texts("texts", pairs.iter().map(|f| f.1.clone())),
            Answer::Zip(bytes) => m
                .put_text("kind", "zip")
                .with("bytes", Field::Bytes(bytes.clone())),
            Answer::Calibrated(Err(e)) | Answer::Traffic(Err(e)) | Answer::Refused(e) => m
                .put_text(
                    "kind",
                    match self.answer {
                        Answer::Calibrated(_) => "calibrate",
                        Answer::Traffic(_) => "traffic",
                        _ => "refused",
                    },
                )
                .put_text("error", e),
            Answer::Calibrated(Ok(f)) => m
                .put_text("kind", "calibrate")
                .put_numbers("concurrency", f.points.iter().map(|p| p.0))
                .put_numbers("throughput_rps", f.points.iter().map(|p| p.1))
                .put_numbers("used", f.points.iter().map(|p| flag(p.2)))
                .put_number("sigma", f.sigma)
                .put_number("kappa", f.kappa)
                .put_number("lambda_rps", f.lambda_rps)
                .put_number("r2", f.r2)
                .put_number("max_n", f.max_n)
                .put_texts("warnings", f.warnings.iter().cloned()),
            Answer::Traffic(Ok(t)) => m
                .put_text("kind", "traffic")
                .put_numbers("levels", t.levels.iter().copied())
                .put_number("peak_rps", t.peak_rps)
                .put_number("burst_factor", t.burst_factor)
                .put_text("summary", &t.summary),
            Answer::Sizes {
                top,
                table,
                rows,
                findings,
            } => {
                let col = |f: fn(&VmRow) -> f64| rows.iter().map(f).collect::<Vec<f64>>();
                let texts = |f: fn(&VmRow) -> String| rows.iter().map(f).collect::<Vec<_>>();
                m.put_text("kind", "sizes")
                    .put_text("top", top)
                    .put_text("table", table)
                    .put_texts("pool", texts(|r| r.pool.clone()))
                    .put_texts("vm", texts(|r| r.vm.clone()))
                    .put_numbers("vcpu", col(|r| f64::from(r.vcpu)))
                    .put_numbers("mem_gib", col(|r| r.mem_gib))
                    .put_numbers("alloc_cpu", col(|r| r.alloc_cpu))
                    .put_numbers("alloc_mem_gib", col(|r| r.alloc_mem_gib))
                    .put_numbers("pods_per_node", col(|r| r.pods_per_node as f64))
                    .put_texts("binds", texts(|r| r.binds.clone()))
                    .put_numbers("nodes_peak", col(|r| r.nodes_peak as f64))
                    .put_numbers("nodes_min", col(|r| r.nodes_min as f64))
                    .put_numbers("monthly_usd", col(|r| r.monthly_usd))
                    .put_numbers("waste_cpu_pct", col(|r| r.waste_cpu_pct))
                    .put_numbers("waste_mem_pct", col(|r| r.waste_mem_pct))
                    .put_numbers("fits", col(|r| flag(r.fits)))
                    .put_numbers("survives", col(|r| flag(r.survives)))
                    .put_texts("price_status", texts(|r| r.price_status.clone()))
                    .put_texts("why", texts(|r| r.why.clone().unwrap_or_default()))
                    .put_texts(
                        "finding_code",
                        findings.iter().map(|f| f.code.as_str().into()),
                    )
                    .put_texts(
                        "finding_severity",
                        findings.iter().map(|f| f.severity.as_str().into()),
                    )
                    .put_texts(
                        "finding_message",
                        findings.iter().map(|f| f.message.clone()),
                    )
                    .put_texts("finding_fix", findings.iter().map(|f| f.fix.clone()))
                    .put_texts(
                        "finding_apply",
                        findings.iter().map(|f| {
                            let pairs: Vec<String> =
                                f.apply.iter().map(|(n, v)| format!("{n}={v}")).collect();
                            pairs.join("&")
                        }),
                    )
            }
            Answer::Growth {
                top,
                table,
                runway,
                months,
            } => m
                .put_text("kind", "growth")
                .put_text("top", top)
                .put_text("table", table)
                .put_texts("bound", runway.iter().map(|w| w.bound.clone()))
                .put_texts(
                    "finding",
                    runway
                        .iter()
                        .map(|w| w.finding.map_or("", Code::as_str).to_string()),
                )
                .put_numbers("months", runway.iter().map(|w| f64::from(w.months)))
                .put_numbers(
                    "limit",
                    runway.iter().map(|w| w.limit.map_or(-1.0, |l| l as f64)),
                )
                .put_numbers("month", months.iter().map(|m| f64::from(m.month)))
                .put_numbers("month_peak_rps", months.iter().map(|m| m.peak_rps))
                .put_numbers(
                    "month_nodes_peak",
                    months.iter().map(|m| m.nodes_peak as f64),
                )
                .put_numbers(
                    "month_replicas_peak",
                    months.iter().map(|m| m.replicas_peak as f64),
                )
                .put_numbers("month_monthly_usd", months.iter().map(|m| m.monthly_usd)),
        }
    }

    /// A message as a reply; `None` when a field is missing or of the wrong kind (the page
    /// then treats the worker as failed).
    pub fn from_message(m: &Message) -> Option<Reply> {
        let error = || m.text("error").map(str::to_string);
        let answer = match m.text("kind")? {
            "exports" => Answer::Exports(pairs(m)?),
            "explain" => Answer::Explained(pairs(m)?),
            "zip" => Answer::Zip(m.bytes("bytes")?.to_vec()),
            "refused" => Answer::Refused(error()?),
            "calibrate" if m.find("error").is_some() => Answer::Calibrated(Err(error()?)),
            "calibrate" => {
                let (c, t, u) = (
                    m.numbers("concurrency")?,
                    m.numbers("throughput_rps")?,
                    m.numbers("used")?,
                );
                Answer::Calibrated(Ok(Fitted {
                    points: c
                        .iter()
                        .zip(t)
                        .zip(u)
                        .map(|((c, t), u)| (*c, *t, *u != 0.0))
                        .collect(),
                    sigma: m.number("sigma")?,
                    kappa: m.number("kappa")?,
                    lambda_rps: m.number("lambda_rps")?,
                    r2: m.number("r2")?,
                    max_n: m.number("max_n")?,
                    warnings: m.texts("warnings")?.to_vec(),
                }))
            }
            "traffic" if m.find("error").is_some() => Answer::Traffic(Err(error()?)),
            "traffic" => Answer::Traffic(Ok(Imported {
                levels: m.numbers("levels")?.to_vec(),
                peak_rps: m.number("peak_rps")?,
                burst_factor: m.number("burst_factor")?,
                summary: m.text("summary")?.to_string(),
            })),
            "sizes" => Answer::Sizes {
                top: m.text("top")?.to_string(),
                table: m.text("table")?.to_string(),
                rows: sizes_rows(m)?,
                findings: findings(m)?,
            },
            "growth" => {
                let (bound, finding, months, limit) = (
                    m.texts("bound")?,
                    m.texts("finding")?,
                    m.numbers("months")?,
                    m.numbers("limit")?,
                );
                let runway = (0..bound.len())
                    .map(|i| Runway {
                        bound: bound[i].clone(),
                        finding: finding
                            .get(i)
                            .and_then(|f| Code::ALL.iter().copied().find(|c| c.as_str() == f)),
                        months: months.get(i).map_or(0, |x| whole(*x) as u32),
                        limit: limit.get(i).filter(|l| **l >= 0.0).map(|l| whole(*l)),
                    })
                    .collect();
                let (n, peak, nodes, replicas, usd) = (
                    m.numbers("month")?,
                    m.numbers("month_peak_rps")?,
                    m.numbers("month_nodes_peak")?,
                    m.numbers("month_replicas_peak")?,
                    m.numbers("month_monthly_usd")?,
                );
                let months = (0..n.len().min(peak.len()).min(nodes.len()))
                    .map(|i| Month {
                        month: whole(n[i]) as u32,
                        peak_rps: peak[i],
                        nodes_peak: whole(nodes[i]),
                        replicas_peak: replicas.get(i).map_or(0, |x| whole(*x)),
                        monthly_usd: usd.get(i).copied().unwrap_or(0.0),
                    })
                    .collect();
                Answer::Growth {
                    top: m.text("top")?.to_string(),
                    table: m.text("table")?.to_string(),
                    runway,
                    months,
                }
            }
            _ => return None,
        };
        Some(Reply {
            id: m.number("id")?,
            link: m.text("link")?.to_string(),
            answer,
        })
    }
}

/// A reply's (name, text) pairs, from their columns.
fn pairs(m: &Message) -> Option<Vec<(String, String)>> {
    let (names, texts) = (m.texts("names")?, m.texts("texts")?);
    (names.len() == texts.len()).then(|| names.iter().cloned().zip(texts.iter().cloned()).collect())
}

/// The findings a reply carries, from their columns.
fn findings(m: &Message) -> Option<Vec<Finding>> {
    let (code, severity, message, fix, apply) = (
        m.texts("finding_code")?,
        m.texts("finding_severity")?,
        m.texts("finding_message")?,
        m.texts("finding_fix")?,
        m.texts("finding_apply")?,
    );
    (0..code.len())
        .map(|i| {
            // The fix's values, `name=value&…` (values are link text: no `&` or `=`).
            let values: Vec<(&'static str, String)> = apply
                .get(i)?
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (name, value) = p.split_once('=')?;
                    Some((crate::plan::param(name)?.name, value.to_string()))
                })
                .collect::<Option<_>>()?;
            let f = crate::doctor::finding(
                Code::ALL.iter().copied().find(|c| c.as_str() == code[i])?,
                Severity::ALL
                    .into_iter()
                    .find(|s| Some(s.as_str()) == severity.get(i).map(String::as_str))?,
                message.get(i)?.clone(),
                fix.get(i)?.clone(),
            );
            Some(if values.is_empty() {
                f
            } else {
                f.applying(&values)
            })
        })
        .collect()
}

/// The ranking's rows from their columns.
fn sizes_rows(m: &Message) -> Option<Vec<VmRow>> {
    let text = |name: &str| m.texts(name);
    let num = |name: &str| m.numbers(name);
    let (pool, vm, binds, price, why) = (
        text("pool")?,
        text("vm")?,
        text("binds")?,
        text("price_status")?,
        text("why")?,
    );
    let cols = [
        num("vcpu")?,
        num("mem_gib")?,
        num("alloc_cpu")?,
        num("alloc_mem_gib")?,
        num("pods_per_node")?,
        num("nodes_peak")?,
        num("nodes_min")?,
        num("monthly_usd")?,
        num("waste_cpu_pct")?,
        num("waste_mem_pct")?,
        num("fits")?,
        num("survives")?,
    ];
    let n = pool.len();
    if [vm.len(), binds.len(), price.len(), why.len()]
        .into_iter()
        .chain(cols.iter().map(|c| c.len()))
        .any(|len| len != n)
    {
        return None;
    }
    Some(
        (0..n)
            .map(|i| VmRow {
                pool: pool[i].clone(),
                vm: vm[i].clone(),
                vcpu: whole(cols[0][i]) as u32,
                mem_gib: cols[1][i],
                alloc_cpu: cols[2][i],
                alloc_mem_gib: cols[3][i],
                pods_per_node: whole(cols[4][i]),
                binds: binds[i].clone(),
                nodes_peak: whole(cols[5][i]),
                nodes_min: whole(cols[6][i]),
                monthly_usd: cols[7][i],
                waste_cpu_pct: cols[8][i],
                waste_mem_pct: cols[9][i],
                fits: cols[10][i] != 0.0,
                survives: cols[11][i] != 0.0,
                price_status: price[i].clone(),
                why: optional(&why[i]),
            })
            .collect(),
    )
}

/// The worker's first message: it is loaded and answers requests. `build` is the build both
/// the page and the worker were compiled in ([`BUILD`]), so that a page never talks to another
/// build's worker.
pub fn ready() -> Message {
    Message::default()
        .put_text("kind", "ready")
        .put_text("build", BUILD)
}

/// The build this code was compiled in: a hash of the sources, written by build.rs.
pub const BUILD: &str = env!("HEADROOM_BUILD");

/// Answers a request, as the CLI would: the same functions, the same results.
pub fn handle(asked: &Asked) -> Reply {
    let decoded = share::decode(&asked.link);
    let answer = if !decoded.problems.is_empty() {
        Answer::Refused(format!(
            "the plan's link was not read whole: {}",
            decoded
                .problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ))
    } else {
        answer(&decoded.plan, &asked.request)
    };
    Reply {
        id: asked.id,
        link: asked.link.clone(),
        answer,
    }
}

fn answer(plan: &Plan, request: &Request) -> Answer {
    match request {
        Request::Exports => {
            let sizing = engine::size(plan);
            Answer::Exports(
                export::render_all(plan, &sizing)
                    .into_iter()
                    .map(|f| (f.name.to_string(), f.text))
                    .collect(),
            )
        }
        Request::Zip => {
            let sizing = engine::size(plan);
            Answer::Zip(export::zip::archive(&export::render_all(plan, &sizing)))
        }
        Request::Calibrate { name, bytes } => {
            Answer::Calibrated(measure::calibrate(name, bytes, None, 1, plan).map(|c| {
                Fitted {
                    points: c
                        .points
                        .iter()
                        .map(|p| (p.concurrency, p.throughput_rps, p.used))
                        .collect(),
                    sigma: c.usl.sigma,
                    kappa: c.usl.kappa,
                    lambda_rps: c.usl.lambda,
                    r2: c.usl.r2,
                    max_n: c.largest_used(),
                    warnings: c.warnings,
                }
            }))
        }
        Request::Traffic {
            name,
            bytes,
            tz_minutes,
            tz,
        } => {
            let opt = traffic::Options {
                tz_minutes: *tz_minutes,
                ..Default::default()
            };
            Answer::Traffic(traffic::import(name, bytes, opt).map(|t| Imported {
                summary: traffic::summary(&t, tz),
                levels: t.levels,
                peak_rps: t.peak_rps,
                burst_factor: t.burst_factor,
            }))
        }
        Request::Sizes => {
            let rows = vms::rank(plan);
            Answer::Sizes {
                top: sections::sizes_top(plan, &rows),
                table: sections::sizes_table(plan, &rows),
                findings: vms::cheaper(plan, &rows).into_iter().collect(),
                rows,
            }
        }
        Request::Explain => Answer::Explained(
            crate::report::evaluate(plan)
                .explain
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
        Request::Growth => {
            let (runway, months) = runway::outlook(plan);
            Answer::Growth {
                top: sections::growth_top(plan, &runway),
                table: sections::growth_table(&runway::broken_now(plan), &runway),
                runway,
                months,
            }
        }
    }
}
