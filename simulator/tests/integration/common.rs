//! Helpers: start a simulator, send requests, read answers.

use pexsim::{Config, RateLimit, SimHandle};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub const CONF: &str = "/api/admin/configuration/v1";

pub struct Sim {
    pub handle: SimHandle,
    pub client: reqwest::Client,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
    /// The path of the `Location` header.
    pub fn location_path(&self) -> String {
        let loc = self.header("location");
        let after_scheme = loc.split_once("://").map(|(_, r)| r).unwrap_or(&loc);
        after_scheme
            .find('/')
            .map(|i| after_scheme[i..].to_string())
            .unwrap_or_default()
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn start(config: Config) -> Sim {
    let handle = pexsim::spawn(Config {
        rate_limit: RateLimit::unlimited(),
        ..config
    })
    .await
    .unwrap();
    Sim {
        handle,
        client: client(),
    }
}

pub async fn empty() -> Sim {
    start(Config::default()).await
}

pub async fn demo() -> Sim {
    start(Config {
        demo: true,
        seed: 7,
        ..Config::default()
    })
    .await
}

impl Sim {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.handle.base_url(), path)
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Resp {
        let mut req = self
            .client
            .request(method, self.url(path))
            .basic_auth("admin", Some("pexsim"));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap();
        Resp {
            status,
            headers,
            text,
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.send(Method::POST, path, Some(body)).await
    }
    pub async fn put(&self, path: &str, body: Value) -> Resp {
        self.send(Method::PUT, path, Some(body)).await
    }
    pub async fn patch(&self, path: &str, body: Value) -> Resp {
        self.send(Method::PATCH, path, Some(body)).await
    }
    pub async fn delete(&self, path: &str) -> Resp {
        self.send(Method::DELETE, path, None).await
    }

    /// POSTs and returns the new object's path, asserting 201.
    pub async fn create(&self, resource: &str, body: Value) -> String {
        let r = self.post(&format!("{CONF}/{resource}/"), body).await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "create {resource}: {}",
            r.text
        );
        r.location_path()
    }

    /// The `objects` of a list GET, asserting 200.
    pub async fn objects(&self, path: &str) -> Vec<Value> {
        let r = self.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text);
        r.json()["objects"].as_array().cloned().unwrap_or_default()
    }

    pub async fn total(&self, path: &str) -> u64 {
        let r = self.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text);
        r.json()["meta"]["total_count"].as_u64().unwrap()
    }
}

/// The names of objects, in order.
pub fn names(objects: &[Value]) -> Vec<String> {
    objects
        .iter()
        .map(|o| o["name"].as_str().unwrap_or("").to_string())
        .collect()
}

pub const STATUS: &str = "/api/admin/status/v1";
pub const HISTORY: &str = "/api/admin/history/v1";
pub const COMMAND: &str = "/api/admin/command/v1";

impl Sim {
    /// POSTs a form-encoded body (as the guide's `data=`), like a command.
    pub async fn form(&self, path: &str, pairs: &[(&str, &str)]) -> Resp {
        let resp = self
            .client
            .post(self.url(path))
            .basic_auth("admin", Some("pexsim"))
            .form(pairs)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap();
        Resp {
            status,
            headers,
            text,
        }
    }

    /// Runs a command with a form body and returns the JSON answer, asserting 200 success.
    pub async fn command(&self, scope_name: &str, pairs: &[(&str, &str)]) -> Value {
        let r = self.form(&format!("{COMMAND}/{scope_name}/"), pairs).await;
        assert_eq!(r.status, StatusCode::OK, "{scope_name}: {}", r.text);
        let v = r.json();
        assert_eq!(v["status"], "success", "{scope_name}: {v}");
        v
    }

    /// Moves simulated time forward `ticks` times `seconds` (at `activity`, default off).
    pub async fn step(&self, seconds: f64, ticks: u32, activity: &str) -> Value {
        let r = self
            .post(
                "/_sim/step",
                serde_json::json!({"seconds": seconds, "ticks": ticks, "activity": activity}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "step: {}", r.text);
        r.json()
    }

    /// Starts a conference on `alias` with `n` participants; returns (conference id, participant ids).
    pub async fn start_call(&self, alias: &str, n: usize) -> (String, Vec<String>) {
        let r = self
            .post(
                "/_sim/conferences",
                serde_json::json!({"alias": alias, "participants": n}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "start: {}", r.text);
        let v = r.json();
        let ids = v["participant_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap().to_string())
            .collect();
        (v["conference_id"].as_str().unwrap().to_string(), ids)
    }

    /// Adds a participant (`body` holds alias or conference_id and any fields); returns the answer.
    pub async fn join(&self, body: Value) -> Value {
        let r = self.post("/_sim/participants", body).await;
        assert_eq!(r.status, StatusCode::CREATED, "join: {}", r.text);
        r.json()
    }

    /// One status participant (detail).
    pub async fn participant(&self, id: &str) -> Value {
        let r = self.get(&format!("{STATUS}/participant/{id}/")).await;
        assert_eq!(r.status, StatusCode::OK, "participant {id}: {}", r.text);
        r.json()
    }
}

/// A node laid out like the guide's examples: location London with node 10.0.0.1 (and an edge
/// node 10.0.0.46), VMR_1 on `meet@example.com`, VMR_2 on `meet2@example.com` with host and
/// guest PINs, and a Call Routing Rule for outgoing calls.
pub async fn guide_node() -> Sim {
    guide_node_with(Config::default()).await
}

pub async fn guide_node_with(config: Config) -> Sim {
    let sim = start(config).await;
    let london = sim
        .create("system_location", serde_json::json!({"name": "London"}))
        .await;
    let oslo = sim
        .create("system_location", serde_json::json!({"name": "Oslo"}))
        .await;
    for (name, address, kind, loc) in [
        ("lon-conf-01", "10.0.0.1", "CONFERENCING", &london),
        ("lon-edge-01", "10.0.0.46", "PROXYING", &london),
        ("osl-conf-01", "10.0.1.1", "CONFERENCING", &oslo),
    ] {
        sim.create(
            "worker_vm",
            serde_json::json!({"name": name, "hostname": name, "domain": "example.com", "address": address,
                               "netmask": "255.255.255.0", "gateway": "10.0.0.254", "system_location": loc,
                               "node_type": kind, "vm_cpu_count": 8}),
        )
        .await;
    }
    sim.create(
        "conference",
        serde_json::json!({"name": "VMR_1", "aliases": [{"alias": "meet@example.com"}]}),
    )
    .await;
    sim.create(
        "conference",
        serde_json::json!({"name": "VMR_2", "pin": "1234", "guest_pin": "5678", "allow_guests": true,
                           "aliases": [{"alias": "meet2@example.com"}]}),
    )
    .await;
    sim.create(
        "gateway_routing_rule",
        serde_json::json!({"name": "Outbound", "priority": 50, "match_string": ".*",
                           "match_incoming_calls": false, "match_outgoing_calls": true,
                           "outgoing_protocol": "sip"}),
    )
    .await;
    sim
}

/// Waits (without sleeping) for the next value on a channel, failing after `secs` seconds.
pub async fn next<T>(rx: &mut tokio::sync::mpsc::UnboundedReceiver<T>, secs: u64) -> T {
    tokio::time::timeout(std::time::Duration::from_secs(secs), rx.recv())
        .await
        .expect("timed out waiting")
        .expect("channel closed")
}
