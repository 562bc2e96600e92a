//! The `schema/` endpoint and the API root listing, rendered from the definitions.

use super::field::{DefaultValue, Filtering, Relation};
use super::registry::registry;
use super::resource::ResourceDef;
use super::values::now_string;
use serde_json::{json, Map, Value};

pub const DEFAULT_LIMIT: usize = 20;

/// `GET <resource>/schema/`.
pub fn schema(def: &ResourceDef) -> Value {
    schema_of(def, def.list_methods, def.detail_methods)
}

/// A schema with the given methods (commands: `post` on the list, nothing on a detail).
pub fn schema_of(
    def: &ResourceDef,
    list_methods: &[super::resource::Method],
    detail_methods: &[super::resource::Method],
) -> Value {
    let mut fields = Map::new();
    let mut filtering = Map::new();
    let mut ordering = Vec::new();
    for f in def.visible_fields() {
        let mut m = Map::new();
        m.insert("blank".into(), json!(f.blank));
        match f.default {
            DefaultValue::Absent => {}
            DefaultValue::Now => {
                m.insert("default".into(), json!(now_string()));
            }
            DefaultValue::Uuid => {
                m.insert("default".into(), json!(uuid::Uuid::new_v4().to_string()));
            }
            _ => {
                m.insert("default".into(), super::render::stored_default(f));
            }
        }
        m.insert("help_text".into(), json!(f.help_text));
        m.insert("nullable".into(), json!(f.nullable));
        m.insert("readonly".into(), json!(f.readonly));
        m.insert("type".into(), json!(f.ftype.as_str()));
        m.insert("unique".into(), json!(f.unique));
        if !f.choices.is_empty() {
            m.insert("valid_choices".into(), json!(f.choices));
        }
        if let Some(rel) = f.relation {
            let (kind, target) = match rel {
                Relation::ToOne(t) => ("to_one", t),
                Relation::ToMany(t) => ("to_many", t),
                Relation::Reverse { target, .. } => ("to_many", target),
            };
            m.insert("related_type".into(), json!(kind));
            if let Some(t) = registry().get(def.api, target) {
                m.insert("related_schema".into(), json!(t.schema_path()));
            }
        }
        fields.insert(f.name.into(), Value::Object(m));
        match f.filtering {
            Filtering::None => {}
            Filtering::All => {
                filtering.insert(f.name.into(), json!(1));
            }
            Filtering::AllWithRelations => {
                filtering.insert(f.name.into(), json!(2));
            }
        }
        if f.orderable {
            ordering.push(f.name);
        }
    }
    let methods = |ms: &[super::resource::Method]| ms.iter().map(|m| m.lower()).collect::<Vec<_>>();
    let mut out = json!({
        "allowed_detail_http_methods": methods(detail_methods),
        "allowed_list_http_methods": methods(list_methods),
        "default_format": "application/json",
        "default_limit": DEFAULT_LIMIT,
        "fields": fields,
    });
    if let Value::Object(o) = &mut out {
        if !filtering.is_empty() {
            o.insert("filtering".into(), Value::Object(filtering));
        }
        if !ordering.is_empty() {
            o.insert("ordering".into(), json!(ordering));
        }
    }
    out
}

/// `GET /api/admin/<api>/v1/`: `{name: {list_endpoint, schema}}` (with `fullschema`, the schemas inline).
pub fn api_root(api: &str, full: bool) -> Value {
    let mut out = Map::new();
    for def in registry().in_api(api).filter(|d| d.mount.top_level) {
        let schema_value = if full {
            schema(def)
        } else {
            json!(def.schema_path())
        };
        out.insert(
            def.name.into(),
            json!({"list_endpoint": def.list_path(), "schema": schema_value}),
        );
    }
    Value::Object(out)
}
