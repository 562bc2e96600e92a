//! The status tables derived from the configuration: `worker_vm`, `system_location`,
//! `management_vm`, `licensing` (totals), and through [`super::cloud`] `cloud_node`,
//! `cloud_monitored_location` and `cloud_overflow_location`. [`sync`] rebuilds them when a configuration table they depend on
//! changed (cheap otherwise); dynamic values (loads, state of cloud nodes) are kept.

use super::nodes::{capacity_fields, nodes, refresh_loads, Node};
use super::rows::{row, Fields};
use super::{config, history, status, Live, LiveError};
use crate::engine::resource::RowKey;
use crate::engine::values::format_datetime;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The software version every node reports.
pub const VERSION: &str = "32 (76214.0.0)";

/// The `licensing` counts that follow live calls.
pub const LICENCE_COUNTS: &[&str] = &[
    "audio_count",
    "port_count",
    "system_count",
    "vmr_count",
    "teams_count",
    "ghm_count",
    "otj_count",
    "scheduling_count",
    "telehealth_count",
];

/// Rebuilds the derived tables if the configuration changed since the last sync.
pub fn sync(live: &mut Live<'_>) -> Result<(), LiveError> {
    let mut revisions = Vec::new();
    for name in ["worker_vm", "system_location", "management_vm", "licence"] {
        revisions.push(live.store.table_revision(config(name)?));
    }
    if revisions == live.state.synced {
        return Ok(());
    }
    let all = nodes(live.store)?;
    super::cloud::sync_cloud(live, &all)?;
    sync_workers(live, &all)?;
    sync_locations(live, &all)?;
    sync_management(live)?;
    sync_licence_totals(live)?;
    live.state.synced = revisions;
    refresh_loads(live)
}

fn sync_workers(live: &mut Live<'_>, all: &[Node]) -> Result<(), LiveError> {
    let workers = status("worker_vm")?;
    let now = live.now_text();
    let booted = format_datetime(live.now - time::Duration::days(3));
    for n in all {
        let existing = live.store.get(workers, &n.id).map(|r| r.to_row());
        if let Some(old) = &existing {
            if old.flag("maintenance_mode") != n.maintenance {
                let what = if n.maintenance {
                    "Maintenance mode enabled"
                } else {
                    "Maintenance mode disabled"
                };
                node_event(live, n, "SYNCED", what)?;
            }
        }
        let cap = n.capacity();
        let reachable = !n.cloud_bursting || super::nodes::cloud_running(live.store, n);
        let mut r = existing.clone().unwrap_or_default();
        let fresh = row(json!({
            "id": n.id.to_string().parse::<i64>().unwrap_or(0),
            "configuration_id": n.id.to_string().parse::<i64>().unwrap_or(0),
            "name": n.name, "node_type": if n.conferencing { "CONFERENCING" } else { "PROXYING" },
            "system_location": n.location, "version": VERSION,
            "deploy_status": "deploy_succeeded",
            "sync_status": if reachable { "SYNCED" } else { "UNREACHABLE" },
            "upgrade_status": "IDLE",
            "maintenance_mode": n.maintenance,
            "cpu_count": n.cpu_count, "cpu_model": "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz",
            "cpu_capabilities": "AVX512", "hypervisor": "VMware ESXi",
            "total_ram": n.memory_mb * 1024,
            "max_direct_participants": if n.conferencing { cap.hd * 2 } else { 0 },
            "last_updated": now, "last_attempted_contact": now, "address": n.address,
        }));
        r.extend(fresh);
        r.extend(capacity_fields(cap));
        r.entry("boot_time").or_insert_with(|| json!(booted));
        r.entry("media_load").or_insert(json!(0.0));
        live.store.put(workers, n.id.clone(), r);
    }
    remove_missing(live, workers, all.iter().map(|n| n.id.clone()).collect())
}

pub(super) fn remove_missing(
    live: &mut Live<'_>,
    def: &crate::engine::resource::ResourceDef,
    keep: Vec<RowKey>,
) -> Result<(), LiveError> {
    for k in live.store.keys(def) {
        if !keep.contains(&k) {
            live.store.remove(def, &k);
        }
    }
    Ok(())
}

/// Records a Conferencing Node event in history.
pub(super) fn node_event(
    live: &mut Live<'_>,
    n: &Node,
    status_text: &str,
    details: &str,
) -> Result<(), LiveError> {
    let def = history("workervm_status_event")?;
    let mut r = row(
        json!({"name": n.name, "node": n.address, "system_location": n.location,
                           "status": status_text, "details": details, "time": live.now_text()}),
    );
    if let Some(key) = live.store.allocate_key(def, &mut r) {
        live.store.put(def, key, r);
    }
    Ok(())
}

fn sync_locations(live: &mut Live<'_>, all: &[Node]) -> Result<(), LiveError> {
    let (cfg, locations) = (config("system_location")?, status("system_location")?);
    let mut keep = Vec::new();
    for (k, l) in live
        .store
        .rows(cfg)
        .map(|(k, l)| (k.clone(), l.text("name")))
        .collect::<Vec<_>>()
    {
        let mut max_conn: Vec<String> = Vec::new();
        for (kind, conferencing) in [("CONFERENCING", true), ("PROXYING", false)] {
            let n: i64 = all
                .iter()
                .filter(|n| n.location == l && n.conferencing == conferencing)
                .map(|n| n.cpu_count * 40)
                .sum();
            if n > 0 {
                max_conn.push(format!("{kind}:{n}"));
            }
        }
        let mut r = live
            .store
            .get(locations, &k)
            .map(|r| r.to_row())
            .unwrap_or_default();
        r.extend(row(
            json!({"id": k.to_string().parse::<i64>().unwrap_or(0), "name": l,
                            "max_connections": max_conn.join(",")}),
        ));
        r.entry("media_load").or_insert(json!(0.0));
        live.store.put(locations, k.clone(), r);
        keep.push(k);
    }
    remove_missing(live, locations, keep)
}

fn sync_management(live: &mut Live<'_>) -> Result<(), LiveError> {
    let (cfg, mgmt) = (config("management_vm")?, status("management_vm")?);
    let now = live.now_text();
    let mut keep = Vec::new();
    for (k, m) in live
        .store
        .rows(cfg)
        .map(|(k, m)| (k.clone(), m.to_row()))
        .collect::<Vec<_>>()
    {
        let id = k.to_string().parse::<i64>().unwrap_or(0);
        let r = row(
            json!({"id": id, "configuration_id": id, "name": m.text("name"),
                           "primary": m.value("primary").and_then(Value::as_bool).unwrap_or(true),
                           "version": VERSION, "sync_status": "SYNCED", "upgrade_status": "IDLE",
                           "last_updated": now, "last_attempted_contact": now}),
        );
        live.store.put(mgmt, k.clone(), r);
        keep.push(k);
    }
    remove_missing(live, mgmt, keep)
}

fn sync_licence_totals(live: &mut Live<'_>) -> Result<(), LiveError> {
    let (cfg, licensing) = (config("licence")?, status("licensing")?);
    let mut totals: HashMap<&str, i64> = HashMap::new();
    for (_, l) in live.store.rows(cfg) {
        if l.text("status") != "ACTIVATED" {
            continue;
        }
        let n = l.int("concurrent");
        let features = l.text("features");
        for (feature, total) in [
            ("ports", "port_total"),
            ("audio", "audio_total"),
            ("system", "system_total"),
        ] {
            if features.split(',').any(|f| f.trim() == feature) {
                *totals.entry(total).or_default() += n;
            }
        }
    }
    // pexsim: VMR licences come with port licences.
    let ports = totals.get("port_total").copied().unwrap_or(0);
    totals.insert("vmr_total", ports);
    let mut r = live
        .store
        .get(licensing, &RowKey::Int(1))
        .map(|r| r.to_row())
        .unwrap_or_default();
    r.insert("id".into(), json!(1));
    for (_, total) in crate::resources::status::LICENCE_FIELDS {
        r.insert(
            (*total).into(),
            json!(totals.get(total).copied().unwrap_or(0)),
        );
    }
    live.store.put(licensing, RowKey::Int(1), r);
    Ok(())
}
