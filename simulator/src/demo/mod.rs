//! Seed data: the base objects every node has, the `--demo` organisation, and bulk preloads.
//! Everything is deterministic under the seed.

mod bursting;
mod organisation;
mod preload;

pub use organisation::seed_demo;
pub use preload::preload_services;

use crate::engine::errors::ApiError;
use crate::engine::registry::registry;
use crate::engine::resource::RowKey;
use crate::engine::store::Store;
use crate::engine::write::{write_object, Mode};
use serde_json::{json, Map, Value};

/// Creates one object through the engine (validated like an API write) and fixes its
/// `creation_time` so that seeded data is deterministic.
pub(crate) fn create(
    store: &mut Store,
    resource: &str,
    fields: Value,
    created: Option<&str>,
) -> Result<RowKey, ApiError> {
    let def = registry()
        .get("configuration", resource)
        .ok_or(ApiError::NotFound)?;
    let body: Map<String, Value> = fields.as_object().cloned().unwrap_or_default();
    let key = write_object(store, def, None, &body, Mode::Create)?;
    if let Some(t) = created {
        if let Some(mut row) = store.get(def, &key).map(|r| r.to_row()) {
            for f in ["creation_time", "last_updated", "date"] {
                if row.contains_key(f) {
                    row.insert(f.into(), json!(t));
                }
            }
            store.put(def, key.clone(), row);
        }
        if let Some(alias) = registry()
            .get("configuration", "conference_alias")
            .filter(|_| resource == "conference")
        {
            for k in store.referrers(alias, "conference", &key) {
                if let Some(mut row) = store.get(alias, &k).map(|r| r.to_row()) {
                    row.insert("creation_time".into(), json!(t));
                    store.put(alias, k, row);
                }
            }
        }
    }
    Ok(key)
}

/// The URI of a configuration object.
pub(crate) fn uri(resource: &str, key: &RowKey) -> String {
    registry()
        .get("configuration", resource)
        .map(|d| d.uri(key))
        .unwrap_or_default()
}

/// What every node has: the `global` singleton and the Management Node.
pub fn seed_base(store: &mut Store) {
    let result = (|| -> Result<(), ApiError> {
        create(store, "global", json!({}), Some("2026-01-01T00:00:00"))?;
        create(
            store,
            "management_vm",
            json!({"name": "mgr", "hostname": "mgr", "domain": "example.com", "address": "10.0.0.10",
                   "netmask": "255.255.255.0", "gateway": "10.0.0.1"}),
            Some("2026-01-01T00:00:00"),
        )?;
        Ok(())
    })();
    if let Err(e) = result {
        tracing::error!(error = %e, "seeding the base objects failed");
    }
}
