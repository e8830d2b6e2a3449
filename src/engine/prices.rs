//! The price book (`prices/book.tsv`, built into the binary): every catalogue price the cost
//! model uses, per region, each with the date it was read, whether it was read from the vendor
//! and its source; and the book's "as of" date. docs/PRICES.md says how to rebuild it.
//!
//! One line per price, tab-separated: `region item usd unit read_on status source`, where
//! `item` is `vm/<size>` (pay-as-you-go, Linux), `spot/<size>`, `ri1/<size>`, `ri3/<size>`,
//! `sp1/<size>`, `sp3/<size>` (hourly), `disk/<tier>` (monthly), `lb/standard`,
//! `ip/standard` and `aks/standard` (hourly); `status` is `verified` or `unverified`. Lines
//! starting with `#` are comments; one `as_of<TAB>YYYY-MM-DD` line dates the book.

use std::sync::OnceLock;

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

/// The book this build carries.
pub const TEXT: &str = include_str!("../../prices/book.tsv");

mod built {
    use super::Price;
    include!(concat!(env!("OUT_DIR"), "/book.rs"));
}

/// The built-in book: build.rs turns prices/book.tsv into a table (the tests check that it
/// equals what `parse` reads from the same file).
pub fn book() -> &'static Book<'static> {
    static BOOK: OnceLock<Book<'static>> = OnceLock::new();
    BOOK.get_or_init(|| Book {
        as_of: built::AS_OF,
        prices: built::PRICES.to_vec(),
    })
}

impl<'a> Book<'a> {
    /// The price of `item` in `region`, if the book has one.
    pub fn get(&self, region: &str, item: &str) -> Option<&Price<'a>> {
        self.prices
            .iter()
            .find(|p| p.region == region && p.item == item)
    }

    /// The price of `kind/name` in `region` (`vm`, `Standard_D4s_v5`), found without building
    /// the item's name: the cost asks for a few on every sizing, sweeps included.
    pub fn find(&self, region: &str, kind: &str, name: &str) -> Option<&Price<'a>> {
        self.prices.iter().find(|p| {
            p.region == region
                && p.item.len() == kind.len() + 1 + name.len()
                && p.item.starts_with(kind)
                && p.item[kind.len()..].starts_with('/')
                && p.item.ends_with(name)
        })
    }

    /// The regions the book prices, in file order.
    pub fn regions(&self) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        for p in &self.prices {
            if !out.contains(&p.region) {
                out.push(p.region);
            }
        }
        out
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

/// The date `YYYY-MM-DD` of a count of days since 1970-01-01: the inverse of [`days`].
pub fn date(days: i64) -> String {
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{:04}-{:02}-{:02}", y, m, d)
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
        let usd = match crate::plan::decimal::parse(usd) {
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

/// How many days old the book is on `today` (`YYYY-MM-DD`).
pub fn age_days(book: &Book<'_>, today: &str) -> Result<i64, String> {
    let today = days(today).ok_or_else(|| format!("'{}' is not a date (YYYY-MM-DD)", today))?;
    let as_of = days(book.as_of).ok_or("the book's as_of is not a date")?;
    Ok(today - as_of)
}

/// Hours in the terms of reservations, which the Retail Prices API prices whole.
const HOURS_1Y: f64 = 8_760.0;
const HOURS_3Y: f64 = 26_280.0;

/// Builds a book from pages of the Azure Retail Prices API
/// (`https://prices.azure.com/api/retail/prices`, version 2023-01-01-preview, which adds the
/// savings-plan prices) as `scripts/update-prices` saves them: `{"Items": [...], ...}`.
/// Kept: Linux pay-as-you-go, Spot, 1- and 3-year reservation (the term's price ÷ its hours)
/// and savings-plan prices of the catalogue's VM sizes; Premium SSD LRS disks; the Standard
/// load balancer; the Standard static public IPv4; the AKS Standard tier (uptime SLA). Each is
/// marked verified and read on `today`; the book is as of `today`.
pub fn import(pages: &[(String, String)], today: &str) -> Result<String, String> {
    use serde_json::Value;
    if days(today).is_none() {
        return Err(format!("'{}' is not a date (YYYY-MM-DD)", today));
    }
    let sizes: Vec<&str> = crate::plan::VmSize::NAMES.to_vec();
    let mut rows: Vec<(String, String, f64, &str, String)> = Vec::new();
    for (name, text) in pages {
        let page: Value =
            serde_json::from_str(text).map_err(|e| format!("{}: not JSON: {}", name, e))?;
        let items = page["Items"]
            .as_array()
            .ok_or_else(|| format!("{}: no Items array (not a Retail Prices API page)", name))?;
        for item in items {
            let s = |key: &str| item[key].as_str().unwrap_or("");
            if s("currencyCode") != "USD" {
                continue;
            }
            let region = s("armRegionName");
            let usd = item["retailPrice"].as_f64().unwrap_or(-1.0);
            let source = format!(
                "Azure Retail Prices API: {} / {} / {}, meterId {}, effective {}",
                s("serviceName"),
                s("productName"),
                s("meterName"),
                s("meterId"),
                s("effectiveStartDate").get(..10).unwrap_or("?")
            );
            let mut add = |item: String, usd: f64, unit: &'static str, source: String| {
                if usd >= 0.0 && !region.is_empty() {
                    rows.push((region.to_string(), item, usd, unit, source));
                }
            };
            match s("serviceName") {
                "Virtual Machines" => {
                    let sku = s("armSkuName");
                    if !sizes.contains(&sku) || s("productName").contains("Windows") {
                        continue;
                    }
                    match (s("type"), s("reservationTerm")) {
                        ("Consumption", _) if s("skuName").ends_with(" Low Priority") => {}
                        ("Consumption", _) if s("skuName").ends_with(" Spot") => {
                            add(format!("spot/{}", sku), usd, "hour", source)
                        }
                        ("Consumption", _) => {
                            for plan in item["savingsPlan"].as_array().into_iter().flatten() {
                                let term = match plan["term"].as_str() {
                                    Some("1 Year") => "sp1",
                                    Some("3 Years") => "sp3",
                                    _ => continue,
                                };
                                let price = plan["retailPrice"].as_f64().unwrap_or(-1.0);
                                add(format!("{}/{}", term, sku), price, "hour", source.clone());
                            }
                            add(format!("vm/{}", sku), usd, "hour", source);
                        }
                        ("Reservation", "1 Year") => {
                            add(format!("ri1/{}", sku), usd / HOURS_1Y, "hour", source)
                        }
                        ("Reservation", "3 Years") => {
                            add(format!("ri3/{}", sku), usd / HOURS_3Y, "hour", source)
                        }
                        _ => {}
                    }
                }
                "Storage" if s("productName") == "Premium SSD Managed Disks" => {
                    if let Some(tier) = s("skuName").strip_suffix(" LRS") {
                        if s("meterName").ends_with("Disk") && s("unitOfMeasure") == "1/Month" {
                            add(format!("disk/{}", tier), usd, "month", source);
                        }
                    }
                }
                "Load Balancer"
                    if s("skuName") == "Standard"
                        && s("meterName").contains("Included LB Rules") =>
                {
                    add("lb/standard".into(), usd, "hour", source)
                }
                "Virtual Network"
                    if s("productName") == "IP Addresses"
                        && s("meterName") == "Standard IPv4 Static Public IP" =>
                {
                    add("ip/standard".into(), usd, "hour", source)
                }
                "Azure Kubernetes Service" if s("meterName").contains("Uptime SLA") => {
                    add("aks/standard".into(), usd, "hour", source)
                }
                _ => {}
            }
        }
    }
    if rows.is_empty() {
        return Err("no price of the catalogue in these pages".into());
    }
    rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    // A price listed twice (a page downloaded twice, two meters) keeps its first row.
    rows.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
    let mut out = format!(
        "# Headroom's price book, imported from the Azure Retail Prices API by `headroom prices --import`.\n# docs/PRICES.md.\nas_of\t{}\n# region\titem\tusd\tunit\tread_on\tstatus\tsource\n",
        today
    );
    for (region, item, usd, unit, source) in rows {
        out += &format!(
            "{}\t{}\t{}\t{}\t{}\tverified\t{}\n",
            region,
            item,
            (usd * 1e6).round() / 1e6,
            unit,
            today,
            source.replace(['\t', '\n'], " ")
        );
    }
    parse(&out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_book_parses_and_prices_every_catalogue_vm() {
        let b = parse(TEXT).expect("book");
        assert_eq!(book(), &b);
        for size in crate::plan::VmSize::ALL {
            let item = format!("vm/{}", size.as_str());
            assert!(b.get("eastus", &item).is_some(), "{item}");
        }
        assert_eq!(b.regions(), ["eastus"]);
    }

    #[test]
    fn dates_count_days() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(
            days("2026-12-01")
                .zip(days("2026-11-01"))
                .map(|(a, b)| a - b),
            Some(30)
        );
        assert_eq!(
            days("2024-02-29")
                .zip(days("2024-03-01"))
                .map(|(a, b)| b - a),
            Some(1)
        );
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-1-01",
            "x",
            "2026-12-01-1",
            "",
        ] {
            assert_eq!(days(bad), None, "{bad}");
        }
    }

    #[test]
    fn bad_books_are_refused_with_the_line() {
        let ok = "as_of\t2026-01-02\neastus\tlb/standard\t0.025\thour\t2026-01\tunverified\tx\n";
        assert!(parse(ok).is_ok());
        for (bad, says) in [
            (
                "eastus\tlb/standard\t0.025\thour\t2026-01\tunverified\tx\n",
                "no as_of",
            ),
            (
                "as_of\t2026-01-02\neastus\tlb\t-1\thour\t2026-01\tunverified\tx\n",
                "line 2: usd",
            ),
            (
                "as_of\t2026-01-02\neastus\tlb\t1\tday\t2026-01\tunverified\tx\n",
                "unit",
            ),
            (
                "as_of\t2026-01-02\neastus\tlb\t1\thour\tsoon\tunverified\tx\n",
                "read_on",
            ),
            (
                "as_of\t2026-01-02\neastus\tlb\t1\thour\t2026-01\tmaybe\tx\n",
                "status",
            ),
            ("as_of\t2026-01-02\neastus\tlb\t1\thour\n", "4 columns"),
            ("as_of\t2026-02-30\n", "as_of"),
        ] {
            let e = parse(bad).expect_err(bad);
            assert!(e.contains(says), "{e}");
        }
        let twice = format!("{ok}eastus\tlb/standard\t0.02\thour\t2026-01\tunverified\ty\n");
        assert!(parse(&twice).expect_err("twice").contains("twice"));
    }

    #[test]
    fn age_counts_from_as_of() {
        let b = parse("as_of\t2026-01-02\n").expect("book");
        assert_eq!(age_days(&b, "2026-01-12"), Ok(10));
        assert!(age_days(&b, "12 Jan").is_err());
    }
}
