//! `configuration/licence` and `configuration/licence_request`: online and offline activation,
//! returning a licence, exporting a stored request and uploading its response.

use crate::engine::behaviour::Behaviour;
use crate::engine::errors::{ApiError, FieldErrors};
use crate::engine::field::{DefaultValue as D, FieldDef as F, FieldType};
use crate::engine::registry::registry;
use crate::engine::resource::{KeyKind, Method, Mount, ResourceDef, RowKey, READ_ONLY};
use crate::engine::store::{Row, Store};
use crate::engine::values::now_string;
use crate::engine::write::{delete_object, write_object, Mode};
use rand::Rng;
use serde_json::{json, Map, Value};

pub fn licence_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "licence",
        key: KeyKind::Field("fulfillment_id"),
        list_methods: &[Method::Get, Method::Post],
        detail_methods: &[Method::Get, Method::Delete],
        behaviour: &LicenceBehaviour,
        mount: Mount::TOP,
        fields: vec![
            F::required_text("entitlement_id", 100)
                .help("The entitlement key: XXXX-XXXX-XXXX (hex) or an encoded key."),
            F::boolean("offline_mode", false).write_only().help(
                "Save this as a Stored license request for manual activation at a later date",
            ),
            F::text("fulfillment_id", 10)
                .unique()
                .readonly()
                .help("The identifier of the licence (10 digits)."),
            F::text("fulfillment_type", 100).readonly(),
            F::text("product_id", 100).readonly(),
            F::text("license_type", 100).readonly(),
            F::text("features", 1000).readonly(),
            F::integer("concurrent", D::Int(0)).readonly(),
            F::integer("concurrent_overdraft", D::Int(0)).readonly(),
            F::integer("activatable", D::Int(0)).readonly(),
            F::integer("activatable_overdraft", D::Int(0)).readonly(),
            F::integer("hybrid", D::Int(0)).readonly(),
            F::integer("hybrid_overdraft", D::Int(0)).readonly(),
            F::text("start_date", 20).readonly(),
            F::text("expiration_date", 20).readonly(),
            F::text("status", 50).readonly(),
            F::integer("trust_flags", D::Int(0)).readonly(),
            F::integer("repair", D::Int(0)).readonly(),
            F::text("server_chain", 1000).readonly(),
            F::of_type("vendor_dictionary", FieldType::Dict, D::EmptyDict).readonly(),
            F::resource_uri(),
        ],
    }
}

pub fn request_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "licence_request",
        key: KeyKind::Field("sequence_number"),
        list_methods: READ_ONLY,
        detail_methods: READ_ONLY,
        behaviour: &crate::engine::behaviour::PLAIN,
        mount: Mount::TOP,
        fields: vec![
            F::text("sequence_number", 20).unique().readonly(),
            F::text("reference", 250).readonly(),
            F::text("actions", 4096)
                .readonly()
                .help("The request document to give to the licensing server."),
            F::text("generation_time", 30).readonly(),
            F::text("status", 50).readonly(),
            F::of_type("response_xml", FieldType::String, D::Null).readonly(),
            F::text("entitlement_id", 100).write_only(),
            F::text("return_fulfillment_id", 10).write_only(),
            F::resource_uri(),
        ],
    }
}

/// `XXXX-XXXX-XXXX` with hex digits, or an encoded key such as `SrF1FPcyRjitSHOhtU_XGQ==`.
pub fn entitlement_ok(key: &str) -> bool {
    let hex = key.len() == 14
        && key.split('-').count() == 3
        && key.split('-').all(|g| {
            g.len() == 4
                && g.bytes()
                    .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
        });
    let encoded = key.len() == 24
        && key.ends_with("==")
        && key[..22]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_+/".contains(&b));
    hex || encoded
}

struct LicenceBehaviour;

impl Behaviour for LicenceBehaviour {
    fn prepare_create(&self, store: &mut Store, _def: &ResourceDef, obj: &mut Map<String, Value>) {
        let entitlement = obj
            .get("entitlement_id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        fill_licence(store, obj, &entitlement);
    }

    fn check(
        &self,
        _store: &Store,
        _key: Option<&RowKey>,
        obj: &Map<String, Value>,
        errors: &mut FieldErrors,
    ) {
        let key = obj
            .get("entitlement_id")
            .and_then(Value::as_str)
            .unwrap_or("");
        if !entitlement_ok(key) {
            errors.add(
                "entitlement_id",
                "Enter an entitlement key in the form XXXX-XXXX-XXXX or an encoded key.",
            );
        }
    }
}

/// What the licensing server would grant for an entitlement (deterministic under the seed).
fn fill_licence(store: &mut Store, obj: &mut Row, entitlement: &str) {
    let fid: u64 = store.rng.gen_range(1_000_000_000..10_000_000_000);
    let ports: i64 = [10, 20, 50, 100][store.rng.gen_range(0..4)];
    obj.insert("fulfillment_id".into(), json!(fid.to_string()));
    obj.insert("entitlement_id".into(), json!(entitlement));
    obj.insert("fulfillment_type".into(), json!("activation"));
    obj.insert("product_id".into(), json!("pexip-infinity-ports"));
    obj.insert("license_type".into(), json!("subscription"));
    obj.insert("features".into(), json!("ports,audio,system"));
    obj.insert("concurrent".into(), json!(ports));
    obj.insert("concurrent_overdraft".into(), json!(ports / 10));
    obj.insert("start_date".into(), json!("2026-01-01"));
    obj.insert("expiration_date".into(), json!("2027-01-01"));
    obj.insert("status".into(), json!("ACTIVATED"));
    obj.insert("vendor_dictionary".into(), json!({"customer": "pexsim"}));
}

/// Stores an offline request; returns its sequence number.
pub fn store_request(
    store: &mut Store,
    actions: &str,
    entitlement: &str,
    fid: &str,
) -> Result<String, ApiError> {
    let def = registry()
        .get("configuration", "licence_request")
        .ok_or(ApiError::NotFound)?;
    let seq = (store.len(def) + 1).to_string();
    let mut row = Row::new();
    row.insert("sequence_number".into(), json!(seq));
    row.insert("reference".into(), json!(format!("pexsim-request-{seq}")));
    row.insert("actions".into(), json!(actions));
    row.insert("generation_time".into(), json!(now_string()));
    row.insert("status".into(), json!("pending"));
    row.insert("response_xml".into(), Value::Null);
    row.insert("entitlement_id".into(), json!(entitlement));
    row.insert("return_fulfillment_id".into(), json!(fid));
    store.put(def, RowKey::Str(seq.clone()), row);
    Ok(def.uri(&RowKey::Str(seq.clone())))
}

/// POST `licence/`: online adds the licence (201); `offline_mode` stores a request (202).
pub fn add(
    store: &mut Store,
    body: &Map<String, Value>,
) -> Result<(RowKey, Option<String>), ApiError> {
    let def = registry()
        .get("configuration", "licence")
        .ok_or(ApiError::NotFound)?;
    let offline = match body.get("offline_mode") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => crate::engine::values::parse_bool(s).unwrap_or(false),
        _ => false,
    };
    if !offline {
        return write_object(store, def, None, body, Mode::Create).map(|k| (k, None));
    }
    let entitlement = body
        .get("entitlement_id")
        .and_then(Value::as_str)
        .unwrap_or("");
    if !entitlement_ok(entitlement) {
        return Err(ApiError::field(
            def.name,
            "entitlement_id",
            "Enter an entitlement key in the form XXXX-XXXX-XXXX or an encoded key.",
        ));
    }
    let actions =
        format!("<activationRequest><entitlement>{entitlement}</entitlement></activationRequest>");
    let uri = store_request(store, &actions, entitlement, "")?;
    Ok((RowKey::Str(String::new()), Some(uri)))
}

/// DELETE `licence/<fid>`: returns it (204), or with offline mode stores a return request (202).
pub fn return_licence(
    store: &mut Store,
    fid: &str,
    offline: bool,
) -> Result<Option<String>, ApiError> {
    let def = registry()
        .get("configuration", "licence")
        .ok_or(ApiError::NotFound)?;
    let key = RowKey::Str(fid.to_string());
    if !store.contains(def, &key) {
        return Err(ApiError::NotFound);
    }
    if !offline {
        delete_object(store, def, &key)?;
        return Ok(None);
    }
    let actions = format!("<returnRequest><fulfillment>{fid}</fulfillment></returnRequest>");
    store_request(store, &actions, "", fid).map(Some)
}

/// POST `licence_request/<seq>` with `response_xml`: completes the stored request.
pub fn complete_request(store: &mut Store, seq: &str, response: &str) -> Result<(), ApiError> {
    let (Some(req_def), Some(lic_def)) = (
        registry().get("configuration", "licence_request"),
        registry().get("configuration", "licence"),
    ) else {
        return Err(ApiError::NotFound);
    };
    let key = RowKey::Str(seq.to_string());
    let mut row = store
        .get(req_def, &key)
        .map(|r| r.to_row())
        .ok_or(ApiError::NotFound)?;
    if row.get("status").and_then(Value::as_str) == Some("completed") {
        return Err(ApiError::field(
            req_def.name,
            "response_xml",
            "This request has already been completed.",
        ));
    }
    if response.trim().is_empty() {
        return Err(ApiError::field(
            req_def.name,
            "response_xml",
            "The response document is empty.",
        ));
    }
    let text = |f: &str| row.get(f).and_then(Value::as_str).unwrap_or("").to_string();
    let (entitlement, fid) = (text("entitlement_id"), text("return_fulfillment_id"));
    if !fid.is_empty() {
        let fkey = RowKey::Str(fid);
        if store.contains(lic_def, &fkey) {
            delete_object(store, lic_def, &fkey)?;
        }
    } else {
        let mut lic = Row::new();
        fill_licence(store, &mut lic, &entitlement);
        let fkey = RowKey::Str(
            lic.get("fulfillment_id")
                .and_then(Value::as_str)
                .unwrap_or("0")
                .to_string(),
        );
        store.put(lic_def, fkey, lic);
    }
    row.insert("status".into(), json!("completed"));
    row.insert("response_xml".into(), json!(response));
    store.put(req_def, key, row);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::entitlement_ok;

    #[test]
    fn both_entitlement_formats_are_accepted() {
        assert!(entitlement_ok("AB12-34CD-EF56"));
        assert!(entitlement_ok("SrF1FPcyRjitSHOhtU_XGQ=="));
        assert!(!entitlement_ok("ab12-34cd-ef56"));
        assert!(!entitlement_ok("ABCD-EFGH-1234"));
        assert!(!entitlement_ok("nope"));
    }
}
