//! The `headroom` binary as CI uses it: JSON out, exit status 2 with named problems on bad input.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn headroom(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(args)
        .output()
        .expect("run headroom");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn eval_prints_json() {
    let (code, out, _) = headroom(&["eval", "--query", "peak_rps=100&rps_per_pod=20"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["web"]["replicas_max"], 8);
    // A whole share URL works too.
    let (code, out, _) = headroom(&["eval", "--query", "http://127.0.0.1:8080/?v=1&peak_rps=300"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["web"]["replicas_max"], 23);
}

#[test]
fn bad_input_exits_2_naming_the_parameter() {
    for (args, name) in [
        (vec!["eval", "--query", "peak_rps=abc"], "peak_rps"),
        (vec!["eval", "--query", "bogus=1"], "bogus"),
        (vec!["eval", "--preset", "nope"], "preset"),
        (vec!["eval", "--query", "workers=0&buffer=99"], "buffer"),
    ] {
        let (code, out, err) = headroom(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains(name), "{args:?}: {err}");
        assert!(!err.contains("panicked"));
    }
    let (code, _, err) = headroom(&["eval", "--query", "workers=0&buffer=99"]);
    assert_eq!(
        (code, err.lines().count()),
        (2, 2),
        "one line per problem: {err}"
    );
    assert_eq!(headroom(&["frobnicate"]).0, 2);
    assert_eq!(
        headroom(&["eval", "--preset", "fastapi-levels", "--plan", "x.json"]).0,
        2
    );
    assert_eq!(headroom(&["eval", "--plan", "/nonexistent/plan.json"]).0, 2);
}

#[test]
fn plan_file_round_trip() {
    let dir = std::env::temp_dir().join(format!("headroom-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (code, plan, _) = headroom(&[
        "plan",
        "--preset",
        "flask-gunicorn",
        "--query",
        "peak_rps=1200",
    ]);
    assert_eq!(code, 0);
    let file = dir.join("plan.json");
    std::fs::write(&file, &plan).unwrap();
    let from_file = headroom(&["eval", "--plan", file.to_str().unwrap()]);
    let direct = headroom(&[
        "eval",
        "--preset",
        "flask-gunicorn",
        "--query",
        "peak_rps=1200",
    ]);
    assert_eq!(from_file, direct);
    let (_, link, _) = headroom(&["link", "--plan", file.to_str().unwrap()]);
    assert!(
        link.starts_with("?v=1&peak_rps=1200&latency_ms=75&capacity=per_worker"),
        "{link}"
    );
    let (code, list, _) = headroom(&["presets"]);
    assert_eq!(code, 0);
    assert!(list.contains("aks-long-running"));
}
