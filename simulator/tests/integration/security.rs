//! Authentication and the rate limit.

use crate::common::*;
use pexsim::{Config, RateLimit};
use reqwest::StatusCode;
use std::time::Duration;

#[tokio::test]
async fn basic_auth_guards_the_api_and_the_control_paths() {
    let sim = empty().await;
    for path in [format!("{CONF}/conference/"), "/_sim/faults".to_string()] {
        let none = sim.client.get(sim.url(&path)).send().await.unwrap();
        assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
        assert!(none.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic realm="));
        let wrong = sim
            .client
            .get(sim.url(&path))
            .basic_auth("admin", Some("nope"))
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(sim.get(&path).await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn custom_credentials_are_honoured() {
    let sim = start(Config {
        username: "api".into(),
        password: "pw".into(),
        ..Config::default()
    })
    .await;
    let r = sim
        .client
        .get(sim.url(&format!("{CONF}/")))
        .basic_auth("api", Some("pw"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        sim.get(&format!("{CONF}/")).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn over_the_rate_limit_answers_429_with_retry_after() {
    let limit = RateLimit {
        requests: 5,
        window: Duration::from_secs(60),
    };
    let handle = pexsim::spawn(Config {
        rate_limit: limit,
        ..Config::default()
    })
    .await
    .unwrap();
    let sim = Sim {
        handle,
        client: client(),
    };
    for _ in 0..5 {
        assert_eq!(sim.get(&format!("{CONF}/")).await.status, StatusCode::OK);
    }
    let r = sim.get(&format!("{CONF}/")).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = r.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait));
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("Too many requests"));
    assert_eq!(
        sim.get("/_sim/faults").await.status,
        StatusCode::OK,
        "the control API is not limited"
    );
}
