//! The overview page: where each part of the portal is.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::sections::Section;

/// The landing page: every section with what it is for.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Overview" />
        <h1 class="text-2xl font-bold tracking-tight">"Overview"</h1>
        <p class="mt-1 text-muted">"Run your Pexip Infinity platform from one place."</p>
        <ul class="mt-6 grid gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label="Sections">
            {Section::ALL
                .into_iter()
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
