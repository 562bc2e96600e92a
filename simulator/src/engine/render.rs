//! Rendering stored objects as the API returns them.

use super::field::{DefaultValue, Embed, FieldDef, Relation};
use super::registry::registry;
use super::resource::{ResourceDef, RowKey};
use super::store::{RowRef, Store};
use super::values::now_string;
use serde_json::{Map, Value};

/// Where an object is rendered: it decides which fields appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// One object of a list page: no detail-only fields.
    List,
    /// A detail GET of the object itself: every field.
    Detail,
    /// Inside another object: no `resource_uri`, no reverse relations, no detail-only fields.
    Embedded,
}

/// The JSON of one object as `view` shows it.
pub fn render(
    store: &Store,
    def: &ResourceDef,
    key: &RowKey,
    row: RowRef<'_>,
    view: View,
) -> Value {
    let embedded = view == View::Embedded;
    let mut out = Map::new();
    for (pos, f) in def.fields.iter().enumerate() {
        if f.write_only || f.hidden || (f.detail_only && view != View::Detail) {
            continue;
        }
        if f.name == "resource_uri" {
            if !embedded {
                out.insert("resource_uri".into(), Value::String(def.uri(key)));
            }
            continue;
        }
        if let Some(Relation::Reverse { target, via, embed }) = f.relation {
            if embedded {
                continue;
            }
            out.insert(
                f.name.to_string(),
                reverse(store, def, key, target, via, embed),
            );
            continue;
        }
        let v = row.at(pos).cloned().unwrap_or_else(|| stored_default(f));
        out.insert(f.name.to_string(), v);
    }
    Value::Object(out)
}

fn reverse(
    store: &Store,
    def: &ResourceDef,
    key: &RowKey,
    target: &str,
    via: &str,
    embed: Embed,
) -> Value {
    let Some(tdef) = registry().get(def.api, target) else {
        return Value::Array(Vec::new());
    };
    let items = store
        .referrers(tdef, via, key)
        .into_iter()
        .filter_map(|k| {
            let row = store.get(tdef, &k)?;
            Some(match embed {
                Embed::Uris => Value::String(tdef.uri(&k)),
                Embed::Objects => render(store, tdef, &k, row, View::Embedded),
                Embed::ObjectsWithoutVia => {
                    let mut v = render(store, tdef, &k, row, View::Embedded);
                    if let Value::Object(o) = &mut v {
                        o.remove(via);
                    }
                    v
                }
            })
        })
        .collect();
    Value::Array(items)
}

/// The value a missing stored field reads as (data saved by an older version).
pub fn stored_default(f: &FieldDef) -> Value {
    match f.default {
        DefaultValue::Str(s) => Value::String(s.to_string()),
        DefaultValue::Int(i) => Value::from(i),
        DefaultValue::Float(x) => Value::from(x),
        DefaultValue::Bool(b) => Value::Bool(b),
        DefaultValue::EmptyList => Value::Array(Vec::new()),
        DefaultValue::EmptyDict => Value::Object(Map::new()),
        DefaultValue::Absent | DefaultValue::Null | DefaultValue::Now | DefaultValue::Uuid => {
            Value::Null
        }
    }
}

/// The default for a new object (callable defaults evaluated now). `None`: no default.
pub fn new_default(store: &mut Store, f: &FieldDef) -> Option<Value> {
    Some(match f.default {
        DefaultValue::Absent => return None,
        DefaultValue::Now => Value::String(now_string()),
        DefaultValue::Uuid => Value::String(new_uuid(store)),
        _ => stored_default(f),
    })
}

/// A UUID4 from the store's seeded generator (deterministic under `--seed`).
pub fn new_uuid(store: &mut Store) -> String {
    new_uuid_from(&mut store.rng)
}

/// A UUID4 from a seeded generator.
pub fn new_uuid_from(rng: &mut impl rand::RngCore) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}
