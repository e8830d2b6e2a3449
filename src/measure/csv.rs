//! A CSV of measurements, the form the USL tools read: a header with `concurrency` and
//! `throughput` (and optionally `latency_ms`), then a row per measurement. Columns are found by
//! name, in any order; other columns are ignored.

use super::{number, Point};

/// Reads the points; every row is used.
pub(super) fn read(name: &str, text: &str) -> Result<(Vec<Point>, Vec<String>), String> {
    let (header, lines) = super::header_and_rows(name, text)?;
    let cols: Vec<String> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    let find = |want: &str| cols.iter().position(|c| c == want);
    let (Some(n_at), Some(x_at)) = (find("concurrency"), find("throughput")) else {
        return Err(format!(
            "{}: line 1: the header has {:?}; expected the columns concurrency and throughput (latency_ms optional)",
            name, cols
        ));
    };
    let l_at = find("latency_ms");
    let mut out = Vec::new();
    for (i, line) in lines {
        let cells: Vec<&str> = line
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        let at = |col: &str| format!("{}: line {}, {}", name, i + 1, col);
        let cell = |k: usize, col: &str| {
            cells
                .get(k)
                .copied()
                .ok_or_else(|| format!("{}: the row has {} columns", at(col), cells.len()))
        };
        let n = number(cell(n_at, "concurrency")?, || at("concurrency"))?;
        let x = number(cell(x_at, "throughput")?, || at("throughput"))?;
        if n <= 0.0 || x < 0.0 {
            return Err(format!(
                "{}: concurrency must be above 0 and throughput at least 0",
                at("concurrency")
            ));
        }
        let latency = match l_at {
            Some(k) => Some(number(cell(k, "latency_ms")?, || at("latency_ms"))?),
            None => None,
        };
        out.push(Point::used(n, x, latency));
    }
    Ok((out, Vec::new()))
}
