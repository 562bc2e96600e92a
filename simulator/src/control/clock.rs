//! The clock and activity part of the control API: step simulated time, reset to a seed, read
//! and change the activity level and time scale, and read event-sink delivery figures.

use super::live::{body, error, live_error};
use crate::activity;
use crate::config::Activity;
use crate::engine::errors::json_response;
use crate::live::{status, LiveError};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::{Arc, PoisonError};
use std::time::Duration;

/// A time step.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Step {
    /// Simulated seconds per tick (default 1).
    pub seconds: Option<f64>,
    /// How many ticks (default 1).
    pub ticks: Option<u32>,
    /// Step at this level instead of the configured one.
    pub activity: Option<String>,
}

fn summary(state: &AppState) -> Value {
    let scheduler = state
        .scheduler
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let level = scheduler.level.as_str();
    drop(scheduler);
    let counts = state.read(|s| {
        let n = |name| status(name).map(|d| s.len(d)).unwrap_or(0);
        (n("conference"), n("participant"))
    });
    json!({
        "level": level,
        "time_scale": state.clock.scale(),
        "seed": state.config.seed,
        "now": crate::engine::values::format_datetime(state.clock.now()),
        "conferences": counts.0,
        "participants": counts.1,
    })
}

/// `POST /_sim/step`: moves simulated time forward, tick by tick; 200 with the summary.
pub async fn step(State(state): State<Arc<AppState>>, bytes: Bytes) -> Response {
    let s: Step = match body(&bytes) {
        Ok(s) => s,
        Err(r) => return *r,
    };
    let level = match s.activity.as_deref().map(str::parse::<Activity>) {
        Some(Ok(l)) => Some(l),
        Some(Err(e)) => return error(StatusCode::BAD_REQUEST, format!("activity: {e}")),
        None => None,
    };
    let seconds = s.seconds.unwrap_or(1.0);
    if !(0.0..=86_400.0).contains(&seconds) {
        return error(
            StatusCode::BAD_REQUEST,
            "seconds: between 0 and 86400".into(),
        );
    }
    let worker = state.clone();
    let ticks = s.ticks.unwrap_or(1).min(100_000);
    let done = tokio::task::spawn_blocking(move || {
        for _ in 0..ticks {
            activity::step(&worker, Duration::from_secs_f64(seconds), level)?;
        }
        Ok::<(), LiveError>(())
    })
    .await;
    match done {
        Ok(Ok(())) => json_response(StatusCode::OK, &summary(&state)),
        Ok(Err(e)) => live_error(e),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// A reset.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Reset {
    pub seed: Option<u64>,
}

/// `POST /_sim/reset`: clears status and history and seeds again; 200 with the summary.
pub async fn reset(State(state): State<Arc<AppState>>, bytes: Bytes) -> Response {
    let r: Reset = match body(&bytes) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let seed = r.seed.unwrap_or(state.config.seed);
    let worker = state.clone();
    match tokio::task::spawn_blocking(move || activity::reset(&worker, seed)).await {
        Ok(Ok(())) => {
            let mut v = summary(&state);
            v["seed"] = json!(seed);
            json_response(StatusCode::OK, &v)
        }
        Ok(Err(e)) => live_error(e),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// A change of activity.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ActivityChange {
    pub level: Option<String>,
    pub time_scale: Option<f64>,
}

/// `GET /_sim/activity`.
pub async fn get_activity(State(state): State<Arc<AppState>>) -> Response {
    json_response(StatusCode::OK, &summary(&state))
}

/// `PUT /_sim/activity`: changes the level and/or time scale (the background task steps
/// while the level is not `off`).
pub async fn set_activity(State(state): State<Arc<AppState>>, bytes: Bytes) -> Response {
    let c: ActivityChange = match body(&bytes) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    if let Some(level) = &c.level {
        match level.parse::<Activity>() {
            Ok(l) => {
                state
                    .scheduler
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .level = l
            }
            Err(e) => return error(StatusCode::BAD_REQUEST, format!("level: {e}")),
        }
    }
    if let Some(scale) = c.time_scale {
        if !(0.0..=100_000.0).contains(&scale) {
            return error(
                StatusCode::BAD_REQUEST,
                "time_scale: between 0 and 100000".into(),
            );
        }
        state.clock.set_scale(scale);
    }
    json_response(StatusCode::OK, &summary(&state))
}

/// `GET /_sim/sinks`: delivery figures per event sink.
pub async fn sinks(State(state): State<Arc<AppState>>) -> Response {
    json_response(StatusCode::OK, &json!({"sinks": state.sinks.stats()}))
}
