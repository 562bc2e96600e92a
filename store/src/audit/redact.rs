//! Secret redaction and before/after diffs for the audit log.

use serde_json::{Map, Value};

/// What a secret value is replaced with.
pub const REDACTED: &str = "[redacted]";

const SECRET_NAMES: [&str; 9] = [
    "pin",
    "password",
    "passphrase",
    "secret",
    "token",
    "credentials",
    "credential",
    "passwd",
    "api_key",
];
const SECRET_SUFFIXES: [&str; 6] = [
    "_pin",
    "_password",
    "_passphrase",
    "_secret",
    "_token",
    "_key",
];

/// `guestPin`, `guest-pin` and `GUEST_PIN` all become `guest_pin`.
fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let mut prev_lower = false;
    for c in key.chars() {
        if c.is_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.extend(c.to_lowercase());
    }
    out.replace(['-', ' ', '.'], "_")
}

/// True for keys whose values must never be stored: pin, guest_pin,
/// host_pin, password, *_password, passphrase, secret, token, credentials…
pub fn is_secret_key(key: &str) -> bool {
    let k = snake(key);
    SECRET_NAMES.contains(&k.as_str()) || SECRET_SUFFIXES.iter().any(|s| k.ends_with(s))
}

/// A copy of `v` with every secret-named key's value (at any depth) replaced.
pub fn redact(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if is_secret_key(k) && !v.is_null() {
                        Value::String(REDACTED.into())
                    } else {
                        redact(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact).collect()),
        other => other.clone(),
    }
}

fn leaf(before: Value, after: Value) -> Value {
    let mut m = Map::new();
    m.insert("before".into(), before);
    m.insert("after".into(), after);
    Value::Object(m)
}

fn hide(v: Option<&Value>) -> Value {
    match v {
        None | Some(Value::Null) => Value::Null,
        Some(_) => Value::String(REDACTED.into()),
    }
}

/// The changed keys between two objects: `{"field": {"before": x, "after": y}}`,
/// nesting into objects present on both sides. Secret keys show only that they
/// changed (`"[redacted]"`, or null where absent). Non-object values differ as
/// a whole. Returns `None` when nothing changed.
pub fn diff(before: Option<&Value>, after: Option<&Value>) -> Option<Value> {
    let empty = Map::new();
    let (b, a) = match (before, after) {
        (None, None) => return None,
        (Some(Value::Object(b)), Some(Value::Object(a))) => (b, a),
        (Some(Value::Object(b)), None) => (b, &empty),
        (None, Some(Value::Object(a))) => (&empty, a),
        (b, a) if b == a => return None,
        (b, a) => {
            return Some(leaf(
                b.map(redact).unwrap_or(Value::Null),
                a.map(redact).unwrap_or(Value::Null),
            ))
        }
    };
    let d = diff_maps(b, a);
    (!d.is_empty()).then_some(Value::Object(d))
}

fn diff_maps(b: &Map<String, Value>, a: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    let keys = b.keys().chain(a.keys().filter(|k| !b.contains_key(*k)));
    for k in keys {
        let (bv, av) = (b.get(k), a.get(k));
        if bv == av {
            continue;
        }
        let entry = if is_secret_key(k) {
            leaf(hide(bv), hide(av))
        } else if let (Some(Value::Object(bo)), Some(Value::Object(ao))) = (bv, av) {
            let nested = diff_maps(bo, ao);
            if nested.is_empty() {
                continue;
            }
            Value::Object(nested)
        } else {
            leaf(
                bv.map(redact).unwrap_or(Value::Null),
                av.map(redact).unwrap_or(Value::Null),
            )
        };
        out.insert(k.clone(), entry);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_names() {
        for k in [
            "pin",
            "guest_pin",
            "hostPin",
            "PASSWORD",
            "admin_password",
            "passphrase",
            "secret",
            "client_secret",
            "token",
            "access_token",
            "credentials",
        ] {
            assert!(is_secret_key(k), "{k}");
        }
        for k in [
            "name",
            "spin",
            "pinned",
            "description",
            "tokens_used",
            "allow_guests",
        ] {
            assert!(!is_secret_key(k), "{k}");
        }
    }

    #[test]
    fn redacts_deep() {
        let v = json!({"a": {"pin": "1234", "list": [{"password": "x"}]}, "name": "n"});
        assert_eq!(
            redact(&v),
            json!({"a": {"pin": REDACTED, "list": [{"password": REDACTED}]}, "name": "n"})
        );
    }

    #[test]
    fn diffs() {
        let b = json!({"name": "a", "pin": "1", "same": 1, "n": {"x": 1, "y": 2}, "gone": true});
        let a = json!({"name": "b", "pin": "2", "same": 1, "n": {"x": 1, "y": 3}, "new": {"host_pin": "9"}});
        assert_eq!(
            diff(Some(&b), Some(&a)).unwrap(),
            json!({
                "name": {"before": "a", "after": "b"},
                "pin": {"before": REDACTED, "after": REDACTED},
                "n": {"y": {"before": 2, "after": 3}},
                "gone": {"before": true, "after": null},
                "new": {"before": null, "after": {"host_pin": REDACTED}},
            })
        );
        assert_eq!(diff(Some(&b), Some(&b)), None);
        assert_eq!(
            diff(None, Some(&json!(3))).unwrap(),
            json!({"before": null, "after": 3})
        );
    }
}
