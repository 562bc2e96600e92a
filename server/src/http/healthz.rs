//! `GET /healthz`: liveness for load balancers and the test harness. No auth.

use axum::{extract::State, Json};
use serde::Serialize;

use crate::state::AppState;

/// The health answer.
#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
    pub version: &'static str,
    pub uptime_seconds: u64,
}

/// Answers 200 with the version and how long the server has been up.
pub async fn healthz(State(state): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        uptime_seconds: state.started.elapsed().as_secs(),
    })
}
