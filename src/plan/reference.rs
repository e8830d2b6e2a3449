//! The parameter reference (`docs/PARAMETERS.md`, `headroom params`), rendered from the table.

use super::{Group, Plan, CONSTRAINTS, PARAMS};

/// The parameter reference as Markdown, grouped by section: `docs/PARAMETERS.md` is this text
/// (a test keeps the file in step).
pub fn reference_markdown() -> String {
    let default = Plan::default();
    let mut out = String::from(
        "# Plan parameters\n\nGenerated from the parameter table in `src/plan/params.rs` by `headroom params`; \
         a test fails when this file is out of date.\n\nEvery parameter is a share-link query parameter \
         (`?v=1&name=value`) and a key of the plan JSON. Links also take `v` (format version, 1), \
         `preset` (start from a preset) and `pin` (a pinned plan's canonical query).\n\n\
         What a value may look like, in links, plan files, the CLI and the form alike: white space \
         around a value is ignored (`peak_rps= 100 ` is 100); choice names and automatic tokens \
         match in any case (`platform=AKS`, `pdb=AUTO`); switches take `1` or `true` for on and \
         `0` or `false` for off (links write `1` and `0`); numbers are decimals with an optional sign and \
         exponent (`1e3`), while `0x10`, `inf`, `NaN` and `1,000` are refused. Parameter names \
         themselves match exactly.\n",
    );
    // Every group, from the list of all groups (a hand-written list once left two out).
    for group in Group::ALL {
        out.push_str(&format!(
            "\n## {}\n\n| name | meaning | unit | default | allowed |\n|---|---|---|---|---|\n",
            group.title()
        ));
        for p in PARAMS.iter().filter(|p| p.group == group) {
            let value = p.get(&default).to_text();
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                p.name,
                p.help,
                if p.unit.is_empty() { "—" } else { p.unit },
                if value.is_empty() { "empty" } else { &value },
                p.kind.range_text()
            ));
        }
    }
    out.push_str("\n## Pairs that must agree\n\n");
    for c in CONSTRAINTS {
        out.push_str(&format!(
            "- `{}` and `{}`: {}.\n",
            c.params[0], c.params[1], c.rule
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_is_in_the_reference() {
        let text = reference_markdown();
        for p in PARAMS {
            assert!(
                text.contains(&format!("| `{}` | ", p.name)),
                "{} is missing",
                p.name
            );
        }
        assert!(!text.contains("|  "), "a row starts with a stray space");
    }
}
