//! Comparing stored values with filter operands: the specifiers' semantics (the guide's
//! case rules for text, ordinal string order, numbers and datetimes by value).

use super::filter::{Compiled, Operand};
use super::query::Lookup;
use super::values::datetime_key;
use serde_json::Value;
use std::cmp::Ordering;

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
