//! Every fault kind on the status, history and command paths, and the control API staying up.

use crate::common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::time::{Duration, Instant};

async fn rule(sim: &Sim, rule: serde_json::Value) {
    let r = sim
        .send(Method::PUT, "/_sim/faults", Some(json!({"rules": [rule]})))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

async fn clear(sim: &Sim) {
    sim.delete("/_sim/faults").await;
}

#[tokio::test]
async fn latency_on_status_and_errors_on_commands() {
    let sim = guide_node().await;
    let (_, ids) = sim.start_call("meet@example.com", 1).await;
    rule(
        &sim,
        json!({"path_prefix": "/api/admin/status/", "latency_ms": 250}),
    )
    .await;
    let t = Instant::now();
    assert_eq!(
        sim.get(&format!("{STATUS}/participant/")).await.status,
        StatusCode::OK
    );
    assert!(t.elapsed() >= Duration::from_millis(250));
    rule(
        &sim,
        json!({"path_prefix": "/api/admin/command/", "error": {"status": 503}}),
    )
    .await;
    let r = sim
        .form(
            &format!("{COMMAND}/participant/mute/"),
            &[("participant_id", &ids[0])],
        )
        .await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        sim.participant(&ids[0]).await["is_muted"],
        false,
        "the faulted command did not run"
    );
    assert_eq!(
        sim.get(&format!("{STATUS}/participant/")).await.status,
        StatusCode::OK
    );
    clear(&sim).await;
    sim.command("participant/mute", &[("participant_id", &ids[0])])
        .await;
}

#[tokio::test]
async fn bursts_of_429_on_history() {
    let sim = guide_node().await;
    rule(
        &sim,
        json!({"path_prefix": "/api/admin/history/", "burst_429": {"count": 2, "retry_after": 3}}),
    )
    .await;
    for _ in 0..2 {
        let r = sim.get(&format!("{HISTORY}/conference/")).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.header("retry-after"), "3");
    }
    assert_eq!(
        sim.get(&format!("{HISTORY}/conference/")).await.status,
        StatusCode::OK
    );
    // The control API is never faulted nor rate-limited.
    rule(&sim, json!({"burst_429": {"count": 100}})).await;
    assert_eq!(sim.step(1.0, 1, "off").await["level"], "off");
}

#[tokio::test]
async fn malformed_json_and_closed_connections_on_status() {
    let sim = guide_node().await;
    sim.start_call("meet@example.com", 2).await;
    rule(
        &sim,
        json!({"path_prefix": "/api/admin/status/v1/participant/", "malformed_json": true}),
    )
    .await;
    let r = sim.get(&format!("{STATUS}/participant/")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(serde_json::from_str::<serde_json::Value>(&r.text).is_err());
    assert!(serde_json::from_str::<serde_json::Value>(
        &sim.get(&format!("{STATUS}/conference/")).await.text
    )
    .is_ok());
    rule(
        &sim,
        json!({"path_prefix": "/api/admin/status/", "close_mid_response": true}),
    )
    .await;
    let resp = sim
        .client
        .get(sim.url(&format!("{STATUS}/participant/")))
        .basic_auth("admin", Some("pexsim"))
        .send()
        .await;
    let body = match resp {
        Ok(r) => r.bytes().await.map(|b| b.len()),
        Err(e) => Err(e),
    };
    assert!(body.is_err(), "the body must fail, got {body:?}");
}

#[tokio::test]
async fn a_down_node_refuses_commands_but_sim_control_works() {
    let sim = guide_node().await;
    let (conf, _) = sim.start_call("meet@example.com", 1).await;
    rule(&sim, json!({"down": true})).await;
    let resp = sim
        .client
        .post(sim.url(&format!("{COMMAND}/conference/lock/")))
        .basic_auth("admin", Some("pexsim"))
        .form(&[("conference_id", conf.as_str())])
        .send()
        .await;
    assert!(resp.is_err(), "no answer while down, got {resp:?}");
    assert_eq!(sim.get("/_sim/activity").await.status, StatusCode::OK);
    clear(&sim).await;
    let c = sim
        .get(&format!("{STATUS}/conference/{conf}/"))
        .await
        .json();
    assert_eq!(c["is_locked"], false, "the command never ran");
}
