//! The form for a new Automatically Dialed Participant, and its rules.

use serde::{Deserialize, Serialize};

use super::form::{check_aliases, Choices, FieldErrors};

/// A new ADP as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdpForm {
    pub alias: String,
    pub remote_display_name: String,
    pub description: String,
    pub protocol: String,
    pub role: String,
    pub routing: String,
    pub system_location: String,
    pub call_type: String,
    pub keep_conference_alive: String,
    pub dtmf_sequence: String,
}

impl Default for AdpForm {
    fn default() -> Self {
        AdpForm {
            alias: String::new(),
            remote_display_name: String::new(),
            description: String::new(),
            protocol: "sip".into(),
            role: "guest".into(),
            routing: "routing_rule".into(),
            system_location: String::new(),
            call_type: "video".into(),
            keep_conference_alive: "keep_conference_alive_if_multiple".into(),
            dtmf_sequence: String::new(),
        }
    }
}

pub const PROTOCOLS: Choices = &[
    ("sip", "SIP"),
    ("h323", "H.323"),
    ("mssip", "Skype for Business (MS-SIP)"),
    ("rtmp", "RTMP (streaming)"),
    ("gms", "Google Meet"),
    ("teams", "Microsoft Teams"),
];
pub const ROLES: Choices = &[("guest", "Guest"), ("chair", "Host")];
pub const ROUTING: Choices = &[
    ("routing_rule", "By the call routing rules"),
    ("manual", "Manually, from the location below"),
];
pub const KEEP_ALIVE: Choices = &[
    (
        "keep_conference_alive_if_multiple",
        "Keep the conference alive while others are in it",
    ),
    ("keep_conference_alive", "Keep the conference alive"),
    (
        "keep_conference_alive_never",
        "Never keep the conference alive",
    ),
];

/// Every rule the ADP form can check by itself.
pub fn validate_adp(form: &AdpForm) -> FieldErrors {
    let mut e = FieldErrors::new();
    let mut add = |f: &str, m: &str| e.entry(f.to_owned()).or_default().push(m.to_owned());
    let alias = form.alias.trim();
    if alias.is_empty() {
        add("alias", "Enter the address to dial.");
    }
    let choice = |choices: Choices, v: &str| choices.iter().any(|(c, _)| *c == v);
    if !choice(PROTOCOLS, &form.protocol) {
        add("protocol", "Choose one of the listed options.");
    }
    if !choice(ROLES, &form.role) {
        add("role", "Choose one of the listed options.");
    }
    if !choice(ROUTING, &form.routing) {
        add("routing", "Choose one of the listed options.");
    }
    if !choice(super::form::CALL_TYPES, &form.call_type) {
        add("call_type", "Choose one of the listed options.");
    }
    if !choice(KEEP_ALIVE, &form.keep_conference_alive) {
        add("keep_conference_alive", "Choose one of the listed options.");
    }
    if form.routing == "manual" && form.system_location.is_empty() {
        add(
            "system_location",
            "Manual routing needs the location to dial from.",
        );
    }
    if !form.system_location.is_empty() && form.system_location.parse::<i64>().is_err() {
        add("system_location", "Choose one of the listed options.");
    }
    for (field, value) in [
        ("remote_display_name", &form.remote_display_name),
        ("description", &form.description),
        ("dtmf_sequence", &form.dtmf_sequence),
    ] {
        if value.chars().count() > 250 {
            add(field, "Use at most 250 characters.");
        }
    }
    if !form
        .dtmf_sequence
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '*' | '#' | ','))
    {
        add(
            "dtmf_sequence",
            "Use only digits, * and #, with commas for 2-second pauses.",
        );
    }
    if !alias.is_empty() {
        check_aliases(&mut e, "alias", &[alias.to_owned()]);
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_only_an_alias() {
        let mut f = AdpForm::default();
        assert!(validate_adp(&f).contains_key("alias"));
        f.alias = "recorder@example.com".into();
        assert!(validate_adp(&f).is_empty());
    }

    #[test]
    fn manual_routing_needs_a_location_and_dtmf_is_checked() {
        let f = AdpForm {
            alias: "x@example.com".into(),
            routing: "manual".into(),
            dtmf_sequence: "12a".into(),
            ..AdpForm::default()
        };
        let e = validate_adp(&f);
        assert!(e.contains_key("system_location"));
        assert!(e.contains_key("dtmf_sequence"));
    }
}
