//! Shorthands for the read-only definitions of the status and history APIs.

use crate::engine::behaviour::{Behaviour, PLAIN};
use crate::engine::field::{DefaultValue as D, FieldDef as F, FieldType};
use crate::engine::resource::{KeyKind, Mount, ResourceDef, READ_ONLY};

/// A GET-only resource.
pub fn read_only(
    api: &'static str,
    name: &'static str,
    key: KeyKind,
    fields: Vec<F>,
) -> ResourceDef {
    ResourceDef {
        api,
        name,
        key,
        fields,
        list_methods: READ_ONLY,
        detail_methods: READ_ONLY,
        behaviour: &PLAIN,
        mount: Mount::TOP,
    }
}

/// A GET-only resource with its own behaviour or mount.
pub fn read_only_with(
    api: &'static str,
    name: &'static str,
    key: KeyKind,
    behaviour: &'static dyn Behaviour,
    mount: Mount,
    fields: Vec<F>,
) -> ResourceDef {
    ResourceDef {
        behaviour,
        mount,
        ..read_only(api, name, key, fields)
    }
}

/// A filterable, orderable string (default `""`).
pub fn text(name: &'static str) -> F {
    F::text(name, 250).query()
}

/// A string that is neither filterable nor orderable.
pub fn plain(name: &'static str) -> F {
    F::text(name, 8192)
}

/// A filterable, orderable integer (default 0).
pub fn int(name: &'static str) -> F {
    F::integer(name, D::Int(0)).query()
}

/// A nullable integer.
pub fn int_null(name: &'static str) -> F {
    F::integer(name, D::Null)
}

/// A filterable, orderable float (default 0.0).
pub fn float(name: &'static str) -> F {
    F::float(name, 0.0).query()
}

/// A filterable boolean.
pub fn flag(name: &'static str, default: bool) -> F {
    F::boolean(name, default).filter_only()
}

/// A filterable, orderable nullable datetime.
pub fn time(name: &'static str) -> F {
    F::datetime(name).query()
}

/// A list value (quality windows and buckets).
pub fn list(name: &'static str) -> F {
    F::of_type(name, FieldType::List, D::EmptyList)
}

/// Internal state kept on the object (never shown).
pub fn hidden_int(name: &'static str) -> F {
    F::integer(name, D::Int(0)).hidden()
}

/// Internal state kept on the object (never shown).
pub fn hidden_float(name: &'static str) -> F {
    F::float(name, 0.0).hidden()
}

/// Internal state kept on the object (never shown).
pub fn hidden_text(name: &'static str) -> F {
    F::text(name, 8192).hidden()
}

/// Service types as status and history report them (gateway calls included).
pub const SERVICE_TYPES: &[&str] = &[
    "conference",
    "lecture",
    "two_stage_dialing",
    "test_call",
    "media_playback",
    "gateway",
];
/// Participant roles.
pub const ROLES: &[&str] = &["chair", "guest", "unknown"];
/// Call directions.
pub const DIRECTIONS: &[&str] = &["in", "out"];
/// Call quality values.
pub const QUALITIES: &[&str] = &["0_unknown", "1_good", "2_ok", "3_bad", "4_terrible"];
/// Media stream types.
pub const STREAM_TYPES: &[&str] = &["audio", "video", "presentation"];
/// Alarm levels.
pub const ALARM_LEVELS: &[&str] = &["info", "warning", "error", "critical"];
/// Node types.
pub const NODE_TYPES: &[&str] = &["CONFERENCING", "PROXYING"];

/// The fields of a media stream with its live statistics (status participant and backplane).
pub fn live_stream_fields(owner: &'static str) -> Vec<F> {
    vec![
        hidden_text("stream_key"),
        F::to_one(owner, owner).hidden(),
        text("id"),
        F::choice("type", STREAM_TYPES, "audio").query(),
        text("node"),
        time("start_time"),
        F::text("end_time", 32).help("Empty while the stream runs."),
        int("rx_bitrate"),
        int("tx_bitrate"),
        text("rx_codec"),
        text("tx_codec"),
        float("rx_fps"),
        float("tx_fps"),
        float("rx_jitter"),
        float("tx_jitter"),
        float("rx_packet_loss"),
        float("tx_packet_loss"),
        float("rx_windowed_packet_loss"),
        float("tx_windowed_packet_loss"),
        int("rx_packets_lost"),
        int("tx_packets_lost"),
        int("rx_packets_received"),
        int("tx_packets_sent"),
        text("rx_resolution"),
        text("tx_resolution"),
        // Packets of the current 20-second window, and sub-packet remainders of the loss.
        hidden_int("w_rx_lost"),
        hidden_int("w_rx_total"),
        hidden_int("w_tx_lost"),
        hidden_int("w_tx_total"),
        hidden_float("rx_carry"),
        hidden_float("tx_carry"),
        hidden_int("nominal_kbps"),
    ]
}

/// The fields of an ended media stream (history participant and backplane).
pub fn ended_stream_fields(owner: &'static str) -> Vec<F> {
    vec![
        F::id(),
        F::to_one(owner, owner).query_related(),
        text("stream_id"),
        F::choice("stream_type", STREAM_TYPES, "audio").query(),
        text("node"),
        time("start_time"),
        time("end_time"),
        int("rx_bitrate"),
        int("tx_bitrate"),
        text("rx_codec"),
        text("tx_codec"),
        float("rx_fps"),
        float("tx_fps"),
        float("rx_packet_loss"),
        float("tx_packet_loss"),
        int("rx_packets_lost"),
        int("tx_packets_lost"),
        int("rx_packets_received"),
        int("tx_packets_sent"),
        text("rx_resolution"),
        text("tx_resolution"),
    ]
}
