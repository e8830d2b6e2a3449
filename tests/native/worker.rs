//! The page's worker (`headroom::worker`): every message survives its trip as fields, and
//! `handle` answers each request with exactly what the CLI's own function gives.
#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use headroom::decide;
use headroom::measure::{self, traffic};
use headroom::share::{self, presets::PRESETS};
use headroom::worker::{handle, ready, Answer, Asked, Field, Message, Reply, Request, BUILD};
use headroom::{engine, export};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/loadtest")
            .join(name),
    )
    .unwrap()
}

/// A day of traffic a minute apart from 2026-12-01 00:00 UTC, busiest at noon.
fn traffic_csv() -> Vec<u8> {
    let mut out = String::from("time,rps\n");
    for m in 0..1440 {
        let rate = 10.0 + 30.0 * (1.0 - ((m as f64 - 720.0) / 720.0).abs());
        out += &format!("{},{rate}\n", 1_796_083_200 + m * 60);
    }
    out.into_bytes()
}

fn ask(link: &str, request: Request) -> Asked {
    Asked {
        id: 7.0,
        link: link.to_string(),
        request,
    }
}

/// Every request kind, on a link.
fn requests(link: &str) -> Vec<Asked> {
    vec![
        ask(link, Request::Exports),
        ask(link, Request::Zip),
        ask(
            link,
            Request::Calibrate {
                name: "locust_stats_history.csv".into(),
                bytes: fixture("locust_stats_history.csv"),
            },
        ),
        ask(
            link,
            Request::Calibrate {
                name: "empty.csv".into(),
                bytes: Vec::new(),
            },
        ),
        ask(
            link,
            Request::Traffic {
                name: "t.csv".into(),
                bytes: traffic_csv(),
                tz_minutes: 60,
                tz: "+01:00".into(),
            },
        ),
        ask(
            link,
            Request::Traffic {
                name: "t.csv".into(),
                bytes: b"time,rps\nyesterday,3\n".to_vec(),
                tz_minutes: 0,
                tz: String::new(),
            },
        ),
        ask(link, Request::Sizes),
        ask(link, Request::Growth),
        ask(link, Request::Explain),
    ]
}

/// The page's report has the figures alone; the worker explains them: the same explanations
/// as `headroom eval`'s, and the page's report otherwise equal to eval's.
#[test]
fn the_worker_explains_what_the_page_shows() {
    for preset in share::presets::PRESETS {
        let plan = share::presets::plan(preset.name).unwrap();
        let explained = headroom::report::evaluate(&plan);
        let quiet = headroom::report::figures(&plan, false);
        assert!(quiet.explain.is_empty());
        assert_eq!(quiet.sizing, explained.sizing, "{}", preset.name);
        assert_eq!(quiet.findings, explained.findings, "{}", preset.name);
        assert_eq!(quiet.day, explained.day, "{}", preset.name);
        match handle(&ask(&share::encode(&plan), Request::Explain)).answer {
            Answer::Explained(pairs) => {
                let want: Vec<(String, String)> = explained
                    .explain
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                assert_eq!(pairs, want, "{}", preset.name);
            }
            other => panic!("{}: {other:?}", preset.name),
        }
    }
}

/// A request and its reply read back from their messages are what was sent.
#[test]
fn every_message_round_trips() {
    for preset in ["aks-long-running", "aca-scale-to-zero"] {
        let plan = share::presets::plan(preset).unwrap();
        let link = format!("{}&growth_pct_month=4", share::encode(&plan));
        for asked in requests(&link) {
            let m = asked.to_message();
            assert_eq!(Asked::from_message(&m).unwrap(), asked, "{}", asked.kind());
            let reply = handle(&asked);
            let back = Reply::from_message(&reply.to_message()).unwrap();
            assert_eq!(back, reply, "{preset} {}", asked.kind());
        }
    }
    let refused = handle(&ask("peak_rps=banana", Request::Exports));
    assert!(matches!(&refused.answer, Answer::Refused(e) if e.contains("peak_rps")));
    assert_eq!(Reply::from_message(&refused.to_message()).unwrap(), refused);
    assert_eq!(
        ready(),
        Message(vec![
            ("kind".into(), Field::Text("ready".into())),
            ("build".into(), Field::Text(BUILD.into()))
        ])
    );
}

/// A message of another kind, or without a field a kind needs, is an error that names it.
#[test]
fn a_malformed_message_is_named() {
    let bad = Message(vec![("kind".into(), Field::Text("teleport".into()))]);
    assert!(Asked::from_message(&bad).unwrap_err().contains("teleport"));
    let short = Message(vec![
        ("kind".into(), Field::Text("calibrate".into())),
        ("id".into(), Field::Number(1.0)),
        ("link".into(), Field::Text(String::new())),
    ]);
    assert!(Asked::from_message(&short).unwrap_err().contains("'name'"));
    assert_eq!(Reply::from_message(&short), None);
    let wrong = Message(vec![("kind".into(), Field::Number(1.0))]);
    assert!(Asked::from_message(&wrong).unwrap_err().contains("'kind'"));
}

/// `handle` gives each request what the CLI's function gives for the same plan and bytes.
#[test]
fn handle_answers_as_the_cli_does() {
    for p in PRESETS {
        let plan = (p.plan)();
        let link = share::encode(&plan);
        let sizing = engine::size(&plan);
        let files = export::render_all(&plan, &sizing);
        match handle(&ask(&link, Request::Exports)).answer {
            Answer::Exports(got) => {
                assert_eq!(got.len(), files.len());
                for ((name, text), f) in got.iter().zip(&files) {
                    assert_eq!((name.as_str(), text), (f.name, &f.text), "{}", p.name);
                }
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            handle(&ask(&link, Request::Zip)).answer,
            Answer::Zip(export::zip::archive(&files))
        );
        match handle(&ask(&link, Request::Sizes)).answer {
            Answer::Sizes {
                rows,
                top,
                table,
                findings,
            } => {
                let ranked = decide::vms::rank(&plan);
                assert_eq!(rows, ranked, "{}", p.name);
                // The ranking's finding is what `headroom eval` adds for it.
                let searched = decide::evaluate_searched(&plan);
                let cheaper: Vec<_> = searched
                    .findings
                    .iter()
                    .filter(|f| f.code == headroom::doctor::Code::CheaperVm)
                    .cloned()
                    .collect();
                assert_eq!(findings, cheaper, "{}", p.name);
                assert_eq!(top, decide::sections::sizes_top(&plan, &ranked));
                assert_eq!(table, decide::sections::sizes_table(&plan, &ranked));
            }
            other => panic!("{other:?}"),
        }
    }
    // The runway, on a plan with growth.
    let growing = share::decode("growth_pct_month=5&node_max=32").plan;
    let link = share::encode(&growing);
    match handle(&ask(&link, Request::Growth)).answer {
        Answer::Growth { runway, months, .. } => {
            assert_eq!((runway, months), decide::runway::outlook(&growing))
        }
        other => panic!("{other:?}"),
    }
    // A load test: the fit `headroom calibrate` prints, and the same plan on its curve.
    let plan = share::decode("workers=4&threads=8").plan;
    let link = share::encode(&plan);
    let bytes = fixture("locust_stats_history.csv");
    let cli = measure::calibrate("run.csv", &bytes, None, 1, &plan).unwrap();
    match handle(&ask(
        &link,
        Request::Calibrate {
            name: "run.csv".into(),
            bytes: bytes.clone(),
        },
    ))
    .answer
    {
        Answer::Calibrated(Ok(f)) => {
            assert_eq!(
                (f.sigma, f.kappa, f.lambda_rps, f.r2),
                (cli.usl.sigma, cli.usl.kappa, cli.usl.lambda, cli.usl.r2)
            );
            assert_eq!(f.points.len(), cli.points.len());
            assert_eq!(f.warnings, cli.warnings);
            assert_eq!(share::encode(&f.plan_on_curve(&plan)), cli.query);
        }
        other => panic!("{other:?}"),
    }
    // A file the CLI refuses: the same message.
    let cli = measure::calibrate("x.csv", b"a,b\n1,2\n", None, 1, &plan).unwrap_err();
    let asked = ask(
        &link,
        Request::Calibrate {
            name: "x.csv".into(),
            bytes: b"a,b\n1,2\n".to_vec(),
        },
    );
    assert_eq!(handle(&asked).answer, Answer::Calibrated(Err(cli)));
    // A day of traffic: the link `headroom traffic` prints.
    let opt = traffic::Options {
        tz_minutes: 60,
        ..Default::default()
    };
    let cli = traffic::report("t.csv", &traffic_csv(), opt, &plan).unwrap();
    match handle(&ask(
        &link,
        Request::Traffic {
            name: "t.csv".into(),
            bytes: traffic_csv(),
            tz_minutes: 60,
            tz: "+01:00".into(),
        },
    ))
    .answer
    {
        Answer::Traffic(Ok(t)) => {
            assert_eq!(share::encode(&t.into_plan(&plan)), cli.query);
            assert_eq!(t.summary, traffic::summary(&cli.traffic, "+01:00"));
            assert!(
                t.summary.starts_with("Imported 2026-12-01 (UTC+01:00)"),
                "{}",
                t.summary
            );
        }
        other => panic!("{other:?}"),
    }
}

/// The page's tabs name the files before the worker renders them: the same names, in order.
#[test]
fn the_tab_names_are_the_exports() {
    assert_eq!(export::NAMES.to_vec(), export::names());
}
