//! Turns the price book (prices/book.tsv) into a static table, so the browser bundle carries the
//! prices rather than a parser for them. It reads the file with the engine's own parser
//! (`src/engine/prices/tsv.rs`, included here), so the table and `headroom prices` can never
//! read the book differently; a malformed line stops the build with its line number.
//!
//! It also names the build: `HEADROOM_BUILD`, a hash of every source file, which the page and
//! its worker both carry, so that the page talks only to a worker of its own build.

use std::fmt::Write;

#[allow(dead_code, missing_docs)]
#[path = "src/engine/prices/tsv.rs"]
mod tsv;

/// FNV-1a, 64 bits: the build's name needs to differ between sources, not to resist anyone.
fn fnv(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Every file below `dir`, sorted.
fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut sources = Vec::new();
    files(std::path::Path::new("src"), &mut sources);
    sources.push("Cargo.lock".into());
    sources.sort();
    let build = sources.iter().fold(0xcbf2_9ce4_8422_2325, |h, path| {
        let h = fnv(h, path.to_string_lossy().as_bytes());
        fnv(h, &std::fs::read(path).unwrap_or_default())
    });
    println!("cargo:rustc-env=HEADROOM_BUILD={build:016x}");
    println!("cargo:rerun-if-changed=prices/book.tsv");
    println!("cargo:rerun-if-changed=src/engine/prices/tsv.rs");
    let text = std::fs::read_to_string("prices/book.tsv").expect("prices/book.tsv");
    let book = tsv::parse(&text).unwrap_or_else(|e| panic!("prices/book.tsv: {e}"));
    let mut rows = String::new();
    for p in &book.prices {
        writeln!(
            rows,
            "    Price {{ region: {:?}, item: {:?}, usd: {:?}, unit: {:?}, read_on: {:?}, verified: {}, source: {:?} }},",
            p.region, p.item, p.usd, p.unit, p.read_on, p.verified, p.source
        )
        .expect("write");
    }
    let out = format!(
        "/// The book's date (prices/book.tsv, built by build.rs).\npub(super) const AS_OF: &str = {:?};\n/// The book's prices, in file order.\npub(super) static PRICES: &[Price<'static>] = &[\n{}];\n",
        book.as_of, rows
    );
    let dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(std::path::Path::new(&dir).join("book.rs"), out).expect("write book.rs");
}
