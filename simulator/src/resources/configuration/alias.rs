//! `configuration/conference_alias` and `configuration/automatic_participant`.

use super::conference::CALL_TYPES;
use crate::engine::behaviour::PLAIN;
use crate::engine::field::FieldDef as F;
use crate::engine::resource::{KeyKind, Mount, ResourceDef, ALL_METHODS};

pub fn alias_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "conference_alias",
        key: KeyKind::AutoId,
        list_methods: ALL_METHODS,
        detail_methods: ALL_METHODS,
        behaviour: &PLAIN,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("alias", 250)
                .unique()
                .query()
                .help("The full alias (dial string), unique platform-wide."),
            F::to_one("conference", "conference")
                .required()
                .query_related()
                .help("The service this alias belongs to."),
            F::text("description", 250).query(),
            F::datetime_now("creation_time").query(),
        ],
    }
}

pub const PROTOCOLS: &[&str] = &["sip", "h323", "mssip", "rtmp", "gms", "teams"];

pub fn participant_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "automatic_participant",
        key: KeyKind::AutoId,
        list_methods: ALL_METHODS,
        detail_methods: ALL_METHODS,
        behaviour: &PLAIN,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("alias", 250)
                .query()
                .help("The alias of the participant to dial."),
            F::text("description", 250).query(),
            F::to_many("conference", "conference")
                .query_related()
                .help("The services that dial this participant; [] detaches it from all."),
            F::choice("protocol", PROTOCOLS, "sip").query(),
            F::choice("call_type", CALL_TYPES, "video"),
            F::choice("role", &["guest", "chair"], "guest"),
            F::text("dtmf_sequence", 250)
                .query()
                .help("DTMF to send; a comma is a 2 s pause."),
            F::choice(
                "keep_conference_alive",
                &[
                    "keep_conference_alive",
                    "keep_conference_alive_if_multiple",
                    "keep_conference_alive_never",
                ],
                "keep_conference_alive_if_multiple",
            ),
            F::choice("routing", &["manual", "routing_rule"], "manual"),
            F::to_one("system_location", "system_location").filter_only(),
            F::boolean("streaming", false).query(),
            F::text("remote_display_name", 250),
            F::text("presentation_url", 250),
            F::datetime_now("creation_time").query(),
        ],
    }
}
