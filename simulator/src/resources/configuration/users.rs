//! `end_user`, `event_sink` and `system_backup`.

use crate::engine::behaviour::{Behaviour, PLAIN};
use crate::engine::errors::FieldErrors;
use crate::engine::field::{DefaultValue as D, FieldDef as F, FieldType};
use crate::engine::resource::{KeyKind, Method, Mount, ResourceDef, RowKey, ALL_METHODS};
use crate::engine::store::Store;
use serde_json::{Map, Value};

pub fn end_user_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "end_user",
        key: KeyKind::AutoId,
        list_methods: ALL_METHODS,
        detail_methods: ALL_METHODS,
        behaviour: &EndUserBehaviour,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("primary_email_address", 100)
                .unique()
                .query(),
            F::text("first_name", 250).query(),
            F::text("last_name", 250).query(),
            F::text("display_name", 250).query(),
            F::text("telephone_number", 100).query(),
            F::text("mobile_number", 100).query(),
            F::text("title", 128).query(),
            F::text("department", 100).query(),
            F::text("avatar_url", 255).query(),
            F::text("description", 250),
            F::of_type("uuid", FieldType::String, D::Uuid).query(),
            F::text("ms_exchange_guid", 100)
                .nullable()
                .default_to(D::Null)
                .query(),
            F::text("sync_tag", 250),
            F::text("user_oid", 100)
                .nullable()
                .default_to(D::Null)
                .readonly()
                .filter_only(),
            F::text("exchange_user_id", 100)
                .nullable()
                .default_to(D::Null)
                .readonly()
                .filter_only(),
        ],
    }
}

struct EndUserBehaviour;

impl Behaviour for EndUserBehaviour {
    fn check(
        &self,
        _store: &Store,
        _key: Option<&RowKey>,
        obj: &Map<String, Value>,
        errors: &mut FieldErrors,
    ) {
        let email = obj
            .get("primary_email_address")
            .and_then(Value::as_str)
            .unwrap_or("");
        let valid = email
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.'));
        if !valid {
            errors.add("primary_email_address", "Enter a valid email address.");
        }
    }
}

pub fn event_sink_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "event_sink",
        key: KeyKind::AutoId,
        list_methods: ALL_METHODS,
        detail_methods: ALL_METHODS,
        behaviour: &EventSinkBehaviour,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("name", 250).unique().query(),
            F::text("description", 250).query(),
            F::required_text("url", 255)
                .query()
                .help("The http(s) URL events are POSTed to."),
            F::text("username", 100),
            F::text("password", 100).write_only(),
            F::boolean("bulk_support", false),
            F::boolean("verify_tls_certificate", false),
            F::integer("version", D::Int(2)).range(1, 2),
        ],
    }
}

struct EventSinkBehaviour;

impl Behaviour for EventSinkBehaviour {
    fn check(
        &self,
        _store: &Store,
        _key: Option<&RowKey>,
        obj: &Map<String, Value>,
        errors: &mut FieldErrors,
    ) {
        let url = obj.get("url").and_then(Value::as_str).unwrap_or("");
        let ok = ["http://", "https://"]
            .iter()
            .any(|p| url.strip_prefix(p).is_some_and(|rest| !rest.is_empty()));
        if !ok {
            errors.add("url", "Enter a valid http or https URL.");
        }
    }
}

pub fn backup_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "system_backup",
        key: KeyKind::Field("filename"),
        list_methods: &[Method::Get],
        detail_methods: &[Method::Get, Method::Delete],
        behaviour: &PLAIN,
        mount: Mount::TOP,
        fields: vec![
            F::text("filename", 250).unique().readonly(),
            F::of_type("date", FieldType::DateTime, D::Now).readonly(),
            F::text("build", 50).readonly(),
            F::text("version", 50).readonly(),
            F::integer("size", D::Int(0)).readonly(),
            F::text("content_base64", 100_000_000).write_only(),
            F::resource_uri(),
        ],
    }
}
