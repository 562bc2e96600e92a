//! Filters (every specifier, related lookups), ordering, pagination and the schema.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

async fn words() -> Sim {
    let sim = empty().await;
    for (name, limit) in [("Ark", 10), ("Rock", 20), ("ark", 30), ("rock", 40)] {
        sim.create(
            "conference",
            json!({"name": name, "participant_limit": limit, "tag": format!("t-{name}")}),
        )
        .await;
    }
    sim
}

async fn filtered(sim: &Sim, q: &str) -> Vec<String> {
    names(&sim.objects(&format!("{CONF}/conference/?{q}")).await)
}

#[tokio::test]
async fn every_specifier_with_the_guides_case_rules() {
    let sim = words().await;
    assert_eq!(filtered(&sim, "name=Ark").await, vec!["Ark"]);
    assert_eq!(filtered(&sim, "name__exact=ark").await, vec!["ark"]);
    assert_eq!(filtered(&sim, "name__iexact=ARK").await, vec!["Ark", "ark"]);
    assert_eq!(
        filtered(&sim, "name__contains=RK").await,
        vec!["Ark", "ark"]
    );
    assert_eq!(
        filtered(&sim, "name__icontains=oc").await,
        vec!["Rock", "rock"]
    );
    assert_eq!(
        filtered(&sim, "name__startswith=r").await,
        vec!["Rock", "rock"]
    );
    assert_eq!(
        filtered(&sim, "name__endswith=CK").await,
        vec!["Rock", "rock"]
    );
    assert_eq!(
        filtered(&sim, "name__regex=^[A-Z]").await,
        vec!["Ark", "Rock"]
    );
    assert_eq!(filtered(&sim, "name__iregex=^a").await, vec!["Ark", "ark"]);
    // Ordinal comparison: Ark < Rock < ark < rock.
    assert_eq!(filtered(&sim, "name__lt=Rock").await, vec!["Ark"]);
    assert_eq!(filtered(&sim, "name__lte=Rock").await, vec!["Ark", "Rock"]);
    assert_eq!(filtered(&sim, "name__gt=ark").await, vec!["rock"]);
    assert_eq!(filtered(&sim, "name__gte=ark").await, vec!["ark", "rock"]);
    assert_eq!(
        filtered(&sim, "participant_limit__gte=20&participant_limit__lt=40").await,
        vec!["Rock", "ark"]
    );
    assert_eq!(
        filtered(&sim, "participant_limit__in=10,40").await,
        vec!["Ark", "rock"]
    );
    assert_eq!(
        filtered(&sim, "max_callrate_in__isnull=true&name=Ark").await,
        vec!["Ark"]
    );
}

#[tokio::test]
async fn related_lookups_go_through_double_underscores() {
    let sim = empty().await;
    let a = sim
        .create(
            "conference",
            json!({"name": "A", "aliases": [{"alias": "a@example.com"}]}),
        )
        .await;
    sim.create(
        "conference",
        json!({"name": "B", "aliases": [{"alias": "b-room"}]}),
    )
    .await;
    assert_eq!(
        filtered(&sim, "aliases__alias__contains=%40").await,
        vec!["A"]
    );
    assert_eq!(filtered(&sim, "aliases__alias=b-room").await, vec!["B"]);
    let by_name = sim
        .objects(&format!("{CONF}/conference_alias/?conference__name=A"))
        .await;
    assert_eq!(by_name.len(), 1);
    let by_id = sim
        .objects(&format!("{CONF}/conference_alias/?conference=1"))
        .await;
    let by_uri = sim
        .objects(&format!("{CONF}/conference_alias/?conference={a}"))
        .await;
    assert_eq!(by_id, by_uri);
    assert_eq!(by_id[0]["alias"], "a@example.com");
}

#[tokio::test]
async fn ordering_ascending_descending_and_refused() {
    let sim = words().await;
    assert_eq!(
        filtered(&sim, "order_by=name").await,
        vec!["Ark", "Rock", "ark", "rock"]
    );
    assert_eq!(
        filtered(&sim, "order_by=-participant_limit").await,
        vec!["rock", "ark", "Rock", "Ark"]
    );
    assert_eq!(
        filtered(&sim, "order_by=-creation_time").await,
        vec!["rock", "ark", "Rock", "Ark"]
    );
    let r = sim
        .get(&format!("{CONF}/conference/?order_by=guests_can_present"))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("'guests_can_present'"));
    let r = sim
        .get(&format!("{CONF}/conference/?order_by=-nosuch"))
        .await;
    assert!(r.json()["error"].as_str().unwrap().contains("'nosuch'"));
}

#[tokio::test]
async fn pagination_edges() {
    let sim = start(pexsim::Config {
        preload_services: 45,
        ..Default::default()
    })
    .await;
    let first = sim
        .get(&format!("{CONF}/conference/?service_type=conference"))
        .await
        .json();
    assert_eq!(first["meta"]["limit"], 20);
    assert_eq!(first["meta"]["total_count"], 45);
    assert_eq!(first["meta"]["previous"], json!(null));
    assert_eq!(
        first["meta"]["next"],
        format!("{CONF}/conference/?service_type=conference&limit=20&offset=20")
    );
    let last = sim
        .get(&format!(
            "{CONF}/conference/?service_type=conference&offset=40"
        ))
        .await
        .json();
    assert_eq!(last["objects"].as_array().unwrap().len(), 5);
    assert_eq!(last["meta"]["next"], json!(null));
    assert_eq!(
        last["meta"]["previous"],
        format!("{CONF}/conference/?service_type=conference&limit=20&offset=20")
    );
    let beyond = sim
        .get(&format!("{CONF}/conference/?offset=1000"))
        .await
        .json();
    assert_eq!(beyond["objects"], json!([]));
    assert_eq!(beyond["meta"]["total_count"], 45);
    assert_eq!(
        sim.get(&format!("{CONF}/conference/?limit=0")).await.json()["meta"]["limit"],
        10000
    );
    assert_eq!(
        sim.get(&format!("{CONF}/conference/?limit=50000"))
            .await
            .json()["meta"]["limit"],
        10000
    );
    for bad in ["limit=x", "limit=-1", "offset=-5", "offset=y"] {
        let r = sim.get(&format!("{CONF}/conference/?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(r.json()["error"].is_string());
    }
}

#[tokio::test]
async fn schema_and_api_root_come_from_the_definition() {
    let sim = empty().await;
    let s = sim
        .get(&format!("{CONF}/conference_alias/schema/"))
        .await
        .json();
    assert_eq!(s["default_limit"], 20);
    assert_eq!(
        s["filtering"],
        json!({"alias": 1, "conference": 2, "creation_time": 1, "description": 1, "id": 1})
    );
    assert_eq!(s["fields"]["alias"]["unique"], true);
    assert_eq!(s["fields"]["alias"]["nullable"], false);
    assert_eq!(s["fields"]["conference"]["related_type"], "to_one");
    assert_eq!(s["fields"]["id"]["readonly"], true);
    let c = sim.get(&format!("{CONF}/conference/schema/")).await.json();
    assert_eq!(c["fields"]["service_type"]["valid_choices"][1], "lecture");
    assert_eq!(c["fields"]["service_type"]["default"], "conference");
    assert!(c["ordering"]
        .as_array()
        .unwrap()
        .contains(&json!("creation_time")));
    assert_eq!(
        c["allowed_list_http_methods"],
        json!(["get", "post", "put", "patch", "delete"])
    );
    let root = sim.get(&format!("{CONF}/")).await.json();
    assert_eq!(
        root["conference"]["list_endpoint"],
        format!("{CONF}/conference/")
    );
    assert_eq!(
        root["conference"]["schema"],
        format!("{CONF}/conference/schema/")
    );
    for path in [
        "dns_server",
        "mjx_endpoint",
        "webapp_branding",
        "licence_request",
        "management_vm",
        "event_sink",
    ] {
        assert_eq!(
            sim.get(&format!("{CONF}/{path}/")).await.status,
            StatusCode::OK,
            "{path}"
        );
        assert_eq!(
            sim.get(&format!("{CONF}/{path}/schema/")).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
}
