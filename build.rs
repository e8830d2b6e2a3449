//! Turns the price book (prices/book.tsv) into a static table, so the browser bundle carries the
//! prices rather than a parser for them. It reads the file with the engine's own parser
//! (`src/engine/prices/tsv.rs`, included here), so the table and `headroom prices` can never
//! read the book differently; a malformed line stops the build with its line number.

use std::fmt::Write;

#[allow(dead_code, missing_docs)]
#[path = "src/engine/prices/tsv.rs"]
mod tsv;

fn main() {
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
