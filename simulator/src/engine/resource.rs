//! A resource definition: the one table that drives validation, filtering, ordering and the schema.

use super::behaviour::Behaviour;
use super::field::{FieldDef, Filtering};
use std::fmt;

/// An HTTP method a resource may allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn lower(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
            Method::Put => "put",
            Method::Patch => "patch",
            Method::Delete => "delete",
        }
    }
    pub fn from_http(m: &axum::http::Method) -> Option<Method> {
        match m.as_str() {
            "GET" | "HEAD" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "PUT" => Some(Method::Put),
            "PATCH" => Some(Method::Patch),
            "DELETE" => Some(Method::Delete),
            _ => None,
        }
    }
}

pub const ALL_METHODS: &[Method] = &[
    Method::Get,
    Method::Post,
    Method::Put,
    Method::Patch,
    Method::Delete,
];
pub const READ_ONLY: &[Method] = &[Method::Get];

/// How objects of a resource are identified in their URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// An integer `id` allocated by the store.
    AutoId,
    /// A string field that is the key (licence `fulfillment_id`, backup `filename`).
    Field(&'static str),
    /// Exactly one object, id 1, never created nor deleted (`global`).
    Singleton,
}

/// The key of a stored object.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(untagged)]
pub enum RowKey {
    Int(u64),
    Str(String),
}

impl fmt::Display for RowKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowKey::Int(i) => write!(f, "{i}"),
            RowKey::Str(s) => f.write_str(s),
        }
    }
}

/// A list served under one object of another resource: `<parent>/<key>/<segment>/` lists the
/// objects whose related field `via` points at that parent object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubOf {
    pub parent: &'static str,
    pub segment: &'static str,
    pub via: &'static str,
}

/// Where a resource is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mount {
    /// At `/api/admin/<api>/v1/<name>/`, and listed in the API root.
    pub top_level: bool,
    /// Also (or only) under an object of another resource.
    pub under: Option<SubOf>,
}

impl Mount {
    /// The usual case: a top-level resource.
    pub const TOP: Mount = Mount {
        top_level: true,
        under: None,
    };

    /// Only under `<parent>/<key>/<segment>/`.
    pub const fn under(parent: &'static str, segment: &'static str, via: &'static str) -> Mount {
        Mount {
            top_level: false,
            under: Some(SubOf {
                parent,
                segment,
                via,
            }),
        }
    }

    /// At the top level and under `<parent>/<key>/<segment>/`.
    pub const fn also_under(
        parent: &'static str,
        segment: &'static str,
        via: &'static str,
    ) -> Mount {
        Mount {
            top_level: true,
            under: Some(SubOf {
                parent,
                segment,
                via,
            }),
        }
    }
}

/// The definition of one resource of one API.
pub struct ResourceDef {
    pub api: &'static str,
    pub name: &'static str,
    pub key: KeyKind,
    pub fields: Vec<FieldDef>,
    pub list_methods: &'static [Method],
    pub detail_methods: &'static [Method],
    pub behaviour: &'static dyn Behaviour,
    pub mount: Mount,
}

impl ResourceDef {
    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.name == name)
    }
    /// `/api/admin/<api>/v1/<name>/`
    pub fn list_path(&self) -> String {
        format!("/api/admin/{}/v1/{}/", self.api, self.name)
    }
    pub fn schema_path(&self) -> String {
        format!("{}schema/", self.list_path())
    }
    pub fn uri(&self, key: &RowKey) -> String {
        format!("{}{}/", self.list_path(), key)
    }
    /// The store's table name, unique across APIs.
    pub fn table(&self) -> String {
        format!("{}/{}", self.api, self.name)
    }
    /// The store's table id: `(api, name)`, no allocation.
    pub fn table_id(&self) -> (&'static str, &'static str) {
        (self.api, self.name)
    }
    /// The fields the API shows (everything but hidden internal state).
    pub fn visible_fields(&self) -> impl Iterator<Item = &FieldDef> + '_ {
        self.fields.iter().filter(|f| !f.hidden)
    }
    /// The position of field `name` in the definition.
    pub fn pos(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
    /// Parses the key segment of a detail path.
    pub fn parse_key(&self, segment: &str) -> Option<RowKey> {
        match self.key {
            KeyKind::AutoId | KeyKind::Singleton => segment.parse().ok().map(RowKey::Int),
            KeyKind::Field(_) if segment.is_empty() => None,
            KeyKind::Field(_) => Some(RowKey::Str(segment.to_string())),
        }
    }
    /// Parses a resource URI of this resource into its key.
    pub fn key_from_uri(&self, uri: &str) -> Option<RowKey> {
        self.parse_key(self.key_segment(uri)?)
    }
    /// The key segment of a resource URI of this resource, without allocating (relation
    /// lookups call this once per related object).
    pub fn key_segment<'u>(&self, uri: &'u str) -> Option<&'u str> {
        let path = uri_path(uri);
        let rest = path
            .strip_prefix("/api/admin/")?
            .strip_prefix(self.api)?
            .strip_prefix("/v1/")?
            .strip_prefix(self.name)?
            .strip_prefix('/')?;
        let seg = rest.strip_suffix('/').unwrap_or(rest);
        (!seg.contains('/') && !seg.is_empty()).then_some(seg)
    }
    pub fn allows_list(&self, m: Method) -> bool {
        self.list_methods.contains(&m)
    }
    pub fn allows_detail(&self, m: Method) -> bool {
        self.detail_methods.contains(&m)
    }
    pub fn filterable(&self, name: &str) -> Option<(&FieldDef, Filtering)> {
        self.field(name)
            .filter(|f| f.filtering != Filtering::None)
            .map(|f| (f, f.filtering))
    }
}

/// Strips a scheme and host from an absolute URL, keeping the path (without query).
pub fn uri_path(uri: &str) -> &str {
    let no_scheme = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"));
    let path = match no_scheme {
        Some(rest) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => uri,
    };
    path.split('?').next().unwrap_or(path)
}

/// Renders `Allow`-style method lists: `GET,POST`.
pub fn allow_header(methods: &[Method]) -> String {
    methods
        .iter()
        .map(|m| m.lower().to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(",")
}
