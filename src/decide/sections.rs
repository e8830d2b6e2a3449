//! The text of the page's "Node size" and "Growth" sections, as HTML, which the worker sends
//! the page with the ranking or the runway: the notes, their findings (`cheaper-vm`,
//! `runway-short`) and the tables of `vms` and `runway`. Written as strings, every text
//! escaped, rather than as a view per cell. Buttons carry `data-action` (and a size's
//! `data-pool` and `data-vm`); the section's one click handler on the page reads them. What the
//! page writes itself (the status line, "Undo", the notes with nothing to work out) is
//! `report::ahead`.

use super::{runway, vms};
use crate::doctor::Finding;
use crate::engine::format::{count, fmt, money};
use crate::plan::Plan;
use crate::report::ahead::escaped;
use crate::report::runway::{Runway, HORIZON_MONTHS};
use crate::report::vms::{own_sizes, VmRow};

/// A finding as the findings list shows it (`data-code`, severity, message, fix).
fn finding(f: &Finding) -> String {
    format!(
        "<ul class=\"findings\"><li data-code=\"{code}\" class=\"finding {sev}\"><span class=\"severity\">{sev}</span> <code>{code}</code><p class=\"message\">{}</p><p class=\"fix\">Fix: {}</p></li></ul>",
        escaped(&f.message),
        escaped(&f.fix),
        code = f.code.as_str(),
        sev = f.severity.as_str(),
    )
}

/// A table: its test id, its name, column headings and rows (the row's `data-key`, its cells,
/// and the HTML of a last cell). Its box scrolls sideways on a narrow screen, so it takes the
/// keyboard's focus and is named for screen readers.
fn table(testid: &str, name: &str, heads: &[&str], rows: &[(&str, Vec<String>, String)]) -> String {
    let mut out = format!(
        "<div class=\"scroll-x\" tabindex=\"0\" role=\"region\" aria-label=\"{name}\"><table class=\"breakdown\" data-testid=\"{testid}\"><thead><tr>"
    );
    for h in heads {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escaped(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for (key, cells, last) in rows {
        out.push_str(&format!(
            "<tr data-testid=\"{testid}-row\" data-key=\"{}\">",
            escaped(key)
        ));
        for c in cells {
            out.push_str(&format!("<td>{}</td>", escaped(c)));
        }
        out.push_str(last);
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The "Node size" section above its chart (an AKS plan): what a row is, and `cheaper-vm`
/// when it fires.
pub fn sizes_top(plan: &Plan, rows: &[VmRow]) -> String {
    let mut out = String::from(
        "<p class=\"note\">Each row: this plan on that size with AKS's reservation rules (alloc = aks), nothing else changed; the cost of every pool. Node memory drifts by ±30 MiB between node images.</p>",
    );
    if let Some(f) = vms::cheaper(plan, rows) {
        out.push_str(&finding(&f));
    }
    out
}

/// The "Node size" section below its chart: the table of sizes, cheapest first.
pub fn sizes_table(plan: &Plan, rows: &[VmRow]) -> String {
    let mut out = String::new();
    let own = own_sizes(plan);
    let rows: Vec<(&str, Vec<String>, String)> = rows
        .iter()
        .map(|r| {
            let is_own = own.iter().any(|(pool, vm)| *pool == r.pool && *vm == r.vm);
            let cells = vec![
                r.pool.clone(),
                r.vm.clone(),
                format!("{} / {}", r.vcpu, fmt(r.mem_gib)),
                format!("{} / {}", fmt(r.alloc_cpu), fmt(r.alloc_mem_gib)),
                format!("{} ({})", count(r.pods_per_node), r.binds),
                format!("{}–{}", count(r.nodes_min), count(r.nodes_peak)),
                match r.price_status.as_str() {
                    "unknown" => "no price".to_string(),
                    status => format!("{} ({status})", money(r.monthly_usd)),
                },
                format!("{} / {}", fmt(r.waste_cpu_pct), fmt(r.waste_mem_pct)),
                match (&r.why, r.survives) {
                    (Some(why), _) => format!("does not fit: {why}"),
                    (None, true) => "fits, survives".to_string(),
                    (None, false) => "fits; does not survive".to_string(),
                },
            ];
            let last = if is_own {
                "<td><strong>this plan</strong></td>".to_string()
            } else {
                format!(
                    "<td><button type=\"button\" class=\"link\" data-action=\"use\" data-testid=\"use-vm\" data-pool=\"{}\" data-vm=\"{}\">Use this size</button></td>",
                    r.pool, r.vm
                )
            };
            (r.vm.as_str(), cells, last)
        })
        .collect();
    out.push_str(&table("vms", "VM sizes", &VMS_HEADS, &rows));
    out
}

/// The headings of the table of sizes.
const VMS_HEADS: [&str; 10] = [
    "Pool",
    "Size",
    "vCPU / GiB",
    "Allocatable cores / GiB",
    "Pods per node (binds)",
    "Nodes quietest–peak",
    "Whole plan, USD/month (price)",
    "Unused at peak, CPU / memory %",
    "Fits, survives failures",
    "",
];

/// The "Growth" section above its chart (a plan with growth): the rate and lead time, and
/// `runway-short` when it fires.
pub fn growth_top(plan: &Plan, runway: &[Runway]) -> String {
    let mut out = format!(
        "<p class=\"note\">Traffic and background work grow {} %/month, compounded; raising a limit takes {} months (lead_time_months). A limit's runway is the whole months it holds, up to {HORIZON_MONTHS}.</p>",
        fmt(plan.growth_pct_month),
        plan.lead_time_months,
    );
    if let Some(f) = runway::short(plan, runway) {
        out.push_str(&finding(&f));
    }
    out
}

/// The "Growth" section below its chart: each limit's runway, shortest first.
pub fn growth_table(broken: &[Runway], runway: &[Runway]) -> String {
    let mut out = String::new();
    let broken_rows = broken.iter().map(|w| {
        let cells = vec![
            w.bound.clone(),
            w.limit.map_or("—".to_string(), count),
            "broken now".to_string(),
            w.finding.map_or("", |c| c.as_str()).to_string(),
        ];
        (w.bound.as_str(), cells, String::new())
    });
    let rows: Vec<(&str, Vec<String>, String)> = broken_rows
        .chain(runway.iter().map(|w| {
            let cells = vec![
                w.bound.clone(),
                w.limit.map_or("—".to_string(), count),
                match w.finding {
                    Some(_) => w.months.to_string(),
                    None => format!("{}+", w.months),
                },
                w.finding
                    .map_or("holds to the horizon", |c| c.as_str())
                    .to_string(),
            ];
            (w.bound.as_str(), cells, String::new())
        }))
        .collect();
    out.push_str(&table(
        "runway",
        "Runway of each limit",
        &RUNWAY_HEADS,
        &rows,
    ));
    out
}

/// The headings of the runway table.
const RUNWAY_HEADS: [&str; 4] = ["Limit", "Value", "Holds for, months", "Then (finding)"];
