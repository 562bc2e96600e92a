//! The list of section links, shared by the desktop sidebar and the phone drawer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{auth::Role, sections::Section};

/// Links to the overview and every section the role may open; the current one is marked
/// for assistive tech.
#[component]
pub fn NavLinks(role: Role) -> impl IntoView {
    let location = use_location();
    let current = move |href: &str| {
        let path = location.pathname.get();
        path == href || (href != "/" && path.starts_with(&format!("{href}/")))
    };
    let link = move |href: String, title: &'static str| {
        let target = href.clone();
        view! {
            <li>
                <a
                    href=href
                    aria-current=move || current(&target).then_some("page")
                    class="block rounded-md px-3 py-2 text-sm font-medium text-ink hover:bg-raised aria-[current=page]:bg-accent/15 aria-[current=page]:text-accent focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent"
                >
                    {title}
                </a>
            </li>
        }
    };
    view! {
        <ul class="space-y-1">
            {link("/".to_string(), "Overview")}
            {Section::visible_to(role).map(|s| link(s.href(), s.title())).collect_view()}
        </ul>
    }
}
