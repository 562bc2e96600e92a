//! Dynamic bursting: the `cloud_node` rows of configured bursting nodes (state kept across
//! syncs; stopped until `start_cloudnode`), their loads (100 when not running), and the
//! capacity of the overflow locations and of the locations that overflow into them.

use super::nodes::{nodes, set, Capacity, Node};
use super::platform::{node_event, remove_missing, sync};
use super::rows::{row, Fields};
use super::{config, status, Live, LiveError};
use crate::engine::resource::RowKey;
use crate::engine::store::Row;
use crate::engine::values::format_datetime;
use serde_json::json;
use std::collections::HashMap;

/// The instance id of a cloud overflow node (stable for its configuration id).
fn instance_id(n: &Node) -> String {
    let id = n.id.to_string().parse::<u64>().unwrap_or(0);
    format!(
        "i-{:08x}",
        id.wrapping_mul(0x9e37_79b9).wrapping_add(0xedb1_ae65) & 0xffff_ffff
    )
}

pub(super) fn sync_cloud(live: &mut Live<'_>, all: &[Node]) -> Result<(), LiveError> {
    let cloud = status("cloud_node")?;
    let launched = format_datetime(live.now - time::Duration::days(1));
    let mut keep = Vec::new();
    for n in all.iter().filter(|n| n.cloud_bursting) {
        let key = RowKey::Str(instance_id(n));
        let old = live.store.get(cloud, &key).map(|r| r.to_row());
        let state = old
            .as_ref()
            .map_or("stopped".to_string(), |o| o.text("cloud_instance_state"));
        let launch = old
            .as_ref()
            .map_or(launched.clone(), |o| o.text("cloud_instance_launch_time"));
        let mut r = Row::new();
        for (current, deprecated) in crate::resources::status::INSTANCE_FIELDS {
            let v = match *current {
                "cloud_instance_id" => json!(key.to_string()),
                "cloud_instance_ip" => json!(n.address),
                "cloud_instance_name" => json!(n.name),
                "cloud_instance_state" => json!(state),
                _ => json!(launch),
            };
            r.insert((*current).into(), v.clone());
            r.insert((*deprecated).into(), v);
        }
        r.extend(row(json!({
            "workervm_configuration_id": n.id.to_string().parse::<i64>().unwrap_or(0),
            "workervm_configuration_name": n.name,
            "workervm_configuration_location_name": n.location,
        })));
        live.store.put(cloud, key.clone(), r);
        keep.push(key);
    }
    remove_missing(live, cloud, keep)
}

/// Cloud node loads (100 when not running) and the bursting locations' capacity.
pub fn refresh_cloud(
    live: &mut Live<'_>,
    all: &[Node],
    loads: &HashMap<String, (f64, Capacity, i64)>,
) -> Result<(), LiveError> {
    let cloud = status("cloud_node")?;
    let running: std::collections::HashSet<String> = live
        .store
        .rows(cloud)
        .filter(|(_, c)| c.text("cloud_instance_state") == "running")
        .map(|(_, c)| c.text("cloud_instance_ip"))
        .collect();
    for key in live.store.keys(cloud) {
        let (ip, running) = match live.store.get(cloud, &key) {
            Some(c) => (
                c.text("cloud_instance_ip"),
                c.text("cloud_instance_state") == "running",
            ),
            None => continue,
        };
        let (load, cap, _) = loads
            .get(&ip)
            .copied()
            .unwrap_or((100.0, Capacity::default(), 0));
        let (media_load, max_hd) = if running {
            (load.round() as i64, cap.hd)
        } else {
            (100, 0)
        };
        set(
            live.store,
            cloud,
            &key,
            &[
                ("media_load", json!(media_load)),
                ("max_hd_calls", json!(max_hd)),
            ],
        );
    }
    // Overflow locations hold bursting nodes; monitored locations overflow into them.
    let (cfg, overflow, monitored) = (
        config("system_location")?,
        status("cloud_overflow_location")?,
        status("cloud_monitored_location")?,
    );
    let summary = |name: &str, bursting: bool| {
        let (mut max, mut used_hd, mut loads_sum, mut count) = (0i64, 0i64, 0.0, 0u32);
        for n in all
            .iter()
            .filter(|n| n.location == name && n.conferencing && n.cloud_bursting == bursting)
        {
            if let Some((load, cap, used)) = loads.get(&n.address) {
                if !bursting || running.contains(&n.address) {
                    max += cap.hd;
                    used_hd += used / 6;
                }
                loads_sum += load;
                count += 1;
            }
        }
        let load = if count > 0 {
            (loads_sum / f64::from(count)).round() as i64
        } else {
            100
        };
        (max, (max - used_hd).max(0), load)
    };
    let locations: Vec<(RowKey, Row)> = live
        .store
        .rows(cfg)
        .map(|(k, l)| (k.clone(), l.to_row()))
        .collect();
    let mut overflow_keys = Vec::new();
    for (k, l) in &locations {
        let name = l.text("name");
        if all.iter().any(|n| n.location == name && n.cloud_bursting) {
            let (max, free, load) = summary(&name, true);
            let id = k.to_string().parse::<i64>().unwrap_or(0);
            live.store.put(
                overflow,
                k.clone(),
                row(json!({"id": id, "name": name, "max_hd_calls": max,
                "free_hd_calls": free, "media_load": load, "systemlocation_id": id})),
            );
            overflow_keys.push(cfg.uri(k));
        }
    }
    let mut monitored_keys = Vec::new();
    for (k, l) in &locations {
        let overflows = ["overflow_location1", "overflow_location2"]
            .iter()
            .any(|f| overflow_keys.contains(&l.text(f)));
        if overflows {
            let name = l.text("name");
            let (max, free, load) = summary(&name, false);
            let id = k.to_string().parse::<i64>().unwrap_or(0);
            live.store.put(
                monitored,
                k.clone(),
                row(json!({"id": id, "name": name, "max_hd_calls": max,
                "free_hd_calls": free, "media_load": load})),
            );
            monitored_keys.push(k.clone());
        }
    }
    let overflow_rows: Vec<RowKey> = locations
        .iter()
        .filter(|(k, _)| overflow_keys.contains(&cfg.uri(k)))
        .map(|(k, _)| k.clone())
        .collect();
    remove_missing(live, overflow, overflow_rows)?;
    remove_missing(live, monitored, monitored_keys)
}

/// Starts a stopped cloud overflow node (`start_cloudnode`). `Ok(false)`: it is not stopped.
pub fn start_cloud_node(live: &mut Live<'_>, instance_id: &str) -> Result<Option<bool>, LiveError> {
    sync(live)?;
    let cloud = status("cloud_node")?;
    let key = RowKey::Str(instance_id.to_string());
    let Some(node) = live.store.get(cloud, &key).map(|r| r.to_row()) else {
        return Ok(None);
    };
    if node.text("cloud_instance_state") != "stopped" {
        return Ok(Some(false));
    }
    let now = live.now_text();
    set(
        live.store,
        cloud,
        &key,
        &[
            ("cloud_instance_state", json!("running")),
            ("aws_instance_state", json!("running")),
            ("cloud_instance_launch_time", json!(now)),
            ("aws_instance_launch_time", json!(now)),
        ],
    );
    let all = nodes(live.store)?;
    if let Some(n) = all
        .iter()
        .find(|n| n.address == node.text("cloud_instance_ip"))
    {
        set(
            live.store,
            status("worker_vm")?,
            &n.id,
            &[("sync_status", json!("SYNCED")), ("boot_time", json!(now))],
        );
        node_event(live, n, "SYNCED", "Cloud overflow node started")?;
    }
    live.loads_changed();
    Ok(Some(true))
}
