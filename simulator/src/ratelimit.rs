//! The API rate limit: a fixed window of N requests per S seconds (the guide: 10,000 per 60 s).

use crate::config::RateLimit;
use crate::engine::errors::json_response;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::json;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Counts requests in the current window.
pub struct Limiter {
    limit: RateLimit,
    window: Mutex<(Instant, u32)>,
}

impl Limiter {
    pub fn new(limit: RateLimit) -> Self {
        Limiter {
            limit,
            window: Mutex::new((Instant::now(), 0)),
        }
    }

    /// `Ok` to go ahead, or `Err(seconds to wait)`.
    pub fn check(&self, now: Instant) -> Result<(), u64> {
        let mut w = self.window.lock().unwrap_or_else(PoisonError::into_inner);
        if now.duration_since(w.0) >= self.limit.window {
            *w = (now, 0);
        }
        if w.1 >= self.limit.requests {
            let left = self.limit.window.saturating_sub(now.duration_since(w.0));
            return Err(ceil_secs(left));
        }
        w.1 += 1;
        Ok(())
    }
}

fn ceil_secs(d: Duration) -> u64 {
    let s = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    s.max(1)
}

/// The 429 answer: `Retry-After` in seconds and a JSON body naming the wait.
pub fn too_many(retry_after: u64) -> Response {
    let mut resp = json_response(
        StatusCode::TOO_MANY_REQUESTS,
        &json!({"error": format!("Too many requests. Retry after {retry_after} seconds.")}),
    );
    if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

/// Middleware: limits `/api/admin/` requests.
pub async fn layer(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/api/admin/") {
        if let Err(wait) = state.limiter.check(Instant::now()) {
            return too_many(wait);
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_allows_n_then_refuses_until_it_rolls() {
        let l = Limiter::new(RateLimit {
            requests: 2,
            window: Duration::from_secs(10),
        });
        let t0 = Instant::now();
        assert!(l.check(t0).is_ok());
        assert!(l.check(t0).is_ok());
        assert_eq!(l.check(t0 + Duration::from_millis(500)), Err(10));
        assert!(l.check(t0 + Duration::from_secs(10)).is_ok());
    }
}
