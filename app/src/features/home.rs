//! The overview page: where each part of the portal is.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{auth::CurrentUser, sections::Section};

/// The landing page: every section with what it is for.
#[component]
pub fn HomePage(me: CurrentUser) -> impl IntoView {
    view! {
        <Title text="Overview" />
        <h1 class="text-2xl font-bold tracking-tight">"Overview"</h1>
        <p class="mt-1 text-muted">
            {format!("Signed in as {} ({}).", me.email, me.role.label())}
        </p>
        <ul class="mt-6 grid gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label="Sections">
            {Section::visible_to(me.role)
                .map(|section| {
                    view! {
                        <li>
                            <a
                                href=section.href()
                                class="block h-full rounded-lg border border-line bg-surface p-4 hover:border-accent hover:bg-raised focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent"
                            >
                                <span class="font-semibold">{section.title()}</span>
                                <span class="mt-1 block text-sm text-muted">
                                    {section.summary()}
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
