//! Turns the price book (prices/book.tsv) into a static table, so the browser bundle carries the
//! prices rather than a parser for them. `engine::prices::parse` reads the same file at test
//! time and must agree (`the_built_in_book_parses_and_prices_every_catalogue_vm`); here a
//! malformed line stops the build with its line number.

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=prices/book.tsv");
    let text = std::fs::read_to_string("prices/book.tsv").expect("prices/book.tsv");
    let mut as_of = None;
    let mut rows = String::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[0] == "as_of" && cols.len() == 2 {
            as_of = Some(cols[1].to_string());
            continue;
        }
        let [region, item, usd, unit, read_on, status, source] = cols[..] else {
            panic!(
                "prices/book.tsv line {}: {} columns, want 7",
                n + 1,
                cols.len()
            );
        };
        let value: f64 = usd
            .parse()
            .unwrap_or_else(|_| panic!("prices/book.tsv line {}: usd '{}'", n + 1, usd));
        let verified = match status {
            "verified" => true,
            "unverified" => false,
            _ => panic!("prices/book.tsv line {}: status '{}'", n + 1, status),
        };
        writeln!(
            rows,
            "    Price {{ region: {:?}, item: {:?}, usd: {:?}, unit: {:?}, read_on: {:?}, verified: {}, source: {:?} }},",
            region, item, value, unit, read_on, verified, source
        )
        .expect("write");
    }
    let as_of = as_of.expect("prices/book.tsv has no as_of line");
    let out = format!(
        "/// The book's date (prices/book.tsv, built by build.rs).\npub(super) const AS_OF: &str = {:?};\n/// The book's prices, in file order.\npub(super) static PRICES: &[Price<'static>] = &[\n{}];\n",
        as_of, rows
    );
    let dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(std::path::Path::new(&dir).join("book.rs"), out).expect("write book.rs");
}
