//! HTTP Basic authentication on `/api/admin/` and `/_sim/`.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use std::sync::Arc;

/// Whether the `Authorization` header carries the configured credentials.
pub fn authorised(state: &AppState, value: Option<&HeaderValue>) -> bool {
    let Some(text) = value.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some(encoded) = text
        .strip_prefix("Basic ")
        .or_else(|| text.strip_prefix("basic "))
    else {
        return false;
    };
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
        return false;
    };
    let Ok(pair) = String::from_utf8(decoded) else {
        return false;
    };
    let Some((user, pass)) = pair.split_once(':') else {
        return false;
    };
    constant_eq(user.as_bytes(), state.config.username.as_bytes())
        & constant_eq(pass.as_bytes(), state.config.password.as_bytes())
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 401 with an empty body and `WWW-Authenticate`.
pub fn unauthorised() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"pexsim\""),
        )],
    )
        .into_response()
}

/// Middleware: guards the API and the control paths.
pub async fn layer(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let guarded = path.starts_with("/api/admin/") || path.starts_with("/_sim/");
    if guarded && !authorised(&state, req.headers().get(header::AUTHORIZATION)) {
        return unauthorised();
    }
    next.run(req).await
}
