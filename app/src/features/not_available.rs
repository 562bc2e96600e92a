//! The honest page for a section that is not built yet.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::sections::Section;

/// Says plainly that a section is not available yet, and what it will do.
#[component]
pub fn NotAvailablePage(section: Section) -> impl IntoView {
    view! {
        <Title text=section.title() />
        <h1 class="text-2xl font-bold tracking-tight">{section.title()}</h1>
        <div
            role="status"
            class="mt-6 max-w-2xl rounded-lg border border-dashed border-line bg-raised p-6"
        >
            <p class="font-semibold">{format!("{} is not available yet.", section.title())}</p>
            <p class="mt-2 text-sm text-muted">
                {format!("When it arrives: {}", section.summary().to_lowercase())}
            </p>
            <p class="mt-4 text-sm">
                <a href="/" class="font-medium text-accent underline underline-offset-2">
                    "Back to the overview"
                </a>
            </p>
        </div>
    }
}
