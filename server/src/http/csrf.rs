//! Cross-site request forgery protection for every state-changing request (server
//! functions and plain form posts alike): the request's `Origin`, or failing that its
//! `Referer`, must be this site. Browsers send `Origin` on every cross-site POST and on
//! same-origin form posts, so this works with JavaScript off too.

use axum::{
    extract::{Request, State},
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::state::AppState;

/// Refuses a state-changing request that does not come from this site.
pub async fn require_same_origin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if is_safe(request.method()) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let expected = state.settings.public_origin().or_else(|| {
        headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(|host| format!("{}://{}", scheme(&state), host.to_ascii_lowercase()))
    });
    let claimed = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|v| *v != "null")
        .map(str::to_owned)
        .or_else(|| {
            headers
                .get(header::REFERER)
                .and_then(|v| v.to_str().ok())
                .and_then(origin_of)
        });
    match (expected, claimed) {
        (Some(expected), Some(claimed)) if claimed.eq_ignore_ascii_case(&expected) => {
            next.run(request).await
        }
        (_, claimed) => {
            tracing::warn!(
                method = %request.method(),
                path = %request.uri().path(),
                origin = claimed.as_deref().unwrap_or("-"),
                "cross-site request refused"
            );
            (
                StatusCode::FORBIDDEN,
                "This request did not come from pexdesk and was refused (cross-site request protection). Reload the page and try again.",
            )
                .into_response()
        }
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

fn scheme(state: &AppState) -> &'static str {
    if state.settings.served_over_tls() {
        "https"
    } else {
        "http"
    }
}

/// `scheme://authority` of a URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then(|| format!("{scheme}://{authority}").to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_is_scheme_and_authority() {
        assert_eq!(
            origin_of("http://127.0.0.1:3000/login?next=/x").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(
            origin_of("https://EVIL.example").as_deref(),
            Some("https://evil.example")
        );
        assert_eq!(origin_of("not a url"), None);
        assert_eq!(origin_of("http://"), None);
    }

    #[test]
    fn reads_are_safe_writes_are_not() {
        assert!(is_safe(&Method::GET));
        assert!(!is_safe(&Method::POST));
        assert!(!is_safe(&Method::DELETE));
    }
}
