//! Creating, updating and deleting one object, with every rule of its definition.

use super::errors::{ApiError, FieldErrors};
use super::field::{DefaultValue, Relation};
use super::render::new_default;
use super::resource::{KeyKind, ResourceDef, RowKey};
use super::store::{Row, Store};
use super::validate;
use serde_json::{Map, Value};

/// What kind of write this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// POST: a new object from defaults and the body.
    Create,
    /// PATCH: the existing object with the body's fields changed.
    Patch,
    /// PUT: the body replaces the object (defaults for omitted fields).
    Replace,
}

/// Validates and saves one object. The caller wraps this in a store transaction.
pub fn write_object(
    store: &mut Store,
    def: &ResourceDef,
    key: Option<&RowKey>,
    body: &Map<String, Value>,
    mode: Mode,
) -> Result<RowKey, ApiError> {
    let existing = key.and_then(|k| store.get(def, k)).map(|r| r.to_row());
    let mut obj: Row = match (&existing, mode) {
        (Some(old), Mode::Patch) => old.clone(),
        _ => fresh(store, def, existing.as_ref()),
    };
    let mut errors = FieldErrors::default();
    let mut reverse_writes = Vec::new();
    for (name, v) in body {
        if name == "resource_uri" {
            continue;
        }
        let Some(f) = def.field(name) else {
            errors.add(name, "This field is unknown.");
            continue;
        };
        if f.readonly {
            let current = obj.get(name);
            let same = current == Some(v)
                || (name == "id"
                    && key.is_some_and(|k| {
                        *v == Value::String(k.to_string())
                            || v.as_u64().is_some_and(|i| *k == RowKey::Int(i))
                    }));
            if !same {
                errors.add(name, "This field is read-only.");
            }
            continue;
        }
        if f.is_reverse() {
            reverse_writes.push((f.name, v.clone()));
            continue;
        }
        match validate::value(store, def, f, v) {
            Ok(v) => {
                obj.insert(name.clone(), v);
            }
            Err(msg) => errors.add(name, msg),
        }
    }
    if mode == Mode::Create {
        def.behaviour.prepare_create(store, def, &mut obj);
    }
    for f in &def.fields {
        if f.readonly || f.is_reverse() || f.name == "resource_uri" || errors.has(f.name) {
            continue;
        }
        match obj.get(f.name) {
            None | Some(Value::Null) if !f.nullable => {
                errors.add(f.name, "This field is required.")
            }
            Some(Value::String(s)) if s.is_empty() && !f.blank && f.choices.is_empty() => {
                errors.add(f.name, "This field is required.")
            }
            _ => {}
        }
    }
    if let KeyKind::Field(kf) = def.key {
        if let (Some(old), Some(new)) = (key, obj.get(kf).and_then(Value::as_str)) {
            if old.to_string() != new {
                errors.add(kf, "This field cannot be changed.");
            }
        }
    }
    check_unique(store, def, key, &obj, &mut errors);
    if errors.is_empty() {
        def.behaviour.check(store, key, &obj, &mut errors);
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(def.name, errors));
    }
    let new_key = match key {
        Some(k) if existing.is_some() => k.clone(),
        Some(k) if def.key != KeyKind::AutoId => k.clone(),
        Some(RowKey::Int(id)) => {
            obj.insert("id".into(), Value::from(*id));
            RowKey::Int(*id)
        }
        _ => store
            .allocate_key(def, &mut obj)
            .ok_or_else(|| ApiError::field(def.name, key_field(def), "This field is required."))?,
    };
    store.put(def, new_key.clone(), obj);
    for (field, v) in reverse_writes {
        def.behaviour
            .write_reverse(store, &new_key, field, &v, &mut errors);
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(def.name, errors));
    }
    Ok(new_key)
}

fn key_field(def: &ResourceDef) -> &'static str {
    match def.key {
        KeyKind::Field(f) => f,
        _ => "id",
    }
}

/// Defaults for every stored field; a replaced object keeps its id and read-only values.
fn fresh(store: &mut Store, def: &ResourceDef, existing: Option<&Row>) -> Row {
    let mut obj = Row::new();
    for f in &def.fields {
        if f.is_reverse() || f.name == "resource_uri" || f.name == "id" {
            continue;
        }
        if f.readonly {
            if let Some(v) = existing.and_then(|e| e.get(f.name)) {
                obj.insert(f.name.into(), v.clone());
                continue;
            }
        }
        if f.default == DefaultValue::Absent {
            continue;
        }
        if let Some(v) = new_default(store, f) {
            obj.insert(f.name.into(), v);
        }
    }
    if let Some(id) = existing.and_then(|e| e.get("id")) {
        obj.insert("id".into(), id.clone());
    }
    obj
}

fn check_unique(
    store: &Store,
    def: &ResourceDef,
    key: Option<&RowKey>,
    obj: &Row,
    errors: &mut FieldErrors,
) {
    for f in def.fields.iter().filter(|f| f.unique && f.name != "id") {
        if errors.has(f.name) {
            continue;
        }
        let Some(v) = obj.get(f.name).filter(|v| !v.is_null()) else {
            continue;
        };
        let clash = store
            .rows(def)
            .any(|(k, r)| Some(k) != key && r.get(f.name) == Some(v));
        if clash {
            errors.add(
                f.name,
                format!(
                    "{} with this {} already exists.",
                    title(def.name),
                    title(f.name)
                ),
            );
        }
    }
}

/// `conference_alias` → `Conference alias`.
pub fn title(s: &str) -> String {
    let s = s.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Deletes one object after its behaviour has cascaded or detached related objects.
pub fn delete_object(store: &mut Store, def: &ResourceDef, key: &RowKey) -> Result<(), ApiError> {
    if !store.contains(def, key) {
        return Err(ApiError::NotFound);
    }
    if let Some(msg) = def.behaviour.refuse_delete(store, key) {
        return Err(ApiError::bad(msg));
    }
    def.behaviour.on_delete(store, key);
    detach(store, def, key)?;
    store.remove(def, key);
    Ok(())
}

/// Unlinks objects that point at the deleted one: to-many lists lose its URI, nullable to-one
/// fields become null, and a required to-one reference refuses the delete.
fn detach(store: &mut Store, def: &ResourceDef, key: &RowKey) -> Result<(), ApiError> {
    let uri = def.uri(key);
    for other in super::registry::registry().in_api(def.api) {
        for f in &other.fields {
            let (target, many) = match f.relation {
                Some(Relation::ToMany(t)) => (t, true),
                Some(Relation::ToOne(t)) => (t, false),
                _ => continue,
            };
            if target != def.name {
                continue;
            }
            for k in store.referrers(other, f.name, key) {
                if !many && !f.nullable {
                    return Err(ApiError::bad(format!(
                        "This {} is still used by {} {k} ({}).",
                        def.name, other.name, f.name
                    )));
                }
                let Some(mut row) = store.get(other, &k).map(|r| r.to_row()) else {
                    continue;
                };
                match row.get_mut(f.name) {
                    Some(Value::Array(a)) => a.retain(|v| v.as_str() != Some(uri.as_str())),
                    Some(v) => *v = Value::Null,
                    None => {}
                }
                store.put(other, k, row);
            }
        }
    }
    Ok(())
}
