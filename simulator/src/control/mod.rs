//! The control API under `/_sim/` (same credentials, never under `/api/admin/`, never rate
//! limited nor faulted): fault injection here, live state in [`live`].

pub mod clock;
pub mod live;
pub mod requests;

use crate::engine::errors::json_response;
use crate::faults::{FaultRule, FaultSet};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::sync::Arc;

fn bad(message: String) -> Response {
    json_response(StatusCode::BAD_REQUEST, &json!({"error": message}))
}

fn show(state: &AppState) -> Response {
    json_response(StatusCode::OK, &json!(state.faults.get()))
}

/// Parses `{"rules": [...]}`, or a single rule object.
fn parse_rules(body: &Bytes) -> Result<Vec<FaultRule>, String> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| "Request is not valid JSON.".to_string())?;
    let rules = if value.get("rules").is_some() {
        serde_json::from_value::<FaultSet>(value)
            .map_err(|e| format!("Invalid fault set: {e}"))?
            .rules
    } else {
        vec![serde_json::from_value::<FaultRule>(value)
            .map_err(|e| format!("Invalid fault rule: {e}"))?]
    };
    for r in &rules {
        r.validate()?;
    }
    Ok(rules)
}

/// `GET /_sim/faults`
pub async fn get_faults(State(state): State<Arc<AppState>>) -> Response {
    show(&state)
}

/// `POST /_sim/faults`: adds rules to the active ones.
pub async fn add_faults(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    match parse_rules(&body) {
        Ok(rules) => {
            state.faults.add(rules);
            show(&state)
        }
        Err(msg) => bad(msg),
    }
}

/// `PUT /_sim/faults`: replaces the active rules.
pub async fn set_faults(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    match parse_rules(&body) {
        Ok(rules) => {
            state.faults.set(FaultSet { rules });
            show(&state)
        }
        Err(msg) => bad(msg),
    }
}

/// `DELETE /_sim/faults`: clears every rule.
pub async fn clear_faults(State(state): State<Arc<AppState>>) -> Response {
    state.faults.set(FaultSet::default());
    StatusCode::NO_CONTENT.into_response()
}
