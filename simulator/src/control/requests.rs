//! Counting the API requests pexsim answers, per method and path, so a test can check how
//! many requests a client made (for example, that an import used a handful of bulk
//! requests). `GET /_sim/requests` shows the counts, `DELETE /_sim/requests` resets them.

use crate::engine::errors::json_response;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Requests answered per `"METHOD /path"` (the path without its query).
#[derive(Default)]
pub struct RequestCounts {
    counts: Mutex<BTreeMap<String, u64>>,
}

impl RequestCounts {
    /// Counts one request.
    pub fn record(&self, method: &str, path: &str) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        *counts.entry(format!("{method} {path}")).or_default() += 1;
    }

    /// A copy of the counts.
    pub fn get(&self) -> BTreeMap<String, u64> {
        self.counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Forgets every count.
    pub fn reset(&self) {
        self.counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

/// The layer: counts every request under `/api/admin/` (whatever its answer).
pub async fn count(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/admin/") {
        state.requests.record(request.method().as_str(), path);
    }
    next.run(request).await
}

/// `GET /_sim/requests`: `{"counts": {"PATCH /api/admin/configuration/v1/conference/": 3, …}, "total": N}`.
pub async fn get_counts(State(state): State<Arc<AppState>>) -> Response {
    let counts = state.requests.get();
    let total: u64 = counts.values().sum();
    json_response(StatusCode::OK, &json!({ "counts": counts, "total": total }))
}

/// `DELETE /_sim/requests`: 204.
pub async fn reset_counts(State(state): State<Arc<AppState>>) -> Response {
    state.requests.reset();
    StatusCode::NO_CONTENT.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_method_and_path() {
        let c = RequestCounts::default();
        c.record("GET", "/api/admin/a/");
        c.record("GET", "/api/admin/a/");
        c.record("PATCH", "/api/admin/a/");
        assert_eq!(c.get()["GET /api/admin/a/"], 2);
        assert_eq!(c.get()["PATCH /api/admin/a/"], 1);
        c.reset();
        assert!(c.get().is_empty());
    }
}
