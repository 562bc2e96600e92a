//! The guide's status examples and table: live conferences, participants by conference name,
//! media statistics, nodes and their load, registrations, cloud nodes and bursting locations.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn getting_all_active_conference_instances_and_only_vmrs() {
    let sim = guide_node().await;
    assert_eq!(sim.total(&format!("{STATUS}/conference/")).await, 0);
    let (id, _) = sim.start_call("meet@example.com", 2).await;
    let all = sim.objects(&format!("{STATUS}/conference/")).await;
    assert_eq!(all.len(), 1);
    let c = &all[0];
    assert_eq!(c["id"], id);
    assert_eq!(c["name"], "VMR_1");
    assert_eq!(c["service_type"], "conference");
    assert_eq!(c["is_started"], true);
    assert_eq!(c["is_locked"], false);
    assert_eq!(c["guests_muted"], false);
    assert_eq!(c["resource_uri"], format!("{STATUS}/conference/{id}/"));
    assert!(c["start_time"].as_str().unwrap().len() >= 19);
    assert_eq!(
        sim.total(&format!("{STATUS}/conference/?service_type=conference"))
            .await,
        1
    );
    assert_eq!(
        sim.total(&format!("{STATUS}/conference/?service_type=lecture"))
            .await,
        0
    );
    let detail = sim.get(&format!("{STATUS}/conference/{id}/")).await;
    assert_eq!(detail.json()["name"], "VMR_1");
}

#[tokio::test]
async fn getting_all_participants_for_a_conference_by_name() {
    let sim = guide_node().await;
    sim.start_call("meet@example.com", 2).await;
    sim.start_call("meet2@example.com", 1).await;
    let ps = sim
        .objects(&format!("{STATUS}/participant/?conference=VMR_1"))
        .await;
    assert_eq!(ps.len(), 2);
    let p = &ps[0];
    for field in [
        "bandwidth",
        "call_direction",
        "call_quality",
        "call_tag",
        "call_uuid",
        "conference",
        "connect_time",
        "conversation_id",
        "destination_alias",
        "display_name",
        "encryption",
        "has_media",
        "idp_uuid",
        "is_disconnect_supported",
        "is_mute_supported",
        "is_idp_authenticated",
        "is_muted",
        "is_on_hold",
        "is_presentation_supported",
        "is_presenting",
        "is_streaming",
        "is_transfer_supported",
        "license_count",
        "license_type",
        "media_node",
        "parent_id",
        "participant_alias",
        "protocol",
        "proxy_node",
        "remote_address",
        "remote_port",
        "resource_uri",
        "role",
        "service_tag",
        "service_type",
        "signalling_node",
        "source_alias",
        "system_location",
        "vendor",
    ] {
        assert!(p.get(field).is_some(), "{field} missing");
    }
    assert_eq!(p["conference"], "VMR_1");
    assert_eq!(p["destination_alias"], "meet@example.com");
    assert_eq!(p["media_node"], "10.0.0.1");
    assert_eq!(p["system_location"], "London");
    assert_eq!(p["parent_id"], "");
    assert_eq!(p["conversation_id"], p["call_uuid"]);
    assert_eq!(p["license_type"], "port");
    assert_eq!(p["license_count"], 1);
    // The guide: lists never carry the quality history.
    assert!(p.get("historic_call_quality").is_none());
    assert!(p.get("bucketed_call_quality").is_none());
    let id = p["id"].as_str().unwrap();
    assert_eq!(p["resource_uri"], format!("{STATUS}/participant/{id}/"));
}

#[tokio::test]
async fn a_single_participant_carries_its_quality_history() {
    let sim = guide_node().await;
    let (_, ids) = sim.start_call("meet@example.com", 1).await;
    sim.step(20.0, 3, "off").await;
    let p = sim.participant(&ids[0]).await;
    assert_eq!(p["historic_call_quality"], json!([1, 1, 1]));
    assert_eq!(p["bucketed_call_quality"], json!([0, 3, 0, 0, 0]));
    assert_eq!(p["call_quality"], "1_good");
    // And the schema lists them (they are fields, only rendered on a detail GET).
    let schema = sim
        .get(&format!("{STATUS}/participant/schema/"))
        .await
        .json();
    assert_eq!(schema["fields"]["historic_call_quality"]["type"], "list");
    assert!(
        schema["fields"].get("loss_rx").is_none(),
        "internal state is not in the schema"
    );
    assert!(p.get("loss_rx").is_none() && p.get("conference_ref").is_none());
}

#[tokio::test]
async fn getting_the_media_statistics_for_a_participant() {
    let sim = guide_node().await;
    let (_, ids) = sim.start_call("meet@example.com", 1).await;
    let path = format!("{STATUS}/participant/{}/media_stream/", ids[0]);
    let before = sim.objects(&path).await;
    assert_eq!(before.len(), 2);
    sim.step(10.0, 3, "off").await;
    let r = sim.get(&path).await.json();
    assert_eq!(r["meta"]["total_count"], 2);
    let streams = r["objects"].as_array().unwrap();
    let audio = streams.iter().find(|s| s["type"] == "audio").unwrap();
    let video = streams.iter().find(|s| s["type"] == "video").unwrap();
    assert_eq!(audio["id"], "0");
    assert_eq!(video["id"], "1");
    assert_eq!(audio["end_time"], "");
    assert_eq!(audio["node"], "10.0.0.1");
    assert_eq!(audio["rx_codec"], "opus");
    assert_eq!(video["rx_codec"], "VP8");
    assert_eq!(audio["rx_resolution"], "");
    assert!(video["rx_resolution"].as_str().unwrap().contains('x'));
    for f in [
        "rx_bitrate",
        "tx_bitrate",
        "rx_fps",
        "tx_fps",
        "rx_jitter",
        "tx_jitter",
        "rx_packet_loss",
        "tx_packet_loss",
        "rx_packets_lost",
        "tx_packets_lost",
        "rx_packets_received",
        "tx_packets_sent",
        "rx_windowed_packet_loss",
        "tx_windowed_packet_loss",
        "start_time",
    ] {
        assert!(audio.get(f).is_some(), "{f}");
    }
    // Live figures change over time: 30 s of audio at 50 packets per second.
    assert_eq!(audio["tx_packets_sent"], 1500);
    let received_before = before.iter().find(|s| s["type"] == "audio").unwrap()
        ["rx_packets_received"]
        .as_i64()
        .unwrap();
    assert!(audio["rx_packets_received"].as_i64().unwrap() > received_before);
    // Filtering and paging work on sub-resources too.
    assert_eq!(sim.total(&format!("{path}?type=video")).await, 1);
    let page = sim.get(&format!("{path}?limit=1")).await.json();
    assert_eq!(page["meta"]["next"], format!("{path}?limit=1&offset=1"));
    // An unknown participant has no media streams.
    assert_eq!(
        sim.get(&format!("{STATUS}/participant/nope/media_stream/"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn every_path_of_the_status_table_answers_a_list_and_a_schema() {
    let sim = demo().await;
    let root = sim.get(&format!("{STATUS}/")).await.json();
    for name in [
        "conference",
        "conference_shard",
        "participant",
        "registration_alias",
        "worker_vm",
        "system_location",
        "backplane",
        "management_vm",
        "alarm",
        "licensing",
        "conference_sync",
        "cloud_node",
        "cloud_monitored_location",
        "cloud_overflow_location",
        "exchange_scheduler",
        "mjx_endpoint",
        "mjx_meeting",
        "teamsnode",
        "teamsnode_call",
    ] {
        assert!(root.get(name).is_some(), "{name} not in the API root");
        let list = sim.get(&format!("{STATUS}/{name}/")).await;
        assert_eq!(list.status, StatusCode::OK, "{name}");
        assert!(list.json()["objects"].is_array(), "{name}");
        let schema = sim.get(&format!("{STATUS}/{name}/schema/")).await.json();
        assert_eq!(
            schema["allowed_list_http_methods"],
            json!(["get"]),
            "{name}"
        );
        let post = sim.post(&format!("{STATUS}/{name}/"), json!({})).await;
        assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED, "{name}");
    }
    assert!(
        root.get("media_stream").is_none(),
        "sub-resources are not top-level"
    );
    // Management Node and licensing.
    let mgr = sim.objects(&format!("{STATUS}/management_vm/")).await;
    assert_eq!(mgr[0]["name"], "mgr");
    assert_eq!(mgr[0]["primary"], true);
    let lic = sim.objects(&format!("{STATUS}/licensing/")).await;
    assert_eq!(lic.len(), 1);
    assert!(lic[0]["port_total"].as_i64().unwrap() > 0);
    // Alarms raised in the demo.
    let alarms = sim.objects(&format!("{STATUS}/alarm/")).await;
    assert!(!alarms.is_empty());
    assert!(
        ["info", "warning", "error", "critical"].contains(&alarms[0]["level"].as_str().unwrap())
    );
}

#[tokio::test]
async fn shards_and_backplanes_follow_where_a_conference_runs() {
    let sim = guide_node().await;
    let (id, _) = sim.start_call("meet@example.com", 1).await;
    assert_eq!(sim.total(&format!("{STATUS}/conference_shard/")).await, 1);
    assert_eq!(sim.total(&format!("{STATUS}/backplane/")).await, 0);
    let far = sim
        .join(json!({"conference_id": id, "system_location": "Oslo", "display_name": "Olaf"}))
        .await;
    let shards = sim
        .objects(&format!("{STATUS}/conference_shard/?conference=VMR_1"))
        .await;
    assert_eq!(shards.len(), 2);
    let backplanes = sim.objects(&format!("{STATUS}/backplane/")).await;
    assert_eq!(backplanes.len(), 1);
    let b = &backplanes[0];
    assert_eq!(b["media_node"], "10.0.0.1");
    assert_eq!(b["remote_media_node"], "10.0.1.1");
    assert_eq!(b["remote_node_name"], "osl-conf-01");
    let streams = sim
        .objects(&format!(
            "{STATUS}/backplane/{}/media_stream/",
            b["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(streams.len(), 2);
    sim.delete(&format!(
        "/_sim/participants/{}",
        far["participant_id"].as_str().unwrap()
    ))
    .await;
    assert_eq!(sim.total(&format!("{STATUS}/backplane/")).await, 0);
    assert_eq!(sim.total(&format!("{HISTORY}/backplane/")).await, 1);
}
