//! The settings of a service as form fields, grouped, showing only what applies to the
//! service's kind. Field names are `form[<api field>]`, so the server function reads them
//! into a [`ServiceForm`] and the Management Node's field errors land beside them.

use leptos::prelude::*;

use super::{
    form::{
        FieldErrors, ServiceForm, CALL_TYPES, CHAT, CRYPTO_MODES, LAYOUTS, MAX_PIXELS,
        TWO_STAGE_TYPES,
    },
    kind::Setting,
    model::{FormOptions, NamedRef},
};
use crate::ui::field::{choices, CheckboxField, SelectField, TextAreaField, TextField};

/// Which messages to show: the live checks for fields touched since the last submit,
/// the server's answer for the rest.
#[derive(Clone, Copy)]
pub struct ShownErrors {
    pub server: Signal<FieldErrors>,
    pub live: RwSignal<FieldErrors>,
    pub touched: RwSignal<Vec<String>>,
}

impl ShownErrors {
    /// The error signal of one field.
    pub fn of(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            let touched = self.touched.with(|t| t.iter().any(|n| n == field));
            let source = if touched {
                self.live.get()
            } else {
                self.server.get()
            };
            source.get(field).map(|m| m.join(" "))
        })
    }
}

fn named(list: &[NamedRef], none: &str) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), none.to_owned())];
    out.extend(list.iter().map(|r| (r.id.to_string(), r.name.clone())));
    out
}

fn id(field: &str) -> String {
    format!("svc-{}", field.replace('_', "-"))
}

fn name(field: &str) -> String {
    format!("form[{field}]")
}

/// The grouped fields of a service form.
#[component]
pub fn ServiceFields(
    form: ServiceForm,
    errors: ShownErrors,
    options: FormOptions,
    /// New services list their aliases here; existing ones manage them on their page.
    with_aliases: bool,
) -> impl IntoView {
    let kind = form.kind();
    let text = move |field: &'static str, label: &'static str, value: String| {
        view! { <TextField id=id(field) name=name(field) label value error=errors.of(field) /> }
    };
    let mut guest_layouts = vec![(String::new(), "Same as the Host layout".to_owned())];
    guest_layouts.extend(choices(LAYOUTS));
    let f = form.clone();
    view! {
        <input type="hidden" name="form[service_type]" value=form.service_type.clone() />
        <input type="hidden" name="form[version]" value=form.version.clone() />
        <input type="hidden" name="form[clone_of]" value=form.clone_of.clone() />
        <fieldset class="grid gap-4 rounded-lg border border-line p-4 md:grid-cols-2">
            <legend class="px-1 font-semibold">"Basics"</legend>
            <TextField id=id("name") name=name("name") label="Name" value=f.name.clone()
                error=errors.of("name") required=true maxlength=250 />
            {text("description", "Description", f.description.clone())}
            {text("tag", "Tag", f.tag.clone())}
            {kind.has(Setting::Owner).then(|| view! {
                <TextField id=id("primary_owner_email_address") name=name("primary_owner_email_address")
                    label="Owner's email" value=f.primary_owner_email_address.clone()
                    error=errors.of("primary_owner_email_address") input_type="email"
                    hint="The owner can manage this room themselves in My rooms." />
            })}
        </fieldset>
        {with_aliases.then(|| view! {
            <fieldset class="mt-4 rounded-lg border border-line p-4">
                <legend class="px-1 font-semibold">"Aliases"</legend>
                <TextAreaField id=id("aliases") name=name("aliases") label="Aliases, one per line"
                    value=f.aliases.clone() error=errors.of("aliases")
                    hint="What people dial, e.g. board@example.com and 5501. Each alias must be free on the platform." />
            </fieldset>
        })}
        {kind.has(Setting::Pins).then(|| view! {
            <fieldset class="mt-4 grid gap-4 rounded-lg border border-line p-4 md:grid-cols-2">
                <legend class="px-1 font-semibold">"Access"</legend>
                <TextField id=id("pin") name=name("pin") label="Host PIN" value=f.pin.clone()
                    error=errors.of("pin") inputmode="numeric"
                    hint="4 to 20 digits, optionally ending in #. Empty: no PIN." />
                <TextField id=id("guest_pin") name=name("guest_pin") label="Guest PIN" value=f.guest_pin.clone()
                    error=errors.of("guest_pin") inputmode="numeric"
                    hint="Needs a Host PIN, and must differ from it." />
                <CheckboxField id=id("allow_guests") name=name("allow_guests") label="Allow Guests"
                    checked=f.allow_guests hint="Without it, everyone who knows the PIN joins as a Host." />
                <CheckboxField id=id("guests_can_present") name=name("guests_can_present")
                    label="Guests can present" checked=f.guests_can_present />
                <CheckboxField id=id("mute_all_guests") name=name("mute_all_guests")
                    label="Mute Guests when they join" checked=f.mute_all_guests />
            </fieldset>
        })}
        <fieldset class="mt-4 grid gap-4 rounded-lg border border-line p-4 md:grid-cols-2">
            <legend class="px-1 font-semibold">"Call and layout"</legend>
            {kind.has(Setting::Layouts).then(|| view! {
                <SelectField id=id("host_view") name=name("host_view") label="Host layout"
                    value=f.host_view.clone() choices=choices(LAYOUTS) error=errors.of("host_view") />
                <SelectField id=id("guest_view") name=name("guest_view") label="Guest layout"
                    value=f.guest_view.clone() choices=guest_layouts error=errors.of("guest_view") />
                <CheckboxField id=id("enable_overlay_text") name=name("enable_overlay_text")
                    label="Show participant names" checked=f.enable_overlay_text />
            })}
            {kind.has(Setting::CallType).then(|| view! {
                <SelectField id=id("call_type") name=name("call_type") label="Call capability"
                    value=f.call_type.clone() choices=choices(CALL_TYPES) error=errors.of("call_type") />
            })}
            {kind.has(Setting::Crypto).then(|| view! {
                <SelectField id=id("crypto_mode") name=name("crypto_mode") label="Media encryption"
                    value=f.crypto_mode.clone() choices=choices(CRYPTO_MODES) error=errors.of("crypto_mode") />
            })}
            {kind.has(Setting::CallRates).then(|| view! {
                <TextField id=id("max_callrate_in") name=name("max_callrate_in") label="Maximum inbound call rate (kbps)"
                    value=f.max_callrate_in.clone() error=errors.of("max_callrate_in") inputmode="numeric"
                    hint="128 to 8192. Empty: no limit." />
                <TextField id=id("max_callrate_out") name=name("max_callrate_out") label="Maximum outbound call rate (kbps)"
                    value=f.max_callrate_out.clone() error=errors.of("max_callrate_out") inputmode="numeric"
                    hint="128 to 8192. Empty: no limit." />
                <SelectField id=id("max_pixels_per_second") name=name("max_pixels_per_second") label="Maximum resolution"
                    value=f.max_pixels_per_second.clone() choices=choices(MAX_PIXELS) error=errors.of("max_pixels_per_second") />
            })}
            {kind.has(Setting::ParticipantLimit).then(|| view! {
                <TextField id=id("participant_limit") name=name("participant_limit") label="Participant limit"
                    value=f.participant_limit.clone() error=errors.of("participant_limit") inputmode="numeric"
                    hint="0 to 1000000. Empty: no limit." />
            })}
            {kind.has(Setting::Chat).then(|| view! {
                <SelectField id=id("enable_chat") name=name("enable_chat") label="Chat"
                    value=f.enable_chat.clone() choices=choices(CHAT) error=errors.of("enable_chat") />
            })}
            <SelectField id=id("ivr_theme") name=name("ivr_theme") label="Theme"
                value=f.ivr_theme.clone() choices=named(&options.themes, "The default theme")
                error=errors.of("ivr_theme") />
        </fieldset>
        {kind.has(Setting::Reception).then(|| view! {
            <fieldset class="mt-4 grid gap-4 rounded-lg border border-line p-4 md:grid-cols-2">
                <legend class="px-1 font-semibold">"Reception"</legend>
                <SelectField id=id("two_stage_dial_type") name=name("two_stage_dial_type") label="Lookup"
                    value=f.two_stage_dial_type.clone() choices=choices(TWO_STAGE_TYPES)
                    error=errors.of("two_stage_dial_type") />
                <SelectField id=id("system_location") name=name("system_location") label="Lookup location"
                    value=f.system_location.clone() choices=named(&options.locations, "Any location")
                    error=errors.of("system_location") />
                {text("match_string", "Match (regular expression)", f.match_string.clone())}
                {text("replace_string", "Replace with", f.replace_string.clone())}
                {text("post_match_string", "Post-lookup match", f.post_match_string.clone())}
                {text("post_replace_string", "Post-lookup replace", f.post_replace_string.clone())}
            </fieldset>
        })}
        {kind.has(Setting::OnCompletion).then(|| view! {
            <fieldset class="mt-4 rounded-lg border border-line p-4">
                <legend class="px-1 font-semibold">"When playback ends"</legend>
                <TextAreaField id=id("on_completion") name=name("on_completion") label="What happens (JSON)"
                    value=f.on_completion.clone() error=errors.of("on_completion") rows=2
                    hint=r#"e.g. {"disconnect": true} or {"transfer": {"conference": "meet@example.com", "role": "guest"}}"# />
            </fieldset>
        })}
    }
}

/// The messages of fields the form does not show (a conflict, the kind).
pub fn general_messages(errors: &FieldErrors) -> Vec<String> {
    const SHOWN: [&str; 24] = [
        "name",
        "description",
        "tag",
        "primary_owner_email_address",
        "aliases",
        "pin",
        "guest_pin",
        "host_view",
        "guest_view",
        "call_type",
        "crypto_mode",
        "max_callrate_in",
        "max_callrate_out",
        "max_pixels_per_second",
        "participant_limit",
        "enable_chat",
        "ivr_theme",
        "two_stage_dial_type",
        "system_location",
        "match_string",
        "replace_string",
        "post_match_string",
        "post_replace_string",
        "on_completion",
    ];
    errors
        .iter()
        .filter(|(k, _)| !SHOWN.contains(&k.as_str()))
        .flat_map(|(_, m)| m.iter().cloned())
        .collect()
}
