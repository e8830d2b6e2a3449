//! `headroom`: the sizing engine on the command line, for plans kept in a repository.
//!
//! ```text
//! headroom eval [--preset NAME | --plan FILE] [--query QUERY_OR_URL]   sizing as JSON
//! headroom plan [--preset NAME | --plan FILE] [--query QUERY_OR_URL]   the plan as JSON
//! headroom link [--preset NAME | --plan FILE] [--query QUERY_OR_URL]   the canonical share query
//! headroom export [SOURCE] --out DIR [--only FILE...] [--force]  write the configuration files
//! headroom export [SOURCE] --check DIR                             exit 1 if DIR's files differ
//! headroom presets                                                     the preset names
//! headroom params                                                      the parameter reference (Markdown)
//! ```
//! Invalid input exits with status 2 and one line per problem on stderr, naming the parameter.

use headroom::share::{self, json, presets, Problem};
use headroom::{engine, report};
use std::process::ExitCode;

const USAGE: &str = "usage:
  headroom eval [--preset NAME | --plan FILE] [--query QUERY_OR_URL]
  headroom plan [--preset NAME | --plan FILE] [--query QUERY_OR_URL]
  headroom link [--preset NAME | --plan FILE] [--query QUERY_OR_URL]
  headroom export [--preset NAME | --plan FILE] [--query QUERY_OR_URL] --out DIR [--only FILE...] [--force]
  headroom export [--preset NAME | --plan FILE] [--query QUERY_OR_URL] --check DIR
  headroom presets
  headroom params";

/// A failure: the lines to print and the exit status.
struct Failure {
    lines: Vec<String>,
    status: u8,
}

fn usage(msg: impl Into<String>) -> Failure {
    Failure {
        lines: vec![msg.into(), USAGE.to_string()],
        status: 2,
    }
}

fn problems(list: Vec<Problem>) -> Failure {
    Failure {
        lines: list.iter().map(|p| format!("error: {}", p)).collect(),
        status: 2,
    }
}

/// Where the plan comes from.
#[derive(Default)]
struct Source {
    preset: Option<String>,
    plan_file: Option<String>,
    query: Option<String>,
}

fn parse_source(args: &[String]) -> Result<Source, Failure> {
    let mut src = Source::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| usage(format!("error: {} needs a value", name)))
        };
        match flag.as_str() {
            "--preset" => src.preset = Some(value("--preset")?),
            "--plan" => src.plan_file = Some(value("--plan")?),
            "--query" => src.query = Some(value("--query")?),
            other => return Err(usage(format!("error: unknown argument '{}'", other))),
        }
    }
    if src.preset.is_some() && src.plan_file.is_some() {
        return Err(usage("error: give --preset or --plan, not both"));
    }
    Ok(src)
}

fn load_plan(src: &Source) -> Result<headroom::plan::Plan, Failure> {
    let base = match (&src.preset, &src.plan_file) {
        (Some(name), _) => presets::plan(name).ok_or_else(|| {
            problems(vec![Problem {
                param: "preset".into(),
                message: format!(
                    "'{}' is not a preset (one of {})",
                    name,
                    presets::names().join(", ")
                ),
            }])
        })?,
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path).map_err(|e| Failure {
                lines: vec![format!("error: cannot read plan file {}: {}", path, e)],
                status: 2,
            })?;
            json::plan_from_json(&text).map_err(problems)?
        }
        (None, None) => headroom::plan::Plan::default(),
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

fn run(args: &[String]) -> Result<String, Failure> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(usage("error: no command"));
    };
    match cmd.as_str() {
        "eval" => Ok(report::json::to_json(&report::evaluate(&load_plan(
            &parse_source(rest)?,
        )?))),
        "plan" => Ok(json::plan_to_json(&load_plan(&parse_source(rest)?)?)),
        "link" => Ok(format!(
            "?{}\n",
            share::encode(&load_plan(&parse_source(rest)?)?)
        )),
        "export" => export(rest),
        "presets" => Ok(presets::PRESETS
            .iter()
            .map(|p| format!("{}\t{}\n", p.name, p.title))
            .collect()),
        "params" => Ok(headroom::plan::reference_markdown()),
        "-h" | "--help" | "help" => Ok(format!("{}\n", USAGE)),
        other => Err(usage(format!("error: unknown command '{}'", other))),
    }
}

/// `headroom export`: writes the plan's files, or checks a directory against them.
fn export(args: &[String]) -> Result<String, Failure> {
    let mut source_args = Vec::new();
    let (mut out, mut check, mut only, mut force) = (None, None, Vec::new(), false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => {
                out = Some(
                    it.next()
                        .cloned()
                        .ok_or_else(|| usage("error: --out needs a directory"))?,
                )
            }
            "--check" => {
                check = Some(
                    it.next()
                        .cloned()
                        .ok_or_else(|| usage("error: --check needs a directory"))?,
                )
            }
            "--force" => force = true,
            "--only" => {
                // One or more names, up to the next flag.
                let mut any = false;
                while let Some(name) = it.clone().next().filter(|n| !n.starts_with("--")) {
                    it.next();
                    if !headroom::export::names().contains(&name.as_str()) {
                        return Err(usage(format!(
                            "error: --only: '{}' is not an export (one of {})",
                            name,
                            headroom::export::names().join(", ")
                        )));
                    }
                    only.push(name.clone());
                    any = true;
                }
                if !any {
                    return Err(usage("error: --only needs a file name"));
                }
            }
            _ => {
                source_args.push(a.clone());
                if let Some(v) = it.next() {
                    source_args.push(v.clone());
                }
            }
        }
    }
    let plan = load_plan(&parse_source(&source_args)?)?;
    let files: Vec<_> = headroom::export::render_all(&plan, &engine::size(&plan))
        .into_iter()
        .filter(|f| only.is_empty() || only.iter().any(|o| o == f.name))
        .collect();
    let io = |what: String| Failure {
        lines: vec![what],
        status: 2,
    };
    match (out, check) {
        (Some(_), Some(_)) | (None, None) => Err(usage("error: give --out DIR or --check DIR")),
        (None, Some(dir)) => {
            let dir = std::path::Path::new(&dir);
            let differ: Vec<String> = files
                .iter()
                .filter(|f| {
                    std::fs::read_to_string(dir.join(f.name)).ok().as_deref()
                        != Some(f.text.as_str())
                })
                .map(|f| format!("differs: {}", dir.join(f.name).display()))
                .collect();
            if differ.is_empty() {
                Ok(format!("{} files match the plan\n", files.len()))
            } else {
                Err(Failure {
                    lines: differ,
                    status: 1,
                })
            }
        }
        (Some(dir), None) => {
            let dir = std::path::Path::new(&dir);
            std::fs::create_dir_all(dir)
                .map_err(|e| io(format!("error: cannot create {}: {}", dir.display(), e)))?;
            if !force {
                let existing: Vec<String> = files
                    .iter()
                    .map(|f| dir.join(f.name))
                    .filter(|p| p.exists())
                    .map(|p| format!("error: {} exists (use --force to overwrite)", p.display()))
                    .collect();
                if !existing.is_empty() {
                    return Err(Failure {
                        lines: existing,
                        status: 2,
                    });
                }
            }
            let mut written = String::new();
            for f in &files {
                let path = dir.join(f.name);
                std::fs::write(&path, &f.text)
                    .map_err(|e| io(format!("error: cannot write {}: {}", path.display(), e)))?;
                written.push_str(&format!("wrote {}\n", path.display()));
            }
            Ok(written)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            print!("{}", out);
            ExitCode::SUCCESS
        }
        Err(f) => {
            for line in f.lines {
                eprintln!("{}", line);
            }
            ExitCode::from(f.status)
        }
    }
}
