//! House rules checked by a test: the pure core never imports browser crates, imports inside
//! the crate run one way (the layer table below), and the generated parameter reference is current.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every module of the crate but `app`: the pure core, which builds and is tested natively.
const PURE: [&str; 13] = [
    "plan",
    "share",
    "engine",
    "sim",
    "resilience",
    "measure",
    "doctor",
    "buying",
    "report",
    "export",
    "charts",
    "decide",
    "worker",
];

/// The modules `src/lib.rs` declares.
fn lib_modules() -> Vec<String> {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("read src/lib.rs");
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect()
}

#[test]
fn every_module_is_pure_or_the_app_and_named_in_architecture_md() {
    let arch =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
            .expect("read ARCHITECTURE.md");
    let modules = lib_modules();
    assert!(modules.len() >= 10, "{modules:?}");
    for m in &modules {
        assert!(
            PURE.contains(&m.as_str()) || m == "app",
            "src/lib.rs declares {m}: add it to PURE (and the layer table) or to the app"
        );
        assert!(
            arch.contains(&format!("`src/{m}/`")),
            "ARCHITECTURE.md's code map does not name `src/{m}/`"
        );
        assert!(rank(m).is_some(), "{m} is not in the layer table");
    }
    for m in PURE {
        assert!(
            modules.iter().any(|x| x == m),
            "{m} is not a module of src/lib.rs"
        );
    }
}

#[test]
fn pure_modules_do_not_import_browser_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for pure in PURE {
        rust_files(&src.join(pure), &mut files);
    }
    // The CLI; the page's and the worker's entries (src/bin/web.rs, worker.rs) are browser code.
    rust_files(&src.join("bin").join("headroom"), &mut files);
    assert!(files.len() > 10, "found only {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for banned in [
            "leptos",
            "web_sys",
            "wasm_bindgen",
            "gloo",
            "js_sys",
            "plotters_canvas",
        ] {
            let hit = text.lines().any(|l| {
                let code = l.split("//").next().unwrap_or("");
                code.contains(&format!("{banned}::")) || code.contains(&format!("use {banned}"))
            });
            assert!(
                !hit,
                "{} uses {banned}: the pure core must stay browser-free",
                file.display()
            );
        }
    }
}

/// The layers of the crate, lowest first: a module may import only modules of a lower rank
/// (`ARCHITECTURE.md`, "Invariants"). Siblings of one rank do not import each other: the codec
/// does not size, the engine does not lint, exports and charts do not draw on each other.
const LAYERS: &[(&str, u8)] = &[
    ("plan", 0),
    ("share", 1),
    ("engine", 1),
    ("sim", 2),
    ("resilience", 2),
    ("measure", 2),
    ("doctor", 3),
    ("buying", 3),
    ("report", 4),
    ("export", 5),
    ("charts", 5),
    ("decide", 5),
    ("worker", 6),
    ("app", 7),
    ("bin", 8),
];

fn rank(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// The crate modules a source file names through `prefix::` (`crate::` inside the library,
/// `headroom::` in the binary), grouped imports included: `crate::{engine, plan::Plan}`.
fn imported_modules(text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let after = &rest[at + prefix.len()..];
            if let Some(group) = after.strip_prefix('{') {
                // The first name of each top-level item, up to the matching brace.
                let (mut depth, mut expecting, mut name) = (1, true, String::new());
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 1 => {
                            expecting = true;
                            continue;
                        }
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                    if !expecting {
                        continue;
                    }
                    if c.is_alphanumeric() || c == '_' {
                        name.push(c);
                    } else if !name.is_empty() {
                        out.push(std::mem::take(&mut name));
                        expecting = false;
                    }
                }
                if expecting && !name.is_empty() {
                    out.push(name);
                }
            } else {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
            rest = after;
        }
    }
    out.retain(|m| m != "self");
    out.sort();
    out.dedup();
    out
}

/// The imports of `text`, a file of `module`, that break the layer table.
fn layer_violations(module: &str, text: &str, prefix: &str) -> Vec<String> {
    let Some(own) = rank(module) else {
        return vec![format!("{module} is not in the layer table")];
    };
    imported_modules(text, prefix)
        .into_iter()
        .filter(|m| m != module)
        .filter_map(|m| match rank(&m) {
            Some(r) if r < own => None,
            Some(r) => Some(format!(
                "{module} (layer {own}) imports {m} (layer {r}): imports run one way, down the table"
            )),
            // Not a module of the crate (a type or function re-exported at the root).
            None => None,
        })
        .collect()
}

#[test]
fn imports_run_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    let mut checked = 0;
    for (module, _) in LAYERS {
        let mut files = Vec::new();
        let dir = src.join(module);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
        let single = src.join(format!("{module}.rs"));
        if single.is_file() {
            files.push(single);
        }
        let prefix = if *module == "bin" {
            "headroom::"
        } else {
            "crate::"
        };
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read");
            for v in layer_violations(module, &text, prefix) {
                problems.push(format!("{}: {v}", file.display()));
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "checked only {checked} files");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_layer_check_catches_an_engine_that_calls_the_doctor() {
    let engine = "use crate::doctor::{self, Finding};\nuse crate::plan::Plan;\n";
    assert_eq!(layer_violations("engine", engine, "crate::").len(), 1);
    let grouped = "use crate::{plan::Plan, report::{self, Report}};\n";
    assert_eq!(
        imported_modules(grouped, "crate::"),
        ["plan", "report"],
        "grouped imports"
    );
    assert_eq!(layer_violations("engine", grouped, "crate::").len(), 1);
    assert_eq!(
        layer_violations("doctor", "let s = crate::engine::size(p);", "crate::").len(),
        0
    );
    assert_eq!(
        layer_violations("share", "crate::engine::math::round3", "crate::").len(),
        1
    );
    assert_eq!(
        layer_violations("export", "crate::charts::Frame", "crate::").len(),
        1
    );
    // A comment is not an import.
    assert!(layer_violations("engine", "// see crate::doctor", "crate::").is_empty());
}

#[test]
fn parameter_reference_is_current() {
    generated_file_is_current("docs/PARAMETERS.md", headroom::plan::reference_markdown());
}

#[test]
fn limits_reference_is_current() {
    generated_file_is_current(
        "docs/LIMITS.md",
        headroom::engine::limits::reference_markdown(),
    );
}

fn generated_file_is_current(file: &str, expected: String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        if std::env::var_os("HEADROOM_BLESS").is_some() {
            std::fs::write(&path, &expected).expect("write the generated file");
        } else {
            panic!("{file} is out of date: run `HEADROOM_BLESS=1 cargo test --test native tidy`");
        }
    }
}

/// The release build's post-build hook renames the wasm's imports from its JS glue to short
/// names in both files (`scripts/short_imports.py`): its self-test renames a hand-made module
/// and its imports object consistently, keeps imports from elsewhere, and refuses a glue that
/// uses a name anywhere but as the object's key. (The browser suite runs the renamed build.)
#[test]
fn short_import_names_rename_the_wasm_and_its_glue_together() {
    self_test("scripts/short_imports.py");
}

/// Runs a build script's `--self-test` and fails with its output when it fails.
fn self_test(script: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("python3")
        .arg(root.join(script))
        .arg("--self-test")
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The release build's post-build hook handles any number of wasm/JS pairs: its self-test
/// stages the page's pair and the worker's (with its loader), and checks the worker's files are
/// named after their contents and refer to each other, index.html names the loader, both pairs
/// get short import names, and a worker glue that does not name its wasm stops the build.
#[test]
fn the_post_build_hook_finishes_the_page_and_the_worker() {
    self_test("scripts/post_build.py");
}

/// Byte counts stay out of the code: what a measure saves drifts with every build (a reader's
/// header said 16 KiB where the measurement said 12.5), so the figures live in
/// docs/PERFORMANCE.md's room ledger, measured, and comments point there. Caps and limits are
/// rules, not measurements, and are written in KiB or MiB without a "gzip" or "smaller" beside.
#[test]
fn byte_counts_of_the_bundle_stay_out_of_code_comments() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for dir in ["scripts", "style"] {
        for e in std::fs::read_dir(root.join(dir))
            .expect("read dir")
            .flatten()
        {
            files.push(e.path());
        }
    }
    for f in [
        "build.rs",
        ".cargo/config.toml",
        "Trunk.toml",
        "index.html",
        "Cargo.toml",
    ] {
        files.push(root.join(f));
    }
    let counted = |line: &str| {
        let words: Vec<&str> = line.split_whitespace().collect();
        words.windows(2).any(|w| {
            let number = w[0]
                .trim_start_matches(['~', '-', '−', '('])
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit());
            let unit = w[1].trim_end_matches([',', '.', ')', ';', ':']);
            number && (unit == "KB" || unit == "kB")
        }) || words.windows(3).any(|w| {
            w[0].chars().next().is_some_and(|c| c.is_ascii_digit())
                && matches!(w[1], "KiB" | "bytes" | "B")
                && matches!(w[2], "gzip" | "smaller" | "larger")
        })
    };
    let mut found = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if counted(line) {
                found.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "byte counts in code (put them in docs/PERFORMANCE.md's room ledger):\n{}",
        found.join("\n")
    );
    assert!(counted("// the wasm 22 KB gzip smaller") && counted("# -1.1 KB gzip"));
    assert!(counted("saves 158 bytes gzip") && !counted("cap 320 KiB, the first load"));
}
