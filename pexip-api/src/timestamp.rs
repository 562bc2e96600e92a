//! [`Timestamp`]: the API's datetimes, always UTC.
//!
//! The node sends naive ISO-8601 text (`2021-03-12T14:47:45` or
//! `2021-03-12T14:47:45.855877`, UTC). Some sources add an offset. All three
//! forms are accepted; output is the node's own naive form.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// A point in time, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub OffsetDateTime);

impl Timestamp {
    /// Parses any of the three accepted forms.
    pub fn parse(s: &str) -> Option<Self> {
        let naive_frac =
            format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]");
        let naive = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
        let space = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
        if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
            return Some(Timestamp(t.to_offset(UtcOffset::UTC)));
        }
        [naive_frac, naive, space]
            .iter()
            .find_map(|f| PrimitiveDateTime::parse(s, f).ok())
            .map(|p| Timestamp(p.assume_utc()))
    }

    /// The node's format: naive UTC, microseconds only when not zero.
    pub fn to_wire(&self) -> String {
        let t = self.0;
        let base = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
        match t.microsecond() {
            0 => base,
            us => format!("{base}.{us:06}"),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_wire())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_wire())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Timestamp::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid datetime '{s}'")))
    }
}

/// For `Option<Timestamp>` fields: `null`, a missing key and `""` are all `None`
/// (the status API sends `"end_time": ""` for a running stream).
pub mod opt {
    use super::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Deserialises null, `""` or a datetime.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        match Option::<std::borrow::Cow<'de, str>>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.is_empty() || s == "None" => Ok(None),
            Some(s) => Timestamp::parse(&s)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("invalid datetime '{s}'"))),
        }
    }

    /// Serialises `None` as null.
    pub fn serialize<S: Serializer>(v: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(t) => s.serialize_str(&t.to_wire()),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_three_forms() {
        let a = Timestamp::parse("2021-03-12T14:47:45").unwrap();
        let b = Timestamp::parse("2021-03-12T14:47:45.000000").unwrap();
        let c = Timestamp::parse("2021-03-12T15:47:45+01:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.to_wire(), "2021-03-12T14:47:45");
        let d = Timestamp::parse("2017-05-11T22:02:05.855877").unwrap();
        assert_eq!(d.to_wire(), "2017-05-11T22:02:05.855877");
        assert!(Timestamp::parse("yesterday").is_none());
    }
}
