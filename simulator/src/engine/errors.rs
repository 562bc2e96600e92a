//! Typed API errors and their Tastypie-shaped responses.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Field name to messages, as in `{"conference": {"name": ["This field is required."]}}`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_string())
            .or_default()
            .push(message.into());
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        for (k, v) in &self.0 {
            m.insert(k.clone(), json!(v));
        }
        Value::Object(m)
    }
    /// Prefixes every field with `prefix` (errors of nested objects).
    pub fn merge_prefixed(&mut self, prefix: &str, other: FieldErrors) {
        for (k, v) in other.0 {
            for msg in v {
                self.add(&format!("{prefix}{k}"), msg);
            }
        }
    }
}

/// An error answered to the client. Never a panic, never a 500 for bad input.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400 `{"error": "..."}`.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 400 `{"<resource>": {"<field>": ["..."]}}`.
    #[error("validation failed on {resource}: {}", errors.to_json())]
    Validation {
        resource: String,
        errors: FieldErrors,
    },
    /// 404 with an empty body.
    #[error("not found")]
    NotFound,
    /// 405 with `Allow` and the allowed methods as the body.
    #[error("method not allowed")]
    MethodNotAllowed(String),
    /// 501, POST on a detail URI.
    #[error("not implemented")]
    NotImplemented,
    /// 500 with the canned Tastypie message. Only for internal faults (e.g. a storage failure).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn validation(resource: &str, errors: FieldErrors) -> Self {
        ApiError::Validation {
            resource: resource.to_string(),
            errors,
        }
    }
    pub fn field(resource: &str, field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        Self::validation(resource, errors)
    }
    pub fn bad(message: impl Into<String>) -> Self {
        ApiError::BadRequest(message.into())
    }
}

pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let text = serde_json::to_string(body).unwrap_or_else(|_| "{}".to_string());
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        text,
    )
        .into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::BadRequest(msg) => {
                json_response(StatusCode::BAD_REQUEST, &json!({ "error": msg }))
            }
            ApiError::Validation { resource, errors } => json_response(
                StatusCode::BAD_REQUEST,
                &json!({ resource: errors.to_json() }),
            ),
            ApiError::NotFound => StatusCode::NOT_FOUND.into_response(),
            ApiError::MethodNotAllowed(allow) => {
                let value =
                    HeaderValue::from_str(&allow).unwrap_or(HeaderValue::from_static("GET"));
                (
                    StatusCode::METHOD_NOT_ALLOWED,
                    [(header::ALLOW, value)],
                    allow,
                )
                    .into_response()
            }
            ApiError::NotImplemented => StatusCode::NOT_IMPLEMENTED.into_response(),
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                json_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &json!({"error_message": "Sorry, this request could not be processed. Please try again later."}),
                )
            }
        }
    }
}
