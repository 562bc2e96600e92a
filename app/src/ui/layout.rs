//! The page frame: header, navigation (a sidebar on desktop, a drawer on a phone) and
//! the main area.

use leptos::{ev::KeyboardEvent, html, prelude::*};
use leptos_router::hooks::use_location;

use crate::{
    auth::{current_user::use_page_user, logout::LogoutButton, CurrentUser},
    ui::{environment_badge::EnvironmentBadge, nav::NavLinks, theme::ThemeToggle},
};

/// The navigation's classes: a sidebar from `md` up; below it a drawer, hidden until
/// opened. Both share one base, spelled once.
macro_rules! nav_base {
    () => {
        "w-64 shrink-0 overflow-y-auto border-r border-line bg-surface p-3 md:sticky md:top-14 md:block md:h-[calc(100vh-3.5rem)]"
    };
}
const NAV_CLOSED: &str = concat!(nav_base!(), " hidden");
const NAV_OPEN: &str = concat!(
    nav_base!(),
    " fixed inset-y-0 left-0 top-14 z-40 block shadow-xl"
);

/// Header, navigation and main content around the routed page.
#[component]
pub fn AppLayout(children: Children) -> impl IntoView {
    // Known when the page starts to render (see `current_user`): the frame needs no
    // boundary, and is built once.
    let me = use_page_user().user().cloned();
    let open = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        hydrated.set(true);
        mark_hydrated();
    });

    // Following a link closes the drawer.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });

    // Opening the drawer moves focus into it, once it is shown.
    let drawer = NodeRef::<html::Nav>::new();
    Effect::new(move |_| {
        if open.get() {
            request_animation_frame(move || {
                if let Some(nav) = drawer.get_untracked() {
                    if let Ok(Some(first)) = nav.query_selector("a") {
                        if let Some(first) = wasm_bindgen_focus(first) {
                            first.focus().ok();
                        }
                    }
                }
            });
        }
    });

    let close_on_escape = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    };

    view! {
        <div class="flex min-h-screen flex-col" on:keydown=close_on_escape>
            <a
                href="#main"
                class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-accent focus:px-3 focus:py-2 focus:text-on-accent"
            >
                "Skip to content"
            </a>
            {header(open, hydrated, me.clone())}
            <div class="flex flex-1">
                {navigation(open, drawer, me)}
                <Show when=move || open.get()>
                    <div
                        class="fixed inset-0 top-14 z-30 bg-black/40 md:hidden"
                        aria-hidden="true"
                        on:click=move |_| open.set(false)
                    ></div>
                </Show>
                <main id="main" class="min-w-0 flex-1 px-4 py-6 md:px-8">
                    {children()}
                </main>
            </div>
        </div>
    }
}

/// The header: the menu button (phones), the app's mark, the node badge, the theme
/// toggle, and who is signed in with the sign-out button.
fn header(open: RwSignal<bool>, hydrated: RwSignal<bool>, me: Option<CurrentUser>) -> AnyView {
    view! {
        <header class="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-line bg-surface/95 px-3 backdrop-blur md:px-6">
            <button
                id="menu-button"
                type="button"
                class="inline-flex h-10 w-10 items-center justify-center rounded-md border border-line hover:bg-raised focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-50 md:hidden"
                aria-controls="site-nav"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-label=move || {
                    if open.get() { "Close navigation" } else { "Open navigation" }
                }
                disabled=move || !hydrated.get()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <svg aria-hidden="true" viewBox="0 0 24 24" class="h-5 w-5" fill="none" stroke="currentColor" stroke-width="2">
                    <path d="M4 6h16M4 12h16M4 18h16" stroke-linecap="round" />
                </svg>
            </button>
            // On a phone the mark alone names the app, so the header keeps room for the
            // node badge beside it; the name stays for assistive tech.
            <a href="/" class="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
                <img src="/favicon.svg" alt="" class="h-6 w-6" />
                <span class="sr-only text-lg sm:not-sr-only">"pexdesk"</span>
            </a>
            <EnvironmentBadge />
            <div class="ml-auto flex items-center gap-2">
                <ThemeToggle />
                {me.map(|me| {
                    view! {
                        <span class="hidden text-sm text-muted lg:inline" title="Signed in">
                            {format!("{} · {}", me.email, me.role.label())}
                        </span>
                        <LogoutButton />
                    }
                })}
            </div>
        </header>
    }
    .into_any()
}

/// The navigation: a sidebar from `md` up, a drawer below it.
fn navigation(
    open: RwSignal<bool>,
    drawer: NodeRef<html::Nav>,
    me: Option<CurrentUser>,
) -> AnyView {
    view! {
        <nav
            id="site-nav"
            node_ref=drawer
            aria-label="Main"
            class=move || if open.get() { NAV_OPEN } else { NAV_CLOSED }
        >
            {me.map(|me| view! { <NavLinks role=me.role /> })}
        </nav>
    }
    .into_any()
}

/// Marks `<html data-hydrated="true">`, so tests (and styles) can tell the page is live.
fn mark_hydrated() {
    #[cfg(feature = "hydrate")]
    if let Some(html) = document().document_element() {
        html.set_attribute("data-hydrated", "true").ok();
    }
}

/// The element as a focusable HTML element.
fn wasm_bindgen_focus(el: web_element::Element) -> Option<web_element::HtmlElement> {
    use leptos::wasm_bindgen::JsCast;
    el.dyn_into::<web_element::HtmlElement>().ok()
}

mod web_element {
    pub use leptos::web_sys::{Element, HtmlElement};
}
