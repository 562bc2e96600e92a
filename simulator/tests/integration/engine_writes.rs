//! Bulk PATCH, DELETE on lists, PUT, methods and the trailing slash.

use crate::common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn bulk_patch_creates_updates_and_deletes_in_one_transaction() {
    let sim = empty().await;
    let a = sim.create("conference", json!({"name": "A"})).await;
    let b = sim.create("conference", json!({"name": "B"})).await;
    let r = sim
        .patch(
            &format!("{CONF}/conference/"),
            json!({"objects": [{"resource_uri": a, "description": "changed"}, {"name": "C"}],
                                                       "deleted_objects": [b]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    assert_eq!(
        names(&sim.objects(&format!("{CONF}/conference/")).await),
        vec!["A", "C"]
    );
    assert_eq!(sim.get(&a).await.json()["description"], "changed");
}

#[tokio::test]
async fn a_failing_bulk_patch_changes_nothing() {
    let sim = empty().await;
    let a = sim
        .create(
            "conference",
            json!({"name": "A", "aliases": [{"alias": "a1"}]}),
        )
        .await;
    let r = sim
        .patch(
            &format!("{CONF}/conference/"),
            json!({"objects": [
            {"resource_uri": a, "description": "changed", "aliases": [{"alias": "a2"}]},
            {"name": "New", "aliases": [{"alias": "n1"}]},
            {"name": "Bad", "service_type": "nonsense"}], "deleted_objects": []}),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["conference"]["service_type"].is_array());
    assert_eq!(
        names(&sim.objects(&format!("{CONF}/conference/")).await),
        vec!["A"]
    );
    let v = sim.get(&a).await.json();
    assert_eq!(v["description"], "");
    assert_eq!(v["aliases"][0]["alias"], "a1");
    assert_eq!(sim.total(&format!("{CONF}/conference_alias/")).await, 1);
    let missing = sim
        .patch(
            &format!("{CONF}/conference/"),
            json!({"deleted_objects": []}),
        )
        .await;
    assert_eq!(
        missing.json()["error"],
        "Invalid data sent: missing 'objects'"
    );
}

#[tokio::test]
async fn delete_on_a_list_deletes_only_what_matches() {
    let sim = empty().await;
    for (n, t) in [("A", "conference"), ("B", "lecture"), ("C", "conference")] {
        sim.create("conference", json!({"name": n, "service_type": t}))
            .await;
    }
    assert_eq!(
        sim.delete(&format!("{CONF}/conference/?service_type=conference"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        names(&sim.objects(&format!("{CONF}/conference/")).await),
        vec!["B"]
    );
    sim.delete(&format!("{CONF}/conference/")).await;
    assert_eq!(sim.total(&format!("{CONF}/conference/")).await, 0);
}

#[tokio::test]
async fn put_replaces_or_creates() {
    let sim = empty().await;
    let a = sim
        .create(
            "conference",
            json!({"name": "A", "description": "d", "pin": "1234"}),
        )
        .await;
    let r = sim.send(Method::PUT, &a, Some(json!({"name": "A2"}))).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let v = sim.get(&a).await.json();
    assert_eq!(
        (
            v["name"].as_str(),
            v["description"].as_str(),
            v["pin"].as_str()
        ),
        (Some("A2"), Some(""), Some(""))
    );
    let r = sim
        .send(
            Method::PUT,
            &format!("{CONF}/conference/9/"),
            Some(json!({"name": "Nine"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(
        sim.get(&format!("{CONF}/conference/9/")).await.json()["name"],
        "Nine"
    );
}

#[tokio::test]
async fn unsupported_methods_get_405_with_allow() {
    let sim = empty().await;
    let r = sim
        .post(&format!("{CONF}/licence_request/"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.header("allow"), "GET");
    assert_eq!(r.text, "GET");
    let r = sim
        .send(
            Method::PATCH,
            &format!("{CONF}/licence/"),
            Some(json!({"objects": []})),
        )
        .await;
    assert_eq!(r.header("allow"), "GET,POST");
    let o = sim
        .send(Method::OPTIONS, &format!("{CONF}/conference/"), None)
        .await;
    assert_eq!(o.status, StatusCode::OK);
    assert_eq!(o.header("allow"), "GET,POST,PUT,PATCH,DELETE");
}

#[tokio::test]
async fn the_trailing_slash_is_required() {
    let sim = empty().await;
    let r = sim.get(&format!("{CONF}/conference?limit=1")).await;
    assert_eq!(r.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(r.header("location"), format!("{CONF}/conference/?limit=1"));
    let r = sim
        .post(&format!("{CONF}/conference"), json!({"name": "x"}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(sim.total(&format!("{CONF}/conference/")).await, 0);
    assert_eq!(
        sim.get(&format!("{CONF}/nosuch/")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        sim.get("/api/admin/configuration/v2/").await.status,
        StatusCode::NOT_FOUND
    );
}
