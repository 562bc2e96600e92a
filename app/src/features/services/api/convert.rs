//! Between the Management Node's conference objects and what the pages show and send.
//! Writes are built as JSON objects of the Management API's own field names, so an update
//! sends exactly the fields that changed, and the audit diff shows exactly those.

use pexip_api::config::{Conference, IvrTheme, IvrThemeId, SystemLocation, SystemLocationId};
use pexip_api::ResourceUri;
use serde_json::{json, Map, Value};

use crate::features::services::{
    form::{optional_number, ServiceForm},
    kind::{ServiceKind, Setting},
    model::{AdpRow, AliasRow, ServiceRow},
};

/// The list row of a service (taken: its strings move rather than copy).
pub fn row(c: Conference) -> ServiceRow {
    ServiceRow {
        id: c.id.0,
        service_type: c.service_type.to_string(),
        pin_set: !c.pin.is_empty(),
        allow_guests: c.allow_guests,
        name: c.name,
        aliases: c.aliases.into_iter().map(|a| a.alias).collect(),
        owner: c.primary_owner_email_address,
        tag: c.tag,
    }
}

/// The aliases of a service.
pub fn aliases(c: &Conference) -> Vec<AliasRow> {
    c.aliases
        .iter()
        .map(|a| AliasRow {
            id: a.id.0,
            alias: a.alias.clone(),
            description: a.description.clone(),
        })
        .collect()
}

/// The dialled participants of a service, as embedded in it.
pub fn adps(c: &Conference) -> Vec<AdpRow> {
    c.automatic_participants
        .iter()
        .map(|a| AdpRow {
            id: a.id.0,
            alias: a.alias.clone(),
            description: a.description.clone(),
            display_name: a
                .extra
                .get("remote_display_name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            protocol: a.protocol.to_string(),
            role: a.role.to_string(),
        })
        .collect()
}

fn id_of<R: pexip_api::Resource<Id = impl std::fmt::Display>>(
    uri: &Option<ResourceUri<R>>,
) -> String {
    uri.as_ref()
        .and_then(|u| u.id().ok())
        .map(|id| id.to_string())
        .unwrap_or_default()
}

/// The form holding a service's settings. PINs are left empty unless `with_pins`.
pub fn form_of(c: &Conference, with_pins: bool) -> ServiceForm {
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    ServiceForm {
        service_type: c.service_type.to_string(),
        name: c.name.clone(),
        description: c.description.clone(),
        tag: c.tag.clone(),
        primary_owner_email_address: c.primary_owner_email_address.clone(),
        pin: if with_pins {
            c.pin.clone()
        } else {
            String::new()
        },
        guest_pin: if with_pins {
            c.guest_pin.clone()
        } else {
            String::new()
        },
        allow_guests: c.allow_guests,
        guests_can_present: c.guests_can_present,
        mute_all_guests: c.mute_all_guests,
        host_view: c
            .host_view
            .as_ref()
            .map(|l| l.to_string())
            .unwrap_or_else(|| "one_main_seven_pips".into()),
        guest_view: c
            .guest_view
            .as_ref()
            .map(|l| l.to_string())
            .unwrap_or_default(),
        call_type: c.call_type.to_string(),
        crypto_mode: c.crypto_mode.to_string(),
        max_callrate_in: num(c.max_callrate_in),
        max_callrate_out: num(c.max_callrate_out),
        max_pixels_per_second: c
            .max_pixels_per_second
            .as_ref()
            .map(|p| p.to_string())
            .unwrap_or_default(),
        participant_limit: num(c.participant_limit),
        ivr_theme: id_of::<IvrTheme>(&c.ivr_theme),
        system_location: id_of::<SystemLocation>(&c.system_location),
        enable_chat: c.enable_chat.to_string(),
        enable_overlay_text: c.enable_overlay_text,
        two_stage_dial_type: c.two_stage_dial_type.to_string(),
        match_string: c.match_string.clone(),
        replace_string: c.replace_string.clone(),
        post_match_string: c.post_match_string.clone(),
        post_replace_string: c.post_replace_string.clone(),
        on_completion: c.on_completion.clone().unwrap_or_default(),
        aliases: String::new(),
        version: version_of(c),
        clone_of: String::new(),
    }
}

/// A short fingerprint of a service's settings (not its aliases or dialled participants,
/// which are changed on their own), to notice that someone else changed it meanwhile.
pub fn version_of(c: &Conference) -> String {
    let mut value = serde_json::to_value(c).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for volatile in [
            "aliases",
            "automatic_participants",
            "scheduled_conferences_count",
        ] {
            map.remove(volatile);
        }
    }
    let text = value.to_string();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn text_or_null(value: &str) -> Value {
    if value.is_empty() {
        Value::Null
    } else {
        Value::String(value.to_owned())
    }
}

fn number_or_null(value: &str, min: i64, max: i64) -> Value {
    match optional_number(value, min, max) {
        Ok(Some(n)) => Value::from(n),
        _ => Value::Null,
    }
}

fn uri_or_null<R: pexip_api::Resource>(value: &str, make: impl Fn(i64) -> R::Id) -> Value {
    match value.trim().parse::<i64>() {
        Ok(id) => Value::String(ResourceUri::<R>::new(&make(id)).as_str().to_owned()),
        Err(_) => Value::Null,
    }
}

/// The Management API fields a form sets, for its kind only (settings that do not apply
/// to the kind are not sent). Assumes the form passed [`super::super::form::validate`].
pub fn settings(form: &ServiceForm) -> Map<String, Value> {
    let kind = form.kind();
    let mut m = Map::new();
    let mut set = |k: &str, v: Value| {
        m.insert(k.to_owned(), v);
    };
    set("name", json!(form.name.trim()));
    set("service_type", json!(kind.wire()));
    set("description", json!(form.description));
    set("tag", json!(form.tag));
    if kind.has(Setting::Owner) {
        set(
            "primary_owner_email_address",
            json!(form.primary_owner_email_address.trim()),
        );
    }
    if kind.has(Setting::Pins) {
        set("pin", json!(form.pin.trim()));
        set("guest_pin", json!(form.guest_pin.trim()));
    }
    if kind.has(Setting::Guests) {
        set("allow_guests", json!(form.allow_guests));
        set("guests_can_present", json!(form.guests_can_present));
        set("mute_all_guests", json!(form.mute_all_guests));
    }
    if kind.has(Setting::Layouts) {
        set("host_view", json!(form.host_view));
        set("guest_view", text_or_null(&form.guest_view));
        set("enable_overlay_text", json!(form.enable_overlay_text));
    }
    if kind.has(Setting::Chat) {
        set("enable_chat", json!(form.enable_chat));
    }
    if kind.has(Setting::CallType) {
        set("call_type", json!(form.call_type));
    }
    if kind.has(Setting::Crypto) {
        set("crypto_mode", json!(form.crypto_mode));
    }
    if kind.has(Setting::CallRates) {
        set(
            "max_callrate_in",
            number_or_null(&form.max_callrate_in, 128, 8192),
        );
        set(
            "max_callrate_out",
            number_or_null(&form.max_callrate_out, 128, 8192),
        );
        set(
            "max_pixels_per_second",
            text_or_null(&form.max_pixels_per_second),
        );
    }
    if kind.has(Setting::ParticipantLimit) {
        set(
            "participant_limit",
            number_or_null(&form.participant_limit, 0, 1_000_000),
        );
    }
    set(
        "ivr_theme",
        uri_or_null::<IvrTheme>(&form.ivr_theme, IvrThemeId),
    );
    if kind.has(Setting::Location) {
        set(
            "system_location",
            uri_or_null::<SystemLocation>(&form.system_location, SystemLocationId),
        );
    }
    if kind.has(Setting::Reception) {
        set("two_stage_dial_type", json!(form.two_stage_dial_type));
        set("match_string", json!(form.match_string));
        set("replace_string", json!(form.replace_string));
        set("post_match_string", json!(form.post_match_string));
        set("post_replace_string", json!(form.post_replace_string));
    }
    if kind.has(Setting::OnCompletion) {
        set("on_completion", json!(form.on_completion.trim()));
    }
    m
}

/// The body that creates a service from a form, with its new aliases.
pub fn create_body(form: &ServiceForm) -> Map<String, Value> {
    let mut body = settings(form);
    let aliases: Vec<Value> = form
        .alias_list()
        .into_iter()
        .map(|a| json!({ "alias": a }))
        .collect();
    if !aliases.is_empty() {
        body.insert("aliases".into(), Value::Array(aliases));
    }
    body
}

/// The fields of `form` that differ from the service as it is now, as a PATCH body, and
/// the same fields' current values (the audit's "before").
pub fn changes(
    form: &ServiceForm,
    current: &Conference,
) -> (Map<String, Value>, Map<String, Value>) {
    let now = serde_json::to_value(current).unwrap_or(Value::Null);
    let mut patch = Map::new();
    let mut before = Map::new();
    for (field, value) in settings(form) {
        if field == "service_type" {
            continue;
        }
        let old = now.get(&field).cloned().unwrap_or(Value::Null);
        let same = old == value
            || (old.is_null() && value.as_str() == Some(""))
            || (field.ends_with("_view") && old.is_null() && value.is_null());
        if !same {
            before.insert(field.clone(), old);
            patch.insert(field, value);
        }
    }
    (patch, before)
}

/// The kind of a service as the node reports it.
pub fn kind_of(c: &Conference) -> Option<ServiceKind> {
    ServiceKind::from_wire(c.service_type.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conference() -> Conference {
        serde_json::from_value(json!({
            "id": 7, "name": "Board", "service_type": "conference", "pin": "1234",
            "guest_pin": "", "allow_guests": true, "host_view": "one_main_seven_pips",
            "guest_view": null, "call_type": "video", "crypto_mode": "",
            "max_callrate_in": null, "participant_limit": 10, "ivr_theme": "/api/admin/configuration/v1/ivr_theme/2/",
            "aliases": [{"id": 3, "alias": "board@example.com", "description": ""}],
            "enable_chat": "default", "tag": "", "description": ""
        }))
        .unwrap()
    }

    #[test]
    fn a_form_round_trips_without_changes() {
        let c = conference();
        let form = form_of(&c, true);
        assert_eq!(form.ivr_theme, "2");
        assert_eq!(form.participant_limit, "10");
        let (patch, before) = changes(&form, &c);
        assert!(patch.is_empty(), "{patch:?}");
        assert!(before.is_empty());
    }

    #[test]
    fn only_changed_fields_are_sent() {
        let c = conference();
        let mut form = form_of(&c, true);
        form.pin = "9876".into();
        form.participant_limit = String::new();
        form.ivr_theme = String::new();
        let (patch, before) = changes(&form, &c);
        assert_eq!(
            Value::Object(patch),
            json!({"pin": "9876", "participant_limit": null, "ivr_theme": null})
        );
        assert_eq!(before["pin"], json!("1234"));
    }

    #[test]
    fn settings_follow_the_kind_and_create_carries_aliases() {
        let mut form = ServiceForm::new_of(ServiceKind::TestCall);
        form.name = " Test ".into();
        form.pin = "1234".into();
        form.aliases = "test@example.com\ntest".into();
        let body = create_body(&form);
        assert_eq!(body["name"], json!("Test"));
        assert!(!body.contains_key("pin"));
        assert!(!body.contains_key("allow_guests"));
        assert_eq!(
            body["aliases"],
            json!([{"alias": "test@example.com"}, {"alias": "test"}])
        );
    }

    #[test]
    fn versions_change_with_settings_only() {
        let c = conference();
        let mut other = c.clone();
        other.aliases.clear();
        assert_eq!(version_of(&c), version_of(&other));
        other.pin = "5555".into();
        assert_ne!(version_of(&c), version_of(&other));
    }
}
