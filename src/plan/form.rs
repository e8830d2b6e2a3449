//! The form's side of editing a plan: field texts that were refused, kept until they can be
//! applied. A text refused because it contradicts another field (a CPU request above its
//! limit) is tried again whenever that other field changes, so an error never goes stale.

use super::{Param, Plan, CONSTRAINTS};
/// The fields whose current text is not in the plan, with the text and why: a short list,
/// sorted by parameter name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    pending: Vec<Pending>,
}

#[derive(Clone, Debug, PartialEq)]
struct Pending {
    param: &'static Param,
    text: String,
    error: String,
}

/// Whether two parameters are named together by a constraint.
fn partners(a: &str, b: &str) -> bool {
    CONSTRAINTS
        .iter()
        .any(|c| c.params.contains(&a) && c.params.contains(&b))
}

impl Form {
    /// Where the pending text of `name` is, or would go.
    fn slot(&self, name: &str) -> Result<usize, usize> {
        self.pending.binary_search_by(|p| p.param.name.cmp(name))
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut Pending> {
        self.slot(name).ok().map(|i| &mut self.pending[i])
    }

    fn remove(&mut self, name: &str) {
        if let Ok(i) = self.slot(name) {
            self.pending.remove(i);
        }
    }

    /// Edits one field: returns the next plan (the same plan when the text is refused) and
    /// keeps the refused text. After a change, every pending text of a field that shares a
    /// constraint with a changed one is tried again: applied if it now holds, its error
    /// renewed if not.
    pub fn edit(&mut self, plan: &Plan, param: &'static Param, text: &str) -> Plan {
        match plan.with_text(param, text) {
            Err(error) => {
                let pending = Pending {
                    param,
                    text: text.to_string(),
                    error,
                };
                match self.slot(param.name) {
                    Ok(i) => self.pending[i] = pending,
                    Err(i) => self.pending.insert(i, pending),
                }
                plan.clone()
            }
            Ok(mut next) => {
                self.remove(param.name);
                let mut changed = vec![param.name];
                while let Some(name) = changed.pop() {
                    let retry: Vec<Pending> = self
                        .pending
                        .iter()
                        .filter(|p| partners(p.param.name, name))
                        .cloned()
                        .collect();
                    for p in retry {
                        match next.with_text(p.param, &p.text) {
                            Ok(applied) => {
                                next = applied;
                                self.remove(p.param.name);
                                changed.push(p.param.name);
                            }
                            Err(error) => {
                                if let Some(q) = self.get_mut(p.param.name) {
                                    q.error = error;
                                }
                            }
                        }
                    }
                }
                next
            }
        }
    }

    /// [`Form::edit`] for a field being typed into: while its text is refused, the plan holds
    /// the value the field had when it gained focus (`focus`, its text then), not the last
    /// text that happened to parse (typing `2,5` on the way to `2,500` must not plan for 2).
    pub fn edit_typed(
        &mut self,
        plan: &Plan,
        param: &'static Param,
        text: &str,
        focus: &str,
    ) -> Plan {
        let next = self.edit(plan, param, text);
        if self.error(param.name).is_none() {
            return next;
        }
        let refused = self.pending[self.slot(param.name).unwrap_or(0)].clone();
        let kept = self.edit(&next, param, focus);
        // The focus-time value is in the plan; the field still shows, and the form still
        // keeps, the refused text and its error.
        match self.slot(param.name) {
            Ok(i) => self.pending[i] = refused,
            Err(i) => self.pending.insert(i, refused),
        }
        kept
    }

    /// The parameters whose field text is refused, by name: the plan shows their last valid
    /// value meanwhile.
    pub fn refused(&self) -> impl Iterator<Item = &'static Param> + '_ {
        self.pending.iter().map(|p| p.param)
    }

    /// Why the field's text is not in the plan, if it is not.
    pub fn error(&self, name: &str) -> Option<&str> {
        self.slot(name).ok().map(|i| self.pending[i].error.as_str())
    }

    /// Forgets a field's refused text (Escape, or the field shows the plan's value again).
    pub fn clear(&mut self, name: &str) {
        self.remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::param;

    #[test]
    fn a_refused_text_is_applied_when_its_partner_makes_room() {
        // Issue #12: web_cpu=1 is refused beside a 0.5 limit; raising the limit to 2 applies it.
        let (cpu, limit) = (
            param("web_cpu").expect("p"),
            param("web_cpu_limit").expect("p"),
        );
        let mut form = Form::default();
        let plan = Plan::default();
        let plan = form.edit(&plan, cpu, "1");
        assert_eq!(plan.web_cpu_cores, 0.25);
        assert!(form
            .error("web_cpu")
            .is_some_and(|e| e.contains("web_cpu_limit")));
        let plan = form.edit(&plan, limit, "2");
        assert_eq!((plan.web_cpu_cores, plan.web_cpu_limit_cores), (1.0, 2.0));
        assert_eq!(form.error("web_cpu"), None);
    }

    /// Typing `2,5` on the way to `2,500`: the plan keeps the value the field had when it
    /// gained focus (100), not the 2 typed on the way; the form keeps the refused text.
    #[test]
    fn a_refused_text_leaves_the_focus_time_value_in_the_plan() {
        let peak = param("peak_rps").expect("p");
        let mut form = Form::default();
        let plan = Plan::default();
        let two = form.edit_typed(&plan, peak, "2", "100");
        assert_eq!(two.peak_rps, 2.0);
        let refused = form.edit_typed(&two, peak, "2,5", "100");
        assert_eq!(refused.peak_rps, 100.0);
        assert!(form.error("peak_rps").is_some_and(|e| e.contains("'2,5'")));
        assert_eq!(
            form.refused().map(|p| p.name).collect::<Vec<_>>(),
            ["peak_rps"]
        );
        let done = form.edit_typed(&refused, peak, "2,500", "100");
        assert_eq!(done.peak_rps, 2500.0);
        assert_eq!(form.error("peak_rps"), None);
        assert_eq!(form.refused().count(), 0);
    }

    #[test]
    fn a_refused_text_keeps_a_current_error_while_it_still_contradicts() {
        let (cpu, limit) = (
            param("web_cpu").expect("p"),
            param("web_cpu_limit").expect("p"),
        );
        let mut form = Form::default();
        let plan = form.edit(&Plan::default(), cpu, "3");
        let plan = form.edit(&plan, limit, "2");
        assert_eq!(plan.web_cpu_limit_cores, 2.0);
        assert_eq!(plan.web_cpu_cores, 0.25);
        assert_eq!(
            form.error("web_cpu"),
            Some("3 with web_cpu_limit: a CPU request cannot exceed its limit")
        );
        // An unrelated field leaves it alone; a text that does not parse stays refused.
        let plan = form.edit(&plan, param("peak_rps").expect("p"), "abc");
        assert!(form.error("peak_rps").is_some());
        form.clear("peak_rps");
        assert_eq!(form.error("peak_rps"), None);
        assert_eq!(plan.peak_rps, 100.0);
    }
}
