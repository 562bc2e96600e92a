//! The guide's status examples for the platform: Conferencing Nodes and their load,
//! registrations, cloud nodes and bursting locations, licence use.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn getting_the_status_and_load_of_a_conferencing_node_and_location() {
    let sim = guide_node().await;
    let node = sim.get(&format!("{STATUS}/worker_vm/1/")).await;
    assert_eq!(node.status, StatusCode::OK);
    let n = node.json();
    assert_eq!(n["name"], "lon-conf-01");
    assert_eq!(n["configuration_id"], 1);
    assert_eq!(n["node_type"], "CONFERENCING");
    assert_eq!(n["system_location"], "London");
    assert_eq!(n["sync_status"], "SYNCED");
    assert!(n["last_updated"].is_string() && n["last_attempted_contact"].is_string());
    assert_eq!(n["media_load"], 0.0);
    let idle = sim
        .get(&format!("{STATUS}/system_location/1/statistics/"))
        .await;
    assert_eq!(idle.status, StatusCode::OK);
    assert_eq!(idle.json()["media_load"], 0.0);
    // Media load follows the calls placed on the node.
    let (_, ids) = sim.start_call("meet@example.com", 4).await;
    let load = sim
        .get(&format!("{STATUS}/worker_vm/1/statistics/"))
        .await
        .json()["media_load"]
        .as_f64()
        .unwrap();
    assert!(load > 0.0, "{load}");
    let tokens = sim.get(&format!("{STATUS}/worker_vm/1/")).await.json()["media_tokens_used"]
        .as_i64()
        .unwrap();
    assert_eq!(tokens, 4 * 6, "four HD calls");
    let location = sim
        .get(&format!("{STATUS}/system_location/1/statistics/"))
        .await
        .json();
    assert_eq!(location["media_load"].as_f64().unwrap(), load);
    for id in &ids {
        sim.delete(&format!("/_sim/participants/{id}")).await;
    }
    let after = sim
        .get(&format!("{STATUS}/worker_vm/1/statistics/"))
        .await
        .json();
    assert_eq!(after["media_load"], 0.0);
    // A node added to the configuration appears in status.
    let loc = sim.get(&format!("{CONF}/system_location/1/")).await.json()["resource_uri"].clone();
    sim.create(
        "worker_vm",
        json!({"name": "lon-conf-02", "hostname": "lon-conf-02", "domain": "example.com", "address": "10.0.0.2",
               "netmask": "255.255.255.0", "gateway": "10.0.0.254", "system_location": loc}),
    )
    .await;
    assert_eq!(sim.total(&format!("{STATUS}/worker_vm/")).await, 4);
    assert_eq!(
        sim.get(&format!("{STATUS}/worker_vm/99/statistics/"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn getting_all_registered_aliases() {
    let sim = demo().await;
    let regs = sim.objects(&format!("{STATUS}/registration_alias/")).await;
    assert!(regs.len() >= 5);
    for f in [
        "alias",
        "registration_id",
        "username",
        "node",
        "protocol",
        "remote_address",
        "is_natted",
        "start_time",
    ] {
        assert!(regs[0].get(f).is_some(), "{f}");
    }
    assert!(
        sim.total(&format!("{STATUS}/registration_alias/?protocol=H323"))
            .await
            >= 1
    );
}

#[tokio::test]
async fn listing_cloud_nodes_with_the_deprecated_aws_fields_and_stopped_load() {
    let sim = demo().await;
    let r = sim.get(&format!("{STATUS}/cloud_node/")).await.json();
    assert_eq!(r["meta"]["total_count"], 2);
    let n = &r["objects"][0];
    let id = n["cloud_instance_id"].as_str().unwrap();
    for (cloud, aws) in [
        ("cloud_instance_id", "aws_instance_id"),
        ("cloud_instance_ip", "aws_instance_ip"),
        ("cloud_instance_name", "aws_instance_name"),
        ("cloud_instance_state", "aws_instance_state"),
        ("cloud_instance_launch_time", "aws_instance_launch_time"),
    ] {
        assert_eq!(n[cloud], n[aws], "{cloud}");
    }
    assert_eq!(n["cloud_instance_state"], "stopped");
    assert_eq!(n["media_load"], 100, "a stopped node has no capacity");
    assert_eq!(n["max_hd_calls"], 0);
    assert_eq!(n["workervm_configuration_name"], n["cloud_instance_name"]);
    assert_eq!(n["workervm_configuration_location_name"], "AWS");
    assert!(n["workervm_configuration_id"].is_i64());
    assert_eq!(n["resource_uri"], format!("{STATUS}/cloud_node/{id}/"));
    assert_eq!(
        sim.get(&format!("{STATUS}/cloud_node/{id}/")).await.json()["cloud_instance_id"],
        id
    );
}

#[tokio::test]
async fn listing_monitored_and_overflow_locations_for_bursting() {
    let sim = demo().await;
    let monitored = sim
        .objects(&format!("{STATUS}/cloud_monitored_location/"))
        .await;
    assert_eq!(monitored.len(), 1);
    let m = &monitored[0];
    assert_eq!(m["name"], "London");
    for f in [
        "free_hd_calls",
        "id",
        "max_hd_calls",
        "media_load",
        "name",
        "resource_uri",
    ] {
        assert!(m.get(f).is_some(), "{f}");
    }
    assert!(m["max_hd_calls"].as_i64().unwrap() >= m["free_hd_calls"].as_i64().unwrap());
    let overflow = sim
        .objects(&format!("{STATUS}/cloud_overflow_location/"))
        .await;
    assert_eq!(overflow.len(), 1);
    let o = &overflow[0];
    assert_eq!(o["name"], "AWS");
    assert_eq!(o["media_load"], 100, "its nodes are stopped");
    assert_eq!(o["free_hd_calls"], 0);
    assert_eq!(o["systemlocation_id"], o["id"]);
}

#[tokio::test]
async fn licence_use_follows_live_calls() {
    let sim = guide_node().await;
    let before = sim.objects(&format!("{STATUS}/licensing/")).await[0].clone();
    assert_eq!(before["port_count"], 0);
    sim.start_call("meet@example.com", 3).await;
    sim.join(json!({"alias": "meet2@example.com", "call_type": "audio", "display_name": "Phone"}))
        .await;
    let now = sim.objects(&format!("{STATUS}/licensing/")).await[0].clone();
    assert_eq!(now["port_count"], 3);
    assert_eq!(now["audio_count"], 1);
    assert_eq!(now["vmr_count"], 2);
}
