//! The audit page: filters in the URL (a GET form, so it works without JavaScript and can
//! be bookmarked), a paginated table that becomes cards on a phone, and CSV export.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

use super::{api::query_audit, AuditFilter, AuditRow};
use crate::{auth::Role, ui::gate::RoleGate};

/// Admin page: the audit log.
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| AuditFilter {
            actor: q.get("actor"),
            action: q.get("action"),
            target: q.get("target"),
            from: q.get("from"),
            to: q.get("to"),
            page: q.get("page").and_then(|p| p.parse().ok()),
        })
    });
    let data = Resource::new(move || filter.get(), query_audit);
    let value =
        move |f: fn(&AuditFilter) -> Option<String>| move || f(&filter.get()).unwrap_or_default();

    view! {
        <RoleGate role=Role::Admin children=move |_| view! {
                <Title text="Audit" />
                <div class="flex flex-wrap items-baseline justify-between gap-2">
                    <h1 class="text-2xl font-bold tracking-tight">"Audit log"</h1>
                    <a
                        class="btn-secondary"
                        href=move || format!("/api/audit/export.csv?{}", filter.get().to_query(None))
                        download="pexdesk-audit.csv"
                    >
                        "Export CSV"
                    </a>
                </div>
                <Form method="GET" action="/audit" attr:class="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
                    <div>
                        <label for="f-actor" class="block text-sm font-medium">"Actor"</label>
                        <input id="f-actor" name="actor" class="field mt-1" prop:value=value(|f| f.actor.clone()) />
                    </div>
                    <div>
                        <label for="f-action" class="block text-sm font-medium">"Action"</label>
                        <input id="f-action" name="action" class="field mt-1" placeholder="e.g. user." prop:value=value(|f| f.action.clone()) />
                    </div>
                    <div>
                        <label for="f-target" class="block text-sm font-medium">"Target"</label>
                        <input id="f-target" name="target" class="field mt-1" prop:value=value(|f| f.target.clone()) />
                    </div>
                    <div>
                        <label for="f-from" class="block text-sm font-medium">"From"</label>
                        <input id="f-from" name="from" type="date" class="field mt-1" prop:value=value(|f| f.from.clone()) />
                    </div>
                    <div>
                        <label for="f-to" class="block text-sm font-medium">"To"</label>
                        <input id="f-to" name="to" type="date" class="field mt-1" prop:value=value(|f| f.to.clone()) />
                    </div>
                    <div>
                        <button type="submit" class="btn-primary w-full">"Filter"</button>
                    </div>
                </Form>
                <Transition fallback=|| view! { <p class="mt-6 text-muted">"Loading…"</p> }>
                    {move || data.get().map(|result| match result {
                        Ok(page) => {
                            let f = filter.get();
                            let prev = (page.page > 1).then(|| format!("/audit?{}", f.to_query(Some(page.page - 1))));
                            let next = (page.page < page.pages).then(|| format!("/audit?{}", f.to_query(Some(page.page + 1))));
                            view! {
                                <p class="mt-4 text-sm text-muted" role="status">
                                    {format!("{} entries · page {} of {}", page.total, page.page, page.pages)}
                                </p>
                                <ul class="mt-2 divide-y divide-line rounded-lg border border-line" aria-label="Audit entries">
                                    {page.rows.into_iter().map(|row| view! { <AuditItem row /> }).collect_view()}
                                </ul>
                                <nav aria-label="Pages" class="mt-3 flex justify-between">
                                    {prev.map(|href| view! { <a class="btn-secondary" href=href rel="prev">"Newer"</a> })}
                                    <span></span>
                                    {next.map(|href| view! { <a class="btn-secondary" href=href rel="next">"Older"</a> })}
                                </nav>
                            }.into_any()
                        }
                        Err(e) => view! {
                            <p role="alert" class="mt-4 text-sm text-red-700 dark:text-red-300">
                                {e.field("from").or_else(|| e.field("to")).unwrap_or_else(|| e.to_string())}
                            </p>
                        }.into_any(),
                    })}
                </Transition>
        } />
    }
}

/// One audit entry.
#[component]
fn AuditItem(row: AuditRow) -> impl IntoView {
    let outcome_class = match row.outcome.as_str() {
        "success" => "badge border-emerald-500/40 text-emerald-800 dark:text-emerald-200",
        "denied" => "badge border-amber-500/40 text-amber-800 dark:text-amber-200",
        _ => "badge border-red-500/40 text-red-800 dark:text-red-200",
    };
    view! {
        <li class="p-3 text-sm">
            <div class="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <time class="font-mono text-xs text-muted" datetime=row.at.clone()>{row.at.clone()}</time>
                <span class="font-medium">{row.action}</span>
                <span class=outcome_class>{row.outcome}</span>
                <span class="break-all">{row.target.unwrap_or_default()}</span>
            </div>
            <p class="mt-1 text-muted">
                {format!(
                    "{} {} from {}",
                    row.actor.unwrap_or_else(|| "anonymous".into()),
                    row.role.map(|r| format!("({r})")).unwrap_or_default(),
                    row.client_addr.unwrap_or_else(|| "unknown".into()),
                )}
            </p>
            {row.diff.map(|d| view! { <pre class="mt-1 overflow-x-auto rounded bg-raised p-2 text-xs">{d}</pre> })}
            {row.detail.map(|d| view! { <p class="mt-1 text-xs text-muted">{d}</p> })}
        </li>
    }
}
