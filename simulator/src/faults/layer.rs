//! The fault-injection middleware. It wraps everything except `/_sim/`.

use super::Plan;
use crate::engine::errors::json_response;
use crate::ratelimit::too_many;
use crate::server::conn::Dropper;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// Applies the active fault rules to one request.
pub async fn layer(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/_sim/") {
        return next.run(req).await;
    }
    let plan = state.faults.plan(req.uri().path());
    if plan.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(plan.latency_ms)).await;
    }
    if plan.down {
        // Served through `server::conn`: drop the connection without answering.
        if let Some(ConnectInfo(dropper)) = req.extensions().get::<ConnectInfo<Dropper>>() {
            dropper.drop_connection();
        }
        // Without a droppable connection (the bare router), answer 503.
        return json_response(
            StatusCode::SERVICE_UNAVAILABLE,
            &json!({"error": "The Management Node is down (pexsim fault injection)."}),
        );
    }
    if let Some(wait) = plan.throttle {
        return too_many(wait);
    }
    if let Some(status) = plan.error {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return json_response(
            status,
            &json!({"error": "Injected fault (pexsim fault injection)."}),
        );
    }
    let resp = next.run(req).await;
    if plan.malformed_json || plan.close_mid_response {
        return distort(resp, &plan).await;
    }
    resp
}

async fn distort(resp: Response, plan: &Plan) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut bytes = bytes.to_vec();
    if plan.malformed_json {
        bytes.truncate(bytes.len() / 2);
        bytes.extend_from_slice(b"{\"malformed");
        parts.headers.insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/json"),
        );
    }
    if plan.close_mid_response {
        let half = Bytes::from(bytes[..bytes.len() / 2].to_vec());
        let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
            Ok(half),
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "pexsim fault: connection closed",
            )),
        ];
        return Response::from_parts(parts, Body::from_stream(futures_util::stream::iter(chunks)));
    }
    Response::from_parts(parts, Body::from(bytes))
}
