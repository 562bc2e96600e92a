//! [`Patch`]: a field of a write request that is absent, null or a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One field of a create or update request.
///
/// - [`Patch::Absent`] is not sent at all: the server keeps (or defaults) the value.
/// - [`Patch::Null`] is sent as `null`: the server clears the value.
/// - [`Patch::Value`] is sent as the value.
///
/// Use it with `#[serde(default, skip_serializing_if = "Patch::is_absent")]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Patch<T> {
    /// Not sent.
    #[default]
    Absent,
    /// Sent as `null`.
    Null,
    /// Sent as the value.
    Value(T),
}

impl<T> Patch<T> {
    /// True when the field is not sent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// The value, if there is one.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Patch::Value(v) => Some(v),
            _ => None,
        }
    }

    /// `Some(v)` becomes a value, `None` becomes null.
    pub fn from_option(v: Option<T>) -> Self {
        v.map_or(Patch::Null, Patch::Value)
    }
}

impl<T> From<T> for Patch<T> {
    fn from(v: T) -> Self {
        Patch::Value(v)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Absent fields are skipped by `skip_serializing_if`; if a caller
            // forgets it, null is the closest safe rendering.
            Patch::Absent | Patch::Null => s.serialize_none(),
            Patch::Value(v) => v.serialize(s),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Reached only when the key is present (absent keys use `default`).
        Ok(Option::<T>::deserialize(d)?.map_or(Patch::Null, Patch::Value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
    struct P {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        a: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        b: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        c: Patch<String>,
    }

    #[test]
    fn three_states_serialize_distinctly() {
        let p = P {
            a: Patch::Absent,
            b: Patch::Null,
            c: Patch::Value("x".into()),
        };
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"b":null,"c":"x"}"#);
    }

    #[test]
    fn three_states_deserialize_distinctly() {
        let p: P = serde_json::from_str(r#"{"b":null,"c":"x"}"#).unwrap();
        assert_eq!(p.a, Patch::Absent);
        assert_eq!(p.b, Patch::Null);
        assert_eq!(p.c, Patch::Value("x".to_string()));
    }
}
