//! A real day of traffic read back (`measure::traffic`): each step of the import rule on a
//! small series, the Prometheus answer, the plan it makes, and `headroom traffic`.
#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use headroom::measure::traffic::{self, Format, Options, ValueKind, MIN_SLOTS, SLOTS};
use headroom::plan::Plan;
use headroom::{engine, report, share};

/// 2026-12-01 00:00 UTC, s.
const DEC1: f64 = 1_796_083_200.0;

/// A CSV of (unix seconds, value) under a header.
fn csv(header: &str, rows: &[(f64, f64)]) -> Vec<u8> {
    let mut out = format!("{header}\n");
    for (t, v) in rows {
        out += &format!("{t},{v}\n");
    }
    out.into_bytes()
}

/// One sample a minute for a whole day from `start`, the rate `f(minute)`.
fn day_of_minutes(start: f64, f: impl Fn(usize) -> f64) -> Vec<(f64, f64)> {
    (0..1440).map(|m| (start + m as f64 * 60.0, f(m))).collect()
}

fn import(bytes: &[u8], opt: Options) -> traffic::Traffic {
    traffic::import("t.csv", bytes, opt).unwrap()
}

#[test]
fn a_day_of_rates_becomes_288_slots_of_5_minutes() {
    // 10 req/s, 40 req/s from 12:00 to 12:05: the peak slot; the 5-minute mean hides nothing.
    let rows = day_of_minutes(DEC1, |m| if (720..725).contains(&m) { 40.0 } else { 10.0 });
    let t = import(&csv("time,rps", &rows), Options::default());
    assert_eq!(t.date, "2026-12-01");
    assert_eq!(t.levels.len(), SLOTS);
    assert_eq!(t.peak_rps, 40.0);
    assert_eq!(t.levels[144], 100.0);
    assert_eq!(t.levels[0], 25.0);
    assert_eq!(t.missing_slots, 0);
    assert_eq!(t.spacing_s, 60.0);
    assert_eq!(t.burst_factor, 1.0);
    // One busy minute inside a slot: the slot's mean is lower, the burst factor says so.
    let rows = day_of_minutes(DEC1, |m| if m == 722 { 50.0 } else { 10.0 });
    let t = import(&csv("time,rps", &rows), Options::default());
    assert_eq!(t.peak_rps, 18.0); // (4 × 10 + 50) / 5
    assert!((t.burst_factor - 50.0 / 18.0).abs() < 1e-12);
}

#[test]
fn duplicates_are_summed_and_counts_divided_by_the_time_they_hold() {
    // Two hosts at the same timestamps, counts per minute: 300 + 300 a minute = 10 req/s.
    let mut rows = Vec::new();
    for m in 0..1440 {
        rows.push((DEC1 + m as f64 * 60.0, 300.0));
        rows.push((DEC1 + m as f64 * 60.0, 300.0));
    }
    let mut text = String::from("timestamp,host,requests\n");
    for (i, (t, v)) in rows.iter().enumerate() {
        text += &format!("{},{},{}\n", t, if i % 2 == 0 { "a" } else { "b" }, v);
    }
    let t = import(text.as_bytes(), Options::default());
    assert_eq!(t.peak_rps, 10.0);
    // The same values read as rates (--value rate): 600 req/s.
    let forced = Options {
        value: Some(ValueKind::Rate),
        ..Options::default()
    };
    assert_eq!(import(text.as_bytes(), forced).peak_rps, 600.0);
    // ISO 8601 with an offset and fractions of a second read the same instants.
    let iso = "time,rate\n2026-12-01T01:00:00.000+01:00,5\n2026-12-01T00:01:00Z,5\n";
    let parsed: Vec<f64> = iso
        .lines()
        .skip(1)
        .map(|l| traffic::timestamp(l.split(',').next().unwrap()).unwrap())
        .collect();
    assert_eq!(parsed, [DEC1, DEC1 + 60.0]);
}

#[test]
fn a_gap_is_missing_data_and_missing_slots_are_interpolated() {
    // A day of 1-minute rates rising 0 → 1439, with 02:00–03:00 missing: the sample before the
    // gap holds for one spacing only, so the hour's slots are missing and filled linearly.
    let rows: Vec<(f64, f64)> = day_of_minutes(DEC1, |m| m as f64)
        .into_iter()
        .filter(|(t, _)| !((DEC1 + 7200.0)..(DEC1 + 10_800.0)).contains(t))
        .collect();
    let t = import(&csv("time,rps", &rows), Options::default());
    assert_eq!(t.missing_slots, 12);
    let level = |k: usize| t.levels[k] * t.peak_rps / 100.0;
    // Slot 23 (01:55–02:00) is present: minutes 115–119, mean 117.
    assert!((level(23) - 117.0).abs() < 1e-9);
    // Slot 36 (03:00) present again: mean 182. Between them a straight line.
    assert!((level(36) - 182.0).abs() < 1e-9);
    let step = (182.0 - 117.0) / 13.0;
    for k in 24..36 {
        assert!(
            (level(k) - (117.0 + step * (k - 23) as f64)).abs() < 1e-9,
            "{k}"
        );
    }
    // At the edges the nearest present slot's value: the series starts at 00:30.
    let late: Vec<(f64, f64)> = day_of_minutes(DEC1, |_| 7.0)
        .into_iter()
        .filter(|(t, _)| *t >= DEC1 + 1800.0)
        .collect();
    let t = import(&csv("time,rps", &late), Options::default());
    assert_eq!(t.missing_slots, 6);
    assert!(t.levels[..6].iter().all(|l| *l == 100.0));
}

#[test]
fn the_time_zone_moves_the_day_and_a_day_below_80_percent_is_not_chosen() {
    // Two UTC days; the second busier. At -12:00 the local days shift by half a day.
    let mut rows = day_of_minutes(DEC1, |_| 10.0);
    rows.extend(day_of_minutes(DEC1 + 86_400.0, |m| {
        if m < 720 {
            30.0
        } else {
            20.0
        }
    }));
    let body = csv("ts,value", &rows);
    let utc = import(&body, Options::default());
    assert_eq!(utc.date, "2026-12-02");
    assert_eq!(utc.days.len(), 2);
    let west = import(
        &body,
        Options {
            tz_minutes: -12 * 60,
            ..Options::default()
        },
    );
    // Local 2026-12-01 runs from 12:00 UTC on the 1st to 12:00 UTC on the 2nd: the 30 req/s
    // morning falls in it; each local end day has only half its slots.
    assert_eq!(west.date, "2026-12-01");
    assert_eq!(west.peak_rps, 30.0);
    assert!(west.days.iter().any(|d| d.slots_present == 144));
    // --day on a day with fewer than 231 slots is refused, naming the day.
    let e = traffic::import(
        "t.csv",
        &body,
        Options {
            tz_minutes: -12 * 60,
            day: headroom::engine::prices::days("2026-11-30"),
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(
        e.contains("2026-11-30 has 144") && e.contains(&MIN_SLOTS.to_string()),
        "{e}"
    );
    // No day with 231 slots: refused with the days seen.
    let half: Vec<(f64, f64)> = rows.into_iter().take(1000).collect();
    let e = traffic::import("t.csv", &csv("ts,value", &half), Options::default()).unwrap_err();
    assert!(
        e.contains("no day has 231") && e.contains("2026-12-01 200"),
        "{e}"
    );
}

#[test]
fn prometheus_series_are_summed_and_errors_quoted() {
    let values = |x: &str| {
        (0..1440)
            .map(|m| format!("[{}, \"{}\"]", DEC1 + m as f64 * 60.0, x))
            .collect::<Vec<_>>()
            .join(",")
    };
    let body = format!(
        r#"{{"status":"success","data":{{"resultType":"matrix","result":[{{"metric":{{"pod":"a"}},"values":[{}]}},{{"metric":{{"pod":"b"}},"values":[{}]}}]}}}}"#,
        values("1.5"),
        values("2.5")
    );
    let t = traffic::import("q.json", body.as_bytes(), Options::default()).unwrap();
    assert_eq!(t.peak_rps, 4.0);
    let e = traffic::import(
        "q.json",
        br#"{"status":"error","errorType":"bad_data","error":"parse error at char 4"}"#,
        Options::default(),
    )
    .unwrap_err();
    assert!(e.contains("parse error at char 4"), "{e}");
    let e = traffic::import("q.json", br#"{"a": 1}"#, Options::default()).unwrap_err();
    assert!(e.contains("another shape"), "{e}");
    let e = traffic::import(
        "q.json",
        b"1764547200,1\n",
        Options {
            format: Some(Format::Prometheus),
            ..Options::default()
        },
    )
    .unwrap_err();
    assert!(e.contains("not JSON"), "{e}");
}

#[test]
fn bad_series_are_refused_by_line() {
    let refused = |bytes: &[u8], says: &str| {
        let e = traffic::import("bad.csv", bytes, Options::default()).unwrap_err();
        assert!(e.starts_with("bad.csv") && e.contains(says), "{e}");
    };
    refused(b"", "empty");
    refused(b"time,rps\n1796083200,1\n", "1 sample");
    refused(
        b"time,host\n1796083200,a\n",
        "no value column among [\"time\", \"host\"]",
    );
    refused(
        b"time,rps\nyesterday,1\n",
        "line 2, time: 'yesterday' is not a time",
    );
    refused(b"time,rps\n04/12/2026 10:00,1\n", "a local date format");
    refused(b"time,rps\n1796083200,many\n", "line 2, rps: 'many'");
    refused(b"time,rps\n1796083200,\xff\n", "not UTF-8");
}

/// The plan the import makes: 288 levels, the peak to 3 significant digits, the burst factor,
/// off-peak lowered; its day is simulated at 5-minute steps and stays within the simulation's
/// figures; `burst-hidden` fires above 1.25.
#[test]
fn the_imported_day_is_the_plans_day() {
    let rows = day_of_minutes(DEC1, |m| {
        if m == 722 {
            500.0
        } else {
            100.0 + (m as f64 / 1440.0 * std::f64::consts::TAU).sin() * 50.0
        }
    });
    let plan = Plan {
        offpeak_rps: 5000.0,
        peak_rps: 5000.0,
        ..Plan::default()
    };
    let r = traffic::report("t.csv", &csv("time,rps", &rows), Options::default(), &plan).unwrap();
    let next = share::decode(&r.query);
    assert!(next.problems.is_empty(), "{:?}", next.problems);
    let p = next.plan;
    assert_eq!(p.day.len(), 288);
    assert!(p.day.iter().all(|l| (l * 10.0).round() == l * 10.0));
    assert_eq!(
        p.peak_rps,
        format!("{:.2e}", r.traffic.peak_rps)
            .parse::<f64>()
            .unwrap()
    );
    assert_eq!(p.offpeak_rps, p.peak_rps);
    assert_eq!(
        p.day_burst,
        (r.traffic.burst_factor * 100.0).round() / 100.0
    );
    assert!(p.day_burst > 1.25);
    let findings = report::evaluate(&p).findings;
    assert!(findings.iter().any(|f| f.code.as_str() == "burst-hidden"));
    let calm = Plan {
        day_burst: 1.2,
        ..p.clone()
    };
    assert!(!report::evaluate(&calm)
        .findings
        .iter()
        .any(|f| f.code.as_str() == "burst-hidden"));
    // The day follows the 5-minute levels: the load at 12:02 is slot 144's.
    let day = headroom::sim::simulate(&p, &engine::size(&p));
    let at = |secs: usize| day.rows[secs / 15].load_rps;
    assert!((at(144 * 300 + 120) - p.peak_rps * p.day[144] / 100.0).abs() < 1e-9);
    assert!((at(10 * 300) - p.peak_rps * p.day[10] / 100.0).abs() < 1e-9);
    // The editor's hourly view: each hour the mean of its 12 slots.
    let hourly = headroom::sim::load::hourly_percent(&p);
    assert_eq!(hourly.len(), 24);
    assert!((hourly[3] - p.day[36..48].iter().sum::<f64>() / 12.0).abs() < 1e-9);
    // A 24-level link keeps its meaning: every preset's day is unchanged (the snapshots and
    // the day tests hold their figures); 48 and 96 levels are accepted too, 25 is not.
    assert!(share::decode(&format!("day={}", vec!["50"; 48].join(",")))
        .problems
        .is_empty());
    assert!(share::decode(&format!("day={}", vec!["50"; 96].join(",")))
        .problems
        .is_empty());
    assert_eq!(
        share::decode(&format!("day={}", vec!["50"; 25].join(",")))
            .problems
            .len(),
        1
    );
}
