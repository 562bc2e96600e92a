//! The live part of the control API (`/_sim/`): start and end conferences, add and remove
//! participants, set packet loss. Every transition goes through [`crate::live`], like the
//! commands and the scheduler. Time and activity are in [`super::clock`].

use crate::engine::errors::json_response;
use crate::live::conference::{self, Service};
use crate::live::participant::{self, Joiner};
use crate::live::rows::Fields;
use crate::live::{status, Live, LiveError};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

pub(super) fn error(status: StatusCode, message: String) -> Response {
    json_response(status, &json!({"error": message}))
}

pub(super) fn live_error(e: LiveError) -> Response {
    match e {
        LiveError::UnknownParticipant(_) | LiveError::UnknownConference(_) => {
            error(StatusCode::NOT_FOUND, e.to_string())
        }
        LiveError::Field { field, message } => {
            error(StatusCode::BAD_REQUEST, format!("{field}: {message}"))
        }
        LiveError::Failed(m) => error(StatusCode::CONFLICT, m),
        LiveError::Internal(m) => error(StatusCode::INTERNAL_SERVER_ERROR, m),
    }
}

/// Reads a JSON body (empty means defaults); the error is the 400 answer.
pub(super) fn body<T: DeserializeOwned + Default>(bytes: &Bytes) -> Result<T, Box<Response>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(bytes)
        .map_err(|e| Box::new(error(StatusCode::BAD_REQUEST, format!("Invalid body: {e}"))))
}

/// A participant to add; every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NewParticipant {
    /// The conference's alias (starts it if needed)…
    pub alias: Option<String>,
    /// …or a running conference.
    pub conference_id: Option<String>,
    pub display_name: Option<String>,
    /// `chair` (default) or `guest`.
    pub role: Option<String>,
    /// `WebRTC` (default), `SIP`, `H323`, `Teams`, `RTMP`, …
    pub protocol: Option<String>,
    pub call_type: Option<String>,
    pub call_direction: Option<String>,
    pub vendor: Option<String>,
    pub remote_address: Option<String>,
    pub source_alias: Option<String>,
    pub system_location: Option<String>,
    pub node: Option<String>,
    pub encryption: Option<String>,
    pub bandwidth: Option<i64>,
    /// Packet loss (%) both ways.
    pub packet_loss: Option<f64>,
    /// Join a locked conference directly.
    pub bypass_lock: bool,
}

fn service_for(
    live: &Live<'_>,
    alias: Option<&str>,
    conference_id: Option<&str>,
) -> Result<Service, LiveError> {
    if let Some(id) = conference_id {
        let conf = conference::get(live.store, id)?;
        if let Some(s) = conference::resolve_alias(live.store, &conf.text("alias"))? {
            return Ok(s);
        }
        return Err(LiveError::Failed(format!(
            "The service of conference '{id}' no longer exists."
        )));
    }
    let alias = alias.ok_or_else(|| LiveError::field("alias", "Give alias or conference_id."))?;
    conference::resolve_alias(live.store, alias)?
        .ok_or_else(|| LiveError::field("alias", format!("No conference has the alias '{alias}'.")))
}

fn joiner(p: &NewParticipant, n: usize, alias: &str) -> Joiner {
    let protocol = p.protocol.clone().unwrap_or_else(|| "WebRTC".into());
    let name = p
        .display_name
        .clone()
        .unwrap_or_else(|| format!("Participant {}", n + 1));
    let loss = p.packet_loss.unwrap_or(0.0);
    Joiner {
        source_alias: p
            .source_alias
            .clone()
            .unwrap_or_else(|| format!("{}@example.com", name.to_lowercase().replace(' ', "."))),
        destination_alias: alias.to_string(),
        display_name: name,
        role: p.role.clone().unwrap_or_else(|| "chair".into()),
        call_direction: p.call_direction.clone().unwrap_or_else(|| "in".into()),
        call_type: p.call_type.clone().unwrap_or_else(|| "video".into()),
        vendor: p
            .vendor
            .clone()
            .unwrap_or_else(|| "pexsim control API".into()),
        remote_address: p
            .remote_address
            .clone()
            .unwrap_or_else(|| format!("10.99.0.{}", 10 + n % 240)),
        remote_port: 50000 + i64::try_from(n % 10000).unwrap_or(0),
        encryption: p.encryption.clone().unwrap_or_else(|| "On".into()),
        bandwidth: p.bandwidth.unwrap_or(1280),
        system_location: p.system_location.clone(),
        node: p.node.clone(),
        via_proxy: false,
        is_streaming: protocol == "RTMP",
        protocol,
        loss_rx: loss,
        loss_tx: loss,
        bypass_lock: p.bypass_lock,
    }
}

/// `POST /_sim/participants`: 201 `{participant_id, conference_id, waiting}`.
pub async fn add_participant(State(state): State<Arc<AppState>>, bytes: Bytes) -> Response {
    let p: NewParticipant = match body(&bytes) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let result = state.live(|l| {
        let service = service_for(l, p.alias.as_deref(), p.conference_id.as_deref())?;
        let n = l.store.len(status("participant")?);
        let id = participant::join(l, &service, joiner(&p, n, &service.alias))?;
        let row = participant::get(l.store, &id)?;
        Ok(
            json!({"participant_id": id, "conference_id": participant::conference_of(&row)?,
                  "waiting": row.flag("is_on_hold")}),
        )
    });
    match result {
        Ok(v) => json_response(StatusCode::CREATED, &v),
        Err(e) => live_error(e),
    }
}

/// A conference to start.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NewConference {
    pub alias: String,
    /// How many participants join (default 1).
    pub participants: Option<usize>,
    /// Their role (default `chair`) and protocol (default `WebRTC`).
    pub role: Option<String>,
    pub protocol: Option<String>,
    /// Lock it once they are in.
    pub locked: bool,
}

/// `POST /_sim/conferences`: 201 `{conference_id, participant_ids}`.
pub async fn start_conference(State(state): State<Arc<AppState>>, bytes: Bytes) -> Response {
    let c: NewConference = match body(&bytes) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    let result = state.live(|l| {
        let service = service_for(l, Some(&c.alias), None)?;
        let mut ids = Vec::new();
        for n in 0..c.participants.unwrap_or(1).max(1) {
            let p = NewParticipant {
                role: c.role.clone(),
                protocol: c.protocol.clone(),
                ..Default::default()
            };
            ids.push(participant::join(
                l,
                &service,
                joiner(&p, n, &service.alias),
            )?);
        }
        let id = conference::running(l.store, &service.key)?
            .ok_or_else(|| LiveError::Internal("the conference did not start".into()))?;
        if c.locked {
            conference::set_locked(l, &id, true)?;
        }
        Ok(json!({"conference_id": id, "participant_ids": ids}))
    });
    match result {
        Ok(v) => json_response(StatusCode::CREATED, &v),
        Err(e) => live_error(e),
    }
}

/// `DELETE /_sim/conferences/{id}`: everyone leaves; 200 `{history_conference_id}`.
pub async fn end_conference(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Response {
    match state.live(|l| conference::disconnect(l, &id, "Conference ended")) {
        Ok(()) => json_response(StatusCode::OK, &json!({"history_conference_id": id})),
        Err(e) => live_error(e),
    }
}

/// `DELETE /_sim/participants/{id}`: 204.
pub async fn remove_participant(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Response {
    match state.live(|l| participant::leave(l, &id, "Call disconnected")) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => live_error(e),
    }
}

/// Packet loss to set: `packet_loss` both ways, or `rx_packet_loss` / `tx_packet_loss`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Loss {
    pub packet_loss: Option<f64>,
    pub rx_packet_loss: Option<f64>,
    pub tx_packet_loss: Option<f64>,
}

/// `PUT /_sim/participants/{id}/packet_loss`: 200 with the loss now applied.
pub async fn set_packet_loss(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Response {
    let loss: Loss = match body(&bytes) {
        Ok(l) => l,
        Err(r) => return *r,
    };
    let result = state.live(|l| {
        let p = participant::get(l.store, &id)?;
        let rx = loss
            .rx_packet_loss
            .or(loss.packet_loss)
            .unwrap_or(p.float("loss_rx"));
        let tx = loss
            .tx_packet_loss
            .or(loss.packet_loss)
            .unwrap_or(p.float("loss_tx"));
        participant::set_loss(l, &id, rx, tx)?;
        Ok(json!({"participant_id": id, "rx_packet_loss": rx, "tx_packet_loss": tx}))
    });
    match result {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(e) => live_error(e),
    }
}
