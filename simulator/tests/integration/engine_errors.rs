//! Error bodies: validation, unknown and read-only fields, bad JSON, bad filters, PINs.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

async fn errors_of(sim: &Sim, resource: &str, body: serde_json::Value) -> serde_json::Value {
    let r = sim.post(&format!("{CONF}/{resource}/"), body).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    r.json()[resource].clone()
}

#[tokio::test]
async fn validation_errors_name_each_field() {
    let sim = empty().await;
    let e = errors_of(&sim, "conference", json!({"description": "no name"})).await;
    assert_eq!(e["name"], json!(["This field is required."]));
    let e = errors_of(
        &sim,
        "conference",
        json!({"name": "x", "bogus": 1, "id": 5, "creation_time": "2020-01-01T00:00:00"}),
    )
    .await;
    assert!(e["bogus"].is_array() && e["id"].is_array() && e["creation_time"].is_array());
    let e = errors_of(
        &sim,
        "conference",
        json!({"name": "x".repeat(251), "call_type": "hologram", "participant_limit": "many",
                                                  "max_callrate_in": 5, "allow_guests": "perhaps"}),
    )
    .await;
    assert!(e["name"][0].as_str().unwrap().contains("at most 250"));
    assert!(e["call_type"][0]
        .as_str()
        .unwrap()
        .contains("not one of the available choices"));
    assert_eq!(e["participant_limit"], json!(["Enter a whole number."]));
    assert!(e["max_callrate_in"][0]
        .as_str()
        .unwrap()
        .contains("greater than or equal to 128"));
    assert!(e["allow_guests"].is_array());
    let e = errors_of(&sim, "conference_alias", json!({"alias": "x"})).await;
    assert!(e["conference"].is_array());
    let e = errors_of(
        &sim,
        "conference_alias",
        json!({"alias": "x", "conference": format!("{CONF}/conference/42/")}),
    )
    .await;
    assert!(e["conference"][0]
        .as_str()
        .unwrap()
        .contains("Could not find"));
}

#[tokio::test]
async fn pins_are_digits_of_documented_length_and_guest_needs_host() {
    let sim = empty().await;
    for (body, field) in [
        (json!({"name": "a", "pin": "12a4"}), "pin"),
        (json!({"name": "b", "pin": "123"}), "pin"),
        (json!({"name": "c", "guest_pin": "5678"}), "guest_pin"),
        (
            json!({"name": "d", "pin": "1234", "guest_pin": "1234"}),
            "guest_pin",
        ),
    ] {
        assert!(
            errors_of(&sim, "conference", body).await[field].is_array(),
            "{field}"
        );
    }
    sim.create(
        "conference",
        json!({"name": "ok", "pin": "1234#", "guest_pin": "5678", "allow_guests": true}),
    )
    .await;
}

#[tokio::test]
async fn bad_bodies_and_bad_queries_get_400_never_500() {
    let sim = empty().await;
    let r = sim
        .client
        .post(sim.url(&format!("{CONF}/conference/")))
        .basic_auth("admin", Some("pexsim"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["error"],
        "Request is not valid JSON."
    );
    for (q, field) in [
        ("guests_can_present=true", "guests_can_present"),
        ("nosuch=1", "nosuch"),
        ("name__regex=(", "name"),
        ("participant_limit=lots", "participant_limit"),
        ("creation_time__gte=yesterday", "creation_time"),
        ("name__alias=x", "name"),
    ] {
        let r = sim.get(&format!("{CONF}/conference/?{q}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
        assert!(
            r.json()["error"]
                .as_str()
                .unwrap()
                .contains(&format!("'{field}'")),
            "{q}: {}",
            r.text
        );
    }
    assert_eq!(
        sim.get(&format!("{CONF}/conference/abc/")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(sim.get(&format!("{CONF}/conference/77/")).await.text, "");
}
