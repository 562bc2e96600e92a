//! Helpers: an in-process pexsim and a client pointed at it.
#![allow(dead_code)]

use std::time::Duration;

use pexip_api::client::{Client, ClientConfig, RateLimitConfig, RetryConfig};
use pexsim::{Config, RateLimit, SimHandle};

pub const USER: &str = "admin";
pub const PASS: &str = "s3cret-pass";

pub async fn sim(demo: bool) -> SimHandle {
    pexsim::spawn(Config {
        username: USER.into(),
        password: PASS.into(),
        demo,
        seed: 7,
        rate_limit: RateLimit::unlimited(),
        ..Config::default()
    })
    .await
    .expect("pexsim starts")
}

pub fn config(sim: &SimHandle) -> ClientConfig {
    let mut c = ClientConfig::new(sim.base_url(), USER, PASS);
    c.request_timeout = Duration::from_secs(5);
    c.rate_limit = RateLimitConfig::unlimited(8);
    c.retry = RetryConfig {
        max_retries: 3,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(200),
        max_retry_after: Duration::from_secs(5),
    };
    c
}

pub fn client(sim: &SimHandle) -> Client {
    Client::new(config(sim)).expect("client builds")
}

/// Adds a fault rule through the simulator's control API (same credentials).
pub async fn fault(sim: &SimHandle, rule: serde_json::Value) {
    let resp = reqwest::Client::new()
        .post(format!("{}/_sim/faults", sim.base_url()))
        .basic_auth(USER, Some(PASS))
        .json(&rule)
        .send()
        .await
        .expect("control API answers");
    assert!(
        resp.status().is_success(),
        "fault rejected: {}",
        resp.text().await.unwrap_or_default()
    );
}

/// GETs raw JSON, bypassing the client.
pub async fn raw_get(sim: &SimHandle, path: &str) -> serde_json::Value {
    reqwest::Client::new()
        .get(format!("{}{}", sim.base_url(), path))
        .basic_auth(USER, Some(PASS))
        .send()
        .await
        .expect("GET answers")
        .json()
        .await
        .expect("JSON body")
}

/// Clears every fault rule.
pub async fn clear_faults(sim: &SimHandle) {
    let resp = reqwest::Client::new()
        .delete(format!("{}/_sim/faults", sim.base_url()))
        .basic_auth(USER, Some(PASS))
        .send()
        .await
        .expect("control API answers");
    assert!(resp.status().is_success());
}
