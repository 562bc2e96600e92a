//! pexdesk's user interface: the `App`, the HTML `shell` and the one route table.
//!
//! Pages live in `features/<feature>/`, shared components in `ui/`. Server-only code is
//! behind `#[cfg(feature = "ssr")]` so the wasm build never compiles it.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod auth;
pub mod environment;
pub mod error;
pub mod features;
pub mod forms;
#[cfg(feature = "ssr")]
pub mod lookups;
#[cfg(feature = "ssr")]
pub mod portal;
pub mod sections;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::{
    auth::{
        current_user::{provide_page_user, PageUser},
        login::LoginPage,
        Role,
    },
    environment::EnvironmentInfo,
    error::{AppError, ErrorPage},
    features::{
        audit::AuditPage,
        home::HomePage,
        my_rooms::{MeetingPage, MyRoomsPage},
        not_available::NotAvailablePage,
        services::{
            BulkDeletePage, DeleteAdpPage, EditServicePage, ImportPage, NewServicePage,
            ServiceDetailPage, ServicesPage,
        },
        users::UsersPage,
    },
    sections::Section,
    ui::{gate::RoleGate, layout::AppLayout, theme::ThemeClass},
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    ssr::provide_request_nonce();
    let theme = ThemeClass::from_request();
    // The connected node, for the header badge to read back in the browser (the names
    // are `environment::LABEL_ATTRIBUTE` and `DEMO_ATTRIBUTE`).
    let node = EnvironmentInfo::current();
    let node_label = node.as_ref().map(|n| n.label.clone());
    let node_demo = node.as_ref().map(|n| if n.demo { "true" } else { "false" });
    // Who is signed in, for the browser to read back (`current_user::ATTRIBUTES`).
    let [user_id, user_email, user_role, user_error] = PageUser::current().attribute_values();
    view! {
        <!DOCTYPE html>
        <html
            lang="en"
            class=theme.html_class()
            data-node-label=node_label
            data-node-demo=node_demo
            data-user-id=user_id
            data-user-email=user_email
            data-user-role=user_role
            data-user-error=user_error
        >
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-surface text-ink antialiased">
                <App />
            </body>
        </html>
    }
}

/// A routed page inside the frame (header, navigation, main area). The page is built
/// first, so the data it loads is on its way while the frame renders around it.
fn framed<F, V>(page: F) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static
where
    F: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || {
        let page = page().into_any();
        view! { <AppLayout>{page}</AppLayout> }.into_any()
    }
}

/// The framed page of a section that is not built yet, behind its role.
fn unbuilt_section(section: Section) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    framed(move || {
        view! {
            <RoleGate role=section.required_role() children=move |_| view! { <NotAvailablePage section /> } />
        }
    })
}

/// The application: every route, each page in the frame (see [`framed`]).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_page_user();

    view! {
        <Stylesheet id="leptos" href="/pkg/pexdesk.css" />
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Meta name="description" content="pexdesk: run your Pexip Infinity video platform" />
        <Title formatter=|text: String| {
            if text.is_empty() { "pexdesk".to_string() } else { format!("{text} · pexdesk") }
        } />
        <noscript>
            <link rel="stylesheet" href="/noscript.css" />
        </noscript>
        <Router>
            <Routes fallback=framed(|| view! { <ErrorPage error=AppError::NotFound /> })>
                <Route
                    ssr=SsrMode::Async
                    path=path!("")
                    view=framed(|| view! { <RoleGate role=Role::User children=|me| view! { <HomePage me /> } /> })
                />
                <Route ssr=SsrMode::Async path=path!("/login") view=framed(LoginPage) />
                <Route ssr=SsrMode::Async path=path!("/users") view=framed(UsersPage) />
                <Route ssr=SsrMode::Async path=path!("/audit") view=framed(AuditPage) />
                <Route ssr=SsrMode::Async path=path!("/my-rooms") view=framed(MyRoomsPage) />
                <Route ssr=SsrMode::Async path=path!("/my-rooms/:id/meeting") view=framed(MeetingPage) />
                <Route ssr=SsrMode::Async path=path!("/services") view=framed(ServicesPage) />
                <Route ssr=SsrMode::Async path=path!("/services/new") view=framed(NewServicePage) />
                <Route ssr=SsrMode::Async path=path!("/services/import") view=framed(ImportPage) />
                <Route ssr=SsrMode::Async path=path!("/services/delete") view=framed(BulkDeletePage) />
                <Route ssr=SsrMode::Async path=path!("/services/:id") view=framed(ServiceDetailPage) />
                <Route ssr=SsrMode::Async path=path!("/services/:id/edit") view=framed(EditServicePage) />
                <Route ssr=SsrMode::Async path=path!("/services/:id/adps/:adp/delete") view=framed(DeleteAdpPage) />
                <Route ssr=SsrMode::Async path=path!("/live") view=unbuilt_section(Section::Live) />
                <Route ssr=SsrMode::Async path=path!("/history") view=unbuilt_section(Section::History) />
                <Route ssr=SsrMode::Async path=path!("/routing") view=unbuilt_section(Section::Routing) />
                <Route ssr=SsrMode::Async path=path!("/themes") view=unbuilt_section(Section::Themes) />
                <Route ssr=SsrMode::Async path=path!("/licences") view=unbuilt_section(Section::Licences) />
                <Route ssr=SsrMode::Async path=path!("/platform") view=unbuilt_section(Section::Platform) />
            </Routes>
        </Router>
    }
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Request-scoped context that only exists during server-side rendering. The request's
    //! parts are read with `with_context` (borrowed): `use_context` would clone every
    //! header and extension of the request each time.

    use leptos::{nonce::Nonce, prelude::*};

    /// The per-request CSP nonce, generated by the server's security-headers layer and
    /// carried in the request's extensions.
    #[derive(Clone, Debug)]
    pub struct CspNonce(pub String);

    /// The request id (`x-request-id`), used as the operation id on error pages.
    pub fn request_id() -> Option<String> {
        with_context::<http::request::Parts, _>(|parts| {
            parts
                .headers
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .flatten()
    }

    /// Makes Leptos put the request's nonce on every inline script it writes.
    pub fn provide_request_nonce() {
        let nonce = with_context::<http::request::Parts, _>(|parts| {
            parts.extensions.get::<CspNonce>().cloned()
        })
        .flatten();
        if let Some(CspNonce(value)) = nonce {
            provide_context(Nonce::from_value(value));
        }
    }
}
