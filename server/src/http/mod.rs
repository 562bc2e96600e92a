//! The HTTP surface: routes and the layers every response goes through.

pub mod csrf;
pub mod form_flash;
pub mod headers;
pub mod healthz;
pub mod panics;
pub mod uploads;

use std::time::Duration;

use app::{shell, App};
use axum::{http::HeaderName, middleware, routing::get, Router};
use leptos::prelude::{provide_context, with_context};
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::state::AppState;

/// The request-id header: set on the way in when missing, echoed on the way out.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The signed-in user the sign-in layer found for this request (`auth::pages`), for the
/// page and its server functions to share; a fresh, empty one when the layer did not look
/// (static files).
fn request_user() -> app::auth::guard::RequestUser {
    with_context::<axum::http::request::Parts, _>(|parts| {
        parts
            .extensions
            .get::<app::auth::guard::RequestUser>()
            .cloned()
    })
    .flatten()
    .unwrap_or_default()
}

/// The whole application router with its layers.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    // What every render and server function reads from its context: the node's badge,
    // the services, and the signed-in user the sign-in layer found.
    let context = {
        let environment = state.environment.clone();
        let portal = state.portal.clone();
        move || {
            provide_context(environment.clone());
            provide_context(portal.clone());
            provide_context(request_user());
        }
    };
    let shell_options = state.leptos_options.clone();
    let timeout = Duration::from_secs(state.settings.request_timeout_secs);

    Router::new()
        .route("/healthz", get(healthz::healthz))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(shell_options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(
            // Outermost first: a request meets these top to bottom.
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(
                    |request: &axum::http::Request<_>| {
                        let id = request
                            .headers()
                            .get(REQUEST_ID)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("-");
                        tracing::info_span!(
                            "request",
                            method = %request.method(),
                            path = %request.uri().path(),
                            request_id = %id,
                        )
                    },
                ))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    headers::security_headers,
                ))
                .layer(CompressionLayer::new())
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    csrf::require_same_origin,
                ))
                .layer(crate::auth::sessions::layer(
                    state.portal.sessions.clone(),
                    &state.settings,
                ))
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    crate::auth::pages::resolve_user,
                ))
                .layer(middleware::from_fn(form_flash::keep_rejected_form))
                .layer(middleware::from_fn(uploads::require_multipart))
                .layer(TimeoutLayer::with_status_code(
                    axum::http::StatusCode::REQUEST_TIMEOUT,
                    timeout,
                ))
                // Innermost: a panicking page still gets the headers, id and log line.
                .layer(CatchPanicLayer::custom(panics::answer)),
        )
        .with_state(state)
}
