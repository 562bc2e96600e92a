//! Ended calls: `conference` (detail DELETE allowed, as in v40, cascading to its participants),
//! `participant` with embedded `media_streams` and its `media_stream/`, `media_stream`,
//! `backplane` and its `media_stream/`.

use crate::engine::behaviour::{Behaviour, PLAIN};
use crate::engine::field::{DefaultValue as D, Embed, FieldDef as F};
use crate::engine::registry::registry;
use crate::engine::resource::{KeyKind, Method, Mount, ResourceDef, RowKey};
use crate::engine::store::Store;
use crate::resources::readonly::*;

const API: &str = "history";

/// `history/v1/conference/`: ended conference instances.
pub fn conference_def() -> ResourceDef {
    ResourceDef {
        detail_methods: &[Method::Get, Method::Delete],
        behaviour: &ConferenceBehaviour,
        ..read_only(
            API,
            "conference",
            KeyKind::Field("id"),
            vec![
                F::string_id().help("The conference instance id (a UUID)."),
                text("name"),
                F::choice("service_type", SERVICE_TYPES, "conference").query(),
                text("tag"),
                time("start_time"),
                time("end_time"),
                int("duration").help("Seconds."),
                int("participant_count"),
                int("instant_message_count"),
                F::reverse("participants", "participant", "conference", Embed::Uris)
                    .query_related()
                    .help("The URIs of the conference's participants."),
                flag("direct_media_available", false),
                F::resource_uri(),
            ],
        )
    }
}

/// Deleting a conference instance deletes its participants and their media streams.
struct ConferenceBehaviour;

impl Behaviour for ConferenceBehaviour {
    fn on_delete(&self, store: &mut Store, key: &RowKey) {
        delete_participants(store, key);
    }
}

fn delete_participants(store: &mut Store, conference: &RowKey) {
    let (Some(participant), Some(stream)) = (
        registry().get(API, "participant"),
        registry().get(API, "media_stream"),
    ) else {
        return;
    };
    for p in store.referrers(participant, "conference", conference) {
        for s in store.referrers(stream, "participant", &p) {
            store.remove(stream, &s);
        }
        store.remove(participant, &p);
    }
}

/// Removes a conference instance with its participants and their media streams (retention).
pub fn delete_conference(store: &mut Store, key: &RowKey) {
    delete_participants(store, key);
    if let Some(conference) = registry().get(API, "conference") {
        store.remove(conference, key);
    }
}

/// `history/v1/participant/`: ended participants (CDRs).
pub fn participant_def() -> ResourceDef {
    read_only(
        API,
        "participant",
        KeyKind::Field("id"),
        vec![
            F::string_id().help("The participant id (a UUID)."),
            text("call_uuid"),
            text("conversation_id"),
            text("av_id"),
            text("presentation_id"),
            text("parent_id"),
            F::to_one("conference", "conference")
                .query_related()
                .help("The conference instance: ?conference=<id> works."),
            text("conference_name"),
            text("local_alias"),
            text("remote_alias"),
            text("display_name"),
            F::choice("role", ROLES, "unknown").query(),
            F::choice("call_direction", DIRECTIONS, "in").query(),
            F::text("protocol", 50).default_to(D::Str("SIP")).query(),
            F::choice("service_type", SERVICE_TYPES, "conference").query(),
            text("service_tag"),
            text("call_tag"),
            text("system_location"),
            time("start_time"),
            time("end_time"),
            int("duration").help("Seconds."),
            F::text("disconnect_reason", 250)
                .default_to(D::Str("Unknown"))
                .query(),
            text("remote_address"),
            int("remote_port"),
            text("media_node"),
            text("signalling_node"),
            text("proxy_node"),
            text("vendor"),
            F::text("encryption", 20)
                .default_to(D::Str("Unknown"))
                .query(),
            flag("has_media", true),
            flag("is_streaming", false),
            int("bandwidth"),
            int("rx_bandwidth"),
            int("tx_bandwidth"),
            int("license_count"),
            F::text("license_type", 50)
                .default_to(D::Str("nolicense"))
                .query(),
            F::choice("call_quality", QUALITIES, "0_unknown").query(),
            list("bucketed_call_quality").detail_only().help(
                "Counts of [unknown, good, ok, bad, terrible] windows (single participant only).",
            ),
            list("historic_call_quality")
                .detail_only()
                .help("Quality per 20-second window (single participant only)."),
            F::reverse(
                "media_streams",
                "media_stream",
                "participant",
                Embed::Objects,
            )
            .query_related()
            .help("The participant's media streams: media_streams__tx_packet_loss__gte=0.5 works."),
            text("idp_uuid"),
            flag("is_direct", false),
            flag("is_idp_authenticated", false),
            flag("transcoding_enabled", true),
            F::resource_uri(),
        ],
    )
}

/// `history/v1/media_stream/` (also `participant/<id>/media_stream/`).
pub fn media_stream_def() -> ResourceDef {
    let mut fields = ended_stream_fields("participant");
    fields.push(F::resource_uri());
    read_only_with(
        API,
        "media_stream",
        KeyKind::AutoId,
        &PLAIN,
        Mount::also_under("participant", "media_stream", "participant"),
        fields,
    )
}

/// `history/v1/backplane/`.
pub fn backplane_def() -> ResourceDef {
    read_only(
        API,
        "backplane",
        KeyKind::Field("id"),
        vec![
            F::string_id(),
            F::to_one("conference", "conference").query_related(),
            text("conference_name"),
            text("type"),
            text("protocol"),
            time("start_time"),
            time("end_time"),
            int("duration"),
            text("service_tag"),
            text("system_location"),
            text("media_node"),
            text("proxy_node"),
            text("remote_conference_name"),
            text("remote_media_node"),
            text("remote_node_name"),
            F::text("disconnect_reason", 250)
                .default_to(D::Str("Unknown"))
                .query(),
            F::resource_uri(),
        ],
    )
}

/// `history/v1/backplane/<id>/media_stream/`.
pub fn backplane_stream_def() -> ResourceDef {
    read_only_with(
        API,
        "backplane_media_stream",
        KeyKind::AutoId,
        &PLAIN,
        Mount::under("backplane", "media_stream", "backplane"),
        ended_stream_fields("backplane"),
    )
}
