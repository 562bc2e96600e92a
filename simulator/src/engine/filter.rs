//! Filters checked against a resource definition, and their evaluation on stored objects.

use super::errors::ApiError;
use super::field::{FieldDef, FieldType, Filtering, Relation};
use super::query::{Lookup, RawFilter};
use super::registry::registry;
use super::resource::{ResourceDef, RowKey};
use super::store::{RowRef, Store};
use super::values::{datetime_key, parse_bool};
use regex::{Regex, RegexBuilder};
use serde_json::Value;
use std::cmp::Ordering;

/// A value to compare with, coerced to the field's type.
#[derive(Debug, Clone)]
enum Operand {
    Text { raw: String, lower: String },
    Int(i64),
    Float(f64),
    Bool(bool),
    DateTime(String),
    Key(RowKey),
    Null,
}

/// One step through a relation.
struct Hop {
    field: &'static FieldDef,
    target: &'static ResourceDef,
}

/// A filter ready to evaluate.
pub struct Compiled {
    hops: Vec<Hop>,
    field: &'static FieldDef,
    /// The position of `field` in its resource definition (resolved once per request).
    pos: usize,
    lookup: Lookup,
    operands: Vec<Operand>,
    regex: Option<Regex>,
}

fn not_filterable(name: &str) -> ApiError {
    ApiError::bad(format!("The '{name}' field does not allow filtering."))
}

fn relation_target(def: &ResourceDef, f: &FieldDef) -> Option<&'static ResourceDef> {
    let target = match f.relation? {
        Relation::ToOne(t) | Relation::ToMany(t) => t,
        Relation::Reverse { target, .. } => target,
    };
    registry().get(def.api, target)
}

/// Checks a raw filter against `def` and coerces its value.
pub fn compile(def: &'static ResourceDef, raw: &RawFilter) -> Result<Compiled, ApiError> {
    let mut current = def;
    let mut hops = Vec::new();
    let last = raw.path.len().saturating_sub(1);
    for (i, name) in raw.path.iter().enumerate() {
        let (field, filtering) = current
            .filterable(name)
            .ok_or_else(|| not_filterable(name))?;
        if i == last {
            let leaf_target = if field.relation.is_some() {
                relation_target(current, field)
            } else {
                None
            };
            let pos = current
                .fields
                .iter()
                .position(|f| std::ptr::eq(f, field))
                .ok_or_else(|| not_filterable(name))?;
            return finish(hops, field, pos, leaf_target, raw);
        }
        if filtering != Filtering::AllWithRelations {
            return Err(ApiError::bad(format!(
                "The '{name}' field does not support relations."
            )));
        }
        let target = relation_target(current, field).ok_or_else(|| not_filterable(name))?;
        if hops.len() >= 3 {
            return Err(ApiError::bad(format!(
                "Lookups are not allowed this deep on the '{name}' field."
            )));
        }
        hops.push(Hop { field, target });
        current = target;
    }
    Err(ApiError::bad(format!(
        "The '{}' filter is malformed.",
        raw.key
    )))
}

fn finish(
    hops: Vec<Hop>,
    field: &'static FieldDef,
    pos: usize,
    leaf_target: Option<&'static ResourceDef>,
    raw: &RawFilter,
) -> Result<Compiled, ApiError> {
    let mut c = Compiled {
        hops,
        field,
        pos,
        lookup: raw.lookup,
        operands: Vec::new(),
        regex: None,
    };
    match raw.lookup {
        Lookup::IsNull => {
            let b = parse_bool(&raw.value).ok_or_else(|| {
                ApiError::bad(format!(
                    "Invalid value '{}' for the 'isnull' filter on '{}'.",
                    raw.value, field.name
                ))
            })?;
            c.operands.push(Operand::Bool(b));
        }
        Lookup::Regex | Lookup::IRegex => {
            let re = RegexBuilder::new(&raw.value)
                .case_insensitive(raw.lookup == Lookup::IRegex)
                .size_limit(1 << 20)
                .build()
                .map_err(|_| {
                    ApiError::bad(format!(
                        "Invalid regular expression '{}' for the '{}' field.",
                        raw.value, field.name
                    ))
                })?;
            c.regex = Some(re);
        }
        Lookup::In | Lookup::Range => {
            for part in raw.value.split(',') {
                c.operands.push(operand(field, leaf_target, part)?);
            }
            if raw.lookup == Lookup::Range && c.operands.len() != 2 {
                return Err(ApiError::bad(format!(
                    "The 'range' filter on '{}' needs two values.",
                    field.name
                )));
            }
        }
        _ => c.operands.push(operand(field, leaf_target, &raw.value)?),
    }
    Ok(c)
}

fn operand(field: &FieldDef, target: Option<&ResourceDef>, v: &str) -> Result<Operand, ApiError> {
    if matches!(v, "None" | "none" | "nil" | "null") {
        return Ok(Operand::Null);
    }
    let bad = |kind: &str| {
        ApiError::bad(format!(
            "Invalid value '{v}' for the {kind} field '{}'.",
            field.name
        ))
    };
    Ok(match (field.ftype, target) {
        (FieldType::Related, Some(t)) => {
            let key = t
                .parse_key(v.trim())
                .or_else(|| t.key_from_uri(v.trim()))
                .ok_or_else(|| bad("related"))?;
            Operand::Key(key)
        }
        (FieldType::Integer, _) => Operand::Int(v.trim().parse().map_err(|_| bad("integer"))?),
        (FieldType::Float, _) => Operand::Float(v.trim().parse().map_err(|_| bad("float"))?),
        (FieldType::Boolean, _) => Operand::Bool(parse_bool(v).ok_or_else(|| bad("boolean"))?),
        (FieldType::DateTime, _) => {
            Operand::DateTime(datetime_key(v).ok_or_else(|| bad("datetime"))?)
        }
        _ => Operand::Text {
            raw: v.to_string(),
            lower: v.to_lowercase(),
        },
    })
}

/// Whether the stored object matches the filter.
pub fn matches(
    store: &Store,
    def: &ResourceDef,
    key: &RowKey,
    row: RowRef<'_>,
    c: &Compiled,
) -> bool {
    if c.hops.is_empty() {
        return leaf_matches(store, def, key, row, c);
    }
    let mut frontier: Vec<(RowKey, RowRef<'_>)> = vec![(key.clone(), row)];
    let mut current = def;
    for hop in &c.hops {
        let mut next = Vec::new();
        for (k, r) in &frontier {
            for rk in related_keys(store, current, hop.field, k, *r) {
                if let Some(rr) = store.get(hop.target, &rk) {
                    next.push((rk, rr));
                }
            }
        }
        frontier = next;
        current = hop.target;
    }
    frontier
        .iter()
        .any(|(k, r)| leaf_matches(store, current, k, *r, c))
}

fn related_keys(
    store: &Store,
    def: &ResourceDef,
    f: &FieldDef,
    key: &RowKey,
    row: RowRef<'_>,
) -> Vec<RowKey> {
    let Some(target) = relation_target(def, f) else {
        return Vec::new();
    };
    match f.relation {
        Some(Relation::ToOne(_)) => row
            .get(f.name)
            .and_then(Value::as_str)
            .and_then(|u| target.key_from_uri(u))
            .into_iter()
            .collect(),
        Some(Relation::ToMany(_)) => row
            .get(f.name)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .filter_map(|u| target.key_from_uri(u))
                    .collect()
            })
            .unwrap_or_default(),
        Some(Relation::Reverse { via, .. }) => store.referrers(target, via, key),
        None => Vec::new(),
    }
}

fn leaf_matches(
    store: &Store,
    def: &ResourceDef,
    key: &RowKey,
    row: RowRef<'_>,
    c: &Compiled,
) -> bool {
    if c.field.relation.is_some() {
        let keys = related_keys(store, def, c.field, key, row);
        return match c.lookup {
            Lookup::IsNull => {
                keys.is_empty() == matches!(c.operands.first(), Some(Operand::Bool(true)))
            }
            _ => c.operands.iter().any(|o| match o {
                Operand::Key(k) => keys.contains(k),
                Operand::Null => keys.is_empty(),
                _ => false,
            }),
        };
    }
    value_matches(row.at(c.pos).unwrap_or(&Value::Null), c)
}

/// The position of the filtered field when the filter reads only a value of the object itself
/// (no relation): such filters can run on a column (see [`value_matches`]).
pub fn column_pos(c: &Compiled) -> Option<usize> {
    (c.hops.is_empty() && c.field.relation.is_none()).then_some(c.pos)
}

/// Whether a stored value (`null` when absent) of a [`column_pos`] filter's field matches.
pub fn value_matches(value: &Value, c: &Compiled) -> bool {
    if c.lookup == Lookup::IsNull {
        return value.is_null() == matches!(c.operands.first(), Some(Operand::Bool(true)));
    }
    if let Some(re) = &c.regex {
        return match value {
            Value::String(t) => re.is_match(t),
            other => text_of(other).is_some_and(|t| re.is_match(&t)),
        };
    }
    match c.lookup {
        Lookup::In => c
            .operands
            .iter()
            .any(|o| compare(value, o) == Some(Ordering::Equal)),
        Lookup::Range => match (c.operands.first(), c.operands.get(1)) {
            (Some(lo), Some(hi)) => {
                matches!(
                    compare(value, lo),
                    Some(Ordering::Greater | Ordering::Equal)
                ) && matches!(compare(value, hi), Some(Ordering::Less | Ordering::Equal))
            }
            _ => false,
        },
        _ => c
            .operands
            .first()
            .is_some_and(|o| single(value, o, c.lookup)),
    }
}

fn single(value: &Value, o: &Operand, lookup: Lookup) -> bool {
    match lookup {
        Lookup::Exact => compare(value, o) == Some(Ordering::Equal),
        Lookup::Lt => compare(value, o) == Some(Ordering::Less),
        Lookup::Lte => matches!(compare(value, o), Some(Ordering::Less | Ordering::Equal)),
        Lookup::Gt => compare(value, o) == Some(Ordering::Greater),
        Lookup::Gte => matches!(compare(value, o), Some(Ordering::Greater | Ordering::Equal)),
        _ => match (value, o) {
            (Value::Null, Operand::Null) => true,
            (Value::String(hay), Operand::Text { lower, .. }) => text_op(hay, lower, lookup),
            (other, o) => match (text_of(other), operand_text(o)) {
                (Some(h), Some(n)) => text_op(&h, &n.to_lowercase(), lookup),
                _ => false,
            },
        },
    }
}

/// Text lookups: contains, startswith and endswith are case-insensitive (the guide's rule).
/// `needle` is already lower-case.
fn text_op(hay: &str, needle: &str, lookup: Lookup) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return match lookup {
            Lookup::IExact => h.eq_ignore_ascii_case(n),
            Lookup::Contains | Lookup::IContains => match n.first() {
                None => true,
                // Check the first byte before comparing the whole window.
                Some(first) => h
                    .windows(n.len())
                    .any(|w| w[0].to_ascii_lowercase() == *first && w.eq_ignore_ascii_case(n)),
            },
            Lookup::StartsWith | Lookup::IStartsWith => {
                h.len() >= n.len() && h[..n.len()].eq_ignore_ascii_case(n)
            }
            Lookup::EndsWith | Lookup::IEndsWith => {
                h.len() >= n.len() && h[h.len() - n.len()..].eq_ignore_ascii_case(n)
            }
            _ => false,
        };
    }
    let hay = hay.to_lowercase();
    match lookup {
        Lookup::IExact => hay == needle,
        Lookup::Contains | Lookup::IContains => hay.contains(needle),
        Lookup::StartsWith | Lookup::IStartsWith => hay.starts_with(needle),
        Lookup::EndsWith | Lookup::IEndsWith => hay.ends_with(needle),
        _ => false,
    }
}

fn operand_text(o: &Operand) -> Option<String> {
    match o {
        Operand::Text { raw, .. } => Some(raw.clone()),
        Operand::Int(i) => Some(i.to_string()),
        Operand::Float(f) => Some(f.to_string()),
        Operand::Bool(b) => Some(b.to_string()),
        Operand::DateTime(d) => Some(d.clone()),
        Operand::Key(k) => Some(k.to_string()),
        Operand::Null => None,
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "True".into() } else { "False".into() }),
        _ => None,
    }
}

/// Compares a stored value with an operand; strings by ordinal, as the guide says.
fn compare(v: &Value, o: &Operand) -> Option<Ordering> {
    match (v, o) {
        (Value::Null, Operand::Null) => Some(Ordering::Equal),
        (Value::Null, _) | (_, Operand::Null) => None,
        (Value::String(s), Operand::Text { raw, .. }) => Some(s.as_str().cmp(raw.as_str())),
        (Value::String(s), Operand::DateTime(d)) => datetime_key(s).map(|k| k.cmp(d)),
        (Value::Number(n), Operand::Int(i)) => n.as_f64().and_then(|f| f.partial_cmp(&(*i as f64))),
        (Value::Number(n), Operand::Float(x)) => n.as_f64().and_then(|f| f.partial_cmp(x)),
        (Value::Bool(b), Operand::Bool(x)) => Some(b.cmp(x)),
        (Value::String(s), Operand::Int(i)) => Some(s.as_str().cmp(i.to_string().as_str())),
        _ => None,
    }
}
