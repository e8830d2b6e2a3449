//! A small YAML emitter for generated configuration (no YAML library in the browser bundle).
//!
//! Every string is written double-quoted with JSON escaping, which is valid YAML and cannot be
//! retyped by a YAML 1.1 parser (Kubernetes reads `yes`, `no`, `on`, `off`, `y`, `n` and
//! numbers-as-strings as booleans and numbers when unquoted). Keys are written plain when they
//! are plain identifiers, quoted otherwise.

use serde_json::Value;

/// Emits one YAML document (without the `---` separator).
pub fn document(value: &Value) -> String {
    let mut out = String::new();
    block(&mut out, value, 0);
    out
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())),
        Value::Array(a) if a.is_empty() => Some("[]".into()),
        Value::Object(o) if o.is_empty() => Some("{}".into()),
        _ => None,
    }
}

fn key(k: &str) -> String {
    let plain = k.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
        && !matches!(
            k.to_ascii_lowercase().as_str(),
            "yes" | "no" | "on" | "off" | "y" | "n" | "true" | "false" | "null"
        );
    if plain {
        k.to_string()
    } else {
        serde_json::to_string(k).unwrap_or_default()
    }
}

fn block(out: &mut String, value: &Value, indent: usize) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match scalar(v) {
                    Some(s) => out.push_str(&format!("{}{}: {}\n", pad, key(k), s)),
                    None => {
                        out.push_str(&format!("{}{}:\n", pad, key(k)));
                        // Sequences under a key are indented like kubectl writes them.
                        block(out, v, indent + 2);
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match scalar(item) {
                    Some(s) => out.push_str(&format!("{}- {}\n", pad, s)),
                    None => {
                        // The item's block at indent + 2, its first line's indent replaced by "- ".
                        let mut inner = String::new();
                        block(&mut inner, item, indent + 2);
                        out.push_str(&pad);
                        out.push_str("- ");
                        out.push_str(&inner[indent + 2..]);
                    }
                }
            }
        }
        other => {
            if let Some(s) = scalar(other) {
                out.push_str(&format!("{}{}\n", pad, s));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let v = value!({"a": 1, "b": {"c": "yes", "d": []}, "e": [{"f": 1, "g": [2, "on"]}, "x"], "on": true});
        assert_eq!(
            document(&v),
            "a: 1\nb:\n  c: \"yes\"\n  d: []\ne:\n  - f: 1\n    g:\n      - 2\n      - \"on\"\n  - \"x\"\n\"on\": true\n"
        );
    }
}
