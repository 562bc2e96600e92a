//! The Automatically Dialed Participants of a service: create one, attach an existing
//! one (search by alias), detach one, or go to the page that deletes one.

use leptos::{form::ActionForm, prelude::*};
use leptos_router::{components::Form, hooks::use_query_map};

use super::{
    adp_form::{AdpForm, KEEP_ALIVE, PROTOCOLS, ROLES, ROUTING},
    api::{AttachAdp, CreateAdp, DetachAdp},
    detail::refresh_after,
    form::{choice_label, CALL_TYPES},
    model::{AdpChoice, AdpRow, NamedRef},
};
use crate::{
    error::AppError,
    forms::use_rejected_form,
    ui::field::{choices, SelectField, TextField},
};

#[component]
pub fn AdpsSection(
    service_id: i64,
    adps: Vec<AdpRow>,
    locations: Vec<NamedRef>,
    matches: Option<Vec<AdpChoice>>,
) -> impl IntoView {
    let detach = ServerAction::<DetachAdp>::new();
    let attach = ServerAction::<AttachAdp>::new();
    refresh_after(detach.value());
    refresh_after(attach.value());
    let query = use_query_map();
    let search = Memo::new(move |_| query.with(|q| q.get("adp_q")));
    let errors = move || {
        [detach.value().get(), attach.value().get()]
            .into_iter()
            .flatten()
            .filter_map(Result::err)
            .next()
            .map(|e| e.to_string())
    };
    view! {
        <section id="adps" aria-labelledby="adps-heading" class="mt-6 rounded-lg border border-line p-4">
            <h2 id="adps-heading" class="font-semibold">"Automatically dialled participants"</h2>
            <p class="mt-1 text-sm text-muted">"Dialled out when a conference starts on this service."</p>
            {if adps.is_empty() {
                view! { <p class="mt-2 text-sm text-muted">"None."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 divide-y divide-line" aria-label="Dialled participants">
                        {adps.into_iter().map(|a| view! { <AdpItem service_id a detach /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-300">{errors}</p>
            <details class="mt-3" open=move || search.get().is_some()>
                <summary class="cursor-pointer text-sm font-medium">"Attach an existing one"</summary>
                <Form method="GET" action="" attr:class="mt-2 flex items-end gap-2">
                    <div class="grow">
                        <label for="adp-search" class="block text-sm">"Find by alias"</label>
                        <input id="adp-search" name="adp_q" type="search" class="field mt-1"
                            prop:value=move || search.get().unwrap_or_default() />
                    </div>
                    <button type="submit" class="btn-secondary">"Find"</button>
                </Form>
                {match matches {
                    Some(list) if list.is_empty() => view! { <p class="mt-2 text-sm text-muted" role="status">"No other dialled participant matches."</p> }.into_any(),
                    Some(list) => view! {
                        <ul class="mt-2 divide-y divide-line" aria-label="Matching dialled participants">
                            {list.into_iter().map(|c| view! { <AdpMatch service_id c attach /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    None => ().into_any(),
                }}
            </details>
            <NewAdp service_id locations />
        </section>
    }
}

/// The form that creates an ADP for this service.
#[component]
fn NewAdp(service_id: i64, locations: Vec<NamedRef>) -> impl IntoView {
    let create = ServerAction::<CreateAdp>::new();
    refresh_after(create.value());
    let kept = use_rejected_form::<CreateAdp>();
    let error = move |field: &'static str| {
        Signal::derive(move || {
            create
                .value()
                .get()
                .and_then(Result::err)
                .and_then(|e| e.field(field))
        })
    };
    let general = move || {
        create
            .value()
            .get()
            .and_then(Result::err)
            .filter(|e| !matches!(e, AppError::Validation { .. }))
            .map(|e| e.to_string())
    };
    let id = |f: &str| format!("adp-{}", f.replace('_', "-"));
    let name = |f: &str| format!("adp[{f}]");
    view! {
        <details class="mt-3" open=move || kept.get().is_some()>
            <summary class="cursor-pointer text-sm font-medium">"Add a new one"</summary>
            <ActionForm action=create attr:class="mt-2">
                <input type="hidden" name="service_id" value=service_id.to_string() />
                <Suspense fallback=|| ()>
                {move || {
                    let f: AdpForm = kept
                        .get()
                        .and_then(|k| k.decode::<NewAdpArgs>())
                        .map(|a| a.adp)
                        .unwrap_or_default();
                    view! {
                        <div class="grid gap-3 md:grid-cols-2">
                            <TextField id=id("alias") name=name("alias") label="Address to dial" value=f.alias
                                error=error("alias") placeholder="recorder@example.com" />
                            <TextField id=id("remote_display_name") name=name("remote_display_name") label="Display name"
                                value=f.remote_display_name error=error("remote_display_name") />
                            <SelectField id=id("protocol") name=name("protocol") label="Protocol" value=f.protocol
                                choices=choices(PROTOCOLS) error=error("protocol") />
                            <SelectField id=id("role") name=name("role") label="Role" value=f.role
                                choices=choices(ROLES) error=error("role") />
                            <SelectField id=id("routing") name=name("routing") label="Route the call" value=f.routing
                                choices=choices(ROUTING) error=error("routing") />
                            <SelectField id=id("system_location") name=name("system_location") label="Dial from location"
                                value=f.system_location choices=location_choices(&locations) error=error("system_location")
                                hint="Needed for manual routing." />
                            <SelectField id=id("call_type") name=name("call_type") label="Call capability" value=f.call_type
                                choices=choices(CALL_TYPES) error=error("call_type") />
                            <SelectField id=id("keep_conference_alive") name=name("keep_conference_alive") label="Keep alive"
                                value=f.keep_conference_alive choices=choices(KEEP_ALIVE) error=error("keep_conference_alive") />
                            <TextField id=id("dtmf_sequence") name=name("dtmf_sequence") label="DTMF after connecting"
                                value=f.dtmf_sequence error=error("dtmf_sequence") hint="Digits, * and #; a comma pauses 2 seconds." />
                            <TextField id=id("description") name=name("description") label="Description"
                                value=f.description error=error("description") />
                        </div>
                    }
                }}
                </Suspense>
                <p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-300">{general}</p>
                <button type="submit" class="btn-primary mt-3">"Add dialled participant"</button>
            </ActionForm>
        </details>
    }
}

#[derive(serde::Deserialize)]
struct NewAdpArgs {
    #[serde(default)]
    adp: AdpForm,
}

/// The locations to dial from, with "any" first.
fn location_choices(locations: &[NamedRef]) -> Vec<(String, String)> {
    let mut list = vec![(String::new(), "Any location".to_owned())];
    list.extend(locations.iter().map(|l| (l.id.to_string(), l.name.clone())));
    list
}

/// One dialled participant with its actions.
#[component]
fn AdpItem(service_id: i64, a: AdpRow, detach: ServerAction<DetachAdp>) -> impl IntoView {
    let who = if a.display_name.is_empty() {
        a.alias.clone()
    } else {
        format!("{} ({})", a.display_name, a.alias)
    };
    let how = format!(
        "{} · {}",
        choice_label(PROTOCOLS, &a.protocol),
        choice_label(ROLES, &a.role)
    );
    let detach_label = format!("Detach {}", a.alias);
    let delete_label = format!("Delete {}", a.alias);
    let delete_href = format!("/services/{service_id}/adps/{}/delete", a.id);
    let (sid, aid) = (service_id.to_string(), a.id.to_string());
    view! {
        <li class="flex flex-wrap items-center gap-2 py-2" aria-label=a.alias.clone()>
            <span class="grow text-sm">
                <span class="break-all font-medium">{who}</span>
                <span class="block text-xs text-muted">{how}</span>
            </span>
            <ActionForm action=detach>
                <input type="hidden" name="service_id" value=sid />
                <input type="hidden" name="adp_id" value=aid />
                <button type="submit" class="btn-secondary" aria-label=detach_label>"Detach"</button>
            </ActionForm>
            <a class="btn-secondary" href=delete_href aria-label=delete_label>"Delete…"</a>
        </li>
    }
}

/// An existing dialled participant that can be attached.
#[component]
fn AdpMatch(service_id: i64, c: AdpChoice, attach: ServerAction<AttachAdp>) -> impl IntoView {
    let label = format!("Attach {}", c.adp.alias);
    let serves = format!("serves {} services", c.services);
    let (sid, aid) = (service_id.to_string(), c.adp.id.to_string());
    view! {
        <li class="flex flex-wrap items-center gap-2 py-2">
            <span class="grow break-all text-sm">{c.adp.alias.clone()}
                <span class="block text-xs text-muted">{serves}</span>
            </span>
            <ActionForm action=attach>
                <input type="hidden" name="service_id" value=sid />
                <input type="hidden" name="adp_id" value=aid />
                <button type="submit" class="btn-secondary" aria-label=label>"Attach"</button>
            </ActionForm>
        </li>
    }
}
