//! Typed resource URIs (`/api/admin/configuration/v1/conference/12/`) and ids.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The four Management APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Api {
    /// `/api/admin/configuration/v1/`
    Configuration,
    /// `/api/admin/status/v1/`
    Status,
    /// `/api/admin/history/v1/`
    History,
    /// `/api/admin/command/v1/`
    Command,
}

impl Api {
    /// The root path of the API, with its trailing slash.
    pub fn root(self) -> &'static str {
        match self {
            Api::Configuration => "/api/admin/configuration/v1/",
            Api::Status => "/api/admin/status/v1/",
            Api::History => "/api/admin/history/v1/",
            Api::Command => "/api/admin/command/v1/",
        }
    }
}

/// A resource of the Management API: where it lives and how it is keyed.
pub trait Resource {
    /// The API the resource belongs to.
    const API: Api;
    /// The resource name in the path, e.g. `conference`.
    const NAME: &'static str;
    /// The typed identifier of one object.
    type Id: fmt::Display + FromStr + Clone;

    /// The list path, e.g. `/api/admin/configuration/v1/conference/`.
    fn list_path() -> String {
        path_with_room(Self::API.root(), Self::NAME, 0)
    }

    /// The detail path of one object, e.g. `/api/admin/configuration/v1/conference/12/`
    /// (one allocation; the id is percent-encoded only if it needs it).
    fn detail_path(id: &Self::Id) -> String {
        let mut path = path_with_room(Self::API.root(), Self::NAME, 24);
        push_segment(&mut path, id);
        path.push('/');
        path
    }
}

/// Why a string is not a URI of the expected resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriError {
    /// The expected list path.
    pub expected: String,
    /// The string that was given.
    pub given: String,
}

impl fmt::Display for UriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a resource URI under '{}'",
            self.given, self.expected
        )
    }
}

impl std::error::Error for UriError {}

/// The URI of one object of resource `R`, e.g. `ResourceUri<Conference>`.
///
/// It keeps the exact text it was read from (so it serialises back unchanged)
/// and parses the id out of it.
pub struct ResourceUri<R> {
    raw: String,
    _r: PhantomData<fn() -> R>,
}

impl<R: Resource> ResourceUri<R> {
    /// The URI of the object with this id.
    pub fn new(id: &R::Id) -> Self {
        Self::from_raw(R::detail_path(id))
    }

    /// Parses a path such as `/api/admin/configuration/v1/conference/12/`, or an
    /// absolute URL with that path (as a `Location` header may carry).
    pub fn parse(s: &str) -> Result<Self, UriError> {
        let id = Self::id_of(s)?;
        Ok(Self::new(&id))
    }

    /// The id in the URI.
    pub fn id(&self) -> Result<R::Id, UriError> {
        Self::id_of(&self.raw)
    }

    fn id_of(s: &str) -> Result<R::Id, UriError> {
        let err = || UriError {
            expected: R::list_path(),
            given: s.to_string(),
        };
        let path = strip_origin(s).split(['?', '#']).next().unwrap_or_default();
        let rest = path.strip_prefix(R::list_path().as_str()).ok_or_else(err)?;
        let seg = rest.strip_suffix('/').unwrap_or(rest);
        if seg.is_empty() || seg.contains('/') {
            return Err(err());
        }
        decode_segment(seg)
            .and_then(|d| d.parse::<R::Id>().ok())
            .ok_or_else(err)
    }
}

impl<R> ResourceUri<R> {
    fn from_raw(raw: String) -> Self {
        Self {
            raw,
            _r: PhantomData,
        }
    }

    /// The URI text.
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

impl<R> Clone for ResourceUri<R> {
    fn clone(&self) -> Self {
        Self::from_raw(self.raw.clone())
    }
}
impl<R> PartialEq for ResourceUri<R> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}
impl<R> Eq for ResourceUri<R> {}
impl<R> std::hash::Hash for ResourceUri<R> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.raw.hash(state)
    }
}
impl<R> Default for ResourceUri<R> {
    fn default() -> Self {
        Self::from_raw(String::new())
    }
}
impl<R> fmt::Debug for ResourceUri<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResourceUri({:?})", self.raw)
    }
}
impl<R> fmt::Display for ResourceUri<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl<R> Serialize for ResourceUri<R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

impl<'de, R> Deserialize<'de> for ResourceUri<R> {
    /// Keeps the text as it is, so nothing is lost; [`ResourceUri::id`]
    /// reports a URI of the wrong resource.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::from_raw(String::deserialize(d)?))
    }
}

/// Strips `scheme://host[:port]` from an absolute URL; paths pass unchanged.
pub(crate) fn strip_origin(s: &str) -> &str {
    match s.find("://") {
        Some(i) => {
            let after = &s[i + 3..];
            after.find('/').map_or("/", |j| &after[j..])
        }
        None => s,
    }
}

/// `<root><name>/`, with room for `extra` more bytes.
fn path_with_room(root: &str, name: &str, extra: usize) -> String {
    let mut path = String::with_capacity(root.len() + name.len() + 1 + extra);
    path.push_str(root);
    path.push_str(name);
    path.push('/');
    path
}

/// RFC 3986 unreserved characters: the only ones a segment keeps as they are.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes one path segment (everything but RFC 3986 unreserved characters).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_encoded(&mut out, s);
    out
}

fn push_encoded(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

/// Appends `value` as one percent-encoded segment, formatting it in place
/// (ids are nearly always unreserved text, so usually nothing is copied).
fn push_segment(out: &mut String, value: &impl fmt::Display) {
    use fmt::Write;
    let start = out.len();
    // Writing to a `String` cannot fail.
    let _ = write!(out, "{value}");
    let written = out.as_bytes().get(start..).unwrap_or_default();
    if written.iter().all(|b| is_unreserved(*b)) {
        return;
    }
    let raw = out.split_off(start);
    push_encoded(out, &raw);
}

fn decode_segment(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Conference, ConferenceId, SystemBackup};

    #[test]
    fn parses_path_and_absolute_url() {
        let u =
            ResourceUri::<Conference>::parse("/api/admin/configuration/v1/conference/12/").unwrap();
        assert_eq!(u.id().unwrap(), ConferenceId(12));
        let u = ResourceUri::<Conference>::parse(
            "https://mgr.example.com:8443/api/admin/configuration/v1/conference/7/",
        )
        .unwrap();
        assert_eq!(u.as_str(), "/api/admin/configuration/v1/conference/7/");
        assert_eq!(u.id().unwrap(), ConferenceId(7));
    }

    #[test]
    fn rejects_other_resources_and_bad_ids() {
        assert!(ResourceUri::<Conference>::parse(
            "/api/admin/configuration/v1/conference_alias/1/"
        )
        .is_err());
        assert!(
            ResourceUri::<Conference>::parse("/api/admin/configuration/v1/conference/abc/")
                .is_err()
        );
        assert!(
            ResourceUri::<Conference>::parse("/api/admin/configuration/v1/conference/").is_err()
        );
    }

    #[test]
    fn string_keys_round_trip_through_encoding() {
        let id = crate::config::BackupFilename("a b.tar.pexbak".into());
        let u = ResourceUri::<SystemBackup>::new(&id);
        assert_eq!(
            u.as_str(),
            "/api/admin/configuration/v1/system_backup/a%20b.tar.pexbak/"
        );
        assert_eq!(u.id().unwrap(), id);
        assert_eq!(encode_segment("é/#?%x~"), "%C3%A9%2F%23%3F%25x~");
        let odd = crate::config::BackupFilename("é/#?.pexbak".into());
        let u = ResourceUri::<SystemBackup>::new(&odd);
        assert_eq!(
            u.as_str(),
            "/api/admin/configuration/v1/system_backup/%C3%A9%2F%23%3F.pexbak/"
        );
        assert_eq!(u.id().unwrap(), odd);
        assert_eq!(
            Conference::detail_path(&ConferenceId(12)),
            "/api/admin/configuration/v1/conference/12/"
        );
    }
}
