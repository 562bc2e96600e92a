//! Moving ended calls to history: participants (with their media streams, quality readings and
//! disconnect reason), conferences (duration, participant count), backplanes and alarms; and
//! the retention limit (the oldest conference instance leaves first, with its participants).

use super::quality::{buckets, overall_quality};
use super::rows::{row, Fields};
use super::{history, status, Live, LiveError};
use crate::engine::resource::RowKey;
use crate::engine::store::Row;
use crate::engine::values::parse_datetime;
use serde_json::{json, Value};
use time::PrimitiveDateTime;

/// Whole seconds from `start` (an API datetime) to `now`.
pub fn seconds_since(start: &str, now: PrimitiveDateTime) -> i64 {
    parse_datetime(start).map_or(0, |s| (now - s).whole_seconds().max(0))
}

/// Archives a live participant row (and its streams, which leave status). `history_id`
/// overrides the record's id (a transferred participant's earlier leg). Returns the duration.
pub fn participant(
    live: &mut Live<'_>,
    p: &Row,
    reason: &str,
    history_id: Option<String>,
) -> Result<i64, LiveError> {
    let (hp, hs, hc) = (
        history("participant")?,
        history("media_stream")?,
        history("conference")?,
    );
    let streams = status("media_stream")?;
    let conf_id = super::participant::conference_of(p)?;
    let id = history_id.unwrap_or_else(|| p.text("id"));
    let start = p.text("connect_time");
    let duration = seconds_since(&start, live.now);
    let readings = p.readings("historic_call_quality");
    let proxy = match p.text("proxy_node") {
        n if n.is_empty() => "None".to_string(),
        n => n,
    };
    let mut h = row(json!({
        "id": id, "conference": hc.uri(&RowKey::Str(conf_id)),
        "conference_name": p.text("conference"), "local_alias": p.text("local_alias"),
        "remote_alias": p.text("participant_alias"), "start_time": start, "end_time": live.now_text(),
        "duration": duration, "disconnect_reason": reason, "proxy_node": proxy,
        "call_quality": overall_quality(&readings), "bucketed_call_quality": buckets(&readings),
        "historic_call_quality": readings, "av_id": "", "presentation_id": "",
    }));
    for f in [
        "call_uuid",
        "conversation_id",
        "parent_id",
        "display_name",
        "role",
        "call_direction",
        "protocol",
        "service_type",
        "service_tag",
        "call_tag",
        "system_location",
        "remote_address",
        "remote_port",
        "media_node",
        "signalling_node",
        "vendor",
        "encryption",
        "has_media",
        "is_streaming",
        "bandwidth",
        "rx_bandwidth",
        "tx_bandwidth",
        "license_count",
        "license_type",
        "idp_uuid",
        "is_direct",
        "is_idp_authenticated",
        "transcoding_enabled",
    ] {
        if let Some(v) = p.get(f) {
            h.insert(f.into(), v.clone());
        }
    }
    let hkey = RowKey::Str(id);
    let h_uri = hp.uri(&hkey);
    live.store.put(hp, hkey, h);
    let pkey = RowKey::Str(p.text("id"));
    for sk in live.store.referrers(streams, "participant", &pkey) {
        let Some(s) = live.store.get(streams, &sk).map(|r| r.to_row()) else {
            continue;
        };
        let mut e = ended_stream(&s, live.now_text());
        e.insert("participant".into(), json!(h_uri));
        if let Some(k) = live.store.allocate_key(hs, &mut e) {
            live.store.put(hs, k, e);
        }
        live.store.remove(streams, &sk);
    }
    Ok(duration)
}

/// The history form of a live stream row.
pub fn ended_stream(s: &Row, end: String) -> Row {
    let mut e =
        row(json!({"stream_id": s.text("id"), "stream_type": s.text("type"), "end_time": end}));
    for f in [
        "node",
        "start_time",
        "rx_bitrate",
        "tx_bitrate",
        "rx_codec",
        "tx_codec",
        "rx_fps",
        "tx_fps",
        "rx_packet_loss",
        "tx_packet_loss",
        "rx_packets_lost",
        "tx_packets_lost",
        "rx_packets_received",
        "tx_packets_sent",
        "rx_resolution",
        "tx_resolution",
    ] {
        if let Some(v) = s.get(f) {
            e.insert(f.into(), v.clone());
        }
    }
    e
}

/// Archives an ended conference (same id as its status instance), then applies retention.
pub fn conference(live: &mut Live<'_>, c: &Row) -> Result<(), LiveError> {
    let hc = history("conference")?;
    let start = c.text("start_time");
    let h = row(json!({
        "id": c.text("id"), "name": c.text("name"), "service_type": c.text("service_type"),
        "tag": c.text("tag"), "start_time": start, "end_time": live.now_text(),
        "duration": seconds_since(&start, live.now), "participant_count": c.int("joined_count"),
        "instant_message_count": 0, "direct_media_available": c.flag("direct_media_available"),
    }));
    let key = RowKey::Str(c.text("id"));
    live.store.put(hc, key.clone(), h);
    live.state.retention.push_back(key);
    enforce_retention(live)
}

/// Archives a backplane and its streams (which leave status).
pub fn backplane(
    live: &mut Live<'_>,
    b: &Row,
    conf_id: &str,
    reason: &str,
) -> Result<(), LiveError> {
    let (hb, hbs, hc) = (
        history("backplane")?,
        history("backplane_media_stream")?,
        history("conference")?,
    );
    let streams = status("backplane_media_stream")?;
    let start = b.text("connect_time");
    let mut h = row(json!({
        "id": b.text("id"), "conference": hc.uri(&RowKey::Str(conf_id.to_string())),
        "conference_name": b.text("conference"), "start_time": start, "end_time": live.now_text(),
        "duration": seconds_since(&start, live.now), "disconnect_reason": reason,
    }));
    for f in [
        "type",
        "protocol",
        "service_tag",
        "system_location",
        "media_node",
        "proxy_node",
        "remote_conference_name",
        "remote_media_node",
        "remote_node_name",
    ] {
        if let Some(v) = b.get(f) {
            h.insert(f.into(), v.clone());
        }
    }
    let key = RowKey::Str(b.text("id"));
    let uri = hb.uri(&key);
    live.store.put(hb, key.clone(), h);
    for sk in live.store.referrers(streams, "backplane", &key) {
        let Some(s) = live.store.get(streams, &sk).map(|r| r.to_row()) else {
            continue;
        };
        let mut e = ended_stream(&s, live.now_text());
        e.insert("backplane".into(), json!(uri));
        if let Some(k) = live.store.allocate_key(hbs, &mut e) {
            live.store.put(hbs, k, e);
        }
        live.store.remove(streams, &sk);
    }
    Ok(())
}

/// Archives a cleared alarm (it leaves status).
pub fn alarm(live: &mut Live<'_>, key: &RowKey) -> Result<bool, LiveError> {
    let (sa, ha) = (status("alarm")?, history("alarm")?);
    let Some(a) = live.store.get(sa, key).map(|r| r.to_row()) else {
        return Ok(false);
    };
    let mut h = row(json!({"time_lowered": live.now_text()}));
    for f in [
        "identifier",
        "name",
        "level",
        "details",
        "instance",
        "node",
        "time_raised",
    ] {
        if let Some(v) = a.get(f) {
            let v = match (f, v) {
                ("details", Value::String(d)) => json!(d.chars().take(250).collect::<String>()),
                _ => v.clone(),
            };
            h.insert(f.into(), v);
        }
    }
    if let Some(k) = live.store.allocate_key(ha, &mut h) {
        live.store.put(ha, k, h);
    }
    live.store.remove(sa, key);
    Ok(true)
}

/// Keeps at most `history_cap` conference instances: the oldest leave first, with their
/// participants and media streams (and backplanes).
pub fn enforce_retention(live: &mut Live<'_>) -> Result<(), LiveError> {
    let (hc, hb) = (history("conference")?, history("backplane")?);
    while live.store.len(hc) > live.state.history_cap {
        if live.state.retention.is_empty() {
            rebuild_order(live)?;
        }
        let Some(oldest) = live.state.retention.pop_front() else {
            break;
        };
        if !live.store.contains(hc, &oldest) {
            continue;
        }
        for b in live.store.referrers(hb, "conference", &oldest) {
            remove_backplane(live, &b)?;
        }
        crate::resources::history::delete_conference(live.store, &oldest);
    }
    Ok(())
}

fn remove_backplane(live: &mut Live<'_>, key: &RowKey) -> Result<(), LiveError> {
    let (hb, hbs) = (history("backplane")?, history("backplane_media_stream")?);
    for s in live.store.referrers(hbs, "backplane", key) {
        live.store.remove(hbs, &s);
    }
    live.store.remove(hb, key);
    Ok(())
}

/// The retention order from the stored instances (by end time), when it is not known.
pub fn rebuild_order(live: &mut Live<'_>) -> Result<(), LiveError> {
    let hc = history("conference")?;
    let mut all: Vec<(String, RowKey)> = live
        .store
        .rows(hc)
        .map(|(k, c)| (c.text("end_time"), k.clone()))
        .collect();
    all.sort();
    live.state.retention = all.into_iter().map(|(_, k)| k).collect();
    Ok(())
}
