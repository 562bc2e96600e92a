//! Keeps what a person typed into a form that was refused while JavaScript was off.
//!
//! A plain form post to a server function that fails is answered with a redirect back to
//! the form's page, the error in the URL (`__err`). This layer notices that answer and
//! keeps the submitted values (never passwords or other secrets) in the session, where
//! the form reads them back once (`app::forms`). Every other request passes untouched.

use app::forms::{is_secret_field, RejectedForm, FLASH_KEY};
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tower_sessions::Session;

/// The largest form body inspected; bigger ones are refused (forms are small, uploads
/// are multipart and never inspected).
const MAX_FORM_BYTES: usize = 256 * 1024;

fn is_plain_form_post(method: &Method, path: &str, headers: &HeaderMap) -> bool {
    let header_has = |name: header::HeaderName, needle: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains(needle))
    };
    method == Method::POST
        && path.starts_with("/api/")
        && header_has(header::ACCEPT, "text/html")
        && header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
}

/// The refusal's `__err`, when the server function refused the post: Leptos answers
/// with a redirect back that carries it.
fn refusal(response: &Response) -> Option<String> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    let (_, query) = location.split_once('?')?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "__err")
        .map(|(_, v)| v.into_owned())
}

/// The submitted pairs, secrets left out.
pub fn kept_values(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .filter(|(name, _)| !is_secret_field(name))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

/// The layer: see the module documentation.
pub async fn keep_rejected_form(session: Session, request: Request, next: Next) -> Response {
    if !is_plain_form_post(request.method(), request.uri().path(), request.headers()) {
        return next.run(request).await;
    }
    let action = request.uri().path().to_owned();
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "The form is too large to be accepted.",
        )
            .into_response();
    };
    let values = kept_values(&bytes);
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    match refusal(&response) {
        Some(error) => {
            let at = time::OffsetDateTime::now_utc().unix_timestamp();
            let kept = RejectedForm {
                action,
                error,
                at,
                values,
            };
            if let Err(err) = session.insert(FLASH_KEY, kept).await {
                tracing::warn!(error = %err, "could not keep a refused form's values");
            }
        }
        // A post that went through: whatever was kept from an earlier refusal is done with.
        // Only when there is something to drop: removing marks the session changed, and a
        // changed session is saved, which must not happen to one this post just ended.
        None => {
            if let Ok(Some(_)) = session.get::<RejectedForm>(FLASH_KEY).await {
                if let Err(err) = session.remove::<RejectedForm>(FLASH_KEY).await {
                    tracing::warn!(error = %err, "could not drop a refused form's kept values");
                }
            }
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_not_kept() {
        let kept = kept_values(b"email=a%40b.c&password=hunter2hunter2&form%5Bpin%5D=1234");
        assert_eq!(
            kept,
            vec![
                ("email".to_owned(), "a@b.c".to_owned()),
                ("form[pin]".to_owned(), "1234".to_owned()),
            ]
        );
    }

    #[test]
    fn only_plain_form_posts_to_server_functions_are_inspected() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, "text/html,*/*".parse().unwrap());
        headers.insert(
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded".parse().unwrap(),
        );
        assert!(is_plain_form_post(
            &Method::POST,
            "/api/users/create",
            &headers
        ));
        assert!(!is_plain_form_post(
            &Method::GET,
            "/api/users/create",
            &headers
        ));
        assert!(!is_plain_form_post(&Method::POST, "/login", &headers));
        headers.insert(header::ACCEPT, "application/json".parse().unwrap());
        assert!(!is_plain_form_post(
            &Method::POST,
            "/api/users/create",
            &headers
        ));
    }
}
