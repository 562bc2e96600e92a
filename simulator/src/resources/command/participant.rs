//! `command/v1/participant/*`: dial, disconnect, mute, unmute, unlock, transfer, role.

use super::dial::{match_rule, RuleView};
use super::{Args, Body, CommandDef, CommandError, Reply};
use crate::engine::field::FieldDef as F;
use crate::engine::resource::ResourceDef;
use crate::live::conference::{self, Service};
use crate::live::participant::{self, Joiner};
use crate::live::rows::Fields;
use crate::live::{config, Live, LiveError};
use crate::state::AppState;
use rand::Rng;
use serde_json::json;

const PROTOCOLS: &[&str] = &["sip", "h323", "mssip", "rtmp", "gms", "teams"];
const CALL_TYPES: &[&str] = &["audio", "video", "video-only"];
const ROLES: &[&str] = &["guest", "chair"];
const KEEP_ALIVE: &[&str] = &[
    "keep_conference_alive",
    "keep_conference_alive_if_multiple",
    "keep_conference_alive_never",
];

fn participant_id() -> F {
    F::required_text("participant_id", 200).help("The participant (its status id).")
}

/// The participant-scope commands.
pub fn commands() -> Vec<CommandDef> {
    let one =
        |name, run| CommandDef::new("participant", name, Body::Form, vec![participant_id()], run);
    vec![
        CommandDef::new(
            "participant",
            "dial",
            Body::Form,
            vec![
                F::required_text("conference_alias", 250)
                    .help("An alias of the conference; the callee sees the call coming from it."),
                F::required_text("destination", 250).help("The alias to dial."),
                F::choice("protocol", PROTOCOLS, "sip"),
                F::choice("call_type", CALL_TYPES, "video"),
                F::choice("role", ROLES, "guest"),
                F::choice("routing", &["manual", "routing_rule"], "manual"),
                F::text("system_location", 250)
                    .help("A location name: required for routing_rule; manual needs it or node."),
                F::text("node", 255)
                    .help("The IPv4 address of a Conferencing Node (wins over system_location)."),
                F::boolean("streaming", false),
                F::text("dtmf_sequence", 250),
                F::choice("keep_conference_alive", KEEP_ALIVE, "keep_conference_alive"),
                F::text("local_display_name", 250),
                F::text("remote_display_name", 250),
                F::text("presentation_url", 250),
            ],
            dial,
        ),
        one("disconnect", disconnect),
        one("mute", mute),
        one("unmute", unmute),
        one("unlock", unlock),
        CommandDef::new(
            "participant",
            "transfer",
            Body::Form,
            vec![
                participant_id(),
                F::required_text("conference_alias", 250)
                    .help("An alias of the target conference."),
                F::choice("role", ROLES, "guest"),
                F::text("pin", 20).help("Ignored: a transfer bypasses the PIN."),
            ],
            transfer,
        ),
        CommandDef::new(
            "participant",
            "role",
            Body::Form,
            vec![
                participant_id(),
                F::choice("role", ROLES, "guest").required(),
            ],
            role,
        ),
    ]
}

/// The service of an alias, or a field error on `field`.
pub fn service(live: &Live<'_>, field: &'static str, alias: &str) -> Result<Service, LiveError> {
    conference::resolve_alias(live.store, alias)?
        .ok_or_else(|| LiveError::field(field, format!("No conference has the alias '{alias}'.")))
}

/// The protocol name status reports for a dial protocol.
fn reported(protocol: &str) -> &'static str {
    match protocol {
        "h323" => "H323",
        "mssip" => "MSSIP",
        "rtmp" => "RTMP",
        "gms" => "GMS",
        "teams" => "Teams",
        _ => "SIP",
    }
}

fn rules(live: &Live<'_>) -> Result<Vec<RuleView>, LiveError> {
    let def = config("gateway_routing_rule")?;
    Ok(live
        .store
        .rows(def)
        .map(|(_, r)| RuleView {
            name: r.text("name"),
            priority: r.int("priority"),
            enable: r.flag("enable"),
            match_outgoing_calls: r.flag("match_outgoing_calls"),
            match_string: r.text("match_string"),
            replace_string: r.text("replace_string"),
            match_source_location: r.text("match_source_location"),
            outgoing_protocol: r.text("outgoing_protocol"),
            outgoing_location: r.text("outgoing_location"),
        })
        .collect())
}

/// The URI and name of a location, by name or URI.
fn location(live: &Live<'_>, name_or_uri: &str) -> Result<Option<(String, String)>, LiveError> {
    let def = config("system_location")?;
    Ok(live
        .store
        .rows(def)
        .find(|(k, l)| l.text("name") == name_or_uri || def.uri(k) == name_or_uri)
        .map(|(k, l)| (def.uri(k), l.text("name"))))
}

fn dial(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = state.live(|l| {
        let alias = args.text("conference_alias");
        let service = service(l, "conference_alias", &alias)?;
        let destination = args.text("destination");
        let (protocol, system_location, node, dialled) = if args.text("routing") == "routing_rule" {
            let name = args.opt_text("system_location").ok_or_else(|| {
                LiveError::field(
                    "system_location",
                    "This field is required when routing is routing_rule.",
                )
            })?;
            let (uri, _) = location(l, &name)?.ok_or_else(|| {
                LiveError::field(
                    "system_location",
                    format!("No system location is named '{name}'."),
                )
            })?;
            let found = match_rule(&rules(l)?, &destination, &uri).ok_or_else(|| {
                LiveError::field(
                    "destination",
                    format!(
                        "No enabled Call Routing Rule for outgoing calls matches '{destination}'."
                    ),
                )
            })?;
            let leaves_from = match found.outgoing_location.as_str() {
                "" => name,
                uri => location(l, uri)?.map_or(name, |(_, n)| n),
            };
            (found.protocol, Some(leaves_from), None, found.destination)
        } else {
            let node = args.opt_text("node");
            let system_location = args.opt_text("system_location");
            if node.is_none() && system_location.is_none() {
                return Err(LiveError::field(
                    "node",
                    "Give node or system_location (or both) with manual routing.",
                ));
            }
            (args.text("protocol"), system_location, node, destination)
        };
        let audio = args.text("call_type") == "audio";
        let remote_address = format!("198.51.100.{}", l.state.rng.gen_range(2..254));
        let joiner = Joiner {
            display_name: args
                .opt_text("remote_display_name")
                .unwrap_or_else(|| dialled.clone()),
            role: args.text("role"),
            protocol: reported(&protocol).to_string(),
            call_direction: "out".into(),
            call_type: args.text("call_type"),
            source_alias: service.alias.clone(),
            destination_alias: dialled,
            remote_address,
            remote_port: if protocol == "h323" { 1720 } else { 5061 },
            vendor: String::new(),
            encryption: "On".into(),
            bandwidth: if audio { 64 } else { 1920 },
            system_location,
            node,
            via_proxy: false,
            is_streaming: args.flag("streaming") || protocol == "rtmp",
            loss_rx: 0.0,
            loss_tx: 0.0,
            bypass_lock: true,
        };
        participant::join(l, &service, joiner)
    })?;
    Ok(Reply::Success(
        json!({"participant_id": id, "participant_ids": [id]}),
    ))
}

fn disconnect(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("participant_id");
    state.live(|l| participant::leave(l, &id, "Disconnected by an administrator"))?;
    Ok(Reply::Success(json!({})))
}

fn mute(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("participant_id");
    state.live(|l| participant::set_muted(l, &id, true))?;
    Ok(Reply::Success(json!({})))
}

fn unmute(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("participant_id");
    state.live(|l| participant::set_muted(l, &id, false))?;
    Ok(Reply::Success(json!({})))
}

fn unlock(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("participant_id");
    state.live(|l| participant::admit(l, &id))?;
    Ok(Reply::Success(json!({})))
}

fn transfer(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("participant_id");
    state.live(|l| {
        participant::get(l.store, &id)?;
        let target = service(l, "conference_alias", &args.text("conference_alias"))?;
        participant::transfer(l, &id, &target, &args.text("role"))
    })?;
    Ok(Reply::Success(json!({})))
}

fn role(state: &AppState, _def: &ResourceDef, args: Args) -> Result<Reply, CommandError> {
    let id = args.text("participant_id");
    state.live(|l| participant::set_role(l, &id, &args.text("role")))?;
    Ok(Reply::Success(json!({})))
}
