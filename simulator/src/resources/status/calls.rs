//! Live calls: `conference`, `conference_shard`, `participant` and its `media_stream/`,
//! `backplane` and its `media_stream/`.

use crate::engine::field::{DefaultValue as D, FieldDef as F};
use crate::engine::resource::{KeyKind, Mount, ResourceDef};
use crate::resources::readonly::*;

const API: &str = "status";

/// `status/v1/conference/`: conferences in progress.
pub fn conference_def() -> ResourceDef {
    read_only(
        API,
        "conference",
        KeyKind::Field("id"),
        vec![
            F::string_id().help("The conference instance id (a UUID)."),
            text("name").help("The service name."),
            F::choice("service_type", SERVICE_TYPES, "conference").query(),
            flag("is_locked", false),
            flag("is_started", false).help("A Host has joined."),
            flag("guests_muted", false),
            time("start_time"),
            text("tag"),
            flag("direct_media_available", false),
            text("layout").help("pexsim: the layout last set by transform_layout (e.g. 4:0)."),
            text("host_layout").help("pexsim: the Host layout last set by transform_layout."),
            text("guest_layout").help("pexsim: the Guest layout last set by transform_layout."),
            flag("enable_overlay_text", false)
                .help("pexsim: overlay text, from the service or transform_layout."),
            F::resource_uri(),
            F::integer("service_id", D::Null).hidden(),
            hidden_int("joined_count"),
            hidden_text("home_node"),
            hidden_text("alias"),
        ],
    )
}

/// `status/v1/conference_shard/`: a conference on one Conferencing Node.
pub fn shard_def() -> ResourceDef {
    read_only(
        API,
        "conference_shard",
        KeyKind::Field("id"),
        vec![
            F::string_id(),
            text("conference").help("The service name."),
            text("node").help("The Conferencing Node hosting this part of the conference."),
            text("system_location"),
            F::choice("service_type", SERVICE_TYPES, "conference").query(),
            text("tag"),
            time("start_time"),
            flag("is_locked", false),
            flag("is_started", false),
            flag("guests_muted", false),
            int("participant_count"),
            F::resource_uri(),
            F::to_one("conference_ref", "conference").hidden(),
        ],
    )
}

/// `status/v1/participant/`: participants in progress.
pub fn participant_def() -> ResourceDef {
    read_only(
        API,
        "participant",
        KeyKind::Field("id"),
        vec![
            F::string_id().help("The participant id (a UUID)."),
            text("call_uuid"),
            text("conversation_id"),
            text("parent_id"),
            text("conference").help("The service name: ?conference=VMR_1."),
            F::choice("service_type", SERVICE_TYPES, "conference").query(),
            text("service_tag"),
            text("call_tag"),
            text("system_location"),
            text("destination_alias"),
            text("source_alias"),
            text("participant_alias"),
            text("display_name"),
            F::choice("role", ROLES, "unknown").query(),
            F::choice("call_direction", DIRECTIONS, "in").query(),
            F::text("protocol", 50)
                .default_to(D::Str("SIP"))
                .query()
                .help("WebRTC, SIP, H323, MSSIP, RTMP, Teams, GMS, API."),
            text("vendor"),
            time("connect_time"),
            text("remote_address"),
            int("remote_port"),
            text("media_node"),
            text("signalling_node"),
            text("proxy_node"),
            int("bandwidth"),
            int("rx_bandwidth"),
            int("tx_bandwidth"),
            F::choice("call_quality", QUALITIES, "0_unknown").query(),
            list("historic_call_quality")
                .detail_only()
                .help("Quality per 20-second window (single participant only)."),
            list("bucketed_call_quality").detail_only().help(
                "Counts of [unknown, good, ok, bad, terrible] windows (single participant only).",
            ),
            F::text("encryption", 20)
                .default_to(D::Str("Unknown"))
                .query(),
            flag("has_media", true),
            int("license_count"),
            F::text("license_type", 50)
                .default_to(D::Str("nolicense"))
                .query(),
            flag("is_disconnect_supported", true),
            flag("is_mute_supported", true),
            flag("is_presentation_supported", false),
            flag("is_transfer_supported", true),
            flag("is_muted", false),
            flag("is_on_hold", false)
                .help("Also true while waiting in a locked conference (pexsim)."),
            flag("is_presenting", false),
            flag("is_streaming", false),
            flag("is_client_muted", false),
            flag("is_direct", false),
            flag("is_idp_authenticated", false),
            flag("is_recording", false),
            flag("is_transcribing", false),
            flag("transcoding_enabled", true),
            text("idp_uuid"),
            F::resource_uri(),
            F::to_one("conference_ref", "conference").hidden(),
            hidden_text("call_type"),
            hidden_text("local_alias"),
            hidden_int("window_ms"),
            hidden_float("loss_rx"),
            hidden_float("loss_tx"),
        ],
    )
}

/// `status/v1/participant/<id>/media_stream/`: live media statistics.
pub fn media_stream_def() -> ResourceDef {
    read_only_with(
        API,
        "media_stream",
        KeyKind::Field("stream_key"),
        &crate::engine::behaviour::PLAIN,
        Mount::under("participant", "media_stream", "participant"),
        live_stream_fields("participant"),
    )
}

/// `status/v1/backplane/`: links between the nodes of a conference.
pub fn backplane_def() -> ResourceDef {
    read_only(
        API,
        "backplane",
        KeyKind::Field("id"),
        vec![
            F::string_id(),
            text("conference").help("The service name."),
            text("type"),
            text("protocol"),
            time("connect_time"),
            text("service_tag"),
            text("system_location"),
            text("media_node"),
            text("proxy_node"),
            text("remote_conference_name"),
            text("remote_media_node"),
            text("remote_node_name"),
            F::resource_uri(),
            F::to_one("conference_ref", "conference").hidden(),
        ],
    )
}

/// `status/v1/backplane/<id>/media_stream/`.
pub fn backplane_stream_def() -> ResourceDef {
    read_only_with(
        API,
        "backplane_media_stream",
        KeyKind::Field("stream_key"),
        &crate::engine::behaviour::PLAIN,
        Mount::under("backplane", "media_stream", "backplane"),
        live_stream_fields("backplane"),
    )
}
