//! Bulk preload of services (scale tests, benchmarks): direct inserts, no per-row scans.

use crate::engine::registry::registry;
use crate::engine::render::new_default;
use crate::engine::resource::RowKey;
use crate::engine::store::{Row, Store};
use serde_json::{json, Value};

/// Adds `n` VMRs named `Service 000001`… with one alias each, owners cycling through
/// `user<k>@example.com`, and creation times one minute apart. Deterministic.
pub fn preload_services(store: &mut Store, n: usize) {
    let (Some(conf), Some(alias)) = (
        registry().get("configuration", "conference"),
        registry().get("configuration", "conference_alias"),
    ) else {
        return;
    };
    let start = store.len(conf);
    let base = time::macros::datetime!(2025-01-01 00:00:00);
    for i in 0..n {
        let number = start + i + 1;
        let mut row = Row::new();
        for f in conf
            .fields
            .iter()
            .filter(|f| !f.is_reverse() && f.name != "resource_uri")
        {
            if let Some(v) = new_default(store, f) {
                row.insert(f.name.into(), v);
            }
        }
        let created = base + time::Duration::minutes(i64::try_from(number).unwrap_or(0));
        row.insert("name".into(), json!(format!("Service {number:06}")));
        row.insert(
            "description".into(),
            json!(format!("Preloaded service {number}")),
        );
        row.insert("tag".into(), json!(format!("team-{}", number % 50)));
        row.insert(
            "primary_owner_email_address".into(),
            json!(format!("user{}@example.com", number % 1000)),
        );
        row.insert(
            "creation_time".into(),
            Value::String(crate::engine::values::format_datetime(created)),
        );
        let Some(key) = store.allocate_key(conf, &mut row) else {
            return;
        };
        let conf_uri = conf.uri(&key);
        store.put(conf, key, row);
        let mut a = Row::new();
        a.insert("alias".into(), json!(format!("svc{number:06}@example.com")));
        a.insert("conference".into(), json!(conf_uri));
        a.insert("description".into(), json!(""));
        a.insert(
            "creation_time".into(),
            Value::String(crate::engine::values::format_datetime(created)),
        );
        if let Some(k) = store.allocate_key(alias, &mut a) {
            let k: RowKey = k;
            store.put(alias, k, a);
        }
    }
}
