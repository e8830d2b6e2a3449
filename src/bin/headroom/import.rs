//! `headroom prices --import`: a price book from pages of the Azure Retail Prices API. Only the
//! CLI imports; the engine and the browser read the book built into the binary.

use headroom::engine::prices;

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
pub(crate) fn import(pages: &[(String, String)], today: &str) -> Result<String, String> {
    use serde_json::Value;
    if prices::days(today).is_none() {
        return Err(format!("'{}' is not a date (YYYY-MM-DD)", today));
    }
    let sizes: Vec<&str> = headroom::plan::VmSize::NAMES.to_vec();
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
            if region.contains(['\t', '\n', '\r']) {
                return Err(format!(
                    "{}: armRegionName {:?} holds a tab or line break, which the book cannot hold",
                    name, region
                ));
            }
            let usd = item["retailPrice"].as_f64().unwrap_or(-1.0);
            let what = format!(
                "armSkuName '{}', meterName '{}'",
                s("armSkuName"),
                s("meterName")
            );
            let source = format!(
                "Azure Retail Prices API: {} / {} / {}, meterId {}, effective {}",
                s("serviceName"),
                s("productName"),
                s("meterName"),
                s("meterId"),
                s("effectiveStartDate").get(..10).unwrap_or("?")
            );
            let mut bad = None;
            let mut add = |item: String, usd: f64, unit: &'static str, source: String| {
                if region.is_empty() {
                    return;
                }
                // The book writes six decimals: a price must stay finite and above 0 there.
                let kept = (usd * 1e6).round() / 1e6;
                if kept.is_finite() && kept > 0.0 {
                    rows.push((region.to_string(), item, usd, unit, source));
                } else {
                    bad.get_or_insert(usd);
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
            if let Some(usd) = bad {
                let shown = if usd.abs() >= 1e9 {
                    format!("{:e}", usd)
                } else {
                    usd.to_string()
                };
                return Err(format!(
                    "{}: {}: the price {} is not a positive, finite number of USD (at six decimals)",
                    name, what, shown
                ));
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
    prices::parse(&out)?;
    Ok(out)
}
