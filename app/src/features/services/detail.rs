//! One service at a glance, with its aliases and dialled participants managed in place.
//! Every action is a small form, so the page works without JavaScript; with it, the page
//! refreshes its data after each action instead of reloading.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    adps_section::AdpsSection,
    aliases_section::AliasesSection,
    api::{get_service, DeleteService},
    form::{choice_label, CALL_TYPES, LAYOUTS},
    kind::{kind_label, Setting},
    model::{LiveState, ServiceDetail},
};
use crate::{
    auth::Role,
    error::{AppError, ErrorPage},
    ui::gate::RoleGate,
};

/// The actions of the page; any of them changing something reloads the data.
#[derive(Clone, Copy)]
pub struct DetailActions {
    pub version: RwSignal<usize>,
}

impl DetailActions {
    /// Call after an action answered.
    pub fn changed(self) {
        self.version.update(|v| *v += 1);
    }
}

/// Refreshes the page's data whenever an action of the page succeeds.
pub fn refresh_after<T: 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) {
    if let Some(actions) = use_context::<DetailActions>() {
        Effect::new(move |_| {
            if matches!(value.get(), Some(Ok(_))) {
                actions.changed();
            }
        });
    }
}

/// Helpdesk page: one service.
#[component]
pub fn ServiceDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok())));
    let pins = Memo::new(move |_| query.with(|q| q.get("pins").as_deref() == Some("show")));
    let adp_q = Memo::new(move |_| query.with(|q| q.get("adp_q")));
    let actions = DetailActions {
        version: RwSignal::new(0),
    };
    let detail = Resource::new(
        move || (id.get(), pins.get(), adp_q.get(), actions.version.get()),
        |(id, pins, adp_q, _)| async move {
            match id {
                Some(id) => get_service(id, pins, adp_q).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    provide_context(actions);
    view! {
        <RoleGate role=Role::Helpdesk children=move |_| view! {
                <Transition fallback=|| view! { <p class="text-muted">"Loading the service…"</p> }>
                    {move || detail.get().map(|result| match result {
                        Ok(d) => view! { <Detail d /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    })}
                </Transition>
        } />
    }
}

#[component]
fn Detail(d: ServiceDetail) -> impl IntoView {
    let f = d.form.clone();
    let kind = f.kind();
    let id = d.id;
    let heading = f.name.clone();
    view! {
        <Title text=heading.clone() />
        <nav aria-label="Breadcrumb" class="text-sm text-muted">
            <a href="/services" class="hover:underline">"Services"</a>" / "
        </nav>
        <div class="mt-1 flex flex-wrap items-start justify-between gap-3">
            <div>
                <h1 class="break-words text-2xl font-bold tracking-tight">{heading}</h1>
                <p class="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted">
                    <span>{kind_label(&f.service_type).into_owned()}</span>
                    <LiveBadge live=d.live.clone() />
                </p>
            </div>
            <div class="flex flex-wrap gap-2">
                <a class="btn-primary" href=format!("/services/{id}/edit")>"Edit settings"</a>
                <a class="btn-secondary" href=format!("/services/new?clone={id}")>"Clone"</a>
            </div>
        </div>
        <Summary d=d.clone() />
        <AliasesSection service_id=id aliases=d.aliases.clone() />
        {kind.has_adps().then(|| view! { <AdpsSection service_id=id adps=d.adps.clone() locations=d.locations.clone() matches=d.adp_matches.clone() /> })}
        <DeleteSection d />
    }
}

#[component]
fn LiveBadge(live: LiveState) -> impl IntoView {
    match live {
        LiveState::Idle => view! { <span class="badge border-line">"Not in use"</span> }.into_any(),
        LiveState::Live(now) => {
            let text = format!(
                "Live now{}{}",
                if now.started.is_empty() {
                    String::new()
                } else {
                    format!(" since {} UTC", now.started.replace('T', " "))
                },
                if now.locked { " · locked" } else { "" }
            );
            view! {
                <span class="badge border-emerald-500/50 text-emerald-800 dark:text-emerald-200" role="status">{text}</span>
            }
            .into_any()
        }
        LiveState::Unknown(why) => view! {
            <span class="badge border-amber-500/50" title=why>"Live status unavailable"</span>
        }
        .into_any(),
    }
}

fn or_dash(v: &str) -> String {
    if v.is_empty() {
        "—".to_owned()
    } else {
        v.to_owned()
    }
}

#[component]
fn Summary(d: ServiceDetail) -> impl IntoView {
    let f = d.form.clone();
    let kind = f.kind();
    let id = d.id;
    let pin_text = |set: bool, value: &str, shown: bool| match (set, shown) {
        (false, _) => "Not set".to_owned(),
        (true, true) => value.to_owned(),
        (true, false) => "Set".to_owned(),
    };
    let limits = |v: &str| {
        if v.is_empty() {
            "No limit".to_owned()
        } else {
            format!("{v} kbps")
        }
    };
    view! {
        <section aria-labelledby="settings-heading" class="mt-6 rounded-lg border border-line p-4">
            <h2 id="settings-heading" class="font-semibold">"Settings"</h2>
            <dl class="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr] lg:grid-cols-[auto_1fr_auto_1fr]">
                <dt class="text-muted">"Description"</dt><dd>{or_dash(&f.description)}</dd>
                <dt class="text-muted">"Tag"</dt><dd>{or_dash(&f.tag)}</dd>
                {kind.has(Setting::Owner).then(|| view! {
                    <dt class="text-muted">"Owner"</dt><dd class="break-all">{or_dash(&f.primary_owner_email_address)}</dd>
                })}
                {kind.has(Setting::Pins).then(|| view! {
                    <dt class="text-muted">"Host PIN"</dt>
                    <dd class="font-mono">{pin_text(d.pin_set, &f.pin, d.pins_shown)}</dd>
                    <dt class="text-muted">"Guest PIN"</dt>
                    <dd class="font-mono">{pin_text(d.guest_pin_set, &f.guest_pin, d.pins_shown)}</dd>
                    <dt class="text-muted">"Guests"</dt>
                    <dd>{if f.allow_guests { "Allowed" } else { "Not allowed: everyone joins as Host" }}</dd>
                })}
                {kind.has(Setting::Layouts).then(|| view! {
                    <dt class="text-muted">"Layouts"</dt>
                    <dd>{format!("Hosts: {} · Guests: {}", choice_label(LAYOUTS, &f.host_view),
                        if f.guest_view.is_empty() { "same as Hosts".to_owned() } else { choice_label(LAYOUTS, &f.guest_view) })}</dd>
                })}
                {kind.has(Setting::CallType).then(|| view! {
                    <dt class="text-muted">"Call capability"</dt><dd>{choice_label(CALL_TYPES, &f.call_type)}</dd>
                })}
                {kind.has(Setting::CallRates).then(|| view! {
                    <dt class="text-muted">"Call rate in / out"</dt>
                    <dd>{format!("{} / {}", limits(&f.max_callrate_in), limits(&f.max_callrate_out))}</dd>
                })}
                {kind.has(Setting::ParticipantLimit).then(|| view! {
                    <dt class="text-muted">"Participant limit"</dt>
                    <dd>{if f.participant_limit.is_empty() { "No limit".to_owned() } else { f.participant_limit.clone() }}</dd>
                })}
                <dt class="text-muted">"Theme"</dt>
                <dd>{d.theme.as_ref().map(|t| t.name.clone()).unwrap_or_else(|| "Default".into())}</dd>
                {kind.has(Setting::Reception).then(|| view! {
                    <dt class="text-muted">"Lookup location"</dt>
                    <dd>{d.location.as_ref().map(|l| l.name.clone()).unwrap_or_else(|| "Any".into())}</dd>
                    <dt class="text-muted">"Match / replace"</dt>
                    <dd class="break-all font-mono">{format!("{} → {}", or_dash(&f.match_string), or_dash(&f.replace_string))}</dd>
                })}
                <dt class="text-muted">"Created"</dt><dd>{format!("{} UTC", d.created.replace('T', " "))}</dd>
            </dl>
            {kind.has(Setting::Pins).then(|| {
                let (href, label) = if d.pins_shown {
                    (format!("/services/{id}"), "Hide PINs")
                } else {
                    (format!("/services/{id}?pins=show"), "Show PINs")
                };
                (d.pin_set || d.guest_pin_set).then(|| view! {
                    <a class="btn-secondary mt-3" href=href>{label}</a>
                })
            })}
        </section>
    }
}

#[component]
fn DeleteSection(d: ServiceDetail) -> impl IntoView {
    let action = ServerAction::<DeleteService>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            navigate("/services", Default::default());
        }
    });
    let aliases: Vec<String> = d.aliases.iter().map(|a| a.alias.clone()).collect();
    let what = if aliases.is_empty() {
        format!("This deletes {} for good. It has no aliases.", d.form.name)
    } else {
        format!(
            "This deletes {} for good, with its {} {}: {}.",
            d.form.name,
            aliases.len(),
            if aliases.len() == 1 {
                "alias"
            } else {
                "aliases"
            },
            aliases.join(", ")
        )
    };
    let adps = (!d.adps.is_empty()).then(|| {
        format!(
            "Its {} dialled participants stay, for any other services they serve.",
            d.adps.len()
        )
    });
    view! {
        <section aria-labelledby="delete-heading" class="mt-6 rounded-lg border border-red-500/40 p-4">
            <h2 id="delete-heading" class="font-semibold text-red-800 dark:text-red-200">"Delete"</h2>
            <details class="mt-2">
                <summary class="cursor-pointer text-sm font-medium">"Delete this service…"</summary>
                <ActionForm action attr:class="mt-3 space-y-2">
                    <input type="hidden" name="id" value=d.id.to_string() />
                    <p class="text-sm">{what}</p>
                    {adps.map(|a| view! { <p class="text-sm text-muted">{a}</p> })}
                    <p role="alert" class="text-sm text-red-700 dark:text-red-300">
                        {move || action.value().get().and_then(Result::err).map(|e| e.to_string())}
                    </p>
                    <button type="submit" class="btn-danger">"Delete service and aliases"</button>
                </ActionForm>
            </details>
        </section>
    }
}
