//! Pages that confirm a destructive action by naming everything it takes with it: a bulk
//! delete of services, and deleting a dialled participant that may serve other services.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::api::{get_adp_usage, services_by_ids, BulkDeleteServices, DeleteAdp};
use crate::{
    auth::Role,
    error::{AppError, ErrorPage},
    ui::gate::RoleGate,
};

/// `/services/delete?ids=1&ids=2`: the services selected on the list.
#[component]
pub fn BulkDeletePage() -> impl IntoView {
    let query = use_query_map();
    let ids = Memo::new(move |_| {
        query.with(|q| {
            let mut all = q.get_all("ids").unwrap_or_default();
            all.retain(|v| !v.is_empty());
            all.join(",")
        })
    });
    let picked = Resource::new(move || ids.get(), services_by_ids);
    let action = ServerAction::<BulkDeleteServices>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(report)) = action.value().get() {
            if report.failed.is_empty() {
                navigate(
                    &format!("/services?deleted={}&failed=0", report.deleted.len()),
                    Default::default(),
                );
            }
        }
    });
    view! {
        <RoleGate role=Role::Helpdesk children=move |_| view! {
                <Title text="Delete services" />
                <nav aria-label="Breadcrumb" class="text-sm text-muted">
                    <a href="/services" class="hover:underline">"Services"</a>" / "
                </nav>
                <h1 class="mt-1 text-2xl font-bold tracking-tight">"Delete services"</h1>
                <Transition fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
                    {move || picked.get().map(|r| match r {
                        Ok(rows) if rows.is_empty() => view! {
                            <p class="mt-4" role="status">"None of the selected services exist any more."</p>
                            <a class="btn-secondary mt-3" href="/services">"Back to the list"</a>
                        }.into_any(),
                        Ok(rows) => {
                            let aliases: usize = rows.iter().map(|r| r.aliases.len()).sum();
                            view! {
                                <p class="mt-3">{format!("These {} services will be deleted for good, with their {} aliases:", rows.len(), aliases)}</p>
                                <ul class="mt-3 divide-y divide-line rounded-lg border border-line" aria-label="Services to delete">
                                    {rows.into_iter().map(|r| view! {
                                        <li class="p-3 text-sm">
                                            <span class="font-medium">{r.name}</span>
                                            <span class="block break-all font-mono text-xs text-muted">{r.aliases.join(" · ")}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <ActionForm action attr:class="mt-4 flex flex-wrap gap-2">
                                    <input type="hidden" name="ids" value=ids.get() />
                                    <button type="submit" class="btn-danger">"Delete these services"</button>
                                    <a class="btn-secondary" href="/services">"Cancel"</a>
                                </ActionForm>
                                {move || action.value().get().map(|r| match r {
                                    Ok(report) if !report.failed.is_empty() => view! {
                                        <div role="alert" class="mt-4 rounded-lg border border-red-500/40 p-3 text-sm">
                                            <p>{format!("Deleted {}; these were not deleted:", report.deleted.len())}</p>
                                            <ul class="mt-1 list-disc pl-5">
                                                {report.failed.into_iter().map(|(name, why)| view! { <li>{format!("{name}: {why}")}</li> }).collect_view()}
                                            </ul>
                                        </div>
                                    }.into_any(),
                                    Ok(_) => ().into_any(),
                                    Err(e) => view! { <p role="alert" class="mt-4 text-sm text-red-700 dark:text-red-300">{e.to_string()}</p> }.into_any(),
                                })}
                            }.into_any()
                        }
                        Err(error) => view! {
                            <p role="alert" class="mt-4">{error.to_string()}</p>
                            <a class="btn-secondary mt-3" href="/services">"Back to the list"</a>
                        }.into_any(),
                    })}
                </Transition>
        } />
    }
}

/// `/services/:id/adps/:adp/delete`: deleting a dialled participant, naming every
/// service that loses it.
#[component]
pub fn DeleteAdpPage() -> impl IntoView {
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        params.with(|p| {
            (
                p.get("id").and_then(|v| v.parse::<i64>().ok()),
                p.get("adp").and_then(|v| v.parse::<i64>().ok()),
            )
        })
    });
    let usage = Resource::new(
        move || ids.get().1,
        |adp| async move {
            match adp {
                Some(adp) => get_adp_usage(adp).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let action = ServerAction::<DeleteAdp>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let (Some(Ok(())), (Some(service), _)) = (action.value().get(), ids.get()) {
            navigate(&format!("/services/{service}#adps"), Default::default());
        }
    });
    view! {
        <RoleGate role=Role::Helpdesk children=move |_| view! {
                <Title text="Delete a dialled participant" />
                <Transition fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
                    {move || usage.get().map(|r| match r {
                        Ok(u) => {
                            let service = ids.get().0.unwrap_or_default();
                            let others = u.services.iter().filter(|s| s.id != service).count();
                            view! {
                                <nav aria-label="Breadcrumb" class="text-sm text-muted">
                                    <a href="/services" class="hover:underline">"Services"</a>" / "
                                    <a href=format!("/services/{service}") class="hover:underline">"Service"</a>" / "
                                </nav>
                                <h1 class="mt-1 break-all text-2xl font-bold tracking-tight">{format!("Delete {}", u.adp.alias)}</h1>
                                <p class="mt-3">
                                    {if others == 0 {
                                        "No other service dials it.".to_owned()
                                    } else {
                                        format!("Deleting it also stops {others} other services dialling it:")
                                    }}
                                </p>
                                <ul class="mt-2 list-disc pl-5 text-sm" aria-label="Services that dial it">
                                    {u.services.into_iter().map(|s| view! {
                                        <li><a class="hover:underline" href=format!("/services/{}", s.id)>{s.name}</a></li>
                                    }).collect_view()}
                                </ul>
                                <p class="mt-3 text-sm text-muted">"To stop only this service dialling it, detach it instead."</p>
                                <ActionForm action attr:class="mt-4 flex flex-wrap gap-2">
                                    <input type="hidden" name="service_id" value=service.to_string() />
                                    <input type="hidden" name="adp_id" value=u.adp.id.to_string() />
                                    <button type="submit" class="btn-danger">"Delete it everywhere"</button>
                                    <a class="btn-secondary" href=format!("/services/{service}#adps")>"Cancel"</a>
                                </ActionForm>
                                <p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-300">
                                    {move || action.value().get().and_then(Result::err).map(|e| e.to_string())}
                                </p>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    })}
                </Transition>
        } />
    }
}
