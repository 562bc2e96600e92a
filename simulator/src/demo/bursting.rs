//! The demo's dynamic bursting: an overflow location with cloud nodes.

use super::{create, uri};
use crate::engine::errors::ApiError;
use crate::engine::registry::registry;
use crate::engine::resource::RowKey;
use crate::engine::store::Store;
use serde_json::json;

fn when(minute: u32) -> String {
    format!("2026-01-04T08:{minute:02}:00")
}

/// Dynamic bursting: an "AWS" overflow location with two stopped cloud nodes, into which
/// London overflows.
pub(super) fn seed_bursting(store: &mut Store, locations: &[String]) -> Result<(), ApiError> {
    let k = create(
        store,
        "system_location",
        json!({"name": "AWS", "description": "Cloud overflow (dynamic bursting)"}),
        Some(&when(0)),
    )?;
    let aws = uri("system_location", &k);
    for n in 1..=2 {
        create(
            store,
            "worker_vm",
            json!({"name": format!("aws_overflow{n}"), "hostname": format!("aws-overflow{n}"), "domain": "example.com",
                   "address": format!("172.30.{}.{}", 3 + 8 * (n - 1), 6 + 77 * (n - 1)), "netmask": "255.255.240.0",
                   "gateway": "172.30.0.1", "system_location": aws, "node_type": "CONFERENCING",
                   "cloud_bursting": true, "vm_cpu_count": 8, "vm_system_memory": 16384,
                   "description": "Cloud overflow node (started on demand)"}),
            Some(&when(n)),
        )?;
    }
    if let (Some(def), Some(london)) = (
        registry().get("configuration", "system_location"),
        locations.first().and_then(|u| {
            registry()
                .get("configuration", "system_location")?
                .key_from_uri(u)
        }),
    ) {
        if let Some(mut row) = store.get(def, &london).map(|r| r.to_row()) {
            row.insert("overflow_location1".into(), json!(aws));
            store.put(def, london, row);
        }
    }
    if let Some(def) = registry().get("configuration", "global") {
        if let Some(mut row) = store.get(def, &RowKey::Int(1)).map(|r| r.to_row()) {
            row.insert("bursting_enabled".into(), json!(true));
            store.put(def, RowKey::Int(1), row);
        }
    }
    Ok(())
}
