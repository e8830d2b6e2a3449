//! The day as CSV (`day.csv`, `headroom simulate`).

use super::{log::clock, Day, STEP_S};
use crate::engine::math::round3;

/// The CSV header.
pub const HEADER: &str = "time,load_rps,capacity_rps,web_replicas,web_ready,task_replicas,task_ready,nodes,nodes_ready,backlog,aca_replicas";

/// The series, one row every `every_s` seconds (a multiple of 15; 15 gives every step).
pub fn to_csv(day: &Day, every_s: u32) -> String {
    let stride = ((f64::from(every_s) / STEP_S).round() as usize).max(1);
    let mut out = String::with_capacity(day.rows.len() / stride * 64 + 128);
    out.push_str(HEADER);
    out.push('\n');
    for (k, r) in day.rows.iter().enumerate().step_by(stride) {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{}\n",
            clock(k),
            round3(r.load_rps),
            round3(r.capacity_rps),
            r.web_replicas,
            r.web_ready,
            r.task_replicas,
            r.task_ready,
            r.nodes,
            r.nodes_ready,
            round3(r.backlog),
            r.aca_replicas
        ));
    }
    out
}
