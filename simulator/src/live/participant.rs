//! Participant transitions: join (or wait in the lobby of a locked conference), admit, mute,
//! role, presentation, packet loss, transfer, and leave into history.

use super::conference::{self, Service};
use super::events;
use super::nodes::place;
use super::rows::{row, Fields};
use super::{archive, media, status, topology, Live, LiveError};
use crate::engine::resource::RowKey;
use crate::engine::store::{Row, Store};
use serde_json::{json, Value};

/// Who joins, and how. Empty fields get sensible values.
#[derive(Debug, Clone, Default)]
pub struct Joiner {
    pub display_name: String,
    /// `chair` or `guest`.
    pub role: String,
    /// As status reports it: `WebRTC`, `SIP`, `H323`, `Teams`, `RTMP`, `MSSIP`, `GMS`.
    pub protocol: String,
    /// `in` or `out`.
    pub call_direction: String,
    /// `video`, `audio` or `video-only`.
    pub call_type: String,
    pub source_alias: String,
    pub destination_alias: String,
    pub remote_address: String,
    pub remote_port: i64,
    pub vendor: String,
    /// `On` or `Off`.
    pub encryption: String,
    /// Call rate (kbps).
    pub bandwidth: i64,
    /// A location name, or a node address (which wins).
    pub system_location: Option<String>,
    pub node: Option<String>,
    /// Came through a proxying node of the location, when there is one.
    pub via_proxy: bool,
    pub is_streaming: bool,
    /// Packet loss (%) of the call, each way.
    pub loss_rx: f64,
    pub loss_tx: f64,
    /// Joins a locked conference directly (dial-outs, transfers).
    pub bypass_lock: bool,
}

/// The status row of a participant.
pub fn get(store: &Store, id: &str) -> Result<Row, LiveError> {
    let def = status("participant")?;
    store
        .get(def, &RowKey::Str(id.to_string()))
        .map(|r| r.to_row())
        .ok_or_else(|| LiveError::UnknownParticipant(id.to_string()))
}

fn put(live: &mut Live<'_>, p: Row) -> Result<(), LiveError> {
    let key = RowKey::Str(p.text("id"));
    live.store.put(status("participant")?, key, p);
    Ok(())
}

/// The licence a connected call uses.
fn licence(call_type: &str, waiting: bool) -> (&'static str, i64) {
    match (waiting, call_type) {
        (true, _) => ("nolicense", 0),
        (false, "audio") => ("audio", 1),
        _ => ("port", 1),
    }
}

/// Joins a participant to the conference of `service` (starting it if needed). In a locked
/// conference, Guests wait in the lobby (`is_on_hold`) unless `bypass_lock`; Hosts enter.
pub fn join(live: &mut Live<'_>, service: &Service, j: Joiner) -> Result<String, LiveError> {
    let placement = place(
        live,
        j.system_location.as_deref(),
        j.node.as_deref(),
        j.via_proxy,
    )?;
    let conf_id = conference::start(live, service, &placement.media.address)?;
    let conf = conference::get(live.store, &conf_id)?;
    let id = live.uuid();
    let call_uuid = live.uuid();
    let role = if j.role == "chair" { "chair" } else { "guest" };
    let waiting = conf.flag("is_locked") && role != "chair" && !j.bypass_lock;
    let call_type = if j.call_type.is_empty() {
        "video"
    } else {
        j.call_type.as_str()
    };
    let (license_type, license_count) = licence(call_type, waiting);
    let protocol = if j.protocol.is_empty() {
        "SIP"
    } else {
        j.protocol.as_str()
    };
    let outbound = j.call_direction == "out";
    let participant_alias = if outbound {
        &j.destination_alias
    } else {
        &j.source_alias
    };
    let conf_uri = status("conference")?.uri(&RowKey::Str(conf_id.clone()));
    let mut p = row(json!({
        "id": id, "call_uuid": call_uuid, "conversation_id": call_uuid, "parent_id": "",
        "conference": conf.text("name"), "service_type": conf.text("service_type"),
        "service_tag": conf.text("tag"), "call_tag": "",
        "system_location": placement.media.location,
        "destination_alias": j.destination_alias, "source_alias": j.source_alias,
        "participant_alias": participant_alias,
        "display_name": if j.display_name.is_empty() { participant_alias.clone() } else { j.display_name.clone() },
    }));
    p.extend(row(json!({
        "role": role, "call_direction": if outbound { "out" } else { "in" },
        "protocol": protocol, "vendor": j.vendor, "connect_time": live.now_text(),
        "remote_address": j.remote_address, "remote_port": j.remote_port,
        "media_node": placement.media.address,
        "signalling_node": placement.media.address,
        "proxy_node": placement.proxy.as_ref().map(|n| n.address.clone()).unwrap_or_default(),
        "bandwidth": if call_type == "audio" { j.bandwidth.clamp(32, 64) } else { j.bandwidth.max(256) },
        "call_quality": "0_unknown", "historic_call_quality": [], "bucketed_call_quality": [0, 0, 0, 0, 0],
        "encryption": if j.encryption.is_empty() { "On" } else { j.encryption.as_str() },
        "has_media": !waiting, "license_type": license_type, "license_count": license_count,
        "is_presentation_supported": matches!(protocol, "WebRTC" | "SIP" | "H323" | "Teams"),
        "is_muted": role == "guest" && conf.flag("guests_muted"),
        "is_on_hold": waiting, "is_streaming": j.is_streaming,
        "is_idp_authenticated": false, "transcoding_enabled": true,
        "conference_ref": conf_uri, "call_type": call_type, "local_alias": service.alias,
        "window_ms": 0, "loss_rx": j.loss_rx.max(0.0), "loss_tx": j.loss_tx.max(0.0),
    })));
    let event = events::participant("participant_connected", &p, live.now, None);
    put(live, p.clone())?;
    live.emit(event);
    if !waiting {
        media::create_streams(live, &p)?;
    }
    conference::count_join(live, &conf_id)?;
    conference::refresh_started(live, &conf_id)?;
    topology::refresh(live, &conf_id)?;
    live.loads_changed();
    Ok(id)
}

/// Emits `participant_updated` for the participant as it is now.
fn updated(live: &mut Live<'_>, id: &str) -> Result<(), LiveError> {
    let p = get(live.store, id)?;
    let event = events::participant("participant_updated", &p, live.now, None);
    live.emit(event);
    Ok(())
}

/// Changes fields of a participant; `participant_updated` when something changed.
fn change(live: &mut Live<'_>, id: &str, changes: &[(&str, Value)]) -> Result<bool, LiveError> {
    let mut p = get(live.store, id)?;
    if changes.iter().all(|(f, v)| p.get(*f) == Some(v)) {
        return Ok(false);
    }
    for (f, v) in changes {
        p.insert((*f).to_string(), v.clone());
    }
    put(live, p)?;
    updated(live, id)?;
    Ok(true)
}

/// Lets a participant waiting in the lobby in. `false`: it was not waiting.
pub fn admit(live: &mut Live<'_>, id: &str) -> Result<bool, LiveError> {
    let p = get(live.store, id)?;
    if !p.flag("is_on_hold") {
        return Ok(false);
    }
    let (license_type, count) = licence(&p.text("call_type"), false);
    change(
        live,
        id,
        &[
            ("is_on_hold", json!(false)),
            ("has_media", json!(true)),
            ("license_type", json!(license_type)),
            ("license_count", json!(count)),
        ],
    )?;
    let p = get(live.store, id)?;
    media::create_streams(live, &p)?;
    let conf_id = conference_of(&p)?;
    conference::refresh_started(live, &conf_id)?;
    topology::refresh(live, &conf_id)?;
    live.loads_changed();
    Ok(true)
}

/// The status conference id of a participant row.
pub fn conference_of(p: &Row) -> Result<String, LiveError> {
    let def = status("conference")?;
    p.value("conference_ref")
        .and_then(Value::as_str)
        .and_then(|u| def.key_from_uri(u))
        .map(|k| k.to_string())
        .ok_or_else(|| {
            LiveError::Internal(format!("participant {} has no conference", p.text("id")))
        })
}

/// Mutes or unmutes a participant.
pub fn set_muted(live: &mut Live<'_>, id: &str, muted: bool) -> Result<(), LiveError> {
    change(live, id, &[("is_muted", json!(muted))]).map(drop)
}

/// Changes the role; a Guest waiting in the lobby who becomes a Host enters.
pub fn set_role(live: &mut Live<'_>, id: &str, role: &str) -> Result<(), LiveError> {
    change(live, id, &[("role", json!(role))])?;
    let p = get(live.store, id)?;
    if role == "chair" && p.flag("is_on_hold") {
        admit(live, id)?;
    }
    conference::refresh_started(live, &conference_of(&p)?)
}

/// Starts or stops presenting (a presentation stream appears or ends).
pub fn set_presenting(live: &mut Live<'_>, id: &str, on: bool) -> Result<(), LiveError> {
    let p = get(live.store, id)?;
    if p.flag("is_on_hold") || !p.flag("is_presentation_supported") {
        return Ok(());
    }
    if change(live, id, &[("is_presenting", json!(on))])? {
        media::set_presentation(live, &get(live.store, id)?, on)?;
    }
    Ok(())
}

/// Sets the packet loss (%) of a participant's media, each way, from now on.
pub fn set_loss(live: &mut Live<'_>, id: &str, rx: f64, tx: f64) -> Result<(), LiveError> {
    let mut p = get(live.store, id)?;
    p.insert("loss_rx".into(), json!(rx.clamp(0.0, 100.0)));
    p.insert("loss_tx".into(), json!(tx.clamp(0.0, 100.0)));
    put(live, p)
}

/// Disconnects a participant: it moves to history, and its conference ends if it was the last.
pub fn leave(live: &mut Live<'_>, id: &str, reason: &str) -> Result<(), LiveError> {
    let p = get(live.store, id)?;
    let conf_id = conference_of(&p)?;
    let duration = archive::participant(live, &p, reason, None)?;
    live.store
        .remove(status("participant")?, &RowKey::Str(id.to_string()));
    let event = events::participant(
        "participant_disconnected",
        &p,
        live.now,
        Some((reason, duration)),
    );
    live.emit(event);
    if !conference::end_if_empty(live, &conf_id)? {
        conference::refresh_started(live, &conf_id)?;
        topology::refresh(live, &conf_id)?;
    }
    live.loads_changed();
    Ok(())
}

/// Moves a participant to the conference of `target` with `role`, bypassing its PIN and lock.
/// The leg in the old conference goes to history ("Transferred"); the participant keeps its id.
pub fn transfer(
    live: &mut Live<'_>,
    id: &str,
    target: &Service,
    role: &str,
) -> Result<(), LiveError> {
    let p = get(live.store, id)?;
    let old_conf = conference_of(&p)?;
    let node = p.text("media_node");
    let new_conf = conference::start(live, target, &node)?;
    if new_conf == old_conf {
        return set_role(live, id, role);
    }
    let leg = live.uuid();
    archive::participant(live, &p, "Transferred", Some(leg))?;
    let conf = conference::get(live.store, &new_conf)?;
    let conf_uri = status("conference")?.uri(&RowKey::Str(new_conf.clone()));
    let mut moved = p.clone();
    for (f, v) in [
        ("conference", json!(conf.text("name"))),
        ("service_type", json!(conf.text("service_type"))),
        ("service_tag", json!(conf.text("tag"))),
        ("conference_ref", json!(conf_uri)),
        ("role", json!(role)),
        ("local_alias", json!(target.alias)),
        ("connect_time", json!(live.now_text())),
        ("is_on_hold", json!(false)),
        (
            "is_muted",
            json!(role == "guest" && conf.flag("guests_muted")),
        ),
        ("historic_call_quality", json!([])),
        ("bucketed_call_quality", json!([0, 0, 0, 0, 0])),
        ("call_quality", json!("0_unknown")),
        ("window_ms", json!(0)),
    ] {
        moved.insert(f.into(), v);
    }
    if p.text("call_direction") == "out" {
        moved.insert("source_alias".into(), json!(target.alias));
    } else {
        moved.insert("destination_alias".into(), json!(target.alias));
    }
    let (license_type, count) = licence(&p.text("call_type"), false);
    moved.insert("license_type".into(), json!(license_type));
    moved.insert("license_count".into(), json!(count));
    moved.insert("has_media".into(), json!(true));
    put(live, moved.clone())?;
    media::create_streams(live, &moved)?;
    updated(live, id)?;
    conference::count_join(live, &new_conf)?;
    for c in [&old_conf, &new_conf] {
        if !conference::end_if_empty(live, c)? {
            conference::refresh_started(live, c)?;
            topology::refresh(live, c)?;
        }
    }
    live.loads_changed();
    Ok(())
}
