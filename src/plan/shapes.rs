//! The day picker's named traffic shapes: each fills `day` with 24 hourly loads, % of peak.

/// A named day.
pub struct Shape {
    /// Its name in the picker.
    pub name: &'static str,
    /// The load of hours 00 to 23, % of `peak_rps`.
    pub hours: [f64; 24],
}

/// Fills `out[from..=to]` with `pct`: the shapes below are written as hour ranges.
const fn fill(mut out: [f64; 24], from: usize, to: usize, pct: f64) -> [f64; 24] {
    let mut h = from;
    while h <= to {
        out[h] = pct;
        h += 1;
    }
    out
}

const ZERO: [f64; 24] = [0.0; 24];

/// Every shape, in picker order (issue 15's values).
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "flat",
        hours: [100.0; 24],
    },
    Shape {
        name: "office",
        hours: fill(
            fill(
                fill(
                    fill(fill(fill(ZERO, 0, 6, 10.0), 7, 7, 40.0), 8, 16, 100.0),
                    17,
                    17,
                    70.0,
                ),
                18,
                18,
                40.0,
            ),
            19,
            23,
            15.0,
        ),
    },
    Shape {
        name: "evening",
        hours: fill(
            fill(
                fill(
                    fill(fill(fill(ZERO, 0, 6, 10.0), 7, 16, 35.0), 17, 17, 60.0),
                    18,
                    21,
                    100.0,
                ),
                22,
                22,
                60.0,
            ),
            23,
            23,
            30.0,
        ),
    },
    Shape {
        name: "two peaks",
        hours: fill(
            fill(
                fill(
                    fill(
                        fill(fill(fill(ZERO, 0, 6, 10.0), 7, 7, 50.0), 8, 10, 100.0),
                        11,
                        13,
                        60.0,
                    ),
                    14,
                    16,
                    90.0,
                ),
                17,
                17,
                60.0,
            ),
            18,
            23,
            20.0,
        ),
    },
    Shape {
        name: "night batch",
        hours: fill(fill(ZERO, 0, 4, 100.0), 5, 23, 15.0),
    },
];

/// The hours of a shape by name.
pub fn shape(name: &str) -> Option<Vec<f64>> {
    SHAPES
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.hours.to_vec())
}

/// The name of the shape `day` is, if it is one.
pub fn name_of(day: &[f64]) -> Option<&'static str> {
    SHAPES.iter().find(|s| s.hours[..] == *day).map(|s| s.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_hold_the_issues_values() {
        let office = shape("office").expect("office");
        assert_eq!(
            &office[..9],
            &[10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 40.0, 100.0]
        );
        assert_eq!(
            &office[16..],
            &[100.0, 70.0, 40.0, 15.0, 15.0, 15.0, 15.0, 15.0]
        );
        let two = shape("two peaks").expect("two peaks");
        assert_eq!(two[13], 60.0);
        assert_eq!(two[14], 90.0);
        assert_eq!(
            name_of(&shape("night batch").expect("night")),
            Some("night batch")
        );
        assert_eq!(shape("evening").expect("evening")[23], 30.0);
    }
}
