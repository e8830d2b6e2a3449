//! House rules checked by a test: the pure core never imports browser crates, and the
//! generated parameter reference is current.
#![cfg(not(target_arch = "wasm32"))]

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

#[test]
fn pure_modules_do_not_import_browser_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for pure in ["engine", "doctor", "share", "export", "charts"] {
        rust_files(&src.join(pure), &mut files);
    }
    files.push(src.join("plan.rs"));
    files.push(src.join("bin/headroom.rs"));
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

#[test]
fn parameter_reference_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PARAMETERS.md");
    let expected = headroom::plan::reference_markdown();
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        if std::env::var_os("HEADROOM_BLESS").is_some() {
            std::fs::write(&path, &expected).expect("write docs/PARAMETERS.md");
        } else {
            panic!(
                "docs/PARAMETERS.md is out of date: run `HEADROOM_BLESS=1 cargo test --test tidy`"
            );
        }
    }
}
