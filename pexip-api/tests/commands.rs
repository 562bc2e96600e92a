//! Command failures on the wire: a 4xx with a command envelope is
//! `CommandFailed`, a 4xx naming fields is `Validation`, and neither is sent
//! twice. Served by a tiny axum stub that answers the way a Management Node does.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use pexip_api::client::{Client, ClientConfig, Error, RateLimitConfig, Upload};
use pexip_api::command::Dial;
use pexip_api::status::{ConferenceInstanceId, ParticipantId};
use serde_json::{json, Value};

const COMMAND: &str = "/api/admin/command/v1";

/// Requests the stub has answered.
#[derive(Clone, Default)]
struct Hits(Arc<AtomicUsize>);

/// 400 with the envelope that names the unknown id from the form body.
async fn unknown_id(State(hits): State<Hits>, body: String) -> (StatusCode, Json<Value>) {
    hits.0.fetch_add(1, Ordering::SeqCst);
    let id = form_urlencoded::parse(body.as_bytes())
        .find(|(k, _)| k.ends_with("_id"))
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let message = format!("Participant or conference '{id}' does not exist");
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"status": "error", "message": message, "data": null})),
    )
}

/// 400 naming fields of the command.
async fn invalid_dial(State(hits): State<Hits>) -> (StatusCode, Json<Value>) {
    hits.0.fetch_add(1, Ordering::SeqCst);
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"dial": {"destination": ["This field is required."]}})),
    )
}

/// 400 envelope with `error` instead of `message` (a multipart command).
async fn bad_package(State(hits): State<Hits>) -> (StatusCode, Json<Value>) {
    hits.0.fetch_add(1, Ordering::SeqCst);
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"status": "failed", "error": "The backup file could not be decrypted"})),
    )
}

async fn stub() -> (Client, Hits) {
    let hits = Hits::default();
    let app = Router::new()
        .route(
            &format!("{COMMAND}/participant/disconnect/"),
            post(unknown_id),
        )
        .route(&format!("{COMMAND}/conference/lock/"), post(unknown_id))
        .route(&format!("{COMMAND}/participant/dial/"), post(invalid_dial))
        .route(
            &format!("{COMMAND}/platform/backup_restore/"),
            post(bad_package),
        )
        .with_state(hits.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let mut cfg = ClientConfig::new(format!("http://{addr}"), "admin", "s3cret-pass");
    cfg.rate_limit = RateLimitConfig::unlimited(4);
    (Client::new(cfg).unwrap(), hits)
}

#[tokio::test]
async fn an_unknown_participant_is_a_command_failure_naming_it() {
    let (client, hits) = stub().await;
    let err = client
        .disconnect_participant(&ParticipantId("p-gone-42".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::CommandFailed(m) if m.contains("p-gone-42")),
        "{err:?}"
    );
    assert!(err.field_errors().is_none());
    assert!(
        err.user_message().contains("p-gone-42"),
        "{}",
        err.user_message()
    );
    let err = client
        .lock_conference(&ConferenceInstanceId("c-gone-7".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::CommandFailed(m) if m.contains("c-gone-7")),
        "{err:?}"
    );
    // Commands are never retried.
    assert_eq!(hits.0.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn invalid_command_input_maps_to_fields() {
    let (client, hits) = stub().await;
    let dial = Dial {
        conference_alias: "meet@example.com".into(),
        ..Dial::default()
    };
    let err = client.dial(&dial).await.unwrap_err();
    let fields = err.field_errors().expect("a validation error");
    assert_eq!(fields["destination"], vec!["This field is required."]);
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(hits.0.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_multipart_command_failure_is_a_command_failure() {
    let (client, hits) = stub().await;
    let err = client
        .backup_restore("passphrase", &Upload::new("b.pexbak", &b"not a backup"[..]))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::CommandFailed(m) if m.contains("could not be decrypted")),
        "{err:?}"
    );
    assert!(!err.user_message().contains("passphrase"));
    assert_eq!(hits.0.load(Ordering::SeqCst), 1);
}
