//! The guide's history examples: all conference instances, participants of an instance,
//! participants of a period, participants with packet loss, ordering; and how ended calls move
//! from status to history.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

/// Runs a call of `n` participants for `seconds` on `alias` and ends it; returns its id.
async fn ended_call(sim: &Sim, alias: &str, n: usize, seconds: f64) -> String {
    let (id, _) = sim.start_call(alias, n).await;
    sim.step(seconds, 1, "off").await;
    let r = sim.delete(&format!("/_sim/conferences/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    id
}

#[tokio::test]
async fn getting_all_conference_instances() {
    let sim = guide_node().await;
    let id = ended_call(&sim, "meet@example.com", 3, 60.0).await;
    assert_eq!(sim.total(&format!("{STATUS}/conference/")).await, 0);
    let all = sim.objects(&format!("{HISTORY}/conference/")).await;
    assert_eq!(all.len(), 1);
    let c = &all[0];
    assert_eq!(c["id"], id);
    assert_eq!(c["name"], "VMR_1");
    assert_eq!(c["service_type"], "conference");
    assert_eq!(c["participant_count"], 3);
    assert_eq!(c["instant_message_count"], 0);
    assert_eq!(c["tag"], "");
    let duration = c["duration"].as_i64().unwrap();
    assert!((60..65).contains(&duration), "{duration}");
    let participants = c["participants"].as_array().unwrap();
    assert_eq!(participants.len(), 3);
    assert!(participants[0]
        .as_str()
        .unwrap()
        .starts_with(&format!("{HISTORY}/participant/")));
    assert_eq!(c["resource_uri"], format!("{HISTORY}/conference/{id}/"));
}

#[tokio::test]
async fn getting_all_participants_for_a_conference_instance() {
    let sim = guide_node().await;
    let id = ended_call(&sim, "meet@example.com", 2, 40.0).await;
    ended_call(&sim, "meet2@example.com", 1, 20.0).await;
    let ps = sim
        .objects(&format!("{HISTORY}/participant/?conference={id}"))
        .await;
    assert_eq!(ps.len(), 2);
    let p = &ps[0];
    assert_eq!(p["conference"], format!("{HISTORY}/conference/{id}/"));
    assert_eq!(p["conference_name"], "VMR_1");
    assert_eq!(p["local_alias"], "meet@example.com");
    assert_eq!(p["disconnect_reason"], "Conference ended");
    assert_eq!(p["proxy_node"], "None");
    assert!(p["duration"].as_i64().unwrap() >= 40);
    for f in [
        "bandwidth",
        "call_direction",
        "call_quality",
        "call_tag",
        "call_uuid",
        "conversation_id",
        "display_name",
        "encryption",
        "end_time",
        "has_media",
        "idp_uuid",
        "is_idp_authenticated",
        "is_streaming",
        "license_count",
        "license_type",
        "media_node",
        "media_streams",
        "parent_id",
        "protocol",
        "remote_address",
        "remote_alias",
        "remote_port",
        "role",
        "service_tag",
        "service_type",
        "signalling_node",
        "start_time",
        "system_location",
        "vendor",
    ] {
        assert!(p.get(f).is_some(), "{f}");
    }
    // Embedded media streams, without their resource_uri, pointing back at the participant.
    let streams = p["media_streams"].as_array().unwrap();
    assert_eq!(streams.len(), 2);
    let s = &streams[0];
    assert!(s.get("resource_uri").is_none());
    assert_eq!(s["participant"], p["resource_uri"]);
    for f in [
        "end_time",
        "id",
        "node",
        "rx_bitrate",
        "rx_codec",
        "rx_packet_loss",
        "rx_packets_lost",
        "rx_packets_received",
        "rx_resolution",
        "start_time",
        "stream_id",
        "stream_type",
        "tx_bitrate",
        "tx_codec",
        "tx_packet_loss",
        "tx_packets_lost",
        "tx_packets_sent",
        "tx_resolution",
    ] {
        assert!(s.get(f).is_some(), "{f}");
    }
    assert!(s["id"].is_i64());
    // Lists never carry the quality history; a single participant does.
    assert!(p.get("historic_call_quality").is_none());
    let one = sim.get(p["resource_uri"].as_str().unwrap()).await.json();
    assert_eq!(one["historic_call_quality"], json!([1, 1]));
    assert_eq!(one["bucketed_call_quality"], json!([0, 2, 0, 0, 0]));
    assert_eq!(one["call_quality"], "1_good");
    // The participant's media_stream sub-resource.
    let sub = sim
        .objects(&format!(
            "{}media_stream/",
            p["resource_uri"].as_str().unwrap()
        ))
        .await;
    assert_eq!(sub.len(), 2);
    assert!(sub[0]["resource_uri"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{HISTORY}/media_stream/")));
    // Relation lookups through the conference.
    assert_eq!(
        sim.total(&format!("{HISTORY}/participant/?conference__name=VMR_1"))
            .await,
        2
    );
}

#[tokio::test]
async fn getting_all_participants_for_a_time_period() {
    let sim = demo().await;
    let all = sim.total(&format!("{HISTORY}/participant/")).await;
    assert!(all > 2000, "{all} history participants");
    let one = sim
        .objects(&format!(
            "{HISTORY}/participant/?limit=1&order_by=-end_time"
        ))
        .await;
    let last_end = one[0]["end_time"].as_str().unwrap().to_string();
    let day = &last_end[..10];
    let from = format!("{day}T00:00:00");
    let ps = sim
        .objects(&format!(
            "{HISTORY}/participant/?end_time__gte={from}&end_time__lt={day}T23:59:59.999999&limit=0"
        ))
        .await;
    assert!(!ps.is_empty());
    for p in &ps {
        let end = p["end_time"].as_str().unwrap();
        assert!(end >= from.as_str() && end.starts_with(day), "{end}");
    }
}

#[tokio::test]
async fn getting_all_participants_with_packet_loss() {
    let sim = guide_node().await;
    let (_, ids) = sim.start_call("meet@example.com", 3).await;
    let lossy = &ids[0];
    sim.put(
        &format!("/_sim/participants/{lossy}/packet_loss"),
        json!({"tx_packet_loss": 2.0, "rx_packet_loss": 0.0}),
    )
    .await;
    sim.put(
        &format!("/_sim/participants/{}/packet_loss", ids[1]),
        json!({"rx_packet_loss": 1.0}),
    )
    .await;
    sim.step(20.0, 3, "off").await;
    for id in &ids {
        sim.delete(&format!("/_sim/participants/{id}")).await;
    }
    let tx = sim
        .objects(&format!(
            "{HISTORY}/participant/?media_streams__tx_packet_loss__gte=0.5"
        ))
        .await;
    assert_eq!(tx.len(), 1);
    assert_eq!(tx[0]["id"], lossy.as_str());
    let rx = sim
        .objects(&format!(
            "{HISTORY}/participant/?media_streams__rx_packet_loss__gte=0.5"
        ))
        .await;
    assert_eq!(rx.len(), 1);
    assert_eq!(rx[0]["id"], ids[1].as_str());
    // The same lookup on a large history (the demo's month).
    let demo = demo().await;
    let total = demo.total(&format!("{HISTORY}/participant/")).await;
    let hits = demo
        .objects(&format!(
            "{HISTORY}/participant/?media_streams__tx_packet_loss__gte=0.5&limit=0"
        ))
        .await;
    assert!(!hits.is_empty() && (hits.len() as u64) < total);
    for p in &hits {
        let streams = p["media_streams"].as_array().unwrap();
        assert!(streams
            .iter()
            .any(|s| s["tx_packet_loss"].as_f64().unwrap() >= 0.5));
    }
}

#[tokio::test]
async fn ordering_conference_history_by_descending_start_time() {
    let sim = demo().await;
    let page = sim
        .objects(&format!(
            "{HISTORY}/conference/?order_by=-start_time&limit=50"
        ))
        .await;
    let starts: Vec<&str> = page
        .iter()
        .map(|c| c["start_time"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(starts, sorted);
    let ascending = sim
        .objects(&format!(
            "{HISTORY}/conference/?order_by=start_time&limit=1"
        ))
        .await;
    assert!(ascending[0]["start_time"].as_str().unwrap() < starts[0]);
}

#[tokio::test]
async fn an_ended_participant_keeps_duration_reason_quality_and_streams() {
    let sim = guide_node().await;
    let (conf, ids) = sim.start_call("meet@example.com", 2).await;
    sim.put(
        &format!("/_sim/participants/{}/packet_loss", ids[0]),
        json!({"packet_loss": 5.0}),
    )
    .await;
    sim.step(20.0, 4, "off").await;
    let r = sim
        .command("participant/disconnect", &[("participant_id", &ids[0])])
        .await;
    assert_eq!(r["status"], "success");
    assert_eq!(
        sim.get(&format!("{STATUS}/participant/{}/", ids[0]))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let h = sim
        .get(&format!("{HISTORY}/participant/{}/", ids[0]))
        .await
        .json();
    assert_eq!(h["disconnect_reason"], "Disconnected by an administrator");
    assert!(h["duration"].as_i64().unwrap() >= 80);
    assert_eq!(h["historic_call_quality"], json!([3, 3, 3, 3]));
    assert_eq!(h["bucketed_call_quality"], json!([0, 0, 0, 4, 0]));
    assert_eq!(h["call_quality"], "3_bad");
    assert_eq!(h["conference"], format!("{HISTORY}/conference/{conf}/"));
    let streams = h["media_streams"].as_array().unwrap();
    assert_eq!(streams.len(), 2);
    let loss = streams[0]["tx_packet_loss"].as_f64().unwrap();
    assert!((4.5..5.5).contains(&loss), "{loss}");
    // The conference is still running, so it is not in history yet.
    assert_eq!(
        sim.get(&format!("{HISTORY}/conference/{conf}/"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    sim.delete(&format!("/_sim/participants/{}", ids[1])).await;
    let c = sim
        .get(&format!("{HISTORY}/conference/{conf}/"))
        .await
        .json();
    assert_eq!(c["participant_count"], 2);
    assert_eq!(c["participants"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn deleting_a_history_conference_deletes_its_participants() {
    let sim = guide_node().await;
    let id = ended_call(&sim, "meet@example.com", 2, 20.0).await;
    assert_eq!(sim.total(&format!("{HISTORY}/participant/")).await, 2);
    assert_eq!(sim.total(&format!("{HISTORY}/media_stream/")).await, 4);
    let r = sim.delete(&format!("{HISTORY}/conference/{id}/")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(sim.total(&format!("{HISTORY}/participant/")).await, 0);
    assert_eq!(sim.total(&format!("{HISTORY}/media_stream/")).await, 0);
    // History participants are read-only.
    let r = sim.delete(&format!("{HISTORY}/participant/")).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    for name in [
        "alarm",
        "backplane",
        "workervm_status_event",
        "media_stream",
    ] {
        assert_eq!(
            sim.get(&format!("{HISTORY}/{name}/")).await.status,
            StatusCode::OK,
            "{name}"
        );
    }
}
