//! Every error kind, against pexsim with fault injection.

mod common;

use std::time::{Duration, Instant};

use common::*;
use pexip_api::client::{Client, Error, UnavailableReason};
use pexip_api::config::{
    Conference, ConferenceAlias, ConferenceAliasPatch, ConferenceId, ConferencePatch,
};
use pexip_api::{Patch, Query, ResourceUri};
use serde_json::json;

fn new_conference(name: &str) -> ConferencePatch {
    ConferencePatch {
        name: Patch::Value(name.into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_429_is_waited_out_then_succeeds() {
    let sim = sim(false).await;
    let client = client(&sim);
    fault(&sim, json!({"path_prefix": "/api/admin/configuration/v1/conference/", "burst_429": {"count": 2, "retry_after": 1}})).await;
    let start = Instant::now();
    let page = client
        .list::<Conference>(&Query::new())
        .await
        .expect("succeeds after the 429s");
    assert_eq!(page.meta.total_count, 0);
    // Two waits of Retry-After: 1 s each.
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_long_retry_after_is_returned_with_the_wait() {
    let sim = sim(false).await;
    let client = client(&sim);
    fault(&sim, json!({"burst_429": {"count": 1, "retry_after": 120}})).await;
    let err = client.list::<Conference>(&Query::new()).await.unwrap_err();
    assert!(
        matches!(err, Error::RateLimited(Some(d)) if d == Duration::from_secs(120)),
        "{err:?}"
    );
    assert!(err.user_message().contains("120"));
}

#[tokio::test]
async fn a_post_is_never_sent_twice() {
    let sim = sim(false).await;
    let client = client(&sim);
    // The node creates the object, then the connection breaks mid-response.
    fault(&sim, json!({"path_prefix": "/api/admin/configuration/v1/conference/", "close_mid_response": true})).await;
    let err = client
        .create::<Conference>(&new_conference("once"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Unavailable(_) | Error::Malformed(_)),
        "{err:?}"
    );
    // A 503 on POST is not retried either.
    fault(&sim, json!({"path_prefix": "/api/admin/configuration/v1/conference_alias/", "error": {"status": 503}})).await;
    let alias = ConferenceAliasPatch {
        alias: Patch::Value("x@example.com".into()),
        conference: Patch::Value(ResourceUri::new(&ConferenceId(1))),
        ..Default::default()
    };
    let err = client.create::<ConferenceAlias>(&alias).await.unwrap_err();
    assert!(
        matches!(err, Error::Unavailable(UnavailableReason::Server(503))),
        "{err:?}"
    );
    clear_faults(&sim).await;
    let created = raw_get(&sim, "/api/admin/configuration/v1/conference/?name=once").await;
    assert_eq!(created["meta"]["total_count"], 1, "{created}");
}

#[tokio::test]
async fn a_get_is_retried_through_transient_5xx() {
    let sim = sim(false).await;
    let client = client(&sim);
    fault(&sim, json!({"path_prefix": "/api/admin/configuration/v1/conference/", "error": {"status": 502, "fraction": 0.25}})).await;
    for _ in 0..5 {
        client
            .list::<Conference>(&Query::new())
            .await
            .expect("retries hide a 25% 502 rate");
    }
}

#[tokio::test]
async fn a_slow_node_times_out() {
    let sim = sim(false).await;
    let mut cfg = config(&sim);
    cfg.request_timeout = Duration::from_millis(300);
    cfg.retry = pexip_api::client::RetryConfig::none();
    let client = Client::new(cfg).unwrap();
    fault(&sim, json!({"latency_ms": 2000})).await;
    let start = Instant::now();
    let err = client.list::<Conference>(&Query::new()).await.unwrap_err();
    assert!(
        matches!(err, Error::Unavailable(UnavailableReason::Timeout)),
        "{err:?}"
    );
    assert!(start.elapsed() < Duration::from_millis(1500));
    assert!(err.user_message().contains("in time"));
}

#[tokio::test]
async fn a_down_node_is_unavailable_and_a_closed_port_too() {
    let sim = sim(false).await;
    let mut cfg = config(&sim);
    cfg.retry = pexip_api::client::RetryConfig::none();
    let client = Client::new(cfg.clone()).unwrap();
    fault(&sim, json!({"down": true})).await;
    // A down node drops the connection without answering.
    let err = client.list::<Conference>(&Query::new()).await.unwrap_err();
    assert!(
        matches!(err, Error::Unavailable(UnavailableReason::Connection)),
        "{err:?}"
    );
    let addr = sim.addr();
    sim.shutdown().await;
    cfg.base_url = format!("http://{addr}");
    let err = Client::new(cfg)
        .unwrap()
        .list::<Conference>(&Query::new())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Unavailable(UnavailableReason::Connect)),
        "{err:?}"
    );
}

#[tokio::test]
async fn malformed_json_is_malformed() {
    let sim = sim(true).await;
    let client = client(&sim);
    fault(&sim, json!({"malformed_json": true})).await;
    let err = client.list::<Conference>(&Query::new()).await.unwrap_err();
    assert!(matches!(err, Error::Malformed(_)), "{err:?}");
    assert!(!err.user_message().contains("malformed\""));
}

#[tokio::test]
async fn wrong_credentials_not_found_and_forbidden() {
    let sim = sim(false).await;
    let mut cfg = config(&sim);
    cfg.password = "wrong".into();
    let err = Client::new(cfg)
        .unwrap()
        .list::<Conference>(&Query::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized), "{err:?}");
    let client = client(&sim);
    let err = client
        .get::<Conference>(&ConferenceId(987_654))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound), "{err:?}");
    fault(
        &sim,
        json!({"path_prefix": "/api/admin/configuration/v1/global/", "error": {"status": 403}}),
    )
    .await;
    let err = client
        .get::<pexip_api::config::Global>(&pexip_api::config::GlobalId(1))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden), "{err:?}");
}

#[tokio::test]
async fn validation_errors_map_to_fields() {
    let sim = sim(false).await;
    let client = client(&sim);
    // Missing required name.
    let err = client
        .create::<Conference>(&ConferencePatch::default())
        .await
        .unwrap_err();
    let fields = err.field_errors().expect("a validation error");
    assert!(fields.contains_key("name"), "{fields:?}");
    // Duplicate alias.
    let id = client
        .create::<Conference>(&new_conference("vmr"))
        .await
        .unwrap();
    let alias = ConferenceAliasPatch {
        alias: Patch::Value("dup@example.com".into()),
        conference: Patch::Value(ResourceUri::new(&id)),
        ..Default::default()
    };
    client.create::<ConferenceAlias>(&alias).await.unwrap();
    let err = client.create::<ConferenceAlias>(&alias).await.unwrap_err();
    let fields = err.field_errors().expect("a validation error");
    assert!(fields.contains_key("alias"), "{fields:?}");
    // A bad choice value names its field.
    let bad = ConferencePatch {
        name: Patch::Value("bad".into()),
        call_type: Patch::Value(pexip_api::choice::CallType::Other("hologram".into())),
        ..Default::default()
    };
    let err = client.create::<Conference>(&bad).await.unwrap_err();
    assert!(
        err.field_errors()
            .is_some_and(|f| f.contains_key("call_type")),
        "{err:?}"
    );
}
