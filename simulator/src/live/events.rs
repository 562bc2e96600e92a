//! The events the live node emits, in the shape of Pexip's event sinks: the dispatcher adds
//! `seq` and `version` per sink. Conference events carry the conference's state; participant
//! events the participant's (and, on disconnect, its reason and duration).

use super::clock::unix_seconds;
use super::rows::Fields;
use crate::engine::store::Row;
use crate::engine::values::parse_datetime;
use serde_json::{json, Value};
use time::PrimitiveDateTime;

/// One event, before it is addressed to a sink.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// `conference_started`, `participant_connected`, …
    pub name: &'static str,
    /// The originating Conferencing Node's address.
    pub node: String,
    /// When it happened (Unix seconds).
    pub time: f64,
    /// Event-specific fields.
    pub data: Value,
}

fn unix(text: &str) -> Value {
    parse_datetime(text).map_or(Value::Null, |t| json!(unix_seconds(t)))
}

/// `conference_started`, `conference_updated` or `conference_ended` for a status conference row.
pub fn conference(name: &'static str, conf: &Row, node: &str, now: PrimitiveDateTime) -> Event {
    let mut data = json!({
        "conference_id": conf.text("id"),
        "name": conf.text("name"),
        "service_type": conf.text("service_type"),
        "tag": conf.text("tag"),
        "is_locked": conf.flag("is_locked"),
        "is_started": conf.flag("is_started"),
        "guests_muted": conf.flag("guests_muted"),
        "start_time": unix(&conf.text("start_time")),
    });
    if name == "conference_ended" {
        data["end_time"] = json!(unix_seconds(now));
    }
    Event {
        name,
        node: node.to_string(),
        time: unix_seconds(now),
        data,
    }
}

/// `participant_connected`, `participant_updated` or `participant_disconnected` for a status
/// participant row. `ended` is the disconnect reason and duration (seconds).
pub fn participant(
    name: &'static str,
    p: &Row,
    now: PrimitiveDateTime,
    ended: Option<(&str, i64)>,
) -> Event {
    let mut data = json!({
        "uuid": p.text("id"),
        "call_id": p.text("call_uuid"),
        "conversation_id": p.text("conversation_id"),
        "conference": p.text("conference"),
        "service_type": p.text("service_type"),
        "service_tag": p.text("service_tag"),
        "display_name": p.text("display_name"),
        "destination_alias": p.text("destination_alias"),
        "source_alias": p.text("source_alias"),
        "remote_address": p.text("remote_address"),
        "protocol": p.text("protocol"),
        "role": p.text("role"),
        "call_direction": p.text("call_direction"),
        "connect_time": unix(&p.text("connect_time")),
        "is_muted": p.flag("is_muted"),
        "is_on_hold": p.flag("is_on_hold"),
        "is_presenting": p.flag("is_presenting"),
        "is_streaming": p.flag("is_streaming"),
        "has_media": p.flag("has_media"),
        "media_node": p.text("media_node"),
        "signalling_node": p.text("signalling_node"),
        "system_location": p.text("system_location"),
        "vendor": p.text("vendor"),
        "encryption": p.text("encryption"),
        "bandwidth": p.int("bandwidth"),
        "call_quality": p.text("call_quality"),
    });
    if let Some((reason, duration)) = ended {
        data["disconnect_reason"] = json!(reason);
        data["duration"] = json!(duration);
    }
    Event {
        name,
        node: p.text("media_node"),
        time: unix_seconds(now),
        data,
    }
}
