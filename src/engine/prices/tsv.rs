//! The price book's file format, read by the engine's tests and `headroom prices` and by
//! build.rs, which turns the same file into the table the binaries carry: one parser for both.
//! Self-contained (it names nothing else of the crate) so that build.rs can include it.
//!
//! One line per price, tab-separated: `region item usd unit read_on status source`; lines
//! starting with `#` are comments; one `as_of<TAB>YYYY-MM-DD` line dates the book.

/// One price of the book.
#[derive(Clone, Debug, PartialEq)]
pub struct Price<'a> {
    /// The Azure region (`eastus`).
    pub region: &'a str,
    /// What is priced (`vm/Standard_D4s_v5`, `disk/P10`, …).
    pub item: &'a str,
    /// USD per `unit`.
    pub usd: f64,
    /// `hour` or `month`.
    pub unit: &'a str,
    /// When the price was read: `YYYY-MM-DD` or `YYYY-MM`.
    pub read_on: &'a str,
    /// Whether it was read from the vendor (else a third-party snapshot).
    pub verified: bool,
    /// Where it comes from.
    pub source: &'a str,
}

/// A price book.
#[derive(Clone, Debug, PartialEq)]
pub struct Book<'a> {
    /// The date the book was assembled, `YYYY-MM-DD`.
    pub as_of: &'a str,
    /// Its prices, in file order.
    pub prices: Vec<Price<'a>>,
}

/// A non-negative decimal as the book writes it: digits, at most one point, digits.
fn number(text: &str) -> Option<f64> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(whole) && digits(frac) {
        text.parse().ok()
    } else {
        None
    }
}

/// A date `YYYY-MM-DD` as days since 1970-01-01 (proleptic Gregorian), if it is one.
pub fn days(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Whether `read_on` is `YYYY-MM-DD` or `YYYY-MM`.
fn is_read_on(text: &str) -> bool {
    days(text).is_some() || days(&format!("{}-01", text)).is_some()
}

/// Reads a book; an error names the line and what is wrong with it.
pub fn parse(text: &str) -> Result<Book<'_>, String> {
    let mut as_of = None;
    let mut prices: Vec<Price<'_>> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = |what: String| format!("price book line {}: {}", n + 1, what);
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[0] == "as_of" {
            match cols.get(1) {
                _ if as_of.is_some() => {
                    return Err(at("a second as_of line: a book has one date".into()))
                }
                Some(d) if cols.len() == 2 && days(d).is_some() => as_of = Some(*d),
                _ => return Err(at("as_of wants one date, YYYY-MM-DD".into())),
            }
            continue;
        }
        let [region, item, usd, unit, read_on, status, source] = cols[..] else {
            return Err(at(format!(
                "{} columns; a price has 7 (region, item, usd, unit, read_on, status, source)",
                cols.len()
            )));
        };
        let usd = match number(usd) {
            Some(x) if x.is_finite() && x >= 0.0 => x,
            _ => return Err(at(format!("usd '{}' is not a price", usd))),
        };
        if !matches!(unit, "hour" | "month") {
            return Err(at(format!("unit '{}' is not hour or month", unit)));
        }
        if !is_read_on(read_on) {
            return Err(at(format!(
                "read_on '{}' is not YYYY-MM-DD or YYYY-MM",
                read_on
            )));
        }
        let verified = match status {
            "verified" => true,
            "unverified" => false,
            _ => {
                return Err(at(format!(
                    "status '{}' is not verified or unverified",
                    status
                )))
            }
        };
        if region.is_empty() || item.is_empty() || source.trim().is_empty() {
            return Err(at("region, item and source must not be empty".into()));
        }
        if prices.iter().any(|p| p.region == region && p.item == item) {
            return Err(at(format!("{} in {} is priced twice", item, region)));
        }
        prices.push(Price {
            region,
            item,
            usd,
            unit,
            read_on,
            verified,
            source,
        });
    }
    let as_of = as_of.ok_or("the price book has no as_of line")?;
    Ok(Book { as_of, prices })
}
