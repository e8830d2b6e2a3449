//! The `headroom` binary as CI uses it: JSON out, exit status 2 with named problems on bad input.
#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::process::Command;

use crate::domain;

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

/// The value at a dotted key of `headroom eval`'s JSON.
fn eval(query: &str) -> serde_json::Value {
    let (code, out, err) = headroom(&["eval", "--query", query]);
    assert_eq!(code, 0, "{query}: {err}");
    serde_json::from_str(&out).unwrap()
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("headroom-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Issue #12's reproductions of wrapped and overflowing counts: no count wraps or passes 2^53,
/// no number is null, and a count beyond its consumer is an error finding, not a manifest value.
#[test]
fn huge_plans_saturate_and_say_so() {
    let big = "peak_rps=10000000&rps_per_pod=0.001&buffer=10&workers=256&redis_conn_web=10000&pool_size=10000&max_overflow=10000";
    for q in [
        big,
        "peak_rps=5e-324",
        "hours_peak=1e-320",
        "task_s=0.001&task_rate=1000000",
        "peak_rps=10000000&rps_per_pod=0.001",
        "task_rate=1000000&task_s=86400&queue_target=1",
        "node_cpu=0.1&task_cpu=64&task_cpu_limit=64",
    ] {
        let v = eval(q);
        let (ints, nulls) = domain::integers_and_nulls(&v);
        assert!(nulls.is_empty(), "{q}: null at {nulls:?}");
        for (path, i) in ints {
            assert!(i <= 1 << 53, "{q}: {path} = {i}");
        }
    }
    let v = eval(big);
    assert!(codes(&v).contains(&"exceeds-platform-limit".to_string()));
    assert_eq!(v["redis"]["connections"], 1u64 << 53);
    // The manifests hold what Kubernetes and AKS accept, and say what was capped.
    for (q, field) in [
        ("peak_rps=10000000&rps_per_pod=0.001", "maxReplicas: "),
        (
            "task_rate=1000000&task_s=86400&queue_target=1",
            "maxReplicaCount: ",
        ),
    ] {
        let dir = scratch("int32");
        let (code, _, err) = headroom(&[
            "export",
            "--query",
            q,
            "--out",
            dir.to_str().unwrap(),
            "--only",
            "kubernetes.yaml",
            "aks-nodepools.sh",
            "redis.conf",
        ]);
        assert_eq!(code, 0, "{err}");
        let k8s = std::fs::read_to_string(dir.join("kubernetes.yaml")).unwrap();
        let line = k8s
            .lines()
            .find(|l| l.trim_start().starts_with(field))
            .unwrap();
        assert_eq!(line.trim_start(), format!("{field}2147483647"), "{q}");
        assert!(k8s.contains("exceeds-platform-limit"), "{q}");
        let aks = std::fs::read_to_string(dir.join("aks-nodepools.sh")).unwrap();
        let max = domain::number_after(&aks, "--max-count ");
        assert!(max <= 1000, "{q}: --max-count {max}");
    }
    let dir = scratch("maxclients");
    headroom(&[
        "export",
        "--query",
        big,
        "--out",
        dir.to_str().unwrap(),
        "--only",
        "redis.conf",
    ]);
    let redis = std::fs::read_to_string(dir.join("redis.conf")).unwrap();
    assert!(redis.contains("\nmaxclients 4294967295\n"), "{redis}");
}

/// Impossible inputs are refused by range, naming the field; DaemonSets are checked against the
/// allocatable actually used; every documented maximum can be used.
#[test]
fn ranges_refuse_the_impossible_and_allow_their_maxima() {
    for (q, name) in [
        ("rps_per_pod=1e-300", "rps_per_pod"),
        ("rps_per_pod=0.000001", "rps_per_pod"),
        ("node_cpu=1e-300", "node_cpu"),
        ("task_s=5e-324", "task_s"),
        ("web_cpu=0.0004&web_cpu_limit=0.0004", "web_cpu"),
        ("web_mem=0.4&web_mem_limit=0.4", "web_mem"),
        ("nginx_conn=1", "nginx_conn"),
    ] {
        let (code, _, err) = headroom(&["eval", "--query", q]);
        assert_eq!(code, 2, "{q}");
        assert!(err.contains(name), "{q}: {err}");
    }
    let v = eval("alloc=aks&node_vm=Standard_D16s_v5&ds_cpu=8");
    assert!(!codes(&v).contains(&"pod-unschedulable".to_string()));
    let v = eval("alloc=aks&node_vm=Standard_D4s_v5&ds_cpu=8&ds_mem=1");
    assert!(codes(&v).contains(&"pod-unschedulable".to_string()));
    for q in [
        "task_soft_limit=86399&task_time_limit=86400",
        "alloc=aks&ds_cpu=1024",
        "alloc=aks&ds_mem=16777216",
    ] {
        eval(q);
    }
}

/// Plan files refuse what links refuse: a parameter given twice; oversized input is refused
/// before it is read whole; messages echo input on one line, escaped.
#[test]
fn hostile_input_is_refused_early_and_echoed_safely() {
    let dir = scratch("hostile");
    let dup = dir.join("dup.json");
    std::fs::write(&dup, r#"{"version":1,"peak_rps":200,"peak_rps":300}"#).unwrap();
    let (code, _, err) = headroom(&["eval", "--plan", dup.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("peak_rps: given more than once"), "{err}");

    let (code, _, err) = headroom(&[
        "eval",
        "--query",
        "peak_rps=1%0Aerror:%20all%20good&x%1B[31m=%00",
    ]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 2, "one line per problem: {err:?}");
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");

    // A subnormal input is written short in links and file headers.
    let (_, link, _) = headroom(&["link", "--query", "peak_rps=5e-324"]);
    assert_eq!(link, "?v=1&peak_rps=5e-324\n");

    let big = dir.join("big.json");
    let mut text = String::from("{\"version\":1");
    while text.len() < 2 << 20 {
        text.push_str(&format!(",\"k{}\":1", text.len()));
    }
    text.push('}');
    std::fs::write(&big, &text).unwrap();
    let started = std::time::Instant::now();
    let (code, _, err) = headroom(&["eval", "--plan", big.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("more than the 1048576 bytes"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));

    // (An argument may hold 128 KiB; the codec test reads 100,000 parameters.)
    let many: String = (0..10_000).map(|i| format!("&p{i}=1")).collect();
    let (code, _, err) = headroom(&["eval", "--query", &format!("v=1{many}")]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("longer than the 32768 bytes"), "{err}");
}

/// The command line as a maintained parser gives it: one value per option, no stray
/// arguments, no empty paths, help, version and completions; a closed pipe ends quietly.
#[test]
fn arguments_are_parsed_strictly() {
    for args in [
        vec!["eval", "--query", "peak_rps=1", "--query", "peak_rps=2"],
        vec![
            "eval",
            "--preset",
            "fastapi-levels",
            "--preset",
            "flask-gunicorn",
        ],
        vec!["params", "extra", "junk"],
        vec!["export", "--out", ""],
        vec!["export", "--only", "nope.txt", "--out", "x"],
    ] {
        let (code, out, err) = headroom(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(
            out.is_empty() && err.starts_with("error:"),
            "{args:?}: {err}"
        );
    }
    for args in [
        vec!["--help"],
        vec!["--version"],
        vec!["export", "--help"],
        vec!["completions", "bash"],
    ] {
        let (code, out, _) = headroom(&args);
        assert_eq!(code, 0, "{args:?}");
        assert!(!out.is_empty());
    }
    // `headroom eval | head -c1`: the reader closes the pipe after one byte.
    let mut child = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["eval", "--preset", "aks-long-running"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `export --out` never writes through a symbolic link and changes nothing when any file
/// cannot be written.
#[test]
fn exports_are_written_all_or_nothing() {
    let dir = scratch("links");
    let out = dir.join("deploy");
    std::fs::create_dir_all(&out).unwrap();
    let victim = dir.join("victim");
    std::fs::write(&victim, "secret").unwrap();
    std::os::unix::fs::symlink(&victim, out.join("app.env")).unwrap();
    for force in [false, true] {
        let mut args = vec!["export", "--out", out.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let (code, _, err) = headroom(&args);
        assert_eq!(code, 2);
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "secret");
        assert_eq!(
            std::fs::read_dir(&out).unwrap().count(),
            1,
            "nothing else was written"
        );
    }

    let snapshot = |d: &std::path::Path| -> Vec<(String, String)> {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let text = std::fs::read_to_string(e.path()).unwrap_or_else(|_| "<dir>".into());
                (e.file_name().to_string_lossy().into_owned(), text)
            })
            .collect();
        v.sort();
        v
    };
    // A directory in the way of the 8th file.
    let d = dir.join("dir-in-way");
    headroom(&["export", "--out", d.to_str().unwrap()]);
    std::fs::remove_file(d.join("redis.conf")).unwrap();
    std::fs::create_dir(d.join("redis.conf")).unwrap();
    let refused_as_it_was = |d: &std::path::Path, why: &str| {
        let before = snapshot(d);
        let (code, _, err) = headroom(&[
            "export",
            "--query",
            "peak_rps=300",
            "--out",
            d.to_str().unwrap(),
            "--force",
        ]);
        assert_eq!(code, 2);
        assert!(err.contains(why), "{err}");
        assert_eq!(snapshot(d), before, "the directory is as it was");
    };
    refused_as_it_was(&d, "is a directory");
    // A read-only file.
    let r = dir.join("read-only");
    headroom(&["export", "--out", r.to_str().unwrap()]);
    let nginx = r.join("nginx.conf");
    let mut perms = std::fs::metadata(&nginx).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&nginx, perms).unwrap();
    refused_as_it_was(&r, "read-only");
    // A file-size limit (`ulimit -f 1`, 1 KiB) that kubernetes.yaml would pass: refused before
    // anything is written, rather than killed halfway with a truncated file.
    let before = snapshot(&d);
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 1; exec '{}' export --query peak_rps=300 --out '{}' --force",
            env!("CARGO_BIN_EXE_headroom"),
            d.display()
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ulimit -f"));
    assert_eq!(snapshot(&d), before);
    // And a clean --force run replaces everything, leaving no temporary file behind.
    let (code, _, _) = headroom(&[
        "export",
        "--query",
        "peak_rps=300",
        "--out",
        d.to_str().unwrap(),
        "--force",
        "--only",
        "app.env",
    ]);
    assert_eq!(code, 0);
    assert!(std::fs::read_dir(&d).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".tmp")));
}

/// `headroom simulate`: the day as CSV (a row a step, or every `--step` seconds), or the
/// decision log; a bad step or profile exits 2 naming it; `export --only day.csv` writes the
/// same series, outside the default set, so a checked directory stays valid.
#[test]
fn simulate_prints_the_day_and_its_decisions() {
    let q = "rps_per_pod=20&hpa_cpu=70&min_replicas=3&hpa_max=100&peak_rps=1400&tasks=0&pod_start_s=0&node_start_s=0&day=3,3,3,3,3,3,3,3,100,100,100,100,100,100,100,100,100,100,3,3,3,3,3,3";
    let (code, csv, _) = headroom(&["simulate", "--query", q]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "time,load_rps,capacity_rps,web_replicas,web_ready,task_replicas,task_ready,nodes,nodes_ready,backlog,aca_replicas");
    assert_eq!(lines.len(), 1 + 5760);
    assert!(
        lines[1 + 1920].starts_with("08:00:00,1400,100,5,5,0,0,"),
        "{}",
        lines[1 + 1920]
    );
    let (_, minutes, _) = headroom(&["simulate", "--query", q, "--step", "60"]);
    assert_eq!(minutes.lines().count(), 1 + 1440);
    assert!(minutes.lines().nth(2).unwrap().starts_with("00:01:00,"));
    let (code, log, _) = headroom(&["simulate", "--query", q, "--log"]);
    assert_eq!(code, 0);
    assert!(
        log.contains("08:00:15 hpa web 5 → 8 (5 ready at 100 % CPU vs target 70 %, wants 8)\n"),
        "{log}"
    );
    assert!(log.contains("08:02:00 hpa web 79 → 100"), "{log}");
    for (args, name) in [
        (vec!["simulate", "--step", "7"], "7"),
        (vec!["simulate", "--step", "0"], "0"),
        (vec!["simulate", "--query", "day=1,2,3"], "day"),
        (
            vec![
                "simulate",
                "--query",
                "day=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,1000",
            ],
            "day",
        ),
        (vec!["eval", "--query", "spike_at_h=24"], "spike_at_h"),
    ] {
        let (code, out, err) = headroom(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty() && err.contains(name), "{args:?}: {err}");
    }
    let dir = scratch("day-csv");
    let d = dir.to_str().unwrap();
    assert_eq!(headroom(&["export", "--query", q, "--out", d]).0, 0);
    assert!(
        !dir.join("day.csv").exists(),
        "day.csv is not in the default set"
    );
    assert_eq!(
        headroom(&["export", "--query", q, "--only", "day.csv", "--out", d]).0,
        0
    );
    assert_eq!(std::fs::read_to_string(dir.join("day.csv")).unwrap(), csv);
    let (code, out, _) = headroom(&["export", "--query", q, "--check", d]);
    assert_eq!((code, out.as_str()), (0, "14 files match the plan\n"));
}

/// `headroom prices`: the book's age for CI, and a book built from Retail Prices API pages (a
/// fixture in the API's documented shape: Linux, Spot, Low Priority, Windows, reservations, a
/// savings plan, disks, load balancer, IP, AKS, a size outside the catalogue, a price in EUR).
#[test]
fn prices_check_and_import() {
    // An old book fails --check with status 1 and says how old; a fresh one passes.
    let check = |days: &str, today: &str, book: &[&str]| {
        let args = [
            "prices",
            "--check",
            "--max-age-days",
            days,
            "--today",
            today,
        ];
        headroom(&[&args[..], book].concat())
    };
    let (code, _, err) = check("30", "2027-01-15", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("45 days old (as of 2026-12-01)"), "{err}");
    let (code, out, _) = check("30", "2026-12-31", &[]);
    assert_eq!(code, 0);
    assert!(out.contains("30 days old"), "{out}");
    let (code, _, err) = check("30", "31/12/2026", &[]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = headroom(&["prices", "--check"]);
    assert_eq!(code, 2);

    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/prices/retail-page.json");
    let (code, book, err) = headroom(&["prices", "--import", fixture, "--today", "2026-12-01"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<Vec<&str>> = book
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("as_of"))
        .map(|l| l.split('\t').collect())
        .collect();
    let got: Vec<String> = rows
        .iter()
        .map(|r| format!("{} {} {} {}", r[0], r[1], r[2], r[3]))
        .collect();
    // Reservations are priced for their whole term: 1051.2 / 8760 h and 2102.4 / 26280 h.
    assert_eq!(
        got,
        [
            "westeurope aks/standard 0.1 hour",
            "westeurope disk/P10 20 month",
            "westeurope ip/standard 0.006 hour",
            "westeurope lb/standard 0.03 hour",
            "westeurope ri1/Standard_D4s_v5 0.12 hour",
            "westeurope ri3/Standard_D4s_v5 0.08 hour",
            "westeurope sp1/Standard_D4s_v5 0.15 hour",
            "westeurope sp3/Standard_D4s_v5 0.1 hour",
            "westeurope spot/Standard_D4s_v5 0.04 hour",
            "westeurope vm/Standard_D4s_v5 0.2 hour",
        ]
    );
    assert!(rows
        .iter()
        .all(|r| r[4] == "2026-12-01" && r[5] == "verified"));
    assert!(book.contains("as_of\t2026-12-01"));
    // The imported book is a book: --check reads it.
    let path = std::env::temp_dir().join(format!("headroom-book-{}.tsv", std::process::id()));
    std::fs::write(&path, &book).unwrap();
    let book = ["--book", path.to_str().unwrap()];
    assert_eq!(check("7", "2026-12-08", &book).0, 0);
    assert_eq!(check("7", "2026-12-09", &book).0, 1);
    std::fs::remove_file(&path).ok();
    // Not a page: status 2, named.
    let (code, _, err) = headroom(&["prices", "--import", env!("CARGO_MANIFEST_DIR")]);
    assert_eq!(code, 2, "{err}");
}

/// Edges outside probes found in `headroom prices` and `simulate`, each refused with status 2
/// and a message that names what is wrong.
#[test]
fn prices_and_simulate_refuse_edge_input_by_name() {
    let dir = std::env::temp_dir().join(format!("headroom-edges-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    // A file that never ends is read no further than the cap: refused, not read into memory.
    let (code, _, err) = headroom(&["prices", "--import", "/dev/zero"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than 64 MiB"), "{err}");
    let (code, _, err) = headroom(&[
        "prices",
        "--check",
        "--max-age-days",
        "9",
        "--book",
        "/dev/zero",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than 64 MiB"), "{err}");
    // A regular file over the cap is refused before it is read (a sparse file takes no disk).
    let big = dir.join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len((64 << 20) + 1)
        .unwrap();
    let (code, _, err) = headroom(&["prices", "--import", big.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("price file") && err.contains("larger than 64 MiB"),
        "{err}"
    );
    // A book dated after today fails the check, saying so; so does a book with two dates.
    let book = "as_of\t2026-12-01\neastus\tlb/standard\t0.025\thour\t2026-12\tunverified\tx\n";
    let path = write("book.tsv", book);
    let (code, _, err) = headroom(&[
        "prices",
        "--check",
        "--max-age-days",
        "90",
        "--today",
        "2026-11-30",
        "--book",
        &path,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("after today"), "{err}");
    let path = write("two.tsv", &format!("{book}as_of\t2026-12-02\n"));
    let (code, _, err) = headroom(&[
        "prices",
        "--check",
        "--max-age-days",
        "90",
        "--today",
        "2026-12-05",
        "--book",
        &path,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line 3: a second as_of"), "{err}");
    // A price that is not a positive finite number, named by its page and item.
    let page = |price: &str, region: &str| {
        format!(
            r#"{{"Items": [{{"currencyCode": "USD", "retailPrice": {price}, "armRegionName": "{region}", "effectiveStartDate": "2026-10-01T00:00:00Z", "meterId": "m", "meterName": "D4s v5", "productName": "Virtual Machines Dsv5 Series", "skuName": "D4s v5", "serviceName": "Virtual Machines", "type": "Consumption", "armSkuName": "Standard_D4s_v5"}}]}}"#
        )
    };
    for (price, says) in [("1e308", "1e308"), ("0", "the price 0 "), ("-0.5", "-0.5")] {
        let p = write("page.json", &page(price, "eastus"));
        let (code, _, err) = headroom(&["prices", "--import", &p, "--today", "2026-12-01"]);
        assert_eq!(code, 2, "{price}: {err}");
        assert!(
            err.contains("page.json")
                && err.contains("armSkuName 'Standard_D4s_v5'")
                && err.contains("meterName 'D4s v5'")
                && err.contains(says),
            "{price}: {err}"
        );
    }
    let p = write("tab.json", &page("0.2", "east\\tus"));
    let (code, _, err) = headroom(&["prices", "--import", &p, "--today", "2026-12-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("tab.json") && err.contains("armRegionName"),
        "{err}"
    );
    // A negative step names the option and the value.
    let (code, _, err) = headroom(&["simulate", "--step", "-15"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--step") && err.contains("-15"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `headroom calibrate`: the pinned keys, and a link that `eval` sizes on exactly the capacity
/// it printed; a bad file exits 2 naming the file.
#[test]
fn calibrate_prints_the_curve_and_a_link_eval_agrees_with() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/loadtest/k6-summary-export.json"
    );
    let (code, out, err) = headroom(&["calibrate", file, "--query", "workers=2&threads=2"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], "k6");
    for key in [
        "sigma",
        "kappa",
        "lambda",
        "r2",
        "peak_concurrency",
        "peak_rps",
        "roof_rps",
    ] {
        assert!(v["usl"].get(key).is_some(), "usl.{key}");
    }
    for key in ["slots", "concurrency", "rps_per_pod"] {
        assert!(v["capacity"].get(key).is_some(), "capacity.{key}");
    }
    let p = &v["points"][0];
    for key in ["concurrency", "throughput_rps", "latency_ms", "used"] {
        assert!(p.get(key).is_some(), "points[].{key}");
    }
    assert_eq!(v["points"][6]["used"], false);
    assert!(v["points"][6]["why"].is_string());
    assert_eq!(v["capacity"]["slots"], 4);
    let query = v["query"].as_str().unwrap();
    let (code, out, _) = headroom(&["eval", "--query", query]);
    assert_eq!(code, 0);
    let e: serde_json::Value = serde_json::from_str(&out).unwrap();
    // `eval` writes its figures to 3 decimals; calibrate's are unrounded.
    let exact = v["capacity"]["rps_per_pod"].as_f64().unwrap();
    assert_eq!(
        e["web"]["capacity_rps_per_pod"].as_f64().unwrap(),
        headroom::engine::math::round3(exact)
    );
    // --format forces one; a file that is not of it is refused, named, with status 2.
    let (code, _, err) = headroom(&["calibrate", file, "--format", "csv"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("k6-summary-export.json") && err.contains("concurrency"),
        "{err}"
    );
    let (code, _, err) = headroom(&["calibrate", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(err.contains("larger than 16 MiB"), "{err}");
    let (code, _, err) = headroom(&["calibrate", file, "--pods", "0"]);
    assert_eq!(code, 2, "{err}");
}

/// `headroom traffic`: the pinned keys, `--tz` with a negative offset as its own argument or
/// after `=`, and a bad file exiting 2 with its name and line.
#[test]
fn traffic_prints_the_day_and_its_link() {
    let dir = std::env::temp_dir().join(format!("headroom-traffic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("requests.csv");
    let mut text = String::from("timestamp,count_\n");
    for m in 0..2880 {
        // 2026-12-01 and 2026-12-02 UTC, a request count per minute, busier on the second.
        let t = 1_796_083_200 + m * 60;
        text += &format!("{},{}\n", t, if m >= 1440 { 1200 } else { 600 });
    }
    std::fs::write(&path, text).unwrap();
    let file = path.to_str().unwrap();
    let (code, out, err) = headroom(&["traffic", file]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let t = &v["traffic"];
    assert_eq!(t["date"], "2026-12-02");
    assert_eq!(t["peak_rps"], 20.0);
    assert_eq!(t["levels"].as_array().unwrap().len(), 288);
    for key in ["missing_slots", "burst_factor", "days", "spacing_s"] {
        assert!(t.get(key).is_some(), "traffic.{key}");
    }
    assert_eq!(t["days"][0]["slots_present"], 288);
    let query = v["query"].as_str().unwrap();
    assert!(
        query.contains("peak_rps=20&") && query.contains("day=100,100"),
        "{query}"
    );
    let (code, out, _) = headroom(&["eval", "--query", query]);
    assert_eq!(code, 0);
    assert!(out.contains("\"day\""));
    for tz in [["--tz", "-04:00"], ["--tz=-04:00", ""]] {
        let args: Vec<&str> = ["traffic", file]
            .into_iter()
            .chain(tz.into_iter().filter(|a| !a.is_empty()))
            .collect();
        let (code, out, err) = headroom(&args);
        assert_eq!(code, 0, "{tz:?}: {err}");
        assert!(out.contains("\"date\": \"2026-12-01\""), "{tz:?}");
    }
    let (code, _, err) = headroom(&["traffic", file, "--day", "2026-12-05"]);
    assert_eq!(code, 2);
    assert!(err.contains("2026-12-05 has 0"), "{err}");
    std::fs::write(&path, "timestamp,count_\n1796083200,x\n").unwrap();
    let (code, _, err) = headroom(&["traffic", file]);
    assert_eq!(code, 2);
    assert!(err.contains("requests.csv: line 2, count_"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The starter preset (what a newcomer's page opens on) has no error and no warning, the
/// node-size ranking's `cheaper-vm` included; `headroom eval` with no plan keeps the default
/// plan, the AKS example's defaults, with its findings.
#[test]
fn the_starter_has_no_problems() {
    let (code, out, err) = headroom(&["eval", "--preset", "starter"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(v["vms"].as_array().is_some_and(|a| !a.is_empty()), "ranked");
    let problems: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] != "info")
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let (_, out, _) = headroom(&["eval"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["web"]["replicas_max"], 8);
    assert!(v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["severity"] == "error"));
}
