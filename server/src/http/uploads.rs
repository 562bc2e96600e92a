//! Uploads go only where uploads are read. A server function that reads a multipart body
//! cannot answer a request without a multipart boundary gracefully, so such a request is
//! refused here with a clear message before it reaches one.

use axum::{
    extract::Request,
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::server_fn::ServerFn;

/// The server functions that take `multipart/form-data`.
const MULTIPART_PATHS: [&str; 1] = [<app::features::services::api::CheckImport as ServerFn>::PATH];

/// Whether a `Content-Type` is multipart form data with its boundary.
pub fn is_multipart_with_boundary(content_type: &str) -> bool {
    let lower = content_type.to_ascii_lowercase();
    lower.starts_with("multipart/form-data") && lower.contains("boundary=")
}

/// The layer: refuses a non-multipart POST to an upload endpoint (415).
pub async fn require_multipart(request: Request, next: Next) -> Response {
    let is_upload =
        request.method() == Method::POST && MULTIPART_PATHS.contains(&request.uri().path());
    if is_upload {
        let ok = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_multipart_with_boundary);
        if !ok {
            return (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Upload the file as multipart/form-data (choose the file in the form).",
            )
                .into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_needs_its_boundary() {
        assert!(is_multipart_with_boundary(
            "multipart/form-data; boundary=x1"
        ));
        assert!(!is_multipart_with_boundary("multipart/form-data"));
        assert!(!is_multipart_with_boundary(
            "application/x-www-form-urlencoded"
        ));
    }
}
