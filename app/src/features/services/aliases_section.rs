//! The aliases of a service: copy, describe, remove, add.

use leptos::{form::ActionForm, prelude::*};

use super::{
    api::{AddAlias, DescribeAlias, RemoveAlias},
    detail::refresh_after,
    model::AliasRow,
};
use crate::{error::AppError, forms::use_rejected_form};

/// A button that copies `text` (shown once hydrated: it needs the clipboard API).
#[component]
pub fn CopyButton(text: String, label: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let clipboard = leptos::prelude::window().navigator().clipboard();
            let _ = clipboard.write_text(&text);
            copied.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
    };
    view! {
        <button type="button" class="btn-secondary" hidden=move || !hydrated.get() aria-label=label on:click=copy>
            {move || if copied.get() { "Copied" } else { "Copy" }}
        </button>
    }
}

#[component]
pub fn AliasesSection(service_id: i64, aliases: Vec<AliasRow>) -> impl IntoView {
    let add = ServerAction::<AddAlias>::new();
    let describe = ServerAction::<DescribeAlias>::new();
    let remove = ServerAction::<RemoveAlias>::new();
    refresh_after(add.value());
    refresh_after(describe.value());
    refresh_after(remove.value());
    let kept = use_rejected_form::<AddAlias>();
    let add_error = move |field: &'static str| {
        add.value()
            .get()
            .and_then(Result::err)
            .and_then(|e| e.field(field))
    };
    let other_error = move || {
        [
            add.value()
                .get()
                .and_then(Result::err)
                .filter(|e| !matches!(e, AppError::Validation { .. })),
            describe.value().get().and_then(Result::err),
            remove.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|e| e.to_string())
    };
    view! {
        <section id="aliases" aria-labelledby="aliases-heading" class="mt-6 rounded-lg border border-line p-4">
            <h2 id="aliases-heading" class="font-semibold">"Aliases"</h2>
            {if aliases.is_empty() {
                view! { <p class="mt-2 text-sm text-muted">"No aliases: nobody can dial this service yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-2 divide-y divide-line" aria-label="Aliases">
                        {aliases.into_iter().map(|a| view! { <AliasItem service_id a describe remove /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <Suspense fallback=|| ()>
            <ActionForm action=add attr:class="mt-3 grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
                <input type="hidden" name="service_id" value=service_id.to_string() />
                <div>
                    <label for="new-alias" class="block text-sm font-medium">"New alias"</label>
                    <input id="new-alias" name="alias" class="field mt-1" autocomplete="off"
                        value=move || kept.get().and_then(|k| k.get("alias")).unwrap_or_default()
                        aria-invalid=move || add_error("alias").is_some().to_string()
                        aria-describedby="new-alias-error" />
                    <p id="new-alias-error" class="field-error" aria-live="polite">{move || add_error("alias")}</p>
                </div>
                <div>
                    <label for="new-alias-description" class="block text-sm font-medium">"Description"</label>
                    <input id="new-alias-description" name="description" class="field mt-1" maxlength="250"
                        value=move || kept.get().and_then(|k| k.get("description")).unwrap_or_default() />
                    <p class="field-error">{move || add_error("description")}</p>
                </div>
                <button type="submit" class="btn-primary">"Add alias"</button>
            </ActionForm>
            </Suspense>
            <p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-300">{other_error}</p>
        </section>
    }
}

/// One alias with its actions.
#[component]
fn AliasItem(
    service_id: i64,
    a: AliasRow,
    describe: ServerAction<DescribeAlias>,
    remove: ServerAction<RemoveAlias>,
) -> impl IntoView {
    let sid = service_id.to_string();
    let aid = a.id.to_string();
    let desc_id = format!("alias-desc-{}", a.id);
    let desc_label = format!("Description of {}", a.alias);
    let remove_label = format!("Remove {}", a.alias);
    let copy_label = format!("Copy {}", a.alias);
    let (sid2, aid2) = (sid.clone(), aid.clone());
    view! {
        <li class="flex flex-wrap items-center gap-2 py-2" aria-label=a.alias.clone()>
            <span class="grow break-all font-mono text-sm">{a.alias.clone()}
                {(!a.description.is_empty()).then(|| view! {
                    <span class="block font-sans text-xs text-muted">{a.description.clone()}</span>
                })}
            </span>
            <CopyButton text=a.alias.clone() label=copy_label />
            <details>
                <summary class="cursor-pointer text-sm">"Describe"</summary>
                <ActionForm action=describe attr:class="mt-2 flex items-end gap-2">
                    <input type="hidden" name="service_id" value=sid />
                    <input type="hidden" name="alias_id" value=aid />
                    <div>
                        <label for=desc_id.clone() class="block text-xs">{desc_label}</label>
                        <input id=desc_id name="description" class="field" value=a.description.clone() maxlength="250" />
                    </div>
                    <button type="submit" class="btn-secondary">"Save"</button>
                </ActionForm>
            </details>
            <ActionForm action=remove>
                <input type="hidden" name="service_id" value=sid2 />
                <input type="hidden" name="alias_id" value=aid2 />
                <button type="submit" class="btn-secondary" aria-label=remove_label>"Remove"</button>
            </ActionForm>
        </li>
    }
}
