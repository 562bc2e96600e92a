//! Who is signed in, looked up once per request before anything else runs, and handed to
//! the request (`RequestUser`): the page renders with the user at once, and the server
//! functions the request runs share the answer. An anonymous page request is redirected
//! to the sign-in page, with the page to return to. Server functions still check for
//! themselves (the guard), so this only spares anonymous visitors a page they cannot use.

use app::auth::{current_user::PageUser, guard::RequestUser};
use axum::{
    extract::{Request, State},
    http::{header, Method},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use crate::state::AppState;

/// Paths anyone may load.
fn is_public(path: &str) -> bool {
    path == "/login" || path.starts_with("/api/") || is_file(path)
}

/// Static files (and the health check): no page, no server function, no user.
fn is_file(path: &str) -> bool {
    path == "/healthz"
        || path.starts_with("/pkg/")
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
}

/// Looks up the signed-in user for the request; redirects an anonymous GET of a page to
/// `/login?next=…`.
pub async fn resolve_user(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if is_file(path) {
        return next.run(request).await;
    }
    let wants_page = request.method() == Method::GET
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|accept| accept.contains("text/html") || accept.contains("*/*"));
    let user = RequestUser::look_up(&state.portal, &session).await;
    // A lookup that failed lets the page through: it shows the error.
    let anonymous = user.page_user() == PageUser::SignedOut;
    if wants_page && anonymous && !is_public(path) {
        let here = request
            .uri()
            .path_and_query()
            .map_or(path, |pq| pq.as_str());
        let target = format!("/login?next={}", app::ui::gate::url_escape(here));
        return Redirect::to(&target).into_response();
    }
    request.extensions_mut().insert(user);
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_and_login_are_public() {
        for p in [
            "/login",
            "/healthz",
            "/pkg/pexdesk.js",
            "/favicon.svg",
            "/api/auth/login",
        ] {
            assert!(is_public(p), "{p}");
        }
        for p in ["/", "/services", "/audit", "/users"] {
            assert!(!is_public(p), "{p}");
        }
    }

    #[test]
    fn only_files_skip_the_lookup() {
        for p in [
            "/healthz",
            "/pkg/pexdesk.wasm",
            "/favicon.svg",
            "/noscript.css",
        ] {
            assert!(is_file(p), "{p}");
        }
        for p in [
            "/",
            "/login",
            "/services/42",
            "/api/auth/me",
            "/api/services/list",
        ] {
            assert!(!is_file(p), "{p}");
        }
    }
}
