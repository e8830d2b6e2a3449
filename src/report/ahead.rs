//! What the page's "Node size" and "Growth" sections say by themselves, without the ranking or
//! the runway (which the worker works out, with the rest of their text: `decide::sections`):
//! whether there is anything to work out, the note when there is not, the status line and
//! "Undo". Text is HTML, every text escaped.

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

/// The two sections whose figures the worker works out after the answer.
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

    /// The section's note when there is nothing to work out (see [`Ahead::idle`]).
    pub fn idle_note(self) -> &'static str {
        match self {
            Ahead::Sizes => "<p class=\"note\">Container Apps has no nodes to size (platform = aks ranks the VM sizes).</p>",
            Ahead::Growth => "<p class=\"note\">No growth is set (growth_pct_month = 0, in Traffic): the plan is sized for today's traffic. <button type=\"button\" class=\"link\" data-action=\"try-growth\" data-testid=\"try-growth\">See +5 %/month</button></p>",
        }
    }

    /// The status line: whether what the section shows is this plan's (`fresh`) or the last
    /// one's while this plan's is worked out.
    pub fn status(self, fresh: bool) -> String {
        let (testid, text) = match (self, fresh) {
            (Ahead::Sizes, true) => ("vms-status", "Ranked for this plan."),
            (Ahead::Sizes, false) => ("vms-status", "Working out the sizes for this plan…"),
            (Ahead::Growth, true) => ("growth-status", "Worked out for this plan."),
            (Ahead::Growth, false) => ("growth-status", "Working out the months for this plan…"),
        };
        format!("<p class=\"note\" data-testid=\"{testid}\">{text}</p>")
    }

    /// "Undo" after the section's action ("Use this size", "See +5 %/month").
    pub fn undo(self) -> &'static str {
        match self {
            Ahead::Sizes => "<p class=\"actions\"><button type=\"button\" data-action=\"undo\" data-testid=\"vms-undo\">Undo</button></p>",
            Ahead::Growth => "<p class=\"actions\"><button type=\"button\" data-action=\"undo\" data-testid=\"growth-undo\">Undo</button></p>",
        }
    }
}
