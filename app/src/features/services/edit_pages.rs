//! The pages around the forms: a new service (by kind, or as a clone of another) and
//! editing one.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    api::{get_form_options, get_service},
    editor::{CreateServiceForm, EditServiceForm},
    form::ServiceForm,
    kind::ServiceKind,
    model::FormOptions,
};
use crate::{
    auth::Role,
    error::{AppError, ErrorPage},
    ui::gate::RoleGate,
};

/// `/services/new?type=reception` or `/services/new?clone=12`.
#[component]
pub fn NewServicePage() -> impl IntoView {
    let query = use_query_map();
    let kind = Memo::new(move |_| {
        query.with(|q| {
            q.get("type")
                .and_then(|t| ServiceKind::from_slug(&t))
                .unwrap_or(ServiceKind::Vmr)
        })
    });
    let clone_of =
        Memo::new(move |_| query.with(|q| q.get("clone").and_then(|c| c.parse::<i64>().ok())));
    let data = Resource::new(
        move || (kind.get(), clone_of.get()),
        |(kind, clone_of)| async move {
            let options = get_form_options().await.unwrap_or_default();
            match clone_of {
                None => Ok((ServiceForm::new_of(kind), options, None)),
                Some(id) => {
                    let source = get_service(id, true, None).await?;
                    let mut form = source.form.clone();
                    form.name = format!("Copy of {}", source.form.name);
                    form.version.clear();
                    form.aliases.clear();
                    form.clone_of = id.to_string();
                    Ok::<_, AppError>((form, options, Some(source)))
                }
            }
        },
    );
    view! {
        <RoleGate role=Role::Helpdesk children=move |_| view! {
                <Title text="New service" />
                <nav aria-label="Breadcrumb" class="text-sm text-muted">
                    <a href="/services" class="hover:underline">"Services"</a>" / "
                </nav>
                <Transition fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
                    {move || data.get().map(|r| match r {
                        Ok((form, options, None)) => view! { <NewOfKind form options kind=kind.get() /> }.into_any(),
                        Ok((form, options, Some(source))) => {
                            let note = format!(
                                "Copies every setting of {}{}. Give the copy its own aliases: the originals ({}) stay with {}.",
                                source.form.name,
                                if source.adps.is_empty() { String::new() } else { format!(", including its {} dialled participants", source.adps.len()) },
                                if source.aliases.is_empty() { "none".to_owned() } else { source.aliases.iter().map(|a| a.alias.clone()).collect::<Vec<_>>().join(", ") },
                                source.form.name,
                            );
                            let cancel = format!("/services/{}", source.id);
                            view! {
                                <h1 class="mt-1 text-2xl font-bold tracking-tight">{format!("Clone {}", source.form.name)}</h1>
                                <p class="mt-1 text-sm text-muted">{note}</p>
                                <CreateServiceForm initial=form options cancel />
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    })}
                </Transition>
        } />
    }
}

#[component]
fn NewOfKind(form: ServiceForm, options: FormOptions, kind: ServiceKind) -> impl IntoView {
    view! {
        <h1 class="mt-1 text-2xl font-bold tracking-tight">{format!("New {}", kind.label())}</h1>
        <ul class="mt-3 flex flex-wrap gap-2" aria-label="Kind of service">
            {ServiceKind::ALL.into_iter().map(|k| view! {
                <li>
                    <a href=format!("/services/new?type={}", k.slug())
                        aria-current=(k == kind).then_some("page")
                        class="inline-flex min-h-9 items-center rounded-full border border-line px-3 text-sm hover:bg-raised aria-[current=page]:border-accent aria-[current=page]:bg-accent/15 aria-[current=page]:text-accent">
                        {k.label()}
                    </a>
                </li>
            }).collect_view()}
        </ul>
        <CreateServiceForm initial=form options cancel="/services".to_owned() />
    }
}

/// `/services/:id/edit`
#[component]
pub fn EditServicePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok())));
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let (detail, options) = futures::join!(get_service(id, true, None), get_form_options());
            Ok::<_, AppError>((detail?, options.unwrap_or_default()))
        },
    );
    view! {
        <RoleGate role=Role::Helpdesk children=move |_| view! {
                <Transition fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
                    {move || data.get().map(|r| match r {
                        Ok((detail, options)) => {
                            let title = format!("Edit {}", detail.form.name);
                            view! {
                                <Title text=title.clone() />
                                <nav aria-label="Breadcrumb" class="text-sm text-muted">
                                    <a href="/services" class="hover:underline">"Services"</a>" / "
                                    <a href=format!("/services/{}", detail.id) class="hover:underline">{detail.form.name.clone()}</a>" / "
                                </nav>
                                <h1 class="mt-1 text-2xl font-bold tracking-tight">{title}</h1>
                                <p class="mt-1 text-sm text-muted">"Aliases and dialled participants are managed on the service's page."</p>
                                <EditServiceForm id=detail.id initial=detail.form options />
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    })}
                </Transition>
        } />
    }
}
