//! The services list: one search box, type chips, sortable columns and server-side
//! pages, all in the URL. A table on a desktop; the same rows become cards on a phone.
//! Rows can be selected for a bulk delete (a GET form to the confirmation page, so it
//! works without JavaScript too). The results below the search bar are plain HTML built
//! in `list_results`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{auth::Role, ui::gate::RoleGate};

use super::{
    api::list_services,
    kind::ServiceKind,
    list_results::{AlreadyInPage, ResultsHtml},
    params::{ListParams, SearchField, PAGE_SIZES},
};

/// Helpdesk page: every service.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let query = use_query_map();
    let parsed = Memo::new(move |_| query.with(|q| ListParams::parse(|k| q.get(k))));
    let params = Memo::new(move |_| parsed.get().params);
    // The results as HTML, which the page itself carries (see `list_results`).
    let page: Resource<ResultsHtml, AlreadyInPage> = Resource::new_with_options(
        move || params.get(),
        // Boxed, so that the resource moves a pointer rather than the whole request.
        |params| {
            Box::pin(async move { ResultsHtml::of(&params, &list_services(params.clone()).await) })
        },
        false,
    );
    let notice = move || {
        query.with(|q| {
            let deleted = q.get("deleted").and_then(|d| d.parse::<usize>().ok())?;
            let failed = q
                .get("failed")
                .and_then(|d| d.parse::<usize>().ok())
                .unwrap_or(0);
            Some(if failed == 0 {
                format!("Deleted {deleted} services.")
            } else {
                format!("Deleted {deleted} services; {failed} could not be deleted.")
            })
        })
    };

    view! {
        <RoleGate role=Role::Helpdesk children=move |_| view! {
                <Title text="Services" />
                <div class="flex flex-wrap items-center justify-between gap-2">
                    <h1 class="text-2xl font-bold tracking-tight">"Services"</h1>
                    <div class="flex flex-wrap gap-2">
                        <a class="btn-secondary" href="/services/import">"Import CSV"</a>
                        <a
                            class="btn-secondary"
                            href=move || params.with(|p| format!("/api/services/export.csv?{}", export_query(p)))
                            download="pexdesk-services.csv"
                        >
                            "Export CSV"
                        </a>
                        <a class="btn-primary" href="/services/new">"New service"</a>
                    </div>
                </div>
                {move || notice().map(|n| view! { <p role="status" class="mt-3 rounded-md border border-emerald-500/40 p-3 text-sm">{n}</p> })}
                <SearchBar params />
                {move || {
                    let problems = parsed.get().problems;
                    (!problems.is_empty()).then(|| view! {
                        <ul role="status" aria-label="Search notes" class="mt-3 rounded-md border border-amber-500/40 p-3 text-sm">
                            {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                        </ul>
                    })
                }}
                <Transition fallback=|| view! { <p class="mt-6 text-muted">"Loading services…"</p> }>
                    {move || Suspend::new(async move {
                        let ResultsHtml(html) = page.await;
                        view! { <div inner_html=html></div> }
                    })}
                </Transition>
        } />
    }
}

/// The export keeps the search, types and order (not the page).
fn export_query(p: &ListParams) -> String {
    ListParams {
        page: 1,
        per_page: PAGE_SIZES[0],
        ..p.clone()
    }
    .to_query()
}

/// The search box, the field to search in, and the type chips.
#[component]
fn SearchBar(params: Memo<ListParams>) -> impl IntoView {
    view! {
        <search class="sticky top-14 z-20 -mx-4 mt-2 block border-b border-line bg-surface/95 px-4 py-2 backdrop-blur md:static md:mx-0 md:mt-4 md:border-0 md:bg-transparent md:p-0">
            <Form method="GET" action="/services" attr:class="flex flex-col gap-2 sm:flex-row sm:items-end">
                <div class="grow">
                    <label for="services-q" class="block text-sm font-medium">"Search services"</label>
                    <input
                        id="services-q"
                        name="q"
                        type="search"
                        class="field mt-1"
                        placeholder="Name, alias, description, owner or tag"
                        autocomplete="off"
                        prop:value=move || params.with(|p| p.q.clone())
                    />
                </div>
                <div class="flex gap-2">
                    <div>
                        <label for="services-in" class="block text-sm font-medium">"Look in"</label>
                        <select id="services-in" name="in" class="field mt-1">
                            {SearchField::ALL.into_iter().map(|f| view! {
                                <option value=f.slug() selected=move || params.with(|p| p.field == f)>{f.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {move || {
                        let (types, sort, per) = params.with(|p| {
                            let types: Vec<&str> = p.types.iter().map(|k| k.slug()).collect();
                            let sort = format!("{}{}", if p.desc { "-" } else { "" }, p.sort.slug());
                            (types, sort, p.per_page.to_string())
                        });
                        view! {
                            <input type="hidden" name="type" value=types.join(",") />
                            <input type="hidden" name="sort" value=sort />
                            <input type="hidden" name="per" value=per />
                        }
                    }}
                    <button type="submit" class="btn-primary self-end">"Search"</button>
                </div>
            </Form>
            <ul class="mt-2 flex gap-2 overflow-x-auto pb-1 md:mt-3 md:flex-wrap md:overflow-visible" aria-label="Kinds of service">
                {ServiceKind::ALL.into_iter().map(|kind| {
                    let on = move || params.with(|p| p.types.contains(&kind));
                    view! {
                        <li>
                            <a
                                href=move || params.with(|p| p.toggled(kind).href())
                                aria-pressed=move || on().to_string()
                                class="type-chip"
                            >
                                {kind.short_label()}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </search>
    }
}
