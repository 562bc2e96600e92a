//! Conferencing Nodes as the live node sees them: which nodes exist (from the configuration),
//! their capacity, how calls are placed on them, and the loads and licence use that follow.

use super::rows::{row, Fields};
use super::{config, status, Live, LiveError};
use crate::engine::resource::RowKey;
use crate::engine::store::{Row, Store};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::Ipv4Addr;

/// Media tokens of one call, by kind (an HD call costs 6).
const TOKENS_AUDIO: i64 = 1;
const TOKENS_SD: i64 = 3;
const TOKENS_HD: i64 = 6;
const TOKENS_FULL_HD: i64 = 12;

/// A configured Conferencing Node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: RowKey,
    pub name: String,
    pub address: String,
    pub conferencing: bool,
    pub cloud_bursting: bool,
    pub maintenance: bool,
    pub location: String,
    pub location_key: Option<RowKey>,
    pub cpu_count: i64,
    pub memory_mb: i64,
}

/// What a node can carry, from its CPU count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capacity {
    pub audio: i64,
    pub sd: i64,
    pub hd: i64,
    pub full_hd: i64,
    pub tokens: i64,
}

impl Node {
    /// Its capacity (none for a proxying node).
    pub fn capacity(&self) -> Capacity {
        if !self.conferencing {
            return Capacity::default();
        }
        let hd = self.cpu_count * 4;
        Capacity {
            audio: self.cpu_count * 40,
            sd: self.cpu_count * 8,
            hd,
            full_hd: self.cpu_count * 2,
            tokens: hd * TOKENS_HD,
        }
    }
}

/// The media tokens a participant uses (none while it waits in the lobby).
pub fn tokens(p: &impl Fields) -> i64 {
    if p.flag("is_on_hold") {
        return 0;
    }
    match (p.text("call_type").as_str(), p.int("bandwidth")) {
        ("audio", _) => TOKENS_AUDIO,
        (_, b) if b >= 1800 => TOKENS_FULL_HD,
        (_, b) if b >= 1000 => TOKENS_HD,
        _ => TOKENS_SD,
    }
}

/// Every configured node, in id order.
pub fn nodes(store: &Store) -> Result<Vec<Node>, LiveError> {
    let (workers, locations) = (config("worker_vm")?, config("system_location")?);
    Ok(store
        .rows(workers)
        .map(|(k, w)| {
            let location_key = w
                .value("system_location")
                .and_then(Value::as_str)
                .and_then(|u| locations.key_from_uri(u));
            let location = location_key
                .as_ref()
                .and_then(|lk| store.get(locations, lk))
                .map(|l| l.text("name"))
                .unwrap_or_default();
            Node {
                id: k.clone(),
                name: w.text("name"),
                address: w.text("address"),
                conferencing: w.text("node_type") != "PROXYING",
                cloud_bursting: w.flag("cloud_bursting"),
                maintenance: w.flag("maintenance_mode"),
                location,
                location_key,
                cpu_count: w.int("vm_cpu_count").max(2),
                memory_mb: w.int("vm_system_memory").max(2000),
            }
        })
        .collect())
}

/// The addresses of the cloud overflow nodes that are running.
fn running_cloud_nodes(store: &Store) -> Result<std::collections::HashSet<String>, LiveError> {
    let def = status("cloud_node")?;
    Ok(store
        .rows(def)
        .filter(|(_, c)| c.str("cloud_instance_state") == "running")
        .map(|(_, c)| c.text("cloud_instance_ip"))
        .collect())
}

/// Whether a cloud overflow node is running (its status row says so).
pub fn cloud_running(store: &Store, node: &Node) -> bool {
    let Ok(def) = status("cloud_node") else {
        return false;
    };
    store.rows(def).any(|(_, c)| {
        c.text("cloud_instance_ip") == node.address && c.text("cloud_instance_state") == "running"
    })
}

/// Nodes that can take media now.
fn usable(store: &Store, n: &Node) -> bool {
    n.conferencing && !n.maintenance && (!n.cloud_bursting || cloud_running(store, n))
}

/// Where a call goes: its media node, and the proxying node it came through (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub media: Node,
    pub proxy: Option<Node>,
}

/// Places a call. `address` (an IPv4 address of a configured node) wins over `location` (a
/// location name: a random usable node there); with neither, a random usable node of the first
/// location that has one.
pub fn place(
    live: &mut Live<'_>,
    location: Option<&str>,
    address: Option<&str>,
    via_proxy: bool,
) -> Result<Placement, LiveError> {
    use rand::seq::SliceRandom;
    let all = nodes(live.store)?;
    if let Some(addr) = address.filter(|a| !a.is_empty()) {
        if addr.parse::<Ipv4Addr>().is_err() {
            return Err(LiveError::field("node", "Enter a valid IPv4 address."));
        }
        let node = all.iter().find(|n| n.address == addr).ok_or_else(|| {
            LiveError::field(
                "node",
                format!("No Conferencing Node has the address {addr}."),
            )
        })?;
        if node.conferencing {
            return Ok(Placement {
                media: node.clone(),
                proxy: None,
            });
        }
        // A proxying node takes the signalling; media goes to a node of its location.
        let media = pick(live, &all, Some(&node.location))
            .or_else(|| pick(live, &all, None))
            .ok_or_else(|| {
                LiveError::Failed("No Conferencing Node is available for media.".into())
            })?;
        return Ok(Placement {
            media,
            proxy: Some(node.clone()),
        });
    }
    if let Some(loc) = location.filter(|l| !l.is_empty()) {
        if !all.iter().any(|n| n.location == loc) && !location_exists(live.store, loc)? {
            return Err(LiveError::field(
                "system_location",
                format!("No system location is named '{loc}'."),
            ));
        }
    }
    // Without a location, calls go to the first location (by node id) with a usable node.
    let home = all
        .iter()
        .find(|n| usable(live.store, n))
        .map(|n| n.location.clone());
    let wanted = location
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .or(home);
    let media = pick(live, &all, wanted.as_deref())
        .or_else(|| pick(live, &all, None))
        .ok_or_else(|| LiveError::Failed("No Conferencing Node is available.".into()))?;
    let proxies: Vec<&Node> = all
        .iter()
        .filter(|n| !n.conferencing && n.location == media.location && !n.maintenance)
        .collect();
    let proxy = match via_proxy {
        true => proxies.choose(&mut live.state.rng).map(|n| (*n).clone()),
        false => None,
    };
    Ok(Placement { media, proxy })
}

fn location_exists(store: &Store, name: &str) -> Result<bool, LiveError> {
    let def = config("system_location")?;
    Ok(store.rows(def).any(|(_, l)| l.text("name") == name))
}

fn pick(live: &mut Live<'_>, all: &[Node], location: Option<&str>) -> Option<Node> {
    use rand::seq::SliceRandom;
    let candidates: Vec<&Node> = all
        .iter()
        .filter(|n| usable(live.store, n) && location.is_none_or(|l| n.location == l))
        .collect();
    candidates.choose(&mut live.state.rng).map(|n| (*n).clone())
}

/// Live use of one node.
#[derive(Default)]
struct Use {
    tokens: i64,
    signalling: i64,
}

/// Recomputes node and location loads, cloud loads and licence use from the live calls.
/// Rows are only written when a value changed.
pub fn refresh_loads(live: &mut Live<'_>) -> Result<(), LiveError> {
    let participants = status("participant")?;
    let mut by_node: HashMap<String, Use> = HashMap::new();
    let mut licences: HashMap<&'static str, i64> = HashMap::new();
    // Field positions, resolved once: this runs after every join and leave.
    let pos = |name: &str| participants.pos(name);
    let (media, signalling, kind, count, protocol) = (
        pos("media_node"),
        pos("signalling_node"),
        pos("license_type"),
        pos("license_count"),
        pos("protocol"),
    );
    let text = |r: &crate::engine::store::RowRef<'_>, p: Option<usize>| -> String {
        p.and_then(|p| r.at(p))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    for (_, p) in live.store.rows(participants) {
        by_node.entry(text(&p, media)).or_default().tokens += tokens(&p);
        by_node.entry(text(&p, signalling)).or_default().signalling += 1;
        let n = count
            .and_then(|c| p.at(c))
            .and_then(Value::as_i64)
            .unwrap_or(0);
        match text(&p, kind).as_str() {
            "port" => *licences.entry("port_count").or_default() += n,
            "audio" => *licences.entry("audio_count").or_default() += n,
            _ => {}
        }
        match text(&p, protocol).as_str() {
            "Teams" => *licences.entry("teams_count").or_default() += 1,
            "GMS" => *licences.entry("ghm_count").or_default() += 1,
            _ => {}
        }
    }
    let conferences = status("conference")?;
    let vmrs = live
        .store
        .rows(conferences)
        .filter(|(_, c)| c.text("service_type") == "conference")
        .count();
    licences.insert("vmr_count", i64::try_from(vmrs).unwrap_or(i64::MAX));
    let all = nodes(live.store)?;
    let running = running_cloud_nodes(live.store)?;
    let workers = status("worker_vm")?;
    let mut loads: HashMap<String, (f64, Capacity, i64)> = HashMap::new();
    for node in &all {
        let used = by_node.get(&node.address);
        let cap = node.capacity();
        let tokens_used = used.map_or(0, |u| u.tokens);
        let stopped = node.cloud_bursting && !running.contains(&node.address);
        let load = if stopped {
            100.0
        } else if cap.tokens > 0 {
            (1000.0 * tokens_used as f64 / cap.tokens as f64)
                .round()
                .min(1000.0)
                / 10.0
        } else {
            0.0
        };
        loads.insert(node.address.clone(), (load, cap, tokens_used));
        let signalling = used.map_or(0, |u| u.signalling);
        set(
            live.store,
            workers,
            &node.id,
            &[
                ("media_tokens_used", json!(tokens_used)),
                ("media_load", json!(load)),
                ("signaling_count", json!(signalling)),
            ],
        );
    }
    refresh_locations(live, &all, &loads)?;
    super::cloud::refresh_cloud(live, &all, &loads)?;
    let licensing = status("licensing")?;
    let counts: Vec<(&str, Value)> = super::platform::LICENCE_COUNTS
        .iter()
        .map(|k| (*k, json!(licences.get(k).copied().unwrap_or(0))))
        .collect();
    set(live.store, licensing, &RowKey::Int(1), &counts);
    Ok(())
}

fn refresh_locations(
    live: &mut Live<'_>,
    all: &[Node],
    loads: &HashMap<String, (f64, Capacity, i64)>,
) -> Result<(), LiveError> {
    let locations = status("system_location")?;
    for key in live.store.keys(locations) {
        let name = live
            .store
            .get(locations, &key)
            .map(|l| l.text("name"))
            .unwrap_or_default();
        let mut cap = Capacity::default();
        let (mut used, mut load_sum, mut count) = (0, 0.0, 0);
        for n in all.iter().filter(|n| n.location == name && n.conferencing) {
            if let Some((load, c, u)) = loads.get(&n.address) {
                cap.audio += c.audio;
                cap.sd += c.sd;
                cap.hd += c.hd;
                cap.full_hd += c.full_hd;
                cap.tokens += c.tokens;
                used += u;
                load_sum += load;
                count += 1;
            }
        }
        let load = if count > 0 {
            (10.0 * load_sum / f64::from(count)).round() / 10.0
        } else {
            0.0
        };
        set(
            live.store,
            locations,
            &key,
            &[
                ("max_audio_calls", json!(cap.audio)),
                ("max_sd_calls", json!(cap.sd)),
                ("max_hd_calls", json!(cap.hd)),
                ("max_full_hd_calls", json!(cap.full_hd)),
                ("max_media_tokens", json!(cap.tokens)),
                ("media_tokens_used", json!(used)),
                ("media_load", json!(load)),
            ],
        );
    }
    Ok(())
}

/// Sets some fields of an existing row, writing only when something changed.
pub fn set(
    store: &mut Store,
    def: &crate::engine::resource::ResourceDef,
    key: &RowKey,
    values: &[(&str, Value)],
) {
    let Some(current) = store.get(def, key) else {
        return;
    };
    if values.iter().all(|(f, v)| current.get(f) == Some(v)) {
        return;
    }
    let mut r: Row = current.to_row();
    for (f, v) in values {
        r.insert((*f).to_string(), v.clone());
    }
    store.put(def, key.clone(), r);
}

/// The capacity fields of a status node or location row.
pub fn capacity_fields(cap: Capacity) -> Row {
    row(json!({
        "max_audio_calls": cap.audio,
        "max_sd_calls": cap.sd,
        "max_hd_calls": cap.hd,
        "max_full_hd_calls": cap.full_hd,
        "max_media_tokens": cap.tokens,
    }))
}
