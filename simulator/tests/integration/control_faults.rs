//! Fault injection through `/_sim/faults`.

use crate::common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::time::{Duration, Instant};

async fn set(sim: &Sim, method: Method, body: serde_json::Value) -> Resp {
    sim.send(method, "/_sim/faults", Some(body)).await
}

#[tokio::test]
async fn faults_can_be_shown_set_added_and_cleared() {
    let sim = empty().await;
    assert_eq!(sim.get("/_sim/faults").await.json(), json!({"rules": []}));
    let r = set(&sim, Method::PUT, json!({"rules": [{"latency_ms": 1}]})).await;
    assert_eq!(r.status, StatusCode::OK);
    set(
        &sim,
        Method::POST,
        json!({"down": true, "path_prefix": "/api/admin/status/"}),
    )
    .await;
    let rules = sim.get("/_sim/faults").await.json()["rules"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[1]["path_prefix"], "/api/admin/status/");
    assert_eq!(
        sim.delete("/_sim/faults").await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(sim.get("/_sim/faults").await.json(), json!({"rules": []}));
    let bad = set(&sim, Method::PUT, json!({"rules": [{"latency": 5}]})).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json()["error"].as_str().unwrap().contains("latency"));
    let bad = set(&sim, Method::POST, json!({"error": {"status": 200}})).await;
    assert!(bad.json()["error"]
        .as_str()
        .unwrap()
        .contains("error.status"));
}

#[tokio::test]
async fn latency_delays_matching_requests() {
    let sim = empty().await;
    set(&sim, Method::PUT, json!({"rules": [{"latency_ms": 300, "path_prefix": "/api/admin/configuration/v1/conference/"}]})).await;
    let t = Instant::now();
    assert_eq!(
        sim.get(&format!("{CONF}/conference/")).await.status,
        StatusCode::OK
    );
    assert!(t.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn error_status_and_down_apply_by_prefix() {
    let sim = empty().await;
    set(&sim, Method::PUT, json!({"rules": [{"error": {"status": 502, "fraction": 1.0}, "path_prefix": "/api/admin/configuration/v1/conference/"}]})).await;
    assert_eq!(
        sim.get(&format!("{CONF}/conference/")).await.status,
        StatusCode::BAD_GATEWAY
    );
    assert_eq!(
        sim.get(&format!("{CONF}/end_user/")).await.status,
        StatusCode::OK
    );
    set(
        &sim,
        Method::PUT,
        json!({"rules": [{"error": {"status": 500, "fraction": 0.0}}]}),
    )
    .await;
    assert_eq!(
        sim.get(&format!("{CONF}/conference/")).await.status,
        StatusCode::OK
    );
    set(&sim, Method::PUT, json!({"rules": [{"down": true}]})).await;
    assert_no_response(&sim, &format!("{CONF}/conference/")).await;
    assert_eq!(
        sim.get("/_sim/faults").await.status,
        StatusCode::OK,
        "the control API stays up"
    );
}

#[tokio::test]
async fn a_429_burst_then_normal_service() {
    let sim = empty().await;
    set(
        &sim,
        Method::PUT,
        json!({"rules": [{"burst_429": {"count": 2, "retry_after": 7}}]}),
    )
    .await;
    for _ in 0..2 {
        let r = sim.get(&format!("{CONF}/conference/")).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.header("retry-after"), "7");
    }
    assert_eq!(
        sim.get(&format!("{CONF}/conference/")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        sim.get("/_sim/faults").await.json()["rules"][0]["burst_429"]["count"],
        0
    );
}

#[tokio::test]
async fn malformed_json_and_connections_closed_mid_response() {
    let sim = demo().await;
    set(
        &sim,
        Method::PUT,
        json!({"rules": [{"malformed_json": true}]}),
    )
    .await;
    let r = sim.get(&format!("{CONF}/conference/")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(serde_json::from_str::<serde_json::Value>(&r.text).is_err());
    set(
        &sim,
        Method::PUT,
        json!({"rules": [{"close_mid_response": true}]}),
    )
    .await;
    let resp = sim
        .client
        .get(sim.url(&format!("{CONF}/conference/")))
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
async fn faults_from_the_config_are_active_at_start() {
    let rule = pexsim::faults::FaultRule {
        down: true,
        ..Default::default()
    };
    let sim = start(pexsim::Config {
        faults: pexsim::faults::FaultSet { rules: vec![rule] },
        ..Default::default()
    })
    .await;
    assert_no_response(&sim, &format!("{CONF}/")).await;
    assert_eq!(sim.get("/_sim/faults").await.status, StatusCode::OK);
}

/// "down": the connection closes without a single response byte, as for an unreachable node.
async fn assert_no_response(sim: &Sim, path: &str) {
    let resp = sim
        .client
        .get(sim.url(path))
        .basic_auth("admin", Some("pexsim"))
        .send()
        .await;
    assert!(resp.is_err(), "expected no response, got {resp:?}");
    let raw = raw_get(sim, path).await;
    assert!(raw.is_empty(), "expected no bytes, got {raw:?}");
}

async fn raw_get(sim: &Sim, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = sim.handle.addr().to_string();
    let mut tcp = tokio::net::TcpStream::connect(&host).await.unwrap();
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Basic YWRtaW46cGV4c2lt\r\n\r\n"
    );
    tcp.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    // A reset instead of an orderly close is as good: nothing was answered.
    let _ = tcp.read_to_end(&mut out).await;
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn down_drops_the_connection_over_tls_too() {
    let (handle, _ca) = pexsim::spawn_tls(pexsim::Config {
        faults: pexsim::faults::FaultSet {
            rules: vec![pexsim::faults::FaultRule {
                down: true,
                ..Default::default()
            }],
        },
        ..Default::default()
    })
    .await
    .unwrap();
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    let resp = client
        .get(format!("{}{CONF}/", handle.base_url()))
        .basic_auth("admin", Some("pexsim"))
        .send()
        .await;
    assert!(resp.is_err(), "expected no response, got {resp:?}");
    let control = client
        .get(format!("{}/_sim/faults", handle.base_url()))
        .basic_auth("admin", Some("pexsim"))
        .send()
        .await
        .unwrap();
    assert_eq!(control.status(), StatusCode::OK, "TLS itself works");
    handle.shutdown().await;
}

#[tokio::test]
async fn requests_are_counted_per_method_and_path_and_can_be_reset() {
    let sim = crate::common::empty().await;
    for _ in 0..2 {
        sim.get(&format!("{}/conference/?limit=1", crate::common::CONF))
            .await;
    }
    sim.patch(
        &format!("{}/conference/", crate::common::CONF),
        serde_json::json!({"objects": []}),
    )
    .await;
    let counts = sim.get("/_sim/requests").await.json();
    assert_eq!(
        counts["counts"]["GET /api/admin/configuration/v1/conference/"],
        2
    );
    assert_eq!(
        counts["counts"]["PATCH /api/admin/configuration/v1/conference/"],
        1
    );
    assert_eq!(counts["total"], 3, "control requests are not counted");
    assert_eq!(sim.delete("/_sim/requests").await.status, 204);
    assert_eq!(sim.get("/_sim/requests").await.json()["total"], 0);
}
