//! The services list: one search box, type chips, sortable columns and server-side
//! pages, all in the URL. A table on a desktop; the same rows become cards on a phone.
//! Rows can be selected for a bulk delete (a GET form to the confirmation page, so it
//! works without JavaScript too).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{auth::Role, ui::gate::RoleGate};

use super::{
    api::list_services,
    kind::ServiceKind,
    list_rows::rows_html,
    model::{ServicePage, ServiceRow, Total},
    params::{ListParams, SearchField, SortColumn, PAGE_SIZES},
};

/// Helpdesk page: every service.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let query = use_query_map();
    let parsed = Memo::new(move |_| query.with(|q| ListParams::parse(|k| q.get(k))));
    let params = Memo::new(move |_| parsed.get().params);
    let page = Resource::new(move || params.get(), list_services);
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
                        match page.await {
                            Ok(data) => view! { <Results data params=params.get_untracked() /> }.into_any(),
                            Err(e) => view! {
                                <p role="alert" class="mt-6 rounded-lg border border-red-500/40 p-4 text-sm">
                                    {e.to_string()}
                                    {e.operation_id().map(|id| format!(" (operation id {id})"))}
                                </p>
                            }.into_any(),
                        }
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

/// The count, the rows and the pager.
#[component]
fn Results(data: ServicePage, params: ListParams) -> impl IntoView {
    let first = u64::from(params.offset()) + 1;
    let last = u64::from(params.offset()) + data.rows.len() as u64;
    let count = match data.total {
        Total::Exact(n) => n.to_string(),
        Total::AtLeast(n) => format!("at least {n}"),
    };
    let summary = if data.rows.is_empty() {
        if params.q.is_empty() && params.types.is_empty() {
            "No services yet.".to_owned()
        } else {
            format!("No services match (of {count} found).")
        }
    } else {
        format!("Showing {first}–{last} of {count} services")
    };
    let prev = (params.page > 1).then(|| params.with_page(params.page - 1).href());
    let next = data
        .has_next
        .then(|| params.with_page(params.page + 1).href());
    let empty = data.rows.is_empty();
    let p = params.clone();
    view! {
        <p class="mt-4 text-sm text-muted" role="status">{summary}</p>
        <form method="get" action="/services/delete" class="mt-2">
            {(!empty).then(|| view! { <ServiceTable rows=data.rows params=p /> })}
            <div class="mt-3 flex flex-wrap items-center justify-between gap-2">
                {(!empty).then(|| view! {
                    <button type="submit" class="btn-secondary">"Delete selected…"</button>
                })}
                <nav aria-label="Pages" class="flex items-center gap-2">
                    {prev.map(|href| view! { <a class="btn-secondary" href=href rel="prev">"Previous"</a> })}
                    <span class="text-sm text-muted">{format!("Page {}", params.page)}</span>
                    {next.map(|href| view! { <a class="btn-secondary" href=href rel="next">"Next"</a> })}
                </nav>
                <PageSize params=params.clone() />
            </div>
        </form>
    }
}

/// Rows per page: links, so it works without JavaScript.
#[component]
fn PageSize(params: ListParams) -> impl IntoView {
    view! {
        <p class="flex items-center gap-1 text-sm">
            <span class="text-muted">"Per page:"</span>
            {PAGE_SIZES.into_iter().map(|n| {
                let href = ListParams { per_page: n, page: 1, ..params.clone() }.href();
                let current = params.per_page == n;
                view! {
                    <a href=href aria-current=current.then_some("true") class="rounded px-2 py-1 hover:bg-raised aria-[current=true]:font-semibold aria-[current=true]:text-accent">
                        {n.to_string()}
                    </a>
                }
            }).collect_view()}
        </p>
    }
}

/// A sortable column header.
fn sort_header(params: &ListParams, column: SortColumn, class: &'static str) -> impl IntoView {
    let sorted = (params.sort == column).then_some(if params.desc {
        "descending"
    } else {
        "ascending"
    });
    let arrow = match sorted {
        Some("ascending") => " ↑",
        Some(_) => " ↓",
        None => "",
    };
    let href = params.sorted_by(column).href();
    view! {
        <th role="columnheader" scope="col" class=class aria-sort=sorted.unwrap_or("none")>
            <a href=href class="hover:underline">{format!("{}{arrow}", column.label())}</a>
        </th>
    }
}

#[component]
fn ServiceTable(rows: Vec<ServiceRow>, params: ListParams) -> impl IntoView {
    view! {
        <table role="table" class="block w-full text-sm md:table" aria-label="Services">
            <thead role="rowgroup" class="hidden border-b border-line text-left md:table-header-group">
                <tr role="row">
                    <th role="columnheader" scope="col" class="w-8 px-3 py-2"><span class="sr-only">"Select"</span></th>
                    {sort_header(&params, SortColumn::Name, "px-3 py-2")}
                    {sort_header(&params, SortColumn::Type, "px-3 py-2")}
                    {sort_header(&params, SortColumn::Owner, "px-3 py-2")}
                    {sort_header(&params, SortColumn::Tag, "px-3 py-2")}
                    <th role="columnheader" scope="col" class="px-3 py-2">"Access"</th>
                </tr>
            </thead>
            // The rows are plain HTML (see `list_rows`): nothing in them is reactive.
            <tbody
                role="rowgroup"
                class="block space-y-3 md:table-row-group md:space-y-0 md:divide-y md:divide-line"
                inner_html=rows_html(&rows)
            ></tbody>
        </table>
    }
}
