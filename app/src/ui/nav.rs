//! The list of section links, shared by the desktop sidebar and the phone drawer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{auth::Role, sections::Section};

/// Links to the overview and every section the role may open; the current one is marked
/// for assistive tech.
#[component]
pub fn NavLinks(role: Role) -> impl IntoView {
    let location = use_location();
    let link = move |href: String, title: &'static str| {
        let target = href.clone();
        // Read in place: no copy of the path per link and per render.
        let current = move || {
            location
                .pathname
                .with(|path| is_current(path, &target))
                .then_some("page")
        };
        view! {
            <li>
                <a href=href aria-current=current class="nav-link">
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

/// Whether the link to `href` is the current page: the page itself or one below it (the
/// overview only for itself).
fn is_current(path: &str, href: &str) -> bool {
    path == href
        || (href != "/"
            && path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/')))
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn a_section_is_current_on_its_pages_only() {
        assert!(is_current("/services", "/services"));
        assert!(is_current("/services/42/edit", "/services"));
        assert!(!is_current("/services-old", "/services"));
        assert!(!is_current("/users", "/services"));
        assert!(is_current("/", "/"));
        assert!(!is_current("/services", "/"));
    }
}
