//! The service form as typed, and its rules. The same checks run in the browser while
//! the person types and on the server before anything is sent to the Management Node.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::kind::{ServiceKind, Setting};

/// Field name → messages.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// A checkbox: ticked is sent as `on` (or `true`), unticked is not sent at all.
fn checkbox<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Text(String),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Bool(b) => b,
        Raw::Text(t) => matches!(t.as_str(), "on" | "true" | "True" | "1" | "yes"),
    })
}

/// Every setting of a service as the form holds it (text as typed, ids as strings).
/// Field names are the Management API's, so its field errors land beside the same fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceForm {
    pub service_type: String,
    pub name: String,
    pub description: String,
    pub tag: String,
    pub primary_owner_email_address: String,
    pub pin: String,
    pub guest_pin: String,
    #[serde(deserialize_with = "checkbox")]
    pub allow_guests: bool,
    #[serde(deserialize_with = "checkbox")]
    pub guests_can_present: bool,
    #[serde(deserialize_with = "checkbox")]
    pub mute_all_guests: bool,
    pub host_view: String,
    pub guest_view: String,
    pub call_type: String,
    pub crypto_mode: String,
    pub max_callrate_in: String,
    pub max_callrate_out: String,
    pub max_pixels_per_second: String,
    pub participant_limit: String,
    pub ivr_theme: String,
    pub system_location: String,
    pub enable_chat: String,
    #[serde(deserialize_with = "checkbox")]
    pub enable_overlay_text: bool,
    pub two_stage_dial_type: String,
    pub match_string: String,
    pub replace_string: String,
    pub post_match_string: String,
    pub post_replace_string: String,
    pub on_completion: String,
    /// New services only: one alias per line.
    pub aliases: String,
    /// Edits only: the version of the service the form was opened on.
    pub version: String,
    /// Clones only: the service whose settings (and dialled participants) are copied.
    pub clone_of: String,
}

/// `(value, label)` pairs of a choice.
pub type Choices = &'static [(&'static str, &'static str)];

pub const LAYOUTS: Choices = &[
    ("one_main_seven_pips", "1 main + 7 small (1+7)"),
    ("one_main_zero_pips", "1 main only (1+0)"),
    ("one_main_twentyone_pips", "1 main + 21 small (1+21)"),
    ("two_mains_twentyone_pips", "2 main + 21 small (2+21)"),
    ("four_mains_zero_pips", "2×2 grid (4)"),
    ("nine_mains_zero_pips", "3×3 grid (9)"),
    ("sixteen_mains_zero_pips", "4×4 grid (16)"),
    ("twentyfive_mains_zero_pips", "5×5 grid (25)"),
    ("five_mains_seven_pips", "5 main + 7 small (5+7)"),
];
pub const CALL_TYPES: Choices = &[
    ("video", "Main video + presentation"),
    ("video-only", "Main video only"),
    ("audio", "Audio only"),
];
pub const CRYPTO_MODES: Choices = &[
    ("", "Use the global setting"),
    ("besteffort", "Best effort"),
    ("on", "Required"),
    ("off", "No encryption"),
];
pub const MAX_PIXELS: Choices = &[
    ("", "Use the global setting"),
    ("sd", "SD"),
    ("hd", "HD (720p)"),
    ("fullhd", "Full HD (1080p)"),
];
pub const CHAT: Choices = &[
    ("default", "Use the global setting"),
    ("yes", "On"),
    ("no", "Off"),
];
pub const TWO_STAGE_TYPES: Choices = &[
    ("regular", "Regular"),
    ("mssip", "Lync / Skype for Business"),
    ("gms", "Google Meet"),
    ("teams", "Microsoft Teams"),
];

/// The label of a choice value, or the value itself.
pub fn choice_label(choices: Choices, value: &str) -> String {
    choices
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, l)| (*l).to_owned())
        .unwrap_or_else(|| value.to_owned())
}

impl ServiceForm {
    /// A blank form for a new service of `kind`, with the Management Node's defaults.
    pub fn new_of(kind: ServiceKind) -> ServiceForm {
        ServiceForm {
            service_type: kind.wire().to_owned(),
            guests_can_present: true,
            host_view: "one_main_seven_pips".into(),
            guest_view: "one_main_seven_pips".into(),
            call_type: "video".into(),
            enable_chat: "default".into(),
            two_stage_dial_type: "regular".into(),
            ..ServiceForm::default()
        }
    }

    /// The kind the form is for (a VMR when the value is unknown).
    pub fn kind(&self) -> ServiceKind {
        ServiceKind::from_wire(&self.service_type).unwrap_or(ServiceKind::Vmr)
    }

    /// The aliases of a new service: one per line, trimmed, blank lines dropped.
    pub fn alias_list(&self) -> Vec<String> {
        self.aliases
            .lines()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// Whether `pin` is a valid PIN: 4–20 digits, optionally ending in `#`.
pub fn pin_ok(pin: &str) -> bool {
    let digits = pin.strip_suffix('#').unwrap_or(pin);
    (4..=20).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `value` looks like an email address (one `@`, something on both sides, a dot
/// in the domain, no spaces).
pub fn email_ok(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !value.contains(char::is_whitespace)
}

/// Parses an optional whole number in `min..=max`; empty means "not set".
pub fn optional_number(value: &str, min: i64, max: i64) -> Result<Option<i64>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(format!(
            "Enter a whole number from {min} to {max}, or leave it empty."
        )),
    }
}

fn add(errors: &mut FieldErrors, field: &str, message: impl Into<String>) {
    errors
        .entry(field.to_owned())
        .or_default()
        .push(message.into());
}

fn check_length(errors: &mut FieldErrors, field: &str, value: &str, max: usize) {
    let n = value.chars().count();
    if n > max {
        add(
            errors,
            field,
            format!("Use at most {max} characters (this has {n})."),
        );
    }
}

fn check_choice(errors: &mut FieldErrors, field: &str, value: &str, choices: Choices) {
    if !choices.iter().any(|(v, _)| *v == value) {
        add(errors, field, "Choose one of the listed options.");
    }
}

/// Checks the alias strings of a new service.
pub fn check_aliases(errors: &mut FieldErrors, field: &str, aliases: &[String]) {
    let mut seen: Vec<&str> = Vec::new();
    for alias in aliases {
        if alias.chars().count() > 250 {
            add(
                errors,
                field,
                format!("The alias {alias} is longer than 250 characters."),
            );
        } else if alias.contains(char::is_whitespace) {
            add(
                errors,
                field,
                format!("The alias \"{alias}\" contains a space."),
            );
        }
        if seen.iter().any(|s| s.eq_ignore_ascii_case(alias)) {
            add(errors, field, format!("The alias {alias} is listed twice."));
        }
        seen.push(alias);
    }
}

/// Every rule the form can check by itself. Empty means the form may be sent.
pub fn validate(form: &ServiceForm) -> FieldErrors {
    let mut e = FieldErrors::new();
    let kind = ServiceKind::from_wire(&form.service_type);
    if kind.is_none() {
        add(&mut e, "service_type", "Choose the kind of service.");
    }
    let kind = kind.unwrap_or(ServiceKind::Vmr);
    if form.name.trim().is_empty() {
        add(&mut e, "name", "Give the service a name.");
    }
    check_length(&mut e, "name", form.name.trim(), 250);
    check_length(&mut e, "description", &form.description, 250);
    check_length(&mut e, "tag", &form.tag, 250);
    let owner = form.primary_owner_email_address.trim();
    if kind.has(Setting::Owner) && !owner.is_empty() {
        check_length(&mut e, "primary_owner_email_address", owner, 100);
        if !email_ok(owner) {
            add(
                &mut e,
                "primary_owner_email_address",
                "Enter an email address like alice@example.com.",
            );
        }
    }
    if kind.has(Setting::Pins) {
        let (pin, guest) = (form.pin.trim(), form.guest_pin.trim());
        if !pin.is_empty() && !pin_ok(pin) {
            add(
                &mut e,
                "pin",
                "A PIN is 4 to 20 digits, optionally ending in #.",
            );
        }
        if !guest.is_empty() {
            if !pin_ok(guest) {
                add(
                    &mut e,
                    "guest_pin",
                    "A PIN is 4 to 20 digits, optionally ending in #.",
                );
            } else if pin.is_empty() {
                add(&mut e, "guest_pin", "A Guest PIN needs a Host PIN as well.");
            } else if pin == guest {
                add(
                    &mut e,
                    "guest_pin",
                    "The Guest PIN must differ from the Host PIN.",
                );
            }
        }
    }
    if kind.has(Setting::Layouts) {
        check_choice(&mut e, "host_view", &form.host_view, LAYOUTS);
        if !form.guest_view.is_empty() {
            check_choice(&mut e, "guest_view", &form.guest_view, LAYOUTS);
        }
    }
    if kind.has(Setting::CallType) {
        check_choice(&mut e, "call_type", &form.call_type, CALL_TYPES);
    }
    if kind.has(Setting::Crypto) {
        check_choice(&mut e, "crypto_mode", &form.crypto_mode, CRYPTO_MODES);
    }
    if kind.has(Setting::CallRates) {
        check_choice(
            &mut e,
            "max_pixels_per_second",
            &form.max_pixels_per_second,
            MAX_PIXELS,
        );
        for field in ["max_callrate_in", "max_callrate_out"] {
            let value = if field == "max_callrate_in" {
                &form.max_callrate_in
            } else {
                &form.max_callrate_out
            };
            if let Err(msg) = optional_number(value, 128, 8192) {
                add(&mut e, field, msg);
            }
        }
    }
    if kind.has(Setting::ParticipantLimit) {
        if let Err(msg) = optional_number(&form.participant_limit, 0, 1_000_000) {
            add(&mut e, "participant_limit", msg);
        }
    }
    if kind.has(Setting::Chat) {
        check_choice(&mut e, "enable_chat", &form.enable_chat, CHAT);
    }
    if kind.has(Setting::Reception) {
        check_choice(
            &mut e,
            "two_stage_dial_type",
            &form.two_stage_dial_type,
            TWO_STAGE_TYPES,
        );
        for (field, value) in [
            ("match_string", &form.match_string),
            ("replace_string", &form.replace_string),
            ("post_match_string", &form.post_match_string),
            ("post_replace_string", &form.post_replace_string),
        ] {
            check_length(&mut e, field, value, 250);
        }
    }
    for (field, value) in [
        ("ivr_theme", &form.ivr_theme),
        ("system_location", &form.system_location),
    ] {
        if !value.is_empty() && value.parse::<i64>().is_err() {
            add(&mut e, field, "Choose one of the listed options.");
        }
    }
    check_aliases(&mut e, "aliases", &form.alias_list());
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vmr() -> ServiceForm {
        ServiceForm {
            name: "Board room".into(),
            ..ServiceForm::new_of(ServiceKind::Vmr)
        }
    }

    #[test]
    fn a_new_form_with_a_name_is_valid() {
        assert_eq!(validate(&vmr()), FieldErrors::new());
    }

    #[test]
    fn pin_rules() {
        assert!(pin_ok("1234") && pin_ok("1234#") && pin_ok("12345678901234567890"));
        assert!(!pin_ok("123") && !pin_ok("12a4") && !pin_ok("#1234") && !pin_ok(""));
        let mut f = vmr();
        f.pin = "12".into();
        assert!(validate(&f).contains_key("pin"));
        f.pin = String::new();
        f.guest_pin = "5678".into();
        assert_eq!(
            validate(&f).get("guest_pin").unwrap(),
            &vec!["A Guest PIN needs a Host PIN as well.".to_owned()]
        );
        f.pin = "5678".into();
        assert!(validate(&f)["guest_pin"][0].contains("differ"));
        f.pin = "1234".into();
        assert!(validate(&f).is_empty());
    }

    #[test]
    fn pins_do_not_apply_to_a_test_call() {
        let mut f = ServiceForm {
            name: "Test".into(),
            ..ServiceForm::new_of(ServiceKind::TestCall)
        };
        f.pin = "x".into();
        assert!(validate(&f).is_empty());
    }

    #[test]
    fn numbers_lengths_and_choices() {
        let mut f = vmr();
        f.max_callrate_in = "64".into();
        f.participant_limit = "ten".into();
        f.name = "x".repeat(251);
        f.host_view = "huge".into();
        f.primary_owner_email_address = "alice".into();
        let e = validate(&f);
        assert!(e["max_callrate_in"][0].contains("128 to 8192"));
        assert!(e.contains_key("participant_limit"));
        assert!(e["name"][0].contains("at most 250"));
        assert!(e.contains_key("host_view"));
        assert!(e.contains_key("primary_owner_email_address"));
        assert_eq!(optional_number(" 512 ", 128, 8192), Ok(Some(512)));
        assert_eq!(optional_number("", 128, 8192), Ok(None));
    }

    #[test]
    fn aliases_are_one_per_line_without_repeats() {
        let mut f = vmr();
        f.aliases = "meet@example.com\n\n  board \nMEET@example.com\nbad alias".into();
        assert_eq!(f.alias_list().len(), 4);
        let e = validate(&f);
        let msgs = e["aliases"].join(" ");
        assert!(msgs.contains("listed twice"), "{msgs}");
        assert!(msgs.contains("contains a space"), "{msgs}");
    }

    #[test]
    fn checkboxes_read_on_and_absent() {
        let f: ServiceForm =
            serde_json::from_str(r#"{"name":"a","allow_guests":"on","mute_all_guests":false}"#)
                .unwrap();
        assert!(f.allow_guests && !f.mute_all_guests && !f.guests_can_present);
    }

    #[test]
    fn emails() {
        assert!(email_ok("alice@example.com"));
        for bad in ["alice", "@example.com", "a@b", "a b@example.com", "a@.com"] {
            assert!(!email_ok(bad), "{bad}");
        }
    }
}
