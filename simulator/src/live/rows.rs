//! Reading typed values out of stored objects (the live node reads its own rows a lot).

use crate::engine::store::{Row, RowBuf, RowRef};
use serde_json::Value;

/// Typed reads of an object's fields; a missing or mistyped field reads as empty, zero or false.
pub trait Fields {
    fn value(&self, name: &str) -> Option<&Value>;

    fn text(&self, name: &str) -> String {
        self.str(name).to_string()
    }
    /// A string field without copying it.
    fn str(&self, name: &str) -> &str {
        self.value(name).and_then(Value::as_str).unwrap_or("")
    }
    fn int(&self, name: &str) -> i64 {
        self.value(name).and_then(Value::as_i64).unwrap_or(0)
    }
    fn float(&self, name: &str) -> f64 {
        self.value(name).and_then(Value::as_f64).unwrap_or(0.0)
    }
    fn flag(&self, name: &str) -> bool {
        self.value(name).and_then(Value::as_bool).unwrap_or(false)
    }
    /// A list of small integers (quality readings).
    fn readings(&self, name: &str) -> Vec<u8> {
        self.value(name)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_u64)
                    .map(|n| u8::try_from(n).unwrap_or(0))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Fields for Row {
    fn value(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
}

impl Fields for RowBuf<'_> {
    fn value(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
}

impl Fields for RowRef<'_> {
    fn value(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
}

/// Builds a row from `json!({...})` (anything else gives an empty row).
pub fn row(v: Value) -> Row {
    match v {
        Value::Object(m) => m,
        _ => Row::new(),
    }
}
