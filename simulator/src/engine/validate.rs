//! Per-field validation of written values, driven by the field definition.

use super::field::{FieldDef, FieldType, Relation};
use super::registry::registry;
use super::resource::ResourceDef;
use super::store::Store;
use super::values::{format_datetime, parse_bool, parse_datetime};
use serde_json::Value;

/// Checks and normalises one written value. `Err` holds the message for the field.
pub fn value(store: &Store, def: &ResourceDef, f: &FieldDef, v: &Value) -> Result<Value, String> {
    if v.is_null() {
        return if f.nullable {
            Ok(Value::Null)
        } else {
            Err("This field cannot be null.".into())
        };
    }
    match f.ftype {
        FieldType::String => string(f, v),
        FieldType::Integer => integer(f, v),
        FieldType::Float => match v {
            Value::Number(n) => Ok(Value::Number(n.clone())),
            Value::String(s) => s
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| "Enter a number.".into()),
            _ => Err("Enter a number.".into()),
        },
        FieldType::Boolean => match v {
            Value::Bool(b) => Ok(Value::Bool(*b)),
            Value::String(s) => parse_bool(s)
                .map(Value::Bool)
                .ok_or_else(|| format!("'{s}' value must be either True or False.")),
            _ => Err(format!("'{v}' value must be either True or False.")),
        },
        FieldType::DateTime => v
            .as_str()
            .and_then(parse_datetime)
            .map(|dt| Value::String(format_datetime(dt)))
            .ok_or_else(|| "Enter a valid date/time.".into()),
        FieldType::Related => related(store, def, f, v),
        FieldType::List => v
            .as_array()
            .map(|_| v.clone())
            .ok_or_else(|| "Enter a list.".into()),
        FieldType::Dict => v
            .as_object()
            .map(|_| v.clone())
            .ok_or_else(|| "Enter a JSON object.".into()),
        FieldType::File => Err("Upload this file as multipart/form-data.".into()),
    }
}

fn string(f: &FieldDef, v: &Value) -> Result<Value, String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) if f.choices.is_empty() => n.to_string(),
        _ => return Err("Enter a string.".into()),
    };
    if !f.choices.is_empty() && !f.choices.contains(&s.as_str()) {
        return Err(format!(
            "Select a valid choice. {s} is not one of the available choices."
        ));
    }
    if s.is_empty() && !f.blank {
        return Err("This field is required.".into());
    }
    let len = s.chars().count();
    if let Some(max) = f.max_len {
        if len > max {
            return Err(format!(
                "Ensure this value has at most {max} characters (it has {len})."
            ));
        }
    }
    if let Some(min) = f.min_len {
        if len < min && !(s.is_empty() && f.blank) {
            return Err(format!(
                "Ensure this value has at least {min} characters (it has {len})."
            ));
        }
    }
    Ok(Value::String(s))
}

fn integer(f: &FieldDef, v: &Value) -> Result<Value, String> {
    let n = match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
    .ok_or_else(|| "Enter a whole number.".to_string())?;
    if let Some(min) = f.min {
        if n < min {
            return Err(format!(
                "Ensure this value is greater than or equal to {min}."
            ));
        }
    }
    if let Some(max) = f.max {
        if n > max {
            return Err(format!("Ensure this value is less than or equal to {max}."));
        }
    }
    Ok(Value::from(n))
}

fn related(store: &Store, def: &ResourceDef, f: &FieldDef, v: &Value) -> Result<Value, String> {
    let (target, many) = match f.relation {
        Some(Relation::ToOne(t)) => (t, false),
        Some(Relation::ToMany(t)) => (t, true),
        _ => return Err("This field cannot be written here.".into()),
    };
    let tdef = registry()
        .get(def.api, target)
        .ok_or_else(|| "Unknown related resource.".to_string())?;
    let one = |item: &Value| -> Result<Value, String> {
        let uri = match item {
            Value::String(s) => s.clone(),
            Value::Object(o) => {
                match (o.get("resource_uri").and_then(Value::as_str), o.get("id")) {
                    (Some(u), _) => u.to_string(),
                    (None, Some(id)) => {
                        tdef.uri(&super::resource::RowKey::Int(id.as_u64().unwrap_or(0)))
                    }
                    _ => return Err("Provide a resource URI.".into()),
                }
            }
            _ => return Err("Provide a resource URI.".into()),
        };
        let key = tdef
            .key_from_uri(&uri)
            .ok_or_else(|| format!("'{uri}' is not a {} resource URI.", tdef.name))?;
        if !store.contains(tdef, &key) {
            return Err(format!("Could not find the resource at URI '{uri}'."));
        }
        Ok(Value::String(tdef.uri(&key)))
    };
    if many {
        let items = v
            .as_array()
            .ok_or_else(|| "Enter a list of resource URIs.".to_string())?;
        let mut out = Vec::new();
        for item in items {
            let u = one(item)?;
            if !out.contains(&u) {
                out.push(u);
            }
        }
        Ok(Value::Array(out))
    } else {
        one(v)
    }
}
