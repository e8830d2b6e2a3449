//! A JSON reader for the measurement files (k6's summary, Prometheus' answer) that builds
//! serde_json's `Value` without serde_json's deserializer, whose generic code costs the browser
//! bundle about 16 KiB gzip (measured: docs/PERFORMANCE.md) for two file formats. It reads
//! RFC 8259 JSON; numbers become what serde_json makes of them (whole numbers that fit `u64` or
//! `i64` as such, others as the nearest `f64`: `plan::decimal`); a test compares it with
//! serde_json on every kind of input, valid and not (`tests/native/json.rs`).

use serde_json::{Map, Number, Value};

/// How deep arrays and objects may nest: fewer than 128 levels, as serde_json's default.
const MAX_DEPTH: usize = 128;

/// Parses a whole text as one JSON value; an error says where the text stopped being JSON.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    p.space();
    let v = p.value()?;
    p.space();
    if p.at != p.s.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(v)
}

/// A value as an error message quotes it: a string quoted (cut as `plan::shown` cuts), a
/// number, `true`, `false` or `null` as written, a list or an object by its kind. Not
/// serde_json's `Display`, which brings its own float formatter into the browser bundle.
pub fn shown(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => crate::share::json::number_text(n),
        Value::String(s) => format!("\"{}\"", crate::plan::shown(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

struct Parser<'a> {
    s: &'a [u8],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> String {
        let line = 1 + self.s[..self.at.min(self.s.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        format!("{} at line {}", what, line)
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.at) {
            self.at += 1;
        }
    }

    fn eat(&mut self, word: &[u8]) -> bool {
        if self.s[self.at..].starts_with(word) {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        match self.s.get(self.at) {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'{') => self.nested(|p| p.object()),
            Some(b'[') => self.nested(|p| p.array()),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') if self.eat(b"true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat(b"false") => Ok(Value::Bool(false)),
            Some(b'n') if self.eat(b"null") => Ok(Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn nested(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<Value, String>,
    ) -> Result<Value, String> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn object(&mut self) -> Result<Value, String> {
        self.at += 1;
        let mut map = Map::new();
        self.space();
        if self.eat(b"}") {
            return Ok(Value::Object(map));
        }
        loop {
            self.space();
            if self.s.get(self.at) != Some(&b'"') {
                return Err(self.error("key must be a string"));
            }
            let key = self.string()?;
            self.space();
            if !self.eat(b":") {
                return Err(self.error("expected `:`"));
            }
            self.space();
            let v = self.value()?;
            map.insert(key, v);
            self.space();
            if self.eat(b",") {
                continue;
            }
            if self.eat(b"}") {
                return Ok(Value::Object(map));
            }
            return Err(self.error("expected `,` or `}`"));
        }
    }

    fn array(&mut self) -> Result<Value, String> {
        self.at += 1;
        let mut items = Vec::new();
        self.space();
        if self.eat(b"]") {
            return Ok(Value::Array(items));
        }
        loop {
            self.space();
            items.push(self.value()?);
            self.space();
            if self.eat(b",") {
                continue;
            }
            if self.eat(b"]") {
                return Ok(Value::Array(items));
            }
            return Err(self.error("expected `,` or `]`"));
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .s
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("EOF while parsing a string"))?;
        let mut n = 0;
        for &d in digits {
            let v = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid escape"))?;
            n = n * 16 + v;
        }
        self.at += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(&b) = self.s.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The text is a &str, and the run stops only at ASCII bytes: a whole UTF-8 run.
            out.push_str(std::str::from_utf8(&self.s[start..self.at]).unwrap_or_default());
            match self.s.get(self.at) {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = match self.s.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.eat(b"\\u") {
                                    return Err(self.error("lone leading surrogate in hex escape"));
                                }
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error("lone leading surrogate in hex escape"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&hi) {
                                return Err(self.error("lone trailing surrogate in hex escape"));
                            } else {
                                hi
                            };
                            out.push(
                                char::from_u32(code).ok_or_else(|| self.error("invalid escape"))?,
                            );
                            continue;
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    self.at += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character while parsing a string")),
            }
        }
    }

    fn number(&mut self) -> Result<Value, String> {
        let start = self.at;
        let negative = self.eat(b"-");
        let digits = |p: &mut Self| {
            let from = p.at;
            while let Some(b'0'..=b'9') = p.s.get(p.at) {
                p.at += 1;
            }
            p.at - from
        };
        let int_start = self.at;
        let whole = digits(self);
        if whole == 0 || (whole > 1 && self.s[int_start] == b'0') {
            return Err(self.error("invalid number"));
        }
        let mut float = false;
        if self.eat(b".") {
            float = true;
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.at) {
            float = true;
            self.at += 1;
            if let Some(b'+' | b'-') = self.s.get(self.at) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.at]).unwrap_or_default();
        if !float {
            let magnitude = &self.s[int_start..self.at];
            let mut n: u64 = 0;
            let fits = magnitude.iter().all(|&d| {
                match n
                    .checked_mul(10)
                    .and_then(|x| x.checked_add(u64::from(d - b'0')))
                {
                    Some(x) => {
                        n = x;
                        true
                    }
                    None => false,
                }
            });
            // serde_json reads -0 as the float -0.0.
            if fits && !(negative && n == 0) {
                if !negative {
                    return Ok(Value::Number(Number::from(n)));
                }
                if n <= 1 << 63 {
                    return Ok(Value::Number(Number::from((n as i64).wrapping_neg())));
                }
            }
        }
        let x = crate::plan::decimal::parse(text).ok_or_else(|| self.error("invalid number"))?;
        Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| self.error("number out of range"))
    }
}
