//! `configuration/conference`: every service type, with nested aliases and ADP links.

use crate::engine::behaviour::Behaviour;
use crate::engine::errors::{ApiError, FieldErrors};
use crate::engine::field::{DefaultValue as D, Embed, FieldDef as F, FieldType};
use crate::engine::registry::registry;
use crate::engine::resource::{KeyKind, Mount, ResourceDef, RowKey, ALL_METHODS};
use crate::engine::store::{Row, Store};
use crate::engine::write::{delete_object, write_object, Mode};
use serde_json::{Map, Value};

pub const SERVICE_TYPES: &[&str] = &[
    "conference",
    "lecture",
    "two_stage_dialing",
    "test_call",
    "media_playback",
];
pub const LAYOUTS: &[&str] = &[
    "one_main_zero_pips",
    "one_main_seven_pips",
    "one_main_twentyone_pips",
    "two_mains_twentyone_pips",
    "four_mains_zero_pips",
    "nine_mains_zero_pips",
    "sixteen_mains_zero_pips",
    "twentyfive_mains_zero_pips",
    "five_mains_seven_pips",
];
pub const CALL_TYPES: &[&str] = &["audio", "video", "video-only"];
pub const CRYPTO: &[&str] = &["", "besteffort", "on", "off"];
pub const PIXELS: &[&str] = &["sd", "hd", "fullhd"];
pub const DEFAULT_YES_NO: &[&str] = &["default", "yes", "no"];

pub fn def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "conference",
        key: KeyKind::AutoId,
        list_methods: ALL_METHODS,
        detail_methods: ALL_METHODS,
        behaviour: &ConferenceBehaviour,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("name", 250)
                .unique()
                .query()
                .help("The name used to refer to this service."),
            F::text("description", 250)
                .query()
                .help("A description of the service."),
            F::choice("service_type", SERVICE_TYPES, "conference")
                .query()
                .help("The type of conferencing service."),
            F::datetime_now("creation_time")
                .query()
                .help("The time at which the configuration was created."),
            F::text("tag", 250)
                .query()
                .help("A unique identifier used to track usage of this service."),
            F::text("sync_tag", 250).help("Set by LDAP sync."),
            F::text("primary_owner_email_address", 100)
                .query()
                .help("The email address of the owner of the service."),
            F::reverse("aliases", "conference_alias", "conference", Embed::Objects)
                .query_related()
                .help("The aliases associated with this service."),
            F::reverse(
                "automatic_participants",
                "automatic_participant",
                "conference",
                Embed::ObjectsWithoutVia,
            )
            .help("Automatically Dialed Participants of this service."),
            F::to_one("ivr_theme", "ivr_theme")
                .filter_only()
                .help("The theme for use with this service."),
            F::to_one("system_location", "system_location")
                .filter_only()
                .help("Location used for Teams/SfB lookups."),
            F::to_one("mssip_proxy", "mssip_proxy").filter_only(),
            F::to_one("teams_proxy", "teams_proxy"),
            F::to_one("gms_access_token", "gms_access_token").filter_only(),
            F::to_one("host_identity_provider_group", "identity_provider_group"),
            F::to_one("guest_identity_provider_group", "identity_provider_group"),
            F::to_one("media_playlist", "media_library_playlist").filter_only(),
            F::to_many("scheduled_conferences", "scheduled_conference")
                .readonly()
                .filter_only(),
            F::integer("scheduled_conferences_count", D::Int(0))
                .readonly()
                .filter_only(),
            F::text("pin", 20)
                .query()
                .help("Host PIN: 4-20 digits, optionally ending in #."),
            F::text("guest_pin", 20)
                .query()
                .help("Guest PIN: 4-20 digits; needs a host PIN and must differ from it."),
            F::boolean("allow_guests", false).query(),
            F::boolean("guests_can_present", true),
            F::boolean("mute_all_guests", false),
            F::choice("host_view", LAYOUTS, "one_main_seven_pips"),
            F::choice("guest_view", LAYOUTS, "one_main_seven_pips").nullable(),
            F::choice("call_type", CALL_TYPES, "video"),
            F::choice("crypto_mode", CRYPTO, ""),
            F::integer("max_callrate_in", D::Null)
                .range(128, 8192)
                .query(),
            F::integer("max_callrate_out", D::Null)
                .range(128, 8192)
                .query(),
            F::choice("max_pixels_per_second", PIXELS, "")
                .nullable()
                .default_to(D::Null),
            F::integer("participant_limit", D::Null)
                .range(0, 1_000_000)
                .query(),
            F::choice("enable_chat", DEFAULT_YES_NO, "default").query(),
            F::boolean("enable_overlay_text", false).query(),
            F::boolean("enable_active_speaker_indication", false),
            F::boolean("force_presenter_into_main", false),
            F::choice(
                "non_idp_participants",
                &["disallow_all", "allow_if_trusted"],
                "disallow_all",
            ),
            F::of_type("on_completion", FieldType::String, D::Str("")).nullable(),
            F::choice(
                "two_stage_dial_type",
                &["regular", "mssip", "gms", "teams"],
                "regular",
            )
            .query(),
            F::text("match_string", 250).help("Virtual Reception: a regular expression."),
            F::text("replace_string", 250),
            F::text("post_match_string", 250),
            F::text("post_replace_string", 250),
        ],
    }
}

struct ConferenceBehaviour;

fn pin_ok(pin: &str) -> bool {
    let digits = pin.strip_suffix('#').unwrap_or(pin);
    (4..=20).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

impl Behaviour for ConferenceBehaviour {
    fn check(
        &self,
        _store: &Store,
        _key: Option<&RowKey>,
        obj: &Map<String, Value>,
        errors: &mut FieldErrors,
    ) {
        let text = |f: &str| obj.get(f).and_then(Value::as_str).unwrap_or("").to_string();
        let (pin, guest) = (text("pin"), text("guest_pin"));
        if !pin.is_empty() && !pin_ok(&pin) {
            errors.add(
                "pin",
                "The PIN must be 4-20 digits, optionally followed by #.",
            );
        }
        if !guest.is_empty() {
            if !pin_ok(&guest) {
                errors.add(
                    "guest_pin",
                    "The PIN must be 4-20 digits, optionally followed by #.",
                );
            } else if pin.is_empty() {
                errors.add("guest_pin", "A Guest PIN requires a Host PIN.");
            } else if pin == guest {
                errors.add("guest_pin", "The Guest PIN must differ from the Host PIN.");
            }
        }
        let ms = text("match_string");
        if !ms.is_empty() && regex::Regex::new(&ms).is_err() {
            errors.add("match_string", "Enter a valid regular expression.");
        }
    }

    fn write_reverse(
        &self,
        store: &mut Store,
        key: &RowKey,
        field: &str,
        value: &Value,
        errors: &mut FieldErrors,
    ) {
        let result = match field {
            "aliases" => set_aliases(store, key, value),
            "automatic_participants" => set_participants(store, key, value),
            _ => Err("This field cannot be written.".into()),
        };
        if let Err(msg) = result {
            errors.add(field, msg);
        }
    }

    fn on_delete(&self, store: &mut Store, key: &RowKey) {
        let Some(alias_def) = registry().get("configuration", "conference_alias") else {
            return;
        };
        for k in store.referrers(alias_def, "conference", key) {
            store.remove(alias_def, &k);
        }
    }
}

/// The aliases of a write become the service's aliases: new ones are created, an alias used by
/// another service moves here, and aliases no longer listed are deleted.
fn set_aliases(store: &mut Store, key: &RowKey, value: &Value) -> Result<(), String> {
    let items = value.as_array().ok_or("Enter a list of aliases.")?;
    let (Some(conf), Some(alias_def)) = (
        registry().get("configuration", "conference"),
        registry().get("configuration", "conference_alias"),
    ) else {
        return Err("Aliases are not available.".into());
    };
    let conf_uri = conf.uri(key);
    let mut keep = Vec::new();
    for item in items {
        let (existing, mut fields) = match item {
            Value::String(uri) => {
                let k = alias_def
                    .key_from_uri(uri)
                    .filter(|k| store.contains(alias_def, k));
                (
                    Some(k.ok_or_else(|| format!("Could not find the resource at URI '{uri}'."))?),
                    Map::new(),
                )
            }
            Value::Object(o) => {
                let name = o.get("alias").and_then(Value::as_str).unwrap_or("");
                let found = store
                    .rows(alias_def)
                    .find(|(_, r)| r.get("alias").and_then(Value::as_str) == Some(name));
                let mut fields = o.clone();
                fields.remove("conference");
                fields.remove("id");
                fields.remove("creation_time");
                (found.map(|(k, _)| k.clone()), fields)
            }
            _ => return Err("Each alias must be an object or a resource URI.".into()),
        };
        fields.insert("conference".into(), Value::String(conf_uri.clone()));
        let mode = if existing.is_some() {
            Mode::Patch
        } else {
            Mode::Create
        };
        let k = write_object(store, alias_def, existing.as_ref(), &fields, mode)
            .map_err(alias_error)?;
        keep.push(k);
    }
    for old in store.referrers(alias_def, "conference", key) {
        if !keep.contains(&old) {
            delete_object(store, alias_def, &old).map_err(alias_error)?;
        }
    }
    Ok(())
}

fn alias_error(e: ApiError) -> String {
    match e {
        ApiError::Validation { errors, .. } => {
            let json = errors.to_json();
            json.as_object()
                .into_iter()
                .flatten()
                .flat_map(|(f, msgs)| {
                    msgs.as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(move |m| format!("{f}: {m}"))
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        other => other.to_string(),
    }
}

/// The ADP URIs of a write become the service's ADPs (links on the ADP side are updated).
fn set_participants(store: &mut Store, key: &RowKey, value: &Value) -> Result<(), String> {
    let items = value.as_array().ok_or("Enter a list of resource URIs.")?;
    let (Some(conf), Some(adp)) = (
        registry().get("configuration", "conference"),
        registry().get("configuration", "automatic_participant"),
    ) else {
        return Err("Automatic participants are not available.".into());
    };
    let conf_uri = Value::String(conf.uri(key));
    let mut wanted = Vec::new();
    for item in items {
        let uri = match item {
            Value::String(s) => s.as_str(),
            Value::Object(o) => o.get("resource_uri").and_then(Value::as_str).unwrap_or(""),
            _ => "",
        };
        let k = adp
            .key_from_uri(uri)
            .filter(|k| store.contains(adp, k))
            .ok_or_else(|| format!("Could not find the resource at URI '{uri}'."))?;
        wanted.push(k);
    }
    let current = store.referrers(adp, "conference", key);
    let edit = |store: &mut Store, k: &RowKey, add: bool| {
        let Some(mut row): Option<Row> = store.get(adp, k).map(|r| r.to_row()) else {
            return;
        };
        if let Some(Value::Array(list)) = row.get_mut("conference") {
            list.retain(|v| v != &conf_uri);
            if add {
                list.push(conf_uri.clone());
            }
        }
        store.put(adp, k.clone(), row);
    };
    for k in current.iter().filter(|k| !wanted.contains(k)) {
        edit(store, k, false);
    }
    for k in wanted.iter().filter(|k| !current.contains(k)) {
        edit(store, k, true);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::pin_ok;

    #[test]
    fn pins_are_4_to_20_digits_with_optional_hash() {
        assert!(pin_ok("1234"));
        assert!(pin_ok("123456#"));
        assert!(!pin_ok("123"));
        assert!(!pin_ok("12a4"));
        assert!(!pin_ok(&"1".repeat(21)));
    }
}
