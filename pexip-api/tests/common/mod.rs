//! Helpers: an in-process pexsim and a client pointed at it.
#![allow(dead_code)]

use std::time::Duration;

use pexip_api::client::{Client, ClientConfig, RateLimitConfig, RetryConfig};
use pexip_api::config::{AliasInput, Conference, ConferenceId, ConferencePatch, NewAlias};
use pexip_api::{Patch, Timestamp};
use pexsim::{Config, RateLimit, SimHandle};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

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

/// POSTs JSON to the control API (`/_sim/...`) and returns the answer's JSON.
pub async fn control(sim: &SimHandle, path: &str, body: serde_json::Value) -> serde_json::Value {
    let resp = reqwest::Client::new()
        .post(format!("{}{}", sim.base_url(), path))
        .basic_auth(USER, Some(PASS))
        .json(&body)
        .send()
        .await
        .expect("control API answers");
    let status = resp.status();
    let text = resp.text().await.unwrap_or_default();
    assert!(status.is_success(), "{path}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
}

/// Starts a conference on the service of `alias` with `participants` chairs;
/// returns the conference id and the participant ids.
pub async fn start_conference(
    sim: &SimHandle,
    alias: &str,
    participants: u32,
) -> (String, Vec<String>) {
    let v = control(
        sim,
        "/_sim/conferences",
        serde_json::json!({"alias": alias, "participants": participants}),
    )
    .await;
    let ids = v["participant_ids"]
        .as_array()
        .expect("participant ids")
        .iter()
        .map(|p| p.as_str().expect("a participant id").to_string())
        .collect();
    (
        v["conference_id"].as_str().expect("a conference id").into(),
        ids,
    )
}

/// Joins a caller through the control API; returns (participant id, waiting in the lobby).
pub async fn join(sim: &SimHandle, alias: &str, role: &str, name: &str) -> (String, bool) {
    let v = control(
        sim,
        "/_sim/participants",
        serde_json::json!({"alias": alias, "role": role, "display_name": name}),
    )
    .await;
    let id = v["participant_id"].as_str().expect("a participant id");
    (id.to_string(), v["waiting"].as_bool().expect("waiting"))
}

/// Moves simulated time: `ticks` steps of `seconds` (media and quality windows evolve).
pub async fn step(sim: &SimHandle, seconds: u64, ticks: u32) -> serde_json::Value {
    control(
        sim,
        "/_sim/step",
        serde_json::json!({"seconds": seconds, "ticks": ticks}),
    )
    .await
}

/// How many requests pexsim has seen per `"METHOD /path/"` since the last [`reset_requests`].
pub async fn requests(sim: &SimHandle) -> serde_json::Value {
    let v = raw_get_any(sim, "/_sim/requests").await;
    assert!(v["counts"].is_object(), "{v}");
    v
}

/// Starts the request counts again.
pub async fn reset_requests(sim: &SimHandle) {
    let resp = reqwest::Client::new()
        .delete(format!("{}/_sim/requests", sim.base_url()))
        .basic_auth(USER, Some(PASS))
        .send()
        .await
        .expect("control API answers");
    assert!(resp.status().is_success(), "{}", resp.status());
}

/// GETs any JSON path with the credentials (control or API), bypassing the client.
pub async fn raw_get_any(sim: &SimHandle, path: &str) -> serde_json::Value {
    raw_get(sim, path).await
}

/// How many requests pexsim has counted for `key` (`"POST /api/admin/…/"`).
pub async fn count(sim: &SimHandle, key: &str) -> u64 {
    requests(sim).await["counts"][key].as_u64().unwrap_or(0)
}

/// The active fault rules, as `GET /_sim/faults` shows them.
pub async fn faults(sim: &SimHandle) -> Value {
    raw_get_any(sim, "/_sim/faults").await
}

/// Sets a live participant's packet loss (%) both ways through the control API.
pub async fn set_packet_loss(sim: &SimHandle, participant_id: &str, loss: f64) {
    let v = control(
        sim,
        &format!("/_sim/participants/{participant_id}/packet_loss"),
        serde_json::json!({ "packet_loss": loss }),
    )
    .await;
    assert_eq!(v["rx_packet_loss"].as_f64(), Some(loss), "{v}");
}

/// Creates a VMR called `name` with the one alias `alias` (through the client).
pub async fn new_service(client: &Client, name: &str, alias: &str) -> ConferenceId {
    let patch = ConferencePatch {
        name: Patch::Value(name.into()),
        aliases: Patch::Value(vec![AliasInput::New(NewAlias::new(alias))]),
        ..Default::default()
    };
    client
        .create::<Conference>(&patch)
        .await
        .expect("the service is created")
}

/// `out` holds every key of `input` with an equal value. Datetimes may change
/// form (same instant) and a `""` datetime may become null.
pub fn assert_keeps(input: &Value, out: &Value, at: &str) {
    match (input, out) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let w = b.get(k).unwrap_or_else(|| panic!("{at}.{k} was dropped"));
                assert_keeps(v, w, &format!("{at}.{k}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{at}: length");
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                assert_keeps(v, w, &format!("{at}[{i}]"));
            }
        }
        (Value::String(s), Value::Null) if s.is_empty() || s == "None" => {}
        (Value::String(s), Value::String(t)) if s != t => {
            let (x, y) = (Timestamp::parse(s), Timestamp::parse(t));
            assert!(x.is_some() && x == y, "{at}: {s:?} became {t:?}");
        }
        (Value::Number(x), Value::Number(y)) => {
            assert_eq!(x.as_f64(), y.as_f64(), "{at}");
        }
        (a, b) => assert_eq!(a, b, "{at}"),
    }
}

/// Reads `input` as `T`, writes it back, and checks nothing was lost (and that
/// a second pass is stable).
pub fn round_trip<T: DeserializeOwned + Serialize>(input: &Value, what: &str) -> T {
    let model: T =
        serde_json::from_value(input.clone()).unwrap_or_else(|e| panic!("{what}: {e}\n{input}"));
    let out = serde_json::to_value(&model).expect("the model serialises");
    assert_keeps(input, &out, what);
    let again: T = serde_json::from_value(out.clone()).expect("the output reads back");
    assert_eq!(
        serde_json::to_value(&again).expect("the model serialises"),
        out,
        "{what}: not stable"
    );
    model
}
