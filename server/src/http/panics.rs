//! A panic while answering one request becomes a plain 500 page for that request: the
//! connection and every other request carry on, and nothing of the panic reaches the
//! browser (it goes to the log, with the request id of the span it happened in).

use std::any::Any;

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

/// What the browser sees.
const PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Something went wrong</title></head><body><main><h1>Something went wrong</h1>\
<p>pexdesk could not show this page. Nothing was changed. Reload to try again; if it \
keeps happening, tell your administrator the time it happened.</p></main></body></html>";

/// The panic's message, when it is a string (as `panic!` makes it).
fn message(panic: &(dyn Any + Send)) -> &str {
    panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)")
}

/// The handler of `CatchPanicLayer::custom`.
pub fn answer(panic: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!(panic = message(panic.as_ref()), "a request panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        PAGE,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_a_plain_500_without_its_message() {
        let response = answer(Box::new(String::from("secret detail")));
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(message(&"static text"), "static text");
        assert_eq!(message(&String::from("owned")), "owned");
        assert_eq!(message(&7_u8), "(no message)");
        assert!(!PAGE.contains("secret"));
    }
}
