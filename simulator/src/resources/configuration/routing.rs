//! `configuration/gateway_routing_rule` (Call Routing Rules).

use super::alias::PROTOCOLS;
use super::conference::{CRYPTO, DEFAULT_YES_NO, PIXELS};
use crate::engine::behaviour::Behaviour;
use crate::engine::errors::FieldErrors;
use crate::engine::field::{DefaultValue as D, FieldDef as F};
use crate::engine::resource::{KeyKind, Mount, ResourceDef, RowKey, ALL_METHODS};
use crate::engine::store::Store;
use serde_json::{Map, Value};

pub fn def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "gateway_routing_rule",
        key: KeyKind::AutoId,
        list_methods: ALL_METHODS,
        detail_methods: ALL_METHODS,
        behaviour: &RuleBehaviour,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("name", 250).query(),
            F::text("description", 250).query(),
            F::integer("priority", D::Absent)
                .required()
                .range(1, 200)
                .unique()
                .query()
                .help("1-200, unique; lower runs first."),
            F::boolean("enable", true),
            F::required_text("match_string", 250)
                .help("A regular expression the alias must match."),
            F::boolean("match_string_full", false),
            F::text("replace_string", 250)
                .help("Replacement; \\N refers to group N of match_string."),
            F::boolean("match_incoming_calls", true),
            F::boolean("match_outgoing_calls", false),
            F::boolean("match_incoming_sip", true),
            F::boolean("match_incoming_h323", true),
            F::boolean("match_incoming_mssip", true),
            F::boolean("match_incoming_webrtc", true),
            F::boolean("match_incoming_teams", false),
            F::boolean("match_incoming_only_if_registered", false),
            F::to_one("match_source_location", "system_location").filter_only(),
            F::choice(
                "called_device_type",
                &[
                    "external",
                    "registration",
                    "mssip_conference_id",
                    "mssip_server",
                    "gms_conference",
                    "teams_conference",
                    "teams_user",
                ],
                "external",
            ),
            F::choice("outgoing_protocol", PROTOCOLS, "sip"),
            F::to_one("outgoing_location", "system_location").filter_only(),
            F::to_one("sip_proxy", "sip_proxy").filter_only(),
            F::to_one("h323_gatekeeper", "h323_gatekeeper").filter_only(),
            F::to_one("mssip_proxy", "mssip_proxy").filter_only(),
            F::to_one("teams_proxy", "teams_proxy"),
            F::to_one("stun_server", "stun_server").filter_only(),
            F::to_one("turn_server", "turn_server").filter_only(),
            F::to_one("gms_access_token", "gms_access_token").filter_only(),
            F::choice(
                "call_type",
                &["audio", "video", "video-only", "auto"],
                "video",
            ),
            F::choice("crypto_mode", CRYPTO, ""),
            F::choice("max_pixels_per_second", PIXELS, "")
                .nullable()
                .default_to(D::Null),
            F::integer("max_callrate_in", D::Null).range(128, 8192),
            F::integer("max_callrate_out", D::Null).range(128, 8192),
            F::to_one("ivr_theme", "ivr_theme").filter_only(),
            F::choice(
                "external_participant_avatar_lookup",
                DEFAULT_YES_NO,
                "default",
            )
            .filter_only(),
            F::boolean("treat_as_trusted", false),
            F::text("tag", 250).query(),
            F::datetime_now("creation_time").query(),
        ],
    }
}

struct RuleBehaviour;

impl Behaviour for RuleBehaviour {
    fn check(
        &self,
        _store: &Store,
        _key: Option<&RowKey>,
        obj: &Map<String, Value>,
        errors: &mut FieldErrors,
    ) {
        let ms = obj
            .get("match_string")
            .and_then(Value::as_str)
            .unwrap_or("");
        let Ok(re) = regex::Regex::new(ms) else {
            errors.add("match_string", "Enter a valid regular expression.");
            return;
        };
        let groups = re.captures_len() - 1;
        let replace = obj
            .get("replace_string")
            .and_then(Value::as_str)
            .unwrap_or("");
        for n in backrefs(replace) {
            if n > groups {
                errors.add(
                    "replace_string",
                    format!("Group \\{n} does not exist in match_string ({groups} groups)."),
                );
            }
        }
        let incoming = obj
            .get("match_incoming_calls")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let outgoing = obj
            .get("match_outgoing_calls")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if !incoming && !outgoing {
            errors.add(
                "match_incoming_calls",
                "The rule must match incoming calls, outgoing calls or both.",
            );
        }
    }
}

/// The group numbers referenced as `\N` in a replace string.
fn backrefs(s: &str) -> Vec<usize> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\\' && b[i + 1].is_ascii_digit() {
            out.push(usize::from(b[i + 1] - b'0'));
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}
