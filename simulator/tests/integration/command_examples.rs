//! The guide's command examples, with the bodies it sends (form-encoded; JSON for
//! start_cloudnode), and the answers: `{"status", "message", "data"}`.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn dialing_a_participant_into_a_conference_through_routing_rules() {
    let sim = guide_node().await;
    // The guide's request, misspelt field included.
    let r = sim
        .form(
            &format!("{COMMAND}/participant/dial/"),
            &[
                ("conference_alias", "meet@example.com"),
                ("destination", "alice"),
                ("routing", "routing_rule"),
                ("remete_display_name", "Alice Parkes"),
                ("role", "chair"),
                ("system_location", "London"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let v = r.json();
    assert_eq!(v["status"], "success");
    assert_eq!(v["message"], "");
    let id = v["data"]["participant_id"].as_str().unwrap().to_string();
    assert_eq!(v["data"]["participant_ids"], json!([id]));
    let p = sim.participant(&id).await;
    assert_eq!(p["conference"], "VMR_1");
    assert_eq!(p["role"], "chair");
    assert_eq!(p["call_direction"], "out");
    assert_eq!(p["destination_alias"], "alice");
    assert_eq!(p["source_alias"], "meet@example.com");
    assert_eq!(p["protocol"], "SIP");
    assert_eq!(p["system_location"], "London");
    // The conference was started for the dial.
    assert_eq!(
        sim.total(&format!("{STATUS}/conference/?name=VMR_1")).await,
        1
    );
}

#[tokio::test]
async fn disconnecting_muting_and_unmuting_a_participant() {
    let sim = guide_node().await;
    let (_, ids) = sim.start_call("meet@example.com", 2).await;
    let id = ids[0].as_str();
    let v = sim
        .command("participant/mute", &[("participant_id", id)])
        .await;
    assert_eq!(v, json!({"status": "success", "message": "", "data": {}}));
    assert_eq!(sim.participant(id).await["is_muted"], true);
    sim.command("participant/unmute", &[("participant_id", id)])
        .await;
    assert_eq!(sim.participant(id).await["is_muted"], false);
    sim.command("participant/disconnect", &[("participant_id", id)])
        .await;
    assert_eq!(
        sim.get(&format!("{STATUS}/participant/{id}/")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(sim.total(&format!("{STATUS}/participant/")).await, 1);
    // A second disconnect names the id it cannot find.
    let again = sim
        .form(
            &format!("{COMMAND}/participant/disconnect/"),
            &[("participant_id", id)],
        )
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    let e = again.json();
    assert_eq!(e["status"], "error");
    assert!(e["message"].as_str().unwrap().contains(id));
    assert_eq!(e["data"], json!(null));
}

#[tokio::test]
async fn muting_and_unmuting_all_guests() {
    let sim = guide_node().await;
    let host = sim
        .join(json!({"alias": "meet2@example.com", "role": "chair"}))
        .await;
    let guest = sim
        .join(json!({"alias": "meet2@example.com", "role": "guest"}))
        .await;
    let conf = host["conference_id"].as_str().unwrap();
    sim.command("conference/mute_guests", &[("conference_id", conf)])
        .await;
    let c = sim
        .get(&format!("{STATUS}/conference/{conf}/"))
        .await
        .json();
    assert_eq!(c["guests_muted"], true);
    assert_eq!(
        sim.participant(guest["participant_id"].as_str().unwrap())
            .await["is_muted"],
        true
    );
    assert_eq!(
        sim.participant(host["participant_id"].as_str().unwrap())
            .await["is_muted"],
        false
    );
    // A Guest joining now is muted too.
    let late = sim
        .join(json!({"alias": "meet2@example.com", "role": "guest"}))
        .await;
    assert_eq!(
        sim.participant(late["participant_id"].as_str().unwrap())
            .await["is_muted"],
        true
    );
    sim.command("conference/unmute_guests", &[("conference_id", conf)])
        .await;
    assert_eq!(
        sim.get(&format!("{STATUS}/conference/{conf}/"))
            .await
            .json()["guests_muted"],
        false
    );
    assert_eq!(
        sim.participant(guest["participant_id"].as_str().unwrap())
            .await["is_muted"],
        false
    );
}

#[tokio::test]
async fn locking_and_unlocking_a_conference_instance() {
    let sim = guide_node().await;
    let (conf, _) = sim.start_call("meet@example.com", 1).await;
    sim.command("conference/lock", &[("conference_id", &conf)])
        .await;
    assert_eq!(
        sim.get(&format!("{STATUS}/conference/{conf}/"))
            .await
            .json()["is_locked"],
        true
    );
    sim.command("conference/unlock", &[("conference_id", &conf)])
        .await;
    assert_eq!(
        sim.get(&format!("{STATUS}/conference/{conf}/"))
            .await
            .json()["is_locked"],
        false
    );
    let missing = sim
        .form(
            &format!("{COMMAND}/conference/lock/"),
            &[("conference_id", "00000000-0000-0000-0000-000000000001")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.json()["message"]
        .as_str()
        .unwrap()
        .contains("00000000-0000-0000-0000-000000000001"));
}

#[tokio::test]
async fn unlocking_a_participant_transferring_and_changing_role() {
    let sim = guide_node().await;
    let (conf, _) = sim.start_call("meet@example.com", 1).await;
    sim.command("conference/lock", &[("conference_id", &conf)])
        .await;
    let waiting = sim
        .join(json!({"alias": "meet@example.com", "role": "guest"}))
        .await;
    let id = waiting["participant_id"].as_str().unwrap();
    assert_eq!(waiting["waiting"], true);
    sim.command("participant/unlock", &[("participant_id", id)])
        .await;
    assert_eq!(sim.participant(id).await["is_on_hold"], false);
    sim.command(
        "participant/transfer",
        &[
            ("participant_id", id),
            ("conference_alias", "meet2@example.com"),
            ("role", "guest"),
        ],
    )
    .await;
    let moved = sim.participant(id).await;
    assert_eq!(moved["conference"], "VMR_2");
    assert_eq!(moved["role"], "guest");
    sim.command(
        "participant/role",
        &[("participant_id", id), ("role", "chair")],
    )
    .await;
    assert_eq!(sim.participant(id).await["role"], "chair");
    let bad = sim
        .form(
            &format!("{COMMAND}/participant/role/"),
            &[("participant_id", id), ("role", "boss")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json()["role"]["role"][0]
        .as_str()
        .unwrap()
        .contains("boss"));
}

#[tokio::test]
async fn changing_a_conferences_layout_shows_in_status() {
    let sim = guide_node().await;
    let (conf, _) = sim.start_call("meet@example.com", 1).await;
    sim.command(
        "conference/transform_layout",
        &[
            ("conference_id", &conf),
            ("enable_overlay_text", "True"),
            ("layout", "4:0"),
        ],
    )
    .await;
    let c = sim
        .get(&format!("{STATUS}/conference/{conf}/"))
        .await
        .json();
    assert_eq!(c["layout"], "4:0");
    assert_eq!(c["enable_overlay_text"], true);
    // Only the given values change.
    sim.command(
        "conference/transform_layout",
        &[("conference_id", &conf), ("host_layout", "1:7")],
    )
    .await;
    let c = sim
        .get(&format!("{STATUS}/conference/{conf}/"))
        .await
        .json();
    assert_eq!(
        (c["layout"].as_str(), c["host_layout"].as_str()),
        (Some("4:0"), Some("1:7"))
    );
    assert_eq!(c["enable_overlay_text"], true);
    let bad = sim
        .form(
            &format!("{COMMAND}/conference/transform_layout/"),
            &[("conference_id", &conf), ("layout", "7:7")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json()["transform_layout"]["layout"].is_array());
}
