//! Values and kinds: what a parameter holds, what it accepts, how it reads and writes as text.

/// A parameter's value, independent of the field type that stores it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A real number (a quantity with a unit).
    Real(f64),
    /// A whole number (a count).
    Count(u64),
    /// One of a fixed set of names.
    Choice(&'static str),
    /// On or off; written `1` or `0`.
    Flag(bool),
    /// A name written into the exported files (an image reference, a Python module path).
    Text(String),
    /// "Headroom decides": the parameter's automatic token (`0` for every parameter today).
    Auto(&'static str),
    /// A series of reals (the day's traffic profile); empty when the plan gives none.
    Series(Vec<f64>),
}

/// What values a parameter accepts.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// A finite real number in `min..=max`, or `min < x <= max` when `min_open`.
    Real {
        /// Lower bound.
        min: f64,
        /// Upper bound, inclusive.
        max: f64,
        /// Whether the lower bound itself is excluded (a value that divides).
        min_open: bool,
    },
    /// A whole number in `min..=max`.
    Count {
        /// Lower bound, inclusive.
        min: u64,
        /// Upper bound, inclusive.
        max: u64,
    },
    /// One of these names.
    Choice(&'static [&'static str]),
    /// `0` or `1`.
    Flag,
    /// A name of 1 to `max` characters: ASCII letters, digits and the characters in `extra`.
    Text {
        /// Longest length, in characters.
        max: usize,
        /// The punctuation allowed besides letters and digits.
        extra: &'static str,
    },
    /// `token` for "automatic" (Headroom computes the value), or a value of the kind `value`.
    /// With the token `0`, the parameter reads, writes and documents as a number from 0 (0 is
    /// automatic); a later parameter where 0 means something may declare `auto` instead.
    Auto {
        /// The text that means "automatic".
        token: &'static str,
        /// The kind of a value the user sets.
        value: &'static Kind,
    },
    /// A time of day in hours, from 0 up to (not including) 24.
    Hour,
    /// Nothing (empty: all of them), or some of these names, comma-separated (`vm_allow`).
    Names(&'static [&'static str]),
    /// Nothing, or `name:price` pairs, comma-separated, each name one of these and each price
    /// above 0 up to `max` (`vm_prices`: USD per hour).
    Rates {
        /// The names a price may be given for.
        names: &'static [&'static str],
        /// The highest price.
        max: f64,
    },
    /// Nothing (empty), or reals in `min..=max`, comma-separated in text, as many as one of
    /// `lens` (the day's profile: 24 hourly levels, or 48, 96 or 288 finer ones).
    Series {
        /// How many values a non-empty series may have, the first the usual one.
        lens: &'static [usize],
        /// Lower bound of each value.
        min: f64,
        /// Upper bound of each value.
        max: f64,
    },
}

/// A real in `min..=max`.
pub const fn real(min: f64, max: f64) -> Kind {
    Kind::Real {
        min,
        max,
        min_open: false,
    }
}

/// A real that divides something: strictly above 0, up to `max`.
pub const fn positive(max: f64) -> Kind {
    Kind::Real {
        min: 0.0,
        max,
        min_open: true,
    }
}

/// A whole number in `min..=max`.
pub const fn count(min: u64, max: u64) -> Kind {
    Kind::Count { min, max }
}

/// A name of 1 to `max` characters: letters, digits and `extra`.
pub const fn text(max: usize, extra: &'static str) -> Kind {
    Kind::Text { max, extra }
}

/// `token` for automatic, or a value of `value`.
pub const fn auto(token: &'static str, value: &'static Kind) -> Kind {
    Kind::Auto { token, value }
}

/// The counts a series takes, in words: "24 (hourly), 48, 96 or 288".
fn counts(lens: &[usize]) -> String {
    let words: Vec<String> = lens.iter().map(usize::to_string).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, rest @ ..] => {
            let (last, middle) = rest.split_last().unwrap_or((first, &[]));
            let mut head = vec![format!("{} (hourly)", first)];
            head.extend(middle.iter().cloned());
            format!("{} or {}", head.join(", "), last)
        }
    }
}

/// Nothing, or as many reals in `min..=max` as one of `lens`.
pub const fn series(lens: &'static [usize], min: f64, max: f64) -> Kind {
    Kind::Series { lens, min, max }
}

/// A parameter that Headroom computes unless the plan sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Auto<T> {
    /// Computed by the engine (the token `0` in links and plan files).
    #[default]
    Auto,
    /// Set by the plan.
    Set(T),
}

impl<T: Copy> Auto<T> {
    /// The value the plan sets, if it sets one.
    pub fn get(self) -> Option<T> {
        match self {
            Auto::Auto => None,
            Auto::Set(x) => Some(x),
        }
    }

    /// Whether the plan sets a value.
    pub fn is_set(self) -> bool {
        matches!(self, Auto::Set(_))
    }

    /// The value the plan sets, or `automatic` (the engine's figure) when it sets none.
    pub fn or(self, automatic: T) -> T {
        self.get().unwrap_or(automatic)
    }
}

impl<T: serde::Serialize> serde::Serialize for Auto<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Auto::Auto => s.serialize_str("auto"),
            Auto::Set(x) => x.serialize(s),
        }
    }
}

/// A value of the wrong kind for a field: a caller skipped validation.
#[derive(Clone, Debug, PartialEq)]
pub struct WrongKind(pub Value);

impl std::fmt::Display for WrongKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a value of the wrong kind: {}",
            shown(&self.0.clone().to_text())
        )
    }
}

/// A field type that can be read and written as a [`Value`].
pub trait FieldType: Sized {
    /// The value of this field.
    fn to_value(&self) -> Value;
    /// The field from a value of the right kind; `None` for a value of another kind.
    fn from_value(value: Value) -> Option<Self>;
}

/// A field type stored as one [`Value`] variant, cloned out and back.
macro_rules! field_type {
    ($($t:ty => $variant:ident),* $(,)?) => {$(
        impl FieldType for $t {
            fn to_value(&self) -> Value {
                Value::$variant(self.clone())
            }
            fn from_value(value: Value) -> Option<Self> {
                match value {
                    Value::$variant(x) => Some(x),
                    _ => None,
                }
            }
        }
    )*};
}

field_type!(f64 => Real, Vec<f64> => Series, bool => Flag, String => Text);

impl FieldType for u32 {
    fn to_value(&self) -> Value {
        Value::Count(u64::from(*self))
    }
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Count(n) => u32::try_from(n).ok(),
            _ => None,
        }
    }
}

/// A disruption budget: `auto` (the largest that keeps the off-peak need serving) or a number
/// of pods that may be unavailable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    /// Headroom picks it (`auto`).
    Auto,
    /// This many pods may be unavailable.
    Unavailable(u32),
}

impl serde::Serialize for Budget {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Budget::Auto => s.serialize_str(BUDGET_AUTO),
            Budget::Unavailable(n) => s.serialize_u32(*n),
        }
    }
}

/// The automatic token of a disruption budget, where 0 is a budget (no pod may go).
pub const BUDGET_AUTO: &str = "auto";

impl FieldType for Budget {
    fn to_value(&self) -> Value {
        match self {
            Budget::Auto => Value::Auto(BUDGET_AUTO),
            Budget::Unavailable(n) => Value::Count(u64::from(*n)),
        }
    }
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Auto(BUDGET_AUTO) => Some(Budget::Auto),
            Value::Count(n) => u32::try_from(n).ok().map(Budget::Unavailable),
            _ => None,
        }
    }
}

/// The automatic token every parameter uses today.
const AUTO_ZERO: &str = "0";

impl<T: FieldType> FieldType for Auto<T> {
    fn to_value(&self) -> Value {
        match self {
            Auto::Auto => Value::Auto(AUTO_ZERO),
            Auto::Set(x) => x.to_value(),
        }
    }
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Auto(_) => Some(Auto::Auto),
            v => T::from_value(v).map(Auto::Set),
        }
    }
}

impl Kind {
    /// The kind whose values the `0` token widens `self` to: a number from 0 (inclusive).
    fn widened_to_zero(self) -> Kind {
        match self {
            Kind::Count { max, .. } => count(0, max),
            Kind::Real { max, .. } => real(0.0, max),
            other => other,
        }
    }

    /// The allowed values in words, e.g. "0 to 10000000" or "one of fixed, aks".
    pub fn range_text(&self) -> String {
        match *self {
            Kind::Real {
                min,
                max,
                min_open: false,
            } => format!("{} to {}", min, max),
            Kind::Real {
                min,
                max,
                min_open: true,
            } => format!("above {} up to {}", min, max),
            Kind::Count { min, max } => format!("whole number {} to {}", min, max),
            Kind::Choice(names) => format!("one of {}", names.join(", ")),
            Kind::Names(names) => format!(
                "empty (all), or some of {} separated by commas",
                names.join(", ")
            ),
            Kind::Rates { names, max } => format!(
                "empty, or name:price pairs, comma-separated (price above 0 up to {}; name one of {})",
                max,
                names.join(", ")
            ),
            Kind::Flag => "0 (off) or 1 (on)".to_string(),
            Kind::Text { max, extra } => {
                let extra: Vec<String> = extra.chars().map(String::from).collect();
                format!(
                    "1 to {} characters (letters, digits, {})",
                    max,
                    extra.join(" ")
                )
            }
            Kind::Auto {
                token: AUTO_ZERO,
                value,
            } => value.widened_to_zero().range_text(),
            Kind::Auto { token, value } => {
                format!("{} (automatic) or {}", token, value.range_text())
            }
            Kind::Hour => "0 up to (not including) 24".to_string(),
            Kind::Series { lens, min, max } => format!(
                "empty, or {} numbers from {} to {} separated by commas, without spaces",
                counts(lens),
                min,
                max
            ),
        }
    }

    /// Parses and range-checks the text of a value; the error says what was wrong.
    pub fn parse(&self, text: &str) -> Result<Value, String> {
        self.parse_trimmed(text.trim())
    }

    /// [`Kind::parse`] for what a person types into a field: a number may also carry
    /// digit-group separators ([`ungrouped`]: `2,500`, `2 500`, `2_500`). Links and plan files
    /// stay strict ([`Kind::parse`]): one parser, the form's leniency a switch.
    pub fn parse_typed(&self, text: &str) -> Result<Value, String> {
        let text = text.trim();
        match self {
            Kind::Real { .. } | Kind::Hour | Kind::Count { .. } => match ungrouped(text) {
                Some(plain) => self.parse_trimmed(&plain),
                None => Err(format!(
                    "'{}' is not a number: after the first group of 1 to 3 digits, group digits in threes (2,500 or 2 500)",
                    shown(text)
                )),
            },
            _ => self.parse_trimmed(text),
        }
    }

    /// Parses trimmed text; every message echoes the text through [`shown`].
    fn parse_trimmed(&self, text: &str) -> Result<Value, String> {
        let echo = || shown(text);
        match *self {
            Kind::Real { .. } | Kind::Hour => {
                let x = parse_real(text)?;
                let in_range = match *self {
                    Kind::Real { min, max, min_open } => {
                        (if min_open { x > min } else { x >= min }) && x <= max
                    }
                    _ => (0.0..24.0).contains(&x),
                };
                if in_range {
                    Ok(Value::Real(x))
                } else {
                    Err(format!(
                        "{} is out of range ({})",
                        echo(),
                        self.range_text()
                    ))
                }
            }
            Kind::Count { min, max } => {
                if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!("'{}' is not a whole number", echo()));
                }
                match text.parse::<u64>() {
                    Ok(n) if (min..=max).contains(&n) => Ok(Value::Count(n)),
                    _ => Err(format!(
                        "{} is out of range ({})",
                        echo(),
                        self.range_text()
                    )),
                }
            }
            Kind::Choice(names) => names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(text))
                .map(|n| Value::Choice(n))
                .ok_or_else(|| format!("'{}' is not {}", echo(), self.range_text())),
            // A list of names (`vm_allow`), or of `name:price` pairs (`vm_prices`): each name one
            // of the kind's, case aside; a name given twice keeps its last entry.
            Kind::Names(names) | Kind::Rates { names, .. } => {
                let max = match *self {
                    Kind::Rates { max, .. } => max,
                    _ => f64::NAN,
                };
                let mut out: Vec<String> = Vec::new();
                for part in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    let (name, price) = match part.split_once(':') {
                        Some((n, p)) if max.is_finite() => (n.trim(), Some(p.trim())),
                        _ => (part, None),
                    };
                    let found = names.iter().find(|n| n.eq_ignore_ascii_case(name));
                    let usd = price
                        .and_then(|p| parse_real(p).ok())
                        .filter(|&x| x > 0.0 && x <= max);
                    let entry = match (found, max.is_finite(), usd) {
                        (Some(n), false, _) => n.to_string(),
                        (Some(n), true, Some(x)) => format!("{n}:{}", format_real(x)),
                        _ => return Err(format!("'{}' is not {}", shown(part), self.range_text())),
                    };
                    let key = |e: &str| e.split(':').next().map(str::to_string);
                    out.retain(|e| key(e) != key(&entry));
                    out.push(entry);
                }
                Ok(Value::Text(out.join(",")))
            }
            Kind::Flag => match text {
                "1" | "true" => Ok(Value::Flag(true)),
                "0" | "false" => Ok(Value::Flag(false)),
                _ => Err(format!("'{}' is not 0 or 1", echo())),
            },
            Kind::Text { max, extra } => {
                let bad = text
                    .chars()
                    .find(|&c| !(c.is_ascii_alphanumeric() || extra.contains(c)));
                // Past the character check the text is ASCII: its length in bytes is in characters.
                match bad {
                    _ if text.is_empty() => Err(format!("empty: {}", self.range_text())),
                    Some(c) => Err(format!(
                        "'{}' is not allowed: {}",
                        shown(&c.to_string()),
                        self.range_text()
                    )),
                    None if text.len() > max => Err(format!(
                        "{} characters is too long: {}",
                        text.len(),
                        self.range_text()
                    )),
                    None => Ok(Value::Text(text.to_string())),
                }
            }
            // Any number that reads as 0 ("0", "0.0", "00") is the automatic token.
            Kind::Auto {
                token: AUTO_ZERO,
                value,
            } => match value.widened_to_zero().parse(text)? {
                Value::Count(0) => Ok(Value::Auto(AUTO_ZERO)),
                Value::Real(0.0) => Ok(Value::Auto(AUTO_ZERO)),
                v => Ok(v),
            },
            Kind::Auto { token, value } => {
                if text.eq_ignore_ascii_case(token) {
                    return Ok(Value::Auto(token));
                }
                value
                    .parse(text)
                    .map_err(|_| format!("'{}' is not {}", echo(), self.range_text()))
            }
            Kind::Series { lens, min, max } => {
                if text.is_empty() {
                    return Ok(Value::Series(Vec::new()));
                }
                let pieces: Vec<&str> = text.split(',').collect();
                let len = pieces.len();
                if !lens.contains(&len) {
                    return Err(format!(
                        "has {} values; it takes {} (one an hour, 00 to 23), {} (each held 24 h ÷ n) or none",
                        len,
                        lens[0],
                        lens[1..]
                            .iter()
                            .map(usize::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                let mut out = Vec::with_capacity(len);
                for (i, piece) in pieces.iter().enumerate() {
                    let x = parse_real(piece)
                        .map_err(|e| format!("value {} of {}: {}", i + 1, len, e))?;
                    if !(min..=max).contains(&x) {
                        return Err(format!(
                            "value {} of {}: {} is out of range ({} to {})",
                            i + 1,
                            len,
                            shown(piece),
                            min,
                            max
                        ));
                    }
                    out.push(x);
                }
                Ok(Value::Series(out))
            }
        }
    }

    /// Checks a value that did not come from text (plan JSON).
    pub fn check(&self, value: Value) -> Result<Value, String> {
        match (self, value) {
            (Kind::Real { .. }, Value::Real(x)) if x.is_finite() => self.parse(&format_real(x)),
            (Kind::Real { .. } | Kind::Hour, Value::Count(n)) => self.parse(&n.to_string()),
            (Kind::Hour, Value::Real(x)) if x.is_finite() => self.parse(&format_real(x)),
            (Kind::Series { .. }, Value::Series(v)) if v.iter().all(|x| x.is_finite()) => {
                self.parse(&Value::Series(v).to_text())
            }
            (Kind::Count { .. }, Value::Count(n)) => self.parse(&n.to_string()),
            (Kind::Choice(_), Value::Choice(s)) => self.parse(s),
            (Kind::Text { .. } | Kind::Names(_) | Kind::Rates { .. }, Value::Text(t)) => {
                self.parse(&t)
            }
            (Kind::Flag, Value::Flag(b)) => Ok(Value::Flag(b)),
            (Kind::Flag, Value::Count(n)) if n <= 1 => Ok(Value::Flag(n == 1)),
            (Kind::Auto { token, .. }, Value::Auto(t)) if t == *token => Ok(Value::Auto(t)),
            (Kind::Auto { token, .. }, Value::Text(t)) if t == *token => Ok(Value::Auto(token)),
            (Kind::Auto { value, .. }, v) => match value.widened_to_zero().check(v) {
                Ok(checked) => self.parse(&checked.to_text()),
                Err(_) => Err(format!("must be {}", self.range_text())),
            },
            _ => Err(format!("must be {}", self.range_text())),
        }
    }
}

/// Input as an error message may echo it: on one line, with control characters (newlines,
/// ANSI escapes, NUL) and invisible formatting characters (bidirectional overrides) escaped,
/// and at most 100 characters long.
pub fn shown(text: &str) -> String {
    const MAX: usize = 100;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        let invisible = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
        if c.is_control() || invisible {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// The separators a typed number may group its digits with: a comma, a space, a narrow
/// no-break space (U+202F, as French and SI write) or an underscore.
const GROUP_SEPARATORS: [char; 4] = [',', ' ', '\u{202f}', '_'];

/// A typed number without its digit-group separators: the integer part may be a first group of
/// 1 to 3 digits, then groups of exactly 3 digits, each after one separator (`2,500`,
/// `1 000 000`, `2_500.75`); `None` when separators are used otherwise (`2,5`, `2,50`, `,500`,
/// `2,500.1,5`). Text without a separator comes back as it is.
pub fn ungrouped(text: &str) -> Option<String> {
    if !text.contains(GROUP_SEPARATORS) {
        return Some(text.to_string());
    }
    let (sign, rest) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    let end = rest.find(['.', 'e', 'E']).unwrap_or(rest.len());
    let (int, tail) = rest.split_at(end);
    if tail.contains(GROUP_SEPARATORS) {
        return None;
    }
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let mut groups = int.split(GROUP_SEPARATORS);
    let first = groups.next()?;
    if !(1..=3).contains(&first.len()) || !digits(first) {
        return None;
    }
    let mut out = format!("{sign}{first}");
    for g in groups {
        if g.len() != 3 || !digits(g) {
            return None;
        }
        out.push_str(g);
    }
    out.push_str(tail);
    Some(out)
}

/// Parses a plain decimal number: digits, one optional point and exponent; no `inf` or `NaN`.
fn parse_real(text: &str) -> Result<f64, String> {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && text.bytes().any(|b| b.is_ascii_digit());
    match super::decimal::parse(text) {
        // Adding 0.0 turns -0 into 0, so that a plan never holds a negative zero.
        Some(x) if plain && x.is_finite() => Ok(x + 0.0),
        _ => Err(format!("'{}' is not a number", shown(text))),
    }
}

/// Writes a real the shortest way that reads back to the same value: Rust's `Display`, or its
/// exponent form when that is shorter and the plain form is long (a subnormal input would
/// otherwise take 330 characters of a link).
pub fn format_real(x: f64) -> String {
    let plain = format!("{}", x);
    if plain.len() > 24 {
        let sci = format!("{:e}", x);
        if sci.len() < plain.len() {
            return sci;
        }
    }
    plain
}

impl Value {
    /// The canonical text of a value, as written in links.
    pub fn to_text(self) -> String {
        match self {
            Value::Real(x) => format_real(x),
            Value::Count(n) => n.to_string(),
            Value::Choice(s) => s.to_string(),
            Value::Flag(b) => if b { "1" } else { "0" }.to_string(),
            Value::Text(t) => t,
            Value::Auto(token) => token.to_string(),
            Value::Series(v) => v
                .iter()
                .map(|&x| format_real(x))
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_refuses_what_is_not_a_plain_number() {
        let k = real(0.0, 10.0);
        for bad in [
            "", "abc", "NaN", "inf", "-inf", "infinity", "1e308", "11", "-1", "0x10", "1,5",
        ] {
            assert!(k.parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(k.parse("2.5"), Ok(Value::Real(2.5)));
        assert_eq!(k.parse("-0"), Ok(Value::Real(0.0)));
        assert!(positive(10.0).parse("0").is_err());
        assert!(count(1, 5).parse("2.0").is_err());
        assert!(count(1, 5).parse("0").is_err());
        assert_eq!(
            Kind::Choice(&["fixed", "aks"]).parse("AKS"),
            Ok(Value::Choice("aks"))
        );
    }

    #[test]
    fn errors_echo_input_on_one_line() {
        let e = real(0.0, 10.0).parse("1\nerror: all good").unwrap_err();
        assert_eq!(e, "'1\\nerror: all good' is not a number");
        assert!(!e.contains('\n'));
        let e = count(0, 5).parse("\u{1b}[31mred\u{0}").unwrap_err();
        assert!(!e.chars().any(|c| c.is_control()), "{e:?}");
        assert_eq!(shown(&"x".repeat(500)).chars().count(), 101);
    }

    /// Digit groups as people type them: accepted in the form, refused in links and plan files.
    #[test]
    fn typed_numbers_may_group_their_digits() {
        let peak = real(0.0, 10_000_000.0);
        for (typed, x) in [
            ("2,500", 2500.0),
            ("2 500", 2500.0),
            ("2_500", 2500.0),
            ("2\u{202f}500", 2500.0),
            ("1,000,000", 1_000_000.0),
            (" 12,345.75 ", 12_345.75),
            ("999", 999.0),
            ("2500", 2500.0),
            ("1,000e2", 100_000.0),
        ] {
            assert_eq!(peak.parse_typed(typed), Ok(Value::Real(x)), "{typed:?}");
        }
        for typed in [
            "2,5",
            "2,50",
            "2,5000",
            ",500",
            "2,,500",
            "2500,",
            "1234,567",
            "2,500.1,5",
            "a,500",
            "2, 500",
            "-",
            "2,500e1,0",
        ] {
            let e = peak.parse_typed(typed).unwrap_err();
            assert!(e.contains("is not a number"), "{typed:?}: {e}");
        }
        assert!(peak.parse("2,500").is_err(), "links stay strict");
        let workers = count(1, 256);
        assert!(workers.parse_typed("1,0").is_err());
        assert_eq!(count(0, 5000).parse_typed("1,000"), Ok(Value::Count(1000)));
        assert_eq!(ungrouped("-1,000"), Some("-1000".to_string()));
        assert_eq!(ungrouped("+12 345"), Some("+12345".to_string()));
    }

    #[test]
    fn escapes_are_those_of_escape_debug() {
        let hidden = ('\u{0}'..='\u{a0}')
            .chain('\u{200b}'..='\u{200f}')
            .chain('\u{202a}'..='\u{202e}')
            .chain('\u{2066}'..='\u{2069}')
            .chain(['\u{feff}', 'a', 'é', '"', '\'', '\\']);
        for c in hidden {
            let s = c.to_string();
            let escaped = c.is_control() || ('\u{200b}'..='\u{feff}').contains(&c);
            let expected: String = if escaped {
                c.escape_debug().collect()
            } else {
                s.clone()
            };
            assert_eq!(shown(&s), expected, "{c:?}");
            assert!(!shown(&s).chars().any(char::is_control), "{c:?}");
        }
    }

    #[test]
    fn long_reals_are_written_short_and_read_back_exactly() {
        for x in [5e-324, 1e-300, 1.2345e-20, 0.0000001, 2.5, 10_000_000.0] {
            let text = format_real(x);
            assert!(text.len() <= 24, "{text}");
            assert_eq!(real(0.0, 1e7).parse(&text), Ok(Value::Real(x)), "{text}");
        }
        assert_eq!(format_real(0.0000001), "0.0000001");
    }

    #[test]
    fn zero_is_the_automatic_token_and_reads_as_before() {
        const K: Kind = auto("0", &count(1, 10));
        assert_eq!(K.range_text(), "whole number 0 to 10");
        assert_eq!(K.parse("0"), Ok(Value::Auto("0")));
        assert_eq!(K.parse("00"), Ok(Value::Auto("0")));
        assert_eq!(K.parse("7"), Ok(Value::Count(7)));
        assert_eq!(
            K.parse("11"),
            Err("11 is out of range (whole number 0 to 10)".into())
        );
        assert_eq!(K.check(Value::Count(0)), Ok(Value::Auto("0")));
        assert_eq!(Value::Auto("0").to_text(), "0");
        const P: Kind = auto("0", &positive(5.0));
        assert_eq!(P.range_text(), "0 to 5");
        assert_eq!(P.parse("0.0"), Ok(Value::Auto("0")));
        assert_eq!(P.check(Value::Real(0.0)), Ok(Value::Auto("0")));
        assert_eq!(P.check(Value::Real(2.5)), Ok(Value::Real(2.5)));
        assert_eq!(<Auto<u32>>::from_value(Value::Auto("0")), Some(Auto::Auto));
        assert_eq!(<Auto<u32>>::from_value(Value::Count(3)), Some(Auto::Set(3)));
        assert_eq!(<Auto<u32>>::from_value(Value::Flag(true)), None);
    }

    #[test]
    fn a_word_token_is_documented_beside_the_range() {
        const K: Kind = auto("auto", &count(0, 4));
        assert_eq!(K.range_text(), "auto (automatic) or whole number 0 to 4");
        assert_eq!(K.parse("AUTO"), Ok(Value::Auto("auto")));
        assert_eq!(K.parse("0"), Ok(Value::Count(0)));
        assert!(K.parse("9").is_err());
    }
}
