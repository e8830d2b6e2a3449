//! A worker message (`worker::Message`) as the browser's structured clone carries it, and back:
//! a plain object whose properties are strings, numbers, arrays of strings, `Float64Array`s and
//! `Uint8Array`s. The page and the worker (`src/bin/worker.rs`) share it, so no JSON is read on
//! either side.

use crate::worker::{Field, Message};
use js_sys::{Array, Float64Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// The message as a plain object.
pub fn to_js(m: &Message) -> JsValue {
    let o = Object::new();
    for (name, field) in &m.0 {
        let value: JsValue = match field {
            Field::Text(s) => JsValue::from_str(s),
            Field::Number(x) => JsValue::from_f64(*x),
            Field::Texts(v) => v
                .iter()
                .map(|s| JsValue::from_str(s))
                .collect::<Array>()
                .into(),
            Field::Numbers(v) => Float64Array::from(v.as_slice()).into(),
            Field::Bytes(v) => Uint8Array::from(v.as_slice()).into(),
        };
        let _ = Reflect::set(&o, &JsValue::from_str(name), &value);
    }
    o.into()
}

/// A plain object as a message; properties of any other kind are left out (the reader then
/// names the missing field).
pub fn from_js(value: &JsValue) -> Message {
    let Some(o) = value.dyn_ref::<Object>() else {
        return Message::default();
    };
    let mut out = Message::default();
    for key in Object::keys(o).iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let Ok(v) = Reflect::get(o, &key) else {
            continue;
        };
        let field = if let Some(s) = v.as_string() {
            Field::Text(s)
        } else if let Some(x) = v.as_f64() {
            Field::Number(x)
        } else if let Some(a) = v.dyn_ref::<Float64Array>() {
            Field::Numbers(a.to_vec())
        } else if let Some(a) = v.dyn_ref::<Uint8Array>() {
            Field::Bytes(a.to_vec())
        } else if Array::is_array(&v) {
            Field::Texts(
                Array::from(&v)
                    .iter()
                    .map(|s| s.as_string().unwrap_or_default())
                    .collect(),
            )
        } else {
            continue;
        };
        out.0.push((name, field));
    }
    out
}
