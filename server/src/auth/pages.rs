//! Pages need a signed-in visitor: an anonymous page request is redirected to the
//! sign-in page, with the page to return to. Server functions check for themselves (the
//! guard), so this only spares anonymous visitors a page they cannot use.

use app::auth::session_keys;
use axum::{
    extract::Request,
    http::{header, Method},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

/// Paths anyone may load.
fn is_public(path: &str) -> bool {
    path == "/login"
        || path == "/healthz"
        || path.starts_with("/pkg/")
        || path.starts_with("/api/")
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
}

/// Redirects an anonymous GET of a page to `/login?next=…`.
pub async fn require_sign_in(session: Session, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let wants_page = request.method() == Method::GET
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|accept| accept.contains("text/html") || accept.contains("*/*"));
    if !wants_page || is_public(&path) {
        return next.run(request).await;
    }
    let signed_in = matches!(session.get::<i64>(session_keys::USER_ID).await, Ok(Some(_)));
    if signed_in {
        return next.run(request).await;
    }
    let here = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or(path);
    let target = format!("/login?next={}", app::ui::gate::url_escape(&here));
    Redirect::to(&target).into_response()
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
}
