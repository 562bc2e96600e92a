//! One test per configuration example of the guide: the same request, the documented effect.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn creating_a_virtual_meeting_room() {
    let sim = empty().await;
    let r = sim
        .post(
            &format!("{CONF}/conference/"),
            json!({"name": "VMR_1", "service_type": "conference"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert!(r.text.is_empty());
    assert!(r.header("location").starts_with("http://"));
    assert_eq!(r.location_path(), format!("{CONF}/conference/1/"));
}

#[tokio::test]
async fn getting_a_virtual_meeting_rooms_configuration() {
    let sim = empty().await;
    let vmr = sim
        .create(
            "conference",
            json!({"name": "VMR_1", "aliases": [{"alias": "meet@example.com"}]}),
        )
        .await;
    let v = sim.get(&vmr).await.json();
    assert_eq!(v["name"], "VMR_1");
    assert_eq!(v["service_type"], "conference");
    assert_eq!(v["aliases"][0]["alias"], "meet@example.com");
    assert_eq!(v["aliases"][0]["conference"], vmr);
    assert!(v["aliases"][0].get("resource_uri").is_none());
    assert_eq!(v["automatic_participants"], json!([]));
    assert_eq!(v["call_type"], "video");
    assert_eq!(v["enable_chat"], "default");
    assert_eq!(v["host_view"], "one_main_seven_pips");
    assert_eq!(v["ivr_theme"], json!(null));
    assert_eq!(v["pin"], "");
    assert_eq!(v["resource_uri"], vmr);
    assert_eq!(v["non_idp_participants"], "disallow_all");
}

#[tokio::test]
async fn changing_an_existing_virtual_meeting_room() {
    let sim = empty().await;
    let vmr = sim.create("conference", json!({"name": "VMR_1"})).await;
    let r = sim.patch(&vmr, json!({"pin": "1234"})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(sim.get(&vmr).await.json()["pin"], "1234");
}

#[tokio::test]
async fn adding_a_virtual_meeting_room_alias_rejects_duplicates() {
    let sim = empty().await;
    let vmr = sim.create("conference", json!({"name": "VMR_1"})).await;
    let body = json!({"alias": "meet@example.com", "conference": vmr});
    let alias = sim.create("conference_alias", body.clone()).await;
    assert_eq!(sim.get(&alias).await.json()["conference"], vmr);
    let again = sim.post(&format!("{CONF}/conference_alias/"), body).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.json()["conference_alias"]["alias"][0]
        .as_str()
        .unwrap()
        .contains("already exists"));
}

#[tokio::test]
async fn deleting_a_virtual_meeting_room_deletes_its_aliases() {
    let sim = empty().await;
    let vmr = sim
        .create(
            "conference",
            json!({"name": "VMR_1", "aliases": [{"alias": "a@x.com"}, {"alias": "b@x.com"}]}),
        )
        .await;
    assert_eq!(sim.total(&format!("{CONF}/conference_alias/")).await, 2);
    assert_eq!(sim.delete(&vmr).await.status, StatusCode::NO_CONTENT);
    assert_eq!(sim.get(&vmr).await.status, StatusCode::NOT_FOUND);
    assert_eq!(sim.total(&format!("{CONF}/conference_alias/")).await, 0);
}

#[tokio::test]
async fn creating_a_virtual_meeting_room_with_aliases_moves_existing_ones() {
    let sim = empty().await;
    let old = sim
        .create(
            "conference",
            json!({"name": "Old", "aliases": [{"alias": "meet"}]}),
        )
        .await;
    let new = sim
        .create("conference", json!({"name": "VMR_1", "service_type": "conference",
                                     "aliases": [{"alias": "meet"}, {"alias": "meet@example.com"}]}))
        .await;
    let aliases: Vec<String> = sim.get(&new).await.json()["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["alias"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(aliases, vec!["meet", "meet@example.com"]);
    assert_eq!(sim.get(&old).await.json()["aliases"], json!([]));
}

#[tokio::test]
async fn getting_all_services_and_only_vmrs() {
    let sim = empty().await;
    for (n, t) in [
        ("A", "conference"),
        ("B", "lecture"),
        ("C", "two_stage_dialing"),
        ("D", "conference"),
    ] {
        sim.create("conference", json!({"name": n, "service_type": t}))
            .await;
    }
    assert_eq!(
        names(&sim.objects(&format!("{CONF}/conference/")).await),
        vec!["A", "B", "C", "D"]
    );
    assert_eq!(
        names(
            &sim.objects(&format!("{CONF}/conference/?service_type=conference"))
                .await
        ),
        vec!["A", "D"]
    );
}

#[tokio::test]
async fn creating_multiple_virtual_meeting_rooms() {
    let sim = empty().await;
    let r = sim
        .patch(&format!("{CONF}/conference/"), json!({"objects": [
            {"name": "VMR_1", "service_type": "conference", "aliases": [{"alias": "meet1@example.com"}]},
            {"name": "VMR 2", "service_type": "conference", "aliases": [{"alias": "meet2@example.com"}]}]}))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let objs = sim.objects(&format!("{CONF}/conference/")).await;
    assert_eq!(names(&objs), vec!["VMR_1", "VMR 2"]);
    assert_eq!(objs[1]["aliases"][0]["alias"], "meet2@example.com");
}

#[tokio::test]
async fn deleting_multiple_virtual_meeting_rooms() {
    let sim = empty().await;
    let mut uris = Vec::new();
    for i in 0..5 {
        uris.push(
            sim.create("conference", json!({"name": format!("VMR_{i}")}))
                .await,
        );
    }
    let r = sim
        .patch(
            &format!("{CONF}/conference/"),
            json!({"deleted_objects": &uris[..4], "objects": []}),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    assert_eq!(
        names(&sim.objects(&format!("{CONF}/conference/")).await),
        vec!["VMR_4"]
    );
}

#[tokio::test]
async fn creating_a_virtual_auditorium() {
    let sim = empty().await;
    let va = sim
        .create("conference", json!({"name": "Lecture", "service_type": "lecture", "aliases": [{"alias": "lecture@example.com"}]}))
        .await;
    let v = sim.get(&va).await.json();
    assert_eq!(v["service_type"], "lecture");
    assert_eq!(v["aliases"][0]["alias"], "lecture@example.com");
}

#[tokio::test]
async fn creating_a_virtual_reception() {
    let sim = empty().await;
    let vr = sim
        .create(
            "conference",
            json!({"name": "Reception", "service_type": "two_stage_dialing", "aliases": [{"alias": "reception@example.com"}]}),
        )
        .await;
    let v = sim.get(&vr).await.json();
    assert_eq!(v["service_type"], "two_stage_dialing");
    assert_eq!(v["aliases"][0]["alias"], "reception@example.com");
}

async fn two_rooms_and_an_adp() -> (Sim, String, String, String) {
    let sim = empty().await;
    let c1 = sim.create("conference", json!({"name": "One"})).await;
    let c2 = sim.create("conference", json!({"name": "Two"})).await;
    let adp = sim
        .create(
            "automatic_participant",
            json!({"alias": "myendpoint@mydomain.com", "remote_display_name": "My Name",
            "description": "Dial myendpoint@mydomain.com whenever a related conference starts",
            "protocol": "sip", "role": "guest", "conference": [c1]}),
        )
        .await;
    (sim, c1, c2, adp)
}

#[tokio::test]
async fn creating_automatically_dialed_participants() {
    let (sim, c1, _, adp) = two_rooms_and_an_adp().await;
    assert_eq!(sim.get(&adp).await.json()["conference"], json!([c1]));
    let embedded = &sim.get(&c1).await.json()["automatic_participants"][0];
    assert_eq!(embedded["alias"], "myendpoint@mydomain.com");
    assert_eq!(embedded["remote_display_name"], "My Name");
    assert!(embedded.get("resource_uri").is_none() && embedded.get("conference").is_none());
}

#[tokio::test]
async fn modifying_an_automatically_dialed_participant() {
    let (sim, c1, c2, adp) = two_rooms_and_an_adp().await;
    assert_eq!(
        sim.patch(&adp, json!({"conference": [c1, c2]}))
            .await
            .status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        sim.get(&c2).await.json()["automatic_participants"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(sim.get(&adp).await.json()["conference"], json!([c1, c2]));
}

#[tokio::test]
async fn removing_an_automatically_dialed_participant_from_a_vmr() {
    let (sim, c1, c2, adp) = two_rooms_and_an_adp().await;
    sim.patch(&adp, json!({"conference": [c1, c2]})).await;
    assert_eq!(
        sim.patch(&adp, json!({"conference": []})).await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        sim.get(&c1).await.json()["automatic_participants"],
        json!([])
    );
    assert_eq!(
        sim.get(&c2).await.json()["automatic_participants"],
        json!([])
    );
    assert_eq!(
        sim.get(&adp).await.status,
        StatusCode::OK,
        "the ADP itself survives"
    );
}

#[tokio::test]
async fn deleting_an_automatically_dialed_participant() {
    let (sim, c1, _, adp) = two_rooms_and_an_adp().await;
    assert_eq!(sim.delete(&adp).await.status, StatusCode::NO_CONTENT);
    assert_eq!(sim.get(&adp).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        sim.get(&c1).await.json()["automatic_participants"],
        json!([])
    );
}

#[tokio::test]
async fn a_conference_write_sets_its_automatic_participants() {
    let (sim, c1, c2, adp) = two_rooms_and_an_adp().await;
    assert_eq!(
        sim.patch(&c2, json!({"automatic_participants": [adp]}))
            .await
            .status,
        StatusCode::ACCEPTED
    );
    assert_eq!(sim.get(&adp).await.json()["conference"], json!([c1, c2]));
    sim.patch(&c1, json!({"automatic_participants": []})).await;
    assert_eq!(sim.get(&adp).await.json()["conference"], json!([c2]));
}

#[tokio::test]
async fn creating_and_deleting_call_routing_rules() {
    let sim = empty().await;
    let sfb = sim
        .create("gateway_routing_rule", json!({"name": "Route to SfB", "priority": 50, "match_incoming_calls": true,
            "match_outgoing_calls": false, "match_incoming_h323": true, "match_incoming_mssip": false,
            "match_incoming_sip": true, "match_incoming_webrtc": true, "match_string": "9(.*)", "replace_string": "",
            "called_device_type": "external", "outgoing_protocol": "mssip"}))
        .await;
    sim.create("gateway_routing_rule", json!({"name": "Outbound calls to registered devices", "priority": 60,
        "match_incoming_calls": false, "match_outgoing_calls": true, "match_string": ".*@mycompany\\.com",
        "replace_string": "", "called_device_type": "registration"}))
        .await;
    let dup = sim
        .post(
            &format!("{CONF}/gateway_routing_rule/"),
            json!({"name": "x", "priority": 50, "match_string": "x"}),
        )
        .await;
    assert_eq!(dup.status, StatusCode::BAD_REQUEST);
    assert!(dup.json()["gateway_routing_rule"]["priority"].is_array());
    let bad = sim
        .post(
            &format!("{CONF}/gateway_routing_rule/"),
            json!({"name": "y", "priority": 70, "match_string": "9(("}),
        )
        .await;
    assert!(bad.json()["gateway_routing_rule"]["match_string"].is_array());
    assert_eq!(sim.delete(&sfb).await.status, StatusCode::NO_CONTENT);
    assert_eq!(sim.total(&format!("{CONF}/gateway_routing_rule/")).await, 1);
}

async fn node_request(sim: &Sim, name: &str, kind: &str, deployment: &str, address: &str) -> Resp {
    let loc = sim
        .create(
            "system_location",
            json!({"name": format!("Location {name}")}),
        )
        .await;
    let body = json!({"name": name, "hostname": name, "domain": "example.test",
        "address": address, "netmask": "255.255.255.0", "gateway": "10.0.0.1", "password": "s3cret-pw",
        "node_type": kind, "system_location": loc, "deployment_type": deployment, "vm_cpu_count": "8",
        "vm_system_memory": "16384"});
    sim.post(&format!("{CONF}/worker_vm/"), body).await
}

#[tokio::test]
async fn downloading_a_conferencing_node_for_deployment() {
    let sim = empty().await;
    let r = node_request(&sim, "new_node", "PROXYING", "MANUAL-ESXI6_7", "10.0.0.5").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert!(
        r.text.contains("deployment_type=\"MANUAL-ESXI6_7\"")
            && r.text.contains("vm_cpu_count=\"8\"")
    );
    assert!(!r.text.contains("s3cret-pw"));
    let v = sim.get(&r.location_path()).await.json();
    assert!(
        v.get("password").is_none()
            && v.get("deployment_type").is_none()
            && v.get("vm_cpu_count").is_none()
    );
    assert_eq!(v["node_type"], "PROXYING");
}

#[tokio::test]
async fn deploying_a_conferencing_node_with_a_provisioning_document() {
    let sim = empty().await;
    let r = node_request(
        &sim,
        "new node",
        "CONFERENCING",
        "MANUAL-PROVISION-ONLY",
        "10.0.0.6",
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.header("content-type"), "application/xml");
    assert!(r.text.starts_with("<?xml") && r.text.contains("<bootstrap_configuration>"));
    assert!(r.text.contains("<address>10.0.0.6</address>") && !r.text.contains("s3cret-pw"));
    let bad = node_request(
        &sim,
        "n3",
        "CONFERENCING",
        "MANUAL-PROVISION-ONLY",
        "10.0.0.300",
    )
    .await;
    assert!(bad.json()["worker_vm"]["address"].is_array());
}
