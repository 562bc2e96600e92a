//! Event sinks: events POSTed to a test receiver as they happen, in Pexip's shape and in order,
//! with the sink's Basic credentials; retried after failures; a hopeless sink drops the oldest.

use crate::common::*;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

struct Receiver {
    tx: UnboundedSender<(Option<String>, Value)>,
    /// Answer 503 to this many requests first.
    fail_first: AtomicUsize,
}

async fn receive(
    State(r): State<Arc<Receiver>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> StatusCode {
    if r.fail_first.load(Ordering::SeqCst) > 0 {
        r.fail_first.fetch_sub(1, Ordering::SeqCst);
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let _ = r.tx.send((auth, body));
    StatusCode::OK
}

/// A receiver on a free port; returns its URL and the events it gets.
async fn receiver(fail_first: usize) -> (String, UnboundedReceiver<(Option<String>, Value)>) {
    let (tx, rx) = unbounded_channel();
    let state = Arc::new(Receiver {
        tx,
        fail_first: AtomicUsize::new(fail_first),
    });
    let app = Router::new()
        .route("/events", post(receive))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/events"), rx)
}

#[tokio::test]
async fn events_arrive_in_order_in_pexips_shape_with_basic_auth() {
    let sim = guide_node().await;
    let (url, mut rx) = receiver(0).await;
    sim.create(
        "event_sink",
        json!({"name": "test", "url": url, "username": "sink", "password": "s3cret", "version": 2}),
    )
    .await;
    let (conf, ids) = sim.start_call("meet@example.com", 2).await;
    sim.command("participant/mute", &[("participant_id", &ids[0])])
        .await;
    sim.command("conference/lock", &[("conference_id", &conf)])
        .await;
    sim.command("conference/disconnect", &[("conference_id", &conf)])
        .await;
    let expected_auth = format!("Basic {}", base64_encode("sink:s3cret"));
    let mut got = Vec::new();
    loop {
        let (auth, event) = next(&mut rx, 10).await;
        assert_eq!(auth.as_deref(), Some(expected_auth.as_str()));
        let done = event["event"] == "conference_ended";
        got.push(event);
        if done {
            break;
        }
    }
    let names: Vec<&str> = got.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        vec![
            "conference_started",
            "participant_connected",
            "conference_updated",
            "participant_connected",
            "participant_updated",
            "conference_updated",
            "participant_disconnected",
            "participant_disconnected",
            "conference_ended",
        ]
    );
    for (i, e) in got.iter().enumerate() {
        assert_eq!(e["node"], "10.0.0.1");
        assert_eq!(e["seq"], i + 1, "sequence numbers per node, from 1");
        assert_eq!(e["version"], 2);
        assert!(e["time"].as_f64().unwrap() > 1.6e9);
        assert!(e["data"].is_object());
    }
    let started = &got[0]["data"];
    assert_eq!(started["name"], "VMR_1");
    assert_eq!(started["conference_id"], conf.as_str());
    let connected = &got[1]["data"];
    assert_eq!(connected["uuid"], ids[0].as_str());
    assert_eq!(connected["conference"], "VMR_1");
    assert_eq!(got[4]["data"]["is_muted"], true);
    assert_eq!(got[5]["data"]["is_locked"], true);
    let gone = &got[6]["data"];
    assert_eq!(
        gone["disconnect_reason"],
        "Disconnected by an administrator"
    );
    assert!(gone["duration"].is_i64());
    let stats = sim.get("/_sim/sinks").await.json();
    assert_eq!(stats["sinks"][0]["delivered"], 9);
    assert_eq!(stats["sinks"][0]["dropped"], 0);
}

fn base64_encode(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[tokio::test]
async fn a_failing_sink_is_retried_with_backoff_and_loses_nothing() {
    let sim = guide_node().await;
    sim.patch(
        &format!("{CONF}/global/1/"),
        json!({"es_initial_retry_backoff": 0, "es_maximum_retry_backoff": 1}),
    )
    .await;
    let (url, mut rx) = receiver(3).await;
    sim.create("event_sink", json!({"name": "flaky", "url": url}))
        .await;
    let (_, ids) = sim.start_call("meet@example.com", 1).await;
    let (auth, first) = next(&mut rx, 20).await;
    assert_eq!(auth, None, "no credentials configured, none sent");
    assert_eq!(first["event"], "conference_started");
    assert_eq!(first["seq"], 1);
    let (_, second) = next(&mut rx, 20).await;
    assert_eq!(second["event"], "participant_connected");
    assert_eq!(second["data"]["uuid"], ids[0].as_str());
    let stats = sim.get("/_sim/sinks").await.json();
    assert_eq!(stats["sinks"][0]["failed_attempts"], 3);
}

#[tokio::test]
async fn a_hopeless_sink_keeps_only_the_newest_events_and_never_blocks() {
    let sim = guide_node().await;
    sim.patch(
        &format!("{CONF}/global/1/"),
        json!({"es_maximum_deferred_posts": 3, "es_initial_retry_backoff": 3600, "es_maximum_retry_backoff": 3600}),
    )
    .await;
    // Nothing listens on port 9 (discard): every attempt fails.
    sim.create(
        "event_sink",
        json!({"name": "gone", "url": "http://127.0.0.1:9/events"}),
    )
    .await;
    let started = std::time::Instant::now();
    sim.start_call("meet@example.com", 8).await;
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "the simulator did not wait for the sink"
    );
    let stats = sim.get("/_sim/sinks").await.json();
    let s = &stats["sinks"][0];
    assert_eq!(s["name"], "gone");
    assert!(s["queued"].as_u64().unwrap() <= 3);
    // conference_started, 8 × participant_connected, conference_updated: 10 events, 3 kept.
    assert_eq!(
        s["dropped"].as_u64().unwrap()
            + s["queued"].as_u64().unwrap()
            + s["delivered"].as_u64().unwrap(),
        10
    );
    assert!(s["dropped"].as_u64().unwrap() >= 7);
    assert_eq!(s["delivered"], 0);
}

#[tokio::test]
async fn a_sink_listed_by_a_location_gets_only_that_locations_events() {
    let sim = guide_node().await;
    let (url, mut rx) = receiver(0).await;
    let sink = sim
        .create("event_sink", json!({"name": "oslo only", "url": url}))
        .await;
    sim.patch(
        &format!("{CONF}/system_location/2/"),
        json!({"event_sinks": [sink]}),
    )
    .await;
    sim.start_call("meet@example.com", 1).await;
    sim.join(json!({"alias": "meet2@example.com", "system_location": "Oslo"}))
        .await;
    let (_, first) = next(&mut rx, 10).await;
    assert_eq!(first["node"], "10.0.1.1");
    assert_eq!(first["event"], "conference_started");
    assert_eq!(first["data"]["name"], "VMR_2");
}
