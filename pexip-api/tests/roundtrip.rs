//! Every model reads the guide's example JSON and pexsim's output, and writes
//! it back without losing a field (unknown ones included).

mod common;

use common::round_trip;
use pexip_api::command::{CommandResponse, DialData};
use pexip_api::{config, history, status, ListPage, Resource};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn each<T: DeserializeOwned + Serialize>(v: &Value, what: &str) -> Vec<T> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|o| round_trip(o, what))
        .collect()
}

#[test]
fn guide_examples_round_trip() {
    let c: config::Conference = round_trip(&fixture("config_conference.json"), "conference");
    assert_eq!(c.aliases[0].alias, "meet@example.com");
    assert!(c.extra.contains_key("a_field_from_v40"));
    let c: config::Conference =
        round_trip(&fixture("config_conference_test_call.json"), "test call");
    assert_eq!(c.service_type, pexip_api::choice::ServiceType::TestCall);
    let b: config::SystemBackup = round_trip(&fixture("config_system_backup.json"), "backup");
    assert_eq!(b.resource_uri.id().unwrap(), b.key());

    let ps: Vec<status::Participant> =
        each(&fixture("status_participants.json"), "status participant");
    assert_eq!(ps[1].bucketed_call_quality, Some(vec![0, 2, 1, 0, 0]));
    assert_eq!(ps[0].call_quality, pexip_api::choice::CallQuality::Good);
    let ms: Vec<status::MediaStream> = each(&fixture("status_media_streams.json"), "media stream");
    assert_eq!(ms[0].stream_type, pexip_api::choice::StreamType::Video);
    assert!(ms[0].end_time.is_none());
    let nodes: ListPage<status::CloudNode> =
        round_trip(&fixture("status_cloud_nodes.json"), "cloud nodes");
    assert_eq!(nodes.meta.total_count, 2);
    assert_eq!(nodes.objects[0].media_load, Some(100));

    let hc: Vec<history::Conference> =
        each(&fixture("history_conferences.json"), "history conference");
    assert_eq!(hc[0].participants.len(), 3);
    let hp: Vec<history::Participant> =
        each(&fixture("history_participants.json"), "history participant");
    assert_eq!(hp[0].media_streams.len(), 2);
    assert_eq!(hp[0].media_streams[1].rx_packet_loss, 0.01);

    let cmds = fixture("command_responses.json");
    let dial: CommandResponse<DialData> = round_trip(&cmds[0], "dial response");
    assert!(dial.is_success());
    let failed: CommandResponse<pexip_api::Extra> = round_trip(&cmds[2], "failed response");
    assert!(failed.failure_text().unwrap().contains("STOPPED"));
}

#[test]
fn unknown_choice_values_and_fields_survive() {
    let v = serde_json::json!({"id": 4, "name": "x", "service_type": "hyperspace", "call_type": "holo",
                               "resource_uri": "/api/admin/configuration/v1/conference/4/", "brand_new": [1]});
    let c: config::Conference = round_trip(&v, "future conference");
    assert_eq!(c.service_type.as_str(), "hyperspace");
    let patch = serde_json::to_value(c.to_patch()).unwrap();
    assert_eq!(patch["brand_new"], serde_json::json!([1]));
    assert_eq!(patch["call_type"], "holo");
    assert!(patch.get("id").is_none() && patch.get("resource_uri").is_none());
}

async fn sim_list<T: Resource + DeserializeOwned + Serialize>(sim: &pexsim::SimHandle) -> usize {
    let raw = common::raw_get(sim, &format!("{}?limit=10000", T::list_path())).await;
    let page: ListPage<T> = round_trip(&raw, T::NAME);
    for obj in raw["objects"].as_array().unwrap() {
        let uri = obj["resource_uri"].as_str().unwrap_or_default();
        if !uri.is_empty() && T::NAME != "system_backup" {
            let detail = common::raw_get(sim, uri).await;
            round_trip::<T>(&detail, &format!("{} detail", T::NAME));
        }
    }
    page.objects.len()
}

#[tokio::test]
async fn pexsim_configuration_output_round_trips() {
    let sim = common::sim(true).await;
    assert!(sim_list::<config::Conference>(&sim).await > 0);
    assert!(sim_list::<config::ConferenceAlias>(&sim).await > 0);
    assert!(sim_list::<config::AutomaticParticipant>(&sim).await > 0);
    assert!(sim_list::<config::GatewayRoutingRule>(&sim).await > 0);
    assert!(sim_list::<config::IvrTheme>(&sim).await > 0);
    assert!(sim_list::<config::SystemLocation>(&sim).await > 0);
    assert!(sim_list::<config::WorkerVm>(&sim).await > 0);
    assert!(sim_list::<config::EndUser>(&sim).await > 0);
    assert!(sim_list::<config::Global>(&sim).await > 0);
    assert!(sim_list::<config::EventSink>(&sim).await > 0);
    sim_list::<config::Licence>(&sim).await;
    sim_list::<config::LicenceRequest>(&sim).await;
    sim_list::<config::SystemBackup>(&sim).await;
}
