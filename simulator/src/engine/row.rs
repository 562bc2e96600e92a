//! The compact stored form of an object: its values by field position in the resource
//! definition (no per-row key strings nor map nodes), plus any key the definition lacks.

use super::resource::ResourceDef;
use serde_json::{Map, Value};

/// An object as the engine exchanges it: a JSON map.
pub type Row = Map<String, Value>;

/// One stored object. `vals[i]` is the value of `def.fields[i]`; `None` when the key is absent
/// (which reads differently from a stored `null`).
#[derive(Debug, Clone)]
pub struct Stored {
    vals: Box<[Option<Value>]>,
    /// Keys that are not fields of the definition (kept so nothing is lost).
    extra: Option<Box<Row>>,
}

impl Stored {
    pub fn from_row(def: &ResourceDef, row: Row) -> Stored {
        let mut vals: Vec<Option<Value>> = vec![None; def.fields.len()];
        let mut extra = Row::new();
        for (k, v) in row {
            match def.pos(&k).and_then(|p| vals.get_mut(p)) {
                Some(slot) => *slot = Some(v),
                None => {
                    extra.insert(k, v);
                }
            }
        }
        let extra = (!extra.is_empty()).then(|| Box::new(extra));
        Stored {
            vals: vals.into_boxed_slice(),
            extra,
        }
    }
}

impl Stored {
    /// The values by position (a copy).
    pub(crate) fn values(&self) -> Vec<Option<Value>> {
        self.vals.to_vec()
    }

    /// A copy with other values (same extra keys).
    pub(crate) fn with_values(&self, vals: Vec<Option<Value>>) -> Stored {
        Stored {
            vals: vals.into_boxed_slice(),
            extra: self.extra.clone(),
        }
    }
}

/// An object's values by field position, to change several fields without converting to a
/// JSON map and back (see [`super::store::Store::buffer`]).
pub struct RowBuf<'d> {
    def: &'d ResourceDef,
    vals: Vec<Option<Value>>,
}

impl<'d> RowBuf<'d> {
    pub(crate) fn new(def: &'d ResourceDef, vals: Vec<Option<Value>>) -> Self {
        RowBuf { def, vals }
    }

    pub(crate) fn into_values(self) -> Vec<Option<Value>> {
        self.vals
    }

    pub fn def(&self) -> &'d ResourceDef {
        self.def
    }

    /// The value of field `name` (`None` when absent or not a field).
    pub fn get(&self, name: &str) -> Option<&Value> {
        let pos = self.def.pos(name)?;
        self.vals.get(pos).and_then(Option::as_ref)
    }

    /// The value at field position `pos`.
    pub fn get_at(&self, pos: usize) -> Option<&Value> {
        self.vals.get(pos).and_then(Option::as_ref)
    }

    /// Sets the value at field position `pos`.
    pub fn set_at(&mut self, pos: usize, value: Value) {
        if let Some(slot) = self.vals.get_mut(pos) {
            *slot = Some(value);
        }
    }

    /// Sets field `name` (ignored when it is not a field of the definition).
    pub fn set(&mut self, name: &str, value: Value) {
        if let Some(slot) = self.def.pos(name).and_then(|p| self.vals.get_mut(p)) {
            *slot = Some(value);
        }
    }
}

/// A borrowed stored object with its definition: reads fields by name or by position.
#[derive(Clone, Copy)]
pub struct RowRef<'a> {
    def: &'a ResourceDef,
    stored: &'a Stored,
}

impl<'a> RowRef<'a> {
    pub fn new(def: &'a ResourceDef, stored: &'a Stored) -> Self {
        RowRef { def, stored }
    }

    pub fn def(&self) -> &'a ResourceDef {
        self.def
    }

    /// The stored value of the field at `pos` in the definition.
    pub fn at(&self, pos: usize) -> Option<&'a Value> {
        self.stored.vals.get(pos).and_then(Option::as_ref)
    }

    /// The stored value of `name` (`None` when absent).
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        match self.def.pos(name) {
            Some(pos) => self.at(pos),
            None => self.stored.extra.as_ref().and_then(|e| e.get(name)),
        }
    }

    /// The object as a JSON map (a copy).
    pub fn to_row(&self) -> Row {
        let mut row = self.stored.extra.as_deref().cloned().unwrap_or_default();
        for (f, v) in self.def.fields.iter().zip(self.stored.vals.iter()) {
            if let Some(v) = v {
                row.insert(f.name.to_string(), v.clone());
            }
        }
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::registry::registry;
    use serde_json::json;

    #[test]
    fn round_trips_absent_null_and_unknown_keys() {
        let conf = registry().get("configuration", "conference").unwrap();
        let row = json!({"id": 3, "name": "A", "description": null, "x_extra": [1]});
        let row = row.as_object().cloned().unwrap();
        let stored = Stored::from_row(conf, row.clone());
        let r = RowRef::new(conf, &stored);
        assert_eq!(r.get("name"), Some(&json!("A")));
        assert_eq!(r.get("description"), Some(&Value::Null));
        assert_eq!(r.get("pin"), None);
        assert_eq!(r.get("x_extra"), Some(&json!([1])));
        assert_eq!(r.to_row(), row);
    }
}
