//! Locust's `--csv` history, `*_stats_history.csv`: a row every few seconds per request name,
//! and one named `Aggregated` for all of them, with cumulative counts. The rule
//! (docs/CALIBRATION.md): take the `Aggregated` rows; a plateau is a run of consecutive rows
//! with the same `User Count` above 0; drop the first row of each (the ramp) and keep plateaus
//! with 2 rows left; N = the user count, X = Δ`Total Request Count` / Δ`Timestamp` between the
//! first and last kept rows, the mean latency from `Total Average Response Time` weighted by the
//! counts; a plateau whose failures exceed 1 % of its requests is listed but not fitted.
//! Columns are found by their header names (the percentile columns vary between versions).

use super::{number, Point};

/// One `Aggregated` row's figures.
struct Row {
    line: usize,
    users: f64,
    time_s: f64,
    requests: f64,
    failures: f64,
    avg_ms: f64,
}

/// Reads the plateaus and notes the ones too short to measure.
pub(super) fn read(name: &str, text: &str) -> Result<(Vec<Point>, Vec<String>), String> {
    let (header, lines) = super::header_and_rows(name, text)?;
    let cols: Vec<&str> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"'))
        .collect();
    let want = [
        "Timestamp",
        "User Count",
        "Name",
        "Total Request Count",
        "Total Failure Count",
        "Total Average Response Time",
    ];
    let mut at = [0usize; 6];
    for (slot, col) in at.iter_mut().zip(want) {
        *slot = cols.iter().position(|c| *c == col).ok_or_else(|| {
            format!(
                "{}: line 1: no column \"{}\"; Locust's *_stats_history.csv has {}",
                name,
                col,
                want.join(", ")
            )
        })?;
    }
    let mut rows = Vec::new();
    for (i, line) in lines {
        let cells: Vec<&str> = line
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        let cell = |k: usize| -> Result<&str, String> {
            cells.get(at[k]).copied().ok_or_else(|| {
                format!(
                    "{}: line {}: {} columns, the header has {}",
                    name,
                    i + 1,
                    cells.len(),
                    cols.len()
                )
            })
        };
        if cell(2)? != "Aggregated" {
            continue;
        }
        let num = |k: usize| -> Result<f64, String> {
            number(cell(k)?, || {
                format!("{}: line {}, {}", name, i + 1, want[k])
            })
        };
        rows.push(Row {
            line: i + 1,
            users: num(1)?,
            time_s: num(0)?,
            requests: num(3)?,
            failures: num(4)?,
            avg_ms: num(5)?,
        });
    }
    if rows.is_empty() {
        return Err(format!(
            "{}: no row named Aggregated: expected Locust's *_stats_history.csv",
            name
        ));
    }
    let (mut points, mut notes) = (Vec::new(), Vec::new());
    let mut start = 0;
    while start < rows.len() {
        let users = rows[start].users;
        let end = rows[start..]
            .iter()
            .position(|r| r.users != users)
            .map_or(rows.len(), |n| start + n);
        if users > 0.0 {
            let kept = &rows[start + 1..end];
            match (kept.first(), kept.last()) {
                (Some(first), Some(last)) if kept.len() >= 2 && last.time_s > first.time_s => {
                    let requests = last.requests - first.requests;
                    let x = requests / (last.time_s - first.time_s);
                    let latency = (requests > 0.0).then(|| {
                        (last.avg_ms * last.requests - first.avg_ms * first.requests) / requests
                    });
                    let failed = last.failures - first.failures;
                    let p = Point::used(users, x.max(0.0), latency.filter(|l| l.is_finite()));
                    points.push(if failed > 0.01 * requests {
                        p.unused(format!(
                            "{} of its {} requests failed (more than 1 %)",
                            failed, requests
                        ))
                    } else {
                        p
                    });
                }
                _ => notes.push(format!(
                    "the plateau at {} users (line {}) has fewer than 2 rows after its ramp row: not measured",
                    users, rows[start].line
                )),
            }
        }
        start = end;
    }
    Ok((points, notes))
}
