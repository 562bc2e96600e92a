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
