//! Filters checked against a resource definition, and their evaluation on stored objects.

pub use super::compare::value_matches;
use super::errors::ApiError;
use super::field::{FieldDef, FieldType, Filtering, Relation};
use super::query::{Lookup, RawFilter};
use super::registry::registry;
use super::resource::{ResourceDef, RowKey};
use super::store::{RowRef, Store};
use super::values::{datetime_key, parse_bool};
use regex::{Regex, RegexBuilder};
use serde_json::Value;

/// A value to compare with, coerced to the field's type.
#[derive(Debug, Clone)]
pub(super) enum Operand {
    Text { raw: String, lower: String },
    Int(i64),
    Float(f64),
    Bool(bool),
    DateTime(String),
    Key(RowKey),
    Null,
}

/// One step through a relation.
pub(super) struct Hop {
    pub(super) field: &'static FieldDef,
    pub(super) target: &'static ResourceDef,
}

/// A filter ready to evaluate.
pub struct Compiled {
    pub(super) hops: Vec<Hop>,
    pub(super) field: &'static FieldDef,
    /// The position of `field` in its resource definition (resolved once per request).
    pub(super) pos: usize,
    pub(super) lookup: Lookup,
    pub(super) operands: Vec<Operand>,
    pub(super) regex: Option<Regex>,
}

impl Compiled {
    /// For `field=<id>` (or `field__in=…`) on a forward relation of the object itself: the keys
    /// it asks for (the reverse index answers such a filter directly).
    pub fn wanted_keys(&self) -> Option<Vec<&RowKey>> {
        let forward = matches!(
            self.field.relation,
            Some(Relation::ToOne(_) | Relation::ToMany(_))
        );
        if !self.hops.is_empty() || !forward || !matches!(self.lookup, Lookup::Exact | Lookup::In) {
            return None;
        }
        self.operands
            .iter()
            .map(|o| match o {
                Operand::Key(k) => Some(k),
                _ => None,
            })
            .collect()
    }
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
