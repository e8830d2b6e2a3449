//! The command line: arguments (clap), loading the plan, printing, exit statuses.

use clap::builder::{NonEmptyStringValueParser, PossibleValuesParser, TypedValueParser};
use clap::{Args, CommandFactory, Parser, Subcommand};
use headroom::plan::value::shown;
use headroom::plan::Plan;
use headroom::share::{self, json, presets, Problem};
use headroom::{engine, export, measure, report};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{files, import};

/// Capacity planning for web APIs: replicas, nodes, latency, cost and configuration files from
/// a plan (a share link, a preset or a plan file).
#[derive(Parser)]
#[command(name = "headroom", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the sizing, findings and explanations as JSON.
    Eval(Source),
    /// Print the plan as JSON (a plan file to commit).
    Plan(Source),
    /// Print the plan's canonical share query.
    Link(Source),
    /// Write the configuration files, or check a directory against them.
    Export(ExportArgs),
    /// Simulate the plan's day: the series as CSV, or the decision log.
    Simulate(SimulateArgs),
    /// Print the price book, check its age, or build one from Retail Prices API pages.
    Prices(PricesArgs),
    /// Fit a load test's results (CSV, Locust history, k6 summary) to the Universal
    /// Scalability Law and print the curve, one pod's capacity on it and the plan's link.
    Calibrate(CalibrateArgs),
    /// Import a day of real traffic (a CSV or Prometheus' query_range JSON) as the plan's
    /// 5-minute profile, peak and burst factor.
    Traffic(TrafficArgs),
    /// List the presets.
    Presets,
    /// Print the parameter reference (docs/PARAMETERS.md).
    Params,
    /// Print a completion script for a shell.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Where the plan comes from: the default plan, a preset or a plan file, then a link on top.
#[derive(Args)]
struct Source {
    /// Start from a preset (`headroom presets` lists them).
    #[arg(long, value_name = "NAME", conflicts_with = "plan")]
    preset: Option<String>,
    /// Start from a plan file (`headroom plan` writes one).
    #[arg(long, value_name = "FILE", value_parser = non_empty_path())]
    plan: Option<PathBuf>,
    /// A share link or its query, applied on top.
    #[arg(long, value_name = "QUERY_OR_URL")]
    query: Option<String>,
}

#[derive(Args)]
struct ExportArgs {
    #[command(flatten)]
    source: Source,
    /// Write the files into this directory (created when missing).
    #[arg(long, value_name = "DIR", value_parser = non_empty_path(), required_unless_present = "check", conflicts_with = "check")]
    out: Option<PathBuf>,
    /// Exit 1 if this directory's files differ from the plan's.
    #[arg(long, value_name = "DIR", value_parser = non_empty_path())]
    check: Option<PathBuf>,
    /// Only these files.
    #[arg(long, value_name = "FILE", num_args = 1.., value_parser = PossibleValuesParser::new(export::all_names()))]
    only: Vec<String>,
    /// Overwrite files that exist.
    #[arg(long, requires = "out")]
    force: bool,
}

#[derive(Args)]
struct CalibrateArgs {
    /// The load test's results: a CSV of concurrency and throughput, Locust's
    /// *_stats_history.csv, or k6's summary JSON (at most 16 MiB).
    #[arg(value_name = "FILE", value_parser = non_empty_path())]
    file: PathBuf,
    /// The file's format (default: detected by its content).
    #[arg(long, value_parser = PossibleValuesParser::new(["csv", "locust", "k6"]))]
    format: Option<String>,
    /// The test ran against this many pods behind one address: throughput and concurrency are
    /// divided by it.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pods: u32,
    #[command(flatten)]
    source: Source,
}

#[derive(Args)]
struct TrafficArgs {
    /// The series: a CSV with a time column and a rate or count column, or Prometheus'
    /// query_range answer (at most 64 MiB).
    #[arg(value_name = "FILE", value_parser = non_empty_path())]
    file: PathBuf,
    /// The file's format (default: detected by its content).
    #[arg(long, value_parser = PossibleValuesParser::new(["csv", "prometheus"]))]
    format: Option<String>,
    /// What a CSV's values are: requests per second, or requests in each sample's interval
    /// (default: by the value column's name).
    #[arg(long, value_parser = PossibleValuesParser::new(["rate", "count"]))]
    value: Option<String>,
    /// The local day's offset from UTC, ±HH:MM (default +00:00).
    #[arg(long, value_name = "±HH:MM", allow_hyphen_values = true, value_parser = tz_minutes)]
    tz: Option<i32>,
    /// The day to take, YYYY-MM-DD (default: the busiest day with 80 % of its 5-minute slots).
    #[arg(long, value_name = "DATE", value_parser = day_number)]
    day: Option<i64>,
    #[command(flatten)]
    source: Source,
}

/// `--tz`: ±HH:MM, at most ±14:00, as minutes east of UTC.
fn tz_minutes(text: &str) -> Result<i32, String> {
    headroom::measure::traffic::utc_offset_minutes(text).ok_or_else(|| {
        format!(
            "'{}' is not an offset ±HH:MM from -14:00 to +14:00",
            shown(text)
        )
    })
}

/// `--day`: YYYY-MM-DD as days since 1970-01-01.
fn day_number(text: &str) -> Result<i64, String> {
    headroom::engine::prices::days(text)
        .ok_or_else(|| format!("'{}' is not a date YYYY-MM-DD", shown(text)))
}

#[derive(Args)]
struct SimulateArgs {
    #[command(flatten)]
    source: Source,
    /// Seconds between rows: a multiple of 15 from 15 to 86400.
    #[arg(long, value_name = "SECONDS", default_value_t = 15, value_parser = step_seconds, allow_hyphen_values = true)]
    step: u32,
    /// Print one line per scaling decision instead of the series.
    #[arg(long)]
    log: bool,
}

#[derive(Args)]
struct PricesArgs {
    /// Exit 1 when the book is older than --max-age-days (for CI in your own repository).
    #[arg(long, requires = "max_age_days", conflicts_with = "import")]
    check: bool,
    /// The age --check allows, days.
    #[arg(long, value_name = "DAYS", requires = "check")]
    max_age_days: Option<u32>,
    /// Today, YYYY-MM-DD (default: the system's date, UTC).
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
    /// The book to check (default: the one built into this binary).
    #[arg(long, value_name = "FILE", value_parser = non_empty_path(), requires = "check")]
    book: Option<PathBuf>,
    /// Build a book from these Retail Prices API pages (scripts/update-prices saves them) and
    /// print it.
    #[arg(long, value_name = "FILE", num_args = 1.., value_parser = non_empty_path())]
    import: Vec<PathBuf>,
}

/// Today's date (UTC) from the system clock, YYYY-MM-DD.
fn system_today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    headroom::engine::prices::date(secs.div_euclid(86_400))
}

/// `headroom prices`.
fn prices(args: PricesArgs) -> Result<String, Failure> {
    use headroom::engine::prices;
    let today = args.today.unwrap_or_else(system_today);
    if prices::days(&today).is_none() {
        return Err(refused(vec![format!(
            "error: --today: '{}' is not a date (YYYY-MM-DD)",
            shown(&today)
        )]));
    }
    let read = |path: &Path| read_capped(path, MAX_PRICE_FILE_BYTES, "price file");
    if !args.import.is_empty() {
        let mut pages = Vec::new();
        for path in &args.import {
            pages.push((path.display().to_string(), read(path)?));
        }
        return import::import(&pages, &today).map_err(|e| refused(vec![format!("error: {}", e)]));
    }
    if !args.check {
        return Ok(prices::TEXT.to_string());
    }
    let text = match &args.book {
        Some(path) => read(path)?,
        None => prices::TEXT.to_string(),
    };
    let book = prices::parse(&text).map_err(|e| refused(vec![format!("error: {}", e)]))?;
    let age =
        prices::age_days(&book, &today).map_err(|e| refused(vec![format!("error: {}", e)]))?;
    let max = i64::from(args.max_age_days.unwrap_or(0));
    if age > max {
        Err(Failure {
            lines: vec![format!(
                "the price book is {} days old (as of {}), more than the {} allowed: run scripts/update-prices and headroom prices --import (docs/PRICES.md)",
                age, book.as_of, max
            )],
            status: 1,
        })
    } else {
        Ok(format!(
            "the price book is {} days old (as of {}), within {}\n",
            age, book.as_of, max
        ))
    }
}

/// `--step`: whole seconds, a multiple of the simulation's 15 s step, at most a day.
fn step_seconds(text: &str) -> Result<u32, String> {
    match text.parse::<u32>() {
        Ok(n) if (15..=86_400).contains(&n) && n % 15 == 0 => Ok(n),
        _ => Err(format!(
            "'{}' is not a multiple of 15 from 15 to 86400 (seconds)",
            shown(text)
        )),
    }
}

/// A path that is not empty: `--out ''` would write into the current directory.
fn non_empty_path() -> impl TypedValueParser<Value = PathBuf> {
    NonEmptyStringValueParser::new().map(PathBuf::from)
}

/// A failure: the lines to print and the exit status.
struct Failure {
    lines: Vec<String>,
    status: u8,
}

fn refused(lines: Vec<String>) -> Failure {
    Failure { lines, status: 2 }
}

fn problems(list: Vec<Problem>) -> Failure {
    refused(list.iter().map(|p| format!("error: {}", p)).collect())
}

/// The largest price book or Retail Prices API page `headroom prices` reads: 64 MiB, far above
/// a page of the API (about 1,000 items, under 1 MiB) or a whole book.
pub(crate) const MAX_PRICE_FILE_BYTES: u64 = 64 << 20;

/// Reads a text file of at most `limit` bytes: a larger regular file is refused before it is
/// read, and anything else (a device, a pipe) is read no further than `limit` + 1 bytes.
fn read_capped(path: &Path, limit: u64, what: &str) -> Result<String, Failure> {
    let bytes = read_capped_bytes(path, limit, what)?;
    String::from_utf8(bytes).map_err(|e| {
        refused(vec![format!(
            "error: {} {}: byte {} is not UTF-8",
            what,
            shown(&path.display().to_string()),
            e.utf8_error().valid_up_to() + 1
        )])
    })
}

/// [`read_capped`]'s bytes, before they are read as text.
fn read_capped_bytes(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, Failure> {
    let name = shown(&path.display().to_string());
    let cannot =
        |e: std::io::Error| refused(vec![format!("error: cannot read {} {}: {}", what, name, e)]);
    let too_big = || {
        refused(vec![format!(
            "error: {} {} is larger than {} MiB, the most it may be",
            what,
            name,
            limit >> 20
        )])
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    if file.metadata().map_err(cannot)?.len() > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Reads a plan file, refusing one larger than a plan can be before reading it whole.
fn read_plan_file(path: &Path) -> Result<Plan, Failure> {
    let cannot = |e: std::io::Error| {
        refused(vec![format!(
            "error: cannot read plan file {}: {}",
            shown(&path.display().to_string()),
            e
        )])
    };
    let mut text = String::new();
    let file = std::fs::File::open(path).map_err(cannot)?;
    file.take(json::MAX_PLAN_BYTES as u64 + 1)
        .read_to_string(&mut text)
        .map_err(cannot)?;
    json::plan_from_json(&text).map_err(problems)
}

fn load_plan(src: &Source) -> Result<Plan, Failure> {
    let base = match (&src.preset, &src.plan) {
        (Some(name), _) => presets::plan(name).ok_or_else(|| {
            problems(vec![Problem {
                param: "preset".into(),
                message: format!(
                    "'{}' is not a preset (one of {})",
                    shown(name),
                    presets::names().join(", ")
                ),
            }])
        })?,
        (None, Some(path)) => read_plan_file(path)?,
        (None, None) => Plan::default(),
    };
    match &src.query {
        None => Ok(base),
        Some(q) => {
            let decoded = share::decode_onto(base, q);
            if decoded.problems.is_empty() {
                Ok(decoded.plan)
            } else {
                Err(problems(decoded.problems))
            }
        }
    }
}

fn run(cli: Cli) -> Result<String, Failure> {
    match cli.command {
        Command::Eval(src) => Ok(report::json::to_json(&headroom::decide::evaluate_searched(
            &load_plan(&src)?,
        ))),
        Command::Plan(src) => Ok(json::plan_to_json(&load_plan(&src)?)),
        Command::Link(src) => Ok(format!("?{}\n", share::encode(&load_plan(&src)?))),
        Command::Export(args) => export_files(args),
        Command::Simulate(args) => {
            let plan = load_plan(&args.source)?;
            let day = headroom::sim::simulate(&plan, &engine::size(&plan));
            Ok(if args.log {
                day.events.iter().map(|e| e.line() + "\n").collect()
            } else {
                headroom::sim::csv::to_csv(&day, args.step)
            })
        }
        Command::Prices(args) => prices(args),
        Command::Traffic(args) => {
            use headroom::measure::traffic;
            let plan = load_plan(&args.source)?;
            let bytes = read_capped_bytes(&args.file, traffic::MAX_BYTES as u64, "traffic file")?;
            let opt = traffic::Options {
                format: match args.format.as_deref() {
                    Some("csv") => Some(traffic::Format::Csv),
                    Some("prometheus") => Some(traffic::Format::Prometheus),
                    _ => None,
                },
                value: match args.value.as_deref() {
                    Some("rate") => Some(traffic::ValueKind::Rate),
                    Some("count") => Some(traffic::ValueKind::Count),
                    _ => None,
                },
                tz_minutes: args.tz.unwrap_or(0),
                day: args.day,
            };
            let name = shown(&args.file.display().to_string());
            let r = traffic::report(&name, &bytes, opt, &plan)
                .map_err(|e| refused(vec![format!("error: {}", e)]))?;
            serde_json::to_string_pretty(&r)
                .map(|j| j + "\n")
                .map_err(|e| refused(vec![format!("error: {}", e)]))
        }
        Command::Calibrate(args) => {
            let plan = load_plan(&args.source)?;
            let bytes = read_capped_bytes(&args.file, measure::MAX_BYTES as u64, "load-test file")?;
            let format = args.format.as_deref().and_then(measure::Format::from_name);
            let name = shown(&args.file.display().to_string());
            let c = measure::calibrate(&name, &bytes, format, args.pods, &plan)
                .map_err(|e| refused(vec![format!("error: {}", e)]))?;
            serde_json::to_string_pretty(&c)
                .map(|j| j + "\n")
                .map_err(|e| refused(vec![format!("error: {}", e)]))
        }
        Command::Presets => Ok(presets::PRESETS
            .iter()
            .map(|p| format!("{}\t{}\n", p.name, p.title))
            .collect()),
        Command::Params => Ok(headroom::plan::reference_markdown()),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "headroom", &mut out);
            Ok(String::from_utf8_lossy(&out).into_owned())
        }
    }
}

/// `headroom export`: writes the plan's files, or checks a directory against them.
fn export_files(args: ExportArgs) -> Result<String, Failure> {
    let plan = load_plan(&args.source)?;
    let sizing = engine::size(&plan);
    let files: Vec<_> = if args.only.is_empty() {
        export::render_all(&plan, &sizing)
    } else {
        // In panel order, once each, the files on request after the default set.
        export::all_names()
            .into_iter()
            .filter(|n| args.only.iter().any(|o| o == n))
            .filter_map(|n| export::render_one(n, &plan, &sizing))
            .collect()
    };
    if let Some(dir) = args.check {
        let differ: Vec<String> = files
            .iter()
            .filter(|f| {
                std::fs::read_to_string(dir.join(f.name)).ok().as_deref() != Some(f.text.as_str())
            })
            .map(|f| format!("differs: {}", dir.join(f.name).display()))
            .collect();
        return if differ.is_empty() {
            Ok(format!("{} files match the plan\n", files.len()))
        } else {
            Err(Failure {
                lines: differ,
                status: 1,
            })
        };
    }
    // clap requires one of --out and --check.
    let dir = args.out.unwrap_or_default();
    let written = files::write_all(&dir, &files, args.force).map_err(|reasons| {
        refused(
            reasons
                .into_iter()
                .map(|r| format!("error: {}", r))
                .collect(),
        )
    })?;
    Ok(written
        .iter()
        .map(|p| format!("wrote {}\n", p.display()))
        .collect())
}

/// Runs the command line and returns its exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                // The reader went away (`| head`): stop quietly, as Unix tools do.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "error: cannot write the output: {}", e);
                    ExitCode::from(1)
                }
            }
        }
        Err(f) => {
            let mut stderr = std::io::stderr().lock();
            for line in f.lines {
                let _ = writeln!(stderr, "{}", line);
            }
            ExitCode::from(f.status)
        }
    }
}
