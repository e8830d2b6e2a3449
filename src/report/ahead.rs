//! The text of the page's "Node size" and "Growth" sections, as HTML: the notes, their
//! findings (`cheaper-vm`, `runway-short`) and the tables of `vms` and `runway`. Written as
//! strings, every text escaped, rather than as a view per cell: the views cost the browser
//! bundle several KB (docs/PERFORMANCE.md). Buttons carry `data-action` (and a size's
//! `data-pool` and `data-vm`); the section's one click handler reads them.

use super::runway::{self, Month, Runway, HORIZON_MONTHS};
use super::vms::{self, VmRow};
use super::Report;
use crate::doctor::Finding;
use crate::engine::format::{count, fmt, money};
use crate::plan::{Plan, Platform};

/// Text as HTML shows it, in an element or a double-quoted attribute.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

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

/// The "Node size" section above its chart: what a row is, whether the ranking is this plan's
/// (`fresh`) or the last one while this plan's is worked out, and `cheaper-vm` when it fires.
/// `rows` is `None` before the first ranking.
pub fn sizes_top(plan: &Plan, rows: Option<&[VmRow]>, fresh: bool) -> String {
    if plan.platform == Platform::Aca {
        return "<p class=\"note\">Container Apps has no nodes to size (platform = aks ranks the VM sizes).</p>".into();
    }
    let mut out = String::from(
        "<p class=\"note\">Each row: this plan on that size with AKS's reservation rules (alloc = aks), nothing else changed; the cost of every pool. Node memory drifts by ±30 MiB between node images.</p>",
    );
    // While this plan's ranking is worked out the last one stays, under this note.
    out.push_str(if rows.is_some() && fresh {
        "<p class=\"note\" data-testid=\"vms-status\">Ranked for this plan.</p>"
    } else {
        "<p class=\"note\" data-testid=\"vms-status\">Working out the sizes for this plan…</p>"
    });
    if let Some(f) = rows.and_then(|rows| vms::cheaper(plan, rows)) {
        out.push_str(&finding(&f));
    }
    out
}

/// The "Node size" section below its chart: "Undo" after "Use this size", and the table. Before
/// the first ranking (`rows` is `None`) a row per size to rank holds its place, so that the
/// page below does not move when the ranking arrives.
pub fn sizes_table(plan: &Plan, rows: Option<&[VmRow]>, undo: bool) -> String {
    if plan.platform == Platform::Aca {
        return String::new();
    }
    let mut out = String::new();
    if undo {
        out.push_str("<p class=\"actions\"><button type=\"button\" data-action=\"undo\" data-testid=\"vms-undo\">Undo</button></p>");
    }
    let own = vms::own_sizes(plan);
    let Some(rows) = rows else {
        let waiting: Vec<(&str, Vec<String>, String)> = vms::candidates(plan)
            .into_iter()
            .map(|(pool, size)| {
                let mut cells = vec!["…".to_string(); 9];
                cells[0] = pool.to_string();
                cells[1] = size.as_str().to_string();
                (size.as_str(), cells, "<td></td>".to_string())
            })
            .collect();
        out.push_str(&table("vms", "VM sizes", &VMS_HEADS, &waiting));
        return out;
    };
    let rows: Vec<(&str, Vec<String>, String)> = rows
        .iter()
        .map(|r| {
            let is_own = own.iter().any(|(pool, vm)| *pool == r.pool && *vm == r.vm);
            let cells = vec![
                r.pool.to_string(),
                r.vm.to_string(),
                format!("{} / {}", r.vcpu, fmt(r.mem_gib)),
                format!("{} / {}", fmt(r.alloc_cpu), fmt(r.alloc_mem_gib)),
                format!("{} ({})", count(r.pods_per_node), r.binds),
                format!("{}–{}", count(r.nodes_min), count(r.nodes_peak)),
                match r.price_status {
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
            (r.vm, cells, last)
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

/// The "Growth" section above its chart: the rate and lead time, or how to set a rate; whether
/// the runway is this plan's (`fresh`) or the last one while this plan's is worked out; and
/// `runway-short` when it fires. `runway` is `None` before the first one.
pub fn growth_top(plan: &Plan, runway: Option<&[Runway]>, fresh: bool) -> String {
    if plan.growth_pct_month <= 0.0 {
        return "<p class=\"note\">No growth is set (growth_pct_month = 0, in Traffic): the plan is sized for today's traffic. <button type=\"button\" class=\"link\" data-action=\"try-growth\" data-testid=\"try-growth\">See +5 %/month</button></p>".into();
    }
    let mut out = format!(
        "<p class=\"note\">Traffic and background work grow {} %/month, compounded; raising a limit takes {} months (lead_time_months). A limit's runway is the whole months it holds, up to {HORIZON_MONTHS}.</p><p class=\"note\" data-testid=\"growth-status\">{}</p>",
        fmt(plan.growth_pct_month),
        plan.lead_time_months,
        if runway.is_some() && fresh {
            "Worked out for this plan."
        } else {
            "Working out the months for this plan…"
        }
    );
    if let Some(f) = runway
        .filter(|_| fresh)
        .and_then(|w| runway::short(plan, w))
    {
        out.push_str(&finding(&f));
    }
    out
}

/// The "Growth" section below its chart: "Undo" after "See +5 %/month", and each limit's
/// runway, shortest first. Before the first runway (`runway` is `None`) a row per limit the plan
/// sets (from `now`, the plan's report) holds the table's place.
pub fn growth_table(plan: &Plan, now: &Report, runway: Option<&[Runway]>, undo: bool) -> String {
    let mut out = String::new();
    if undo {
        out.push_str("<p class=\"actions\"><button type=\"button\" data-action=\"undo\" data-testid=\"growth-undo\">Undo</button></p>");
    }
    if plan.growth_pct_month <= 0.0 {
        return out;
    }
    let Some(runway) = runway else {
        let waiting: Vec<(&str, Vec<String>, String)> = runway::held(plan, now)
            .into_iter()
            .map(|(bound, _)| {
                let mut cells = vec!["…".to_string(); 4];
                cells[0] = bound.to_string();
                (bound, cells, String::new())
            })
            .collect();
        out.push_str(&table(
            "runway",
            "Runway of each limit",
            &RUNWAY_HEADS,
            &waiting,
        ));
        return out;
    };
    let rows: Vec<(&str, Vec<String>, String)> = runway
        .iter()
        .map(|w| {
            let cells = vec![
                w.bound.to_string(),
                w.limit.map_or("—".to_string(), count),
                match w.finding {
                    Some(_) => w.months.to_string(),
                    None => format!("{}+", w.months),
                },
                w.finding
                    .map_or("holds to the horizon", |c| c.as_str())
                    .to_string(),
            ];
            (w.bound, cells, String::new())
        })
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

/// What a section's work found for a plan: the sizes ranked, or the runway and the months.
pub enum Found {
    /// `report::vms`'s rows, cheapest first.
    Sizes(Vec<VmRow>),
    /// `report::runway`'s limits, shortest first, and the months it worked out.
    Growth(Vec<Runway>, Vec<Month>),
}

/// The two sections the page works out after the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ahead {
    /// "Node size".
    Sizes,
    /// "Growth".
    Growth,
}

impl Ahead {
    /// Nothing to work out for `plan`: no nodes to size (Container Apps), no growth set.
    pub fn idle(self, plan: &Plan) -> bool {
        match self {
            Ahead::Sizes => plan.platform == Platform::Aca,
            Ahead::Growth => plan.growth_pct_month <= 0.0,
        }
    }

    /// The section's text above and below its chart for `plan` (`now`: its report), from what
    /// the work last found (`fresh`: for this plan), with "Undo" when an action of the section
    /// can be taken back.
    pub fn texts(
        self,
        plan: &Plan,
        now: &Report,
        found: Option<&Found>,
        fresh: bool,
        undo: bool,
    ) -> [String; 2] {
        match self {
            Ahead::Growth => {
                let runway = match found {
                    Some(Found::Growth(w, _)) => Some(w.as_slice()),
                    _ => None,
                };
                [
                    growth_top(plan, runway, fresh),
                    growth_table(plan, now, runway, undo),
                ]
            }
            Ahead::Sizes => {
                let rows = match found {
                    Some(Found::Sizes(rows)) => Some(rows.as_slice()),
                    _ => None,
                };
                [sizes_top(plan, rows, fresh), sizes_table(plan, rows, undo)]
            }
        }
    }
}
