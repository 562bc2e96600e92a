//! The status models read pexsim's live output through the typed client and
//! write it back without losing a field; participant lists filter by conference.

mod common;

use common::*;
use pexip_api::choice::{CallQuality, StreamType};
use pexip_api::status::{
    Alarm, CloudNode, CloudNodeId, Conference, ConferenceInstanceId, Licensing, MediaStream,
    Participant, ParticipantId, RegistrationAlias, Statistics, SystemLocation, WorkerVm,
};
use pexip_api::{ListPage, Query, Resource};
use pexsim::SimHandle;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// GETs `path` raw and checks the page reads as `ListPage<T>` without losing a field.
async fn raw_page<T: DeserializeOwned + Serialize>(sim: &SimHandle, path: &str) -> ListPage<T> {
    let raw = raw_get(sim, path).await;
    round_trip(&raw, path)
}

/// GETs one object raw and checks it reads as `T` without losing a field.
async fn raw_one<T: DeserializeOwned + Serialize>(sim: &SimHandle, path: &str) -> T {
    let raw = raw_get(sim, path).await;
    round_trip(&raw, path)
}

/// A conference of three on a new service, one caller with 5 % loss, two minutes in.
async fn busy_room(sim: &SimHandle) -> (ConferenceInstanceId, Vec<ParticipantId>) {
    let client = client(sim);
    new_service(&client, "Status room", "status-room@example.com").await;
    let (conf, ids) = start_conference(sim, "status-room@example.com", 3).await;
    set_packet_loss(sim, &ids[0], 5.0).await;
    step(sim, 20, 6).await;
    (
        ConferenceInstanceId(conf),
        ids.into_iter().map(ParticipantId).collect(),
    )
}

#[tokio::test]
async fn conferences_participants_and_media_streams_read_and_round_trip() {
    let sim = sim(true).await;
    let client = client(&sim);
    let (conf_id, ids) = busy_room(&sim).await;

    // Conference: typed list and detail, and the raw forms keep every key.
    let q = Query::new().eq("name", "Status room");
    let page = client
        .list::<Conference>(&q)
        .await
        .expect("conference list");
    assert_eq!(page.meta.total_count, 1);
    let conf = &page.objects[0];
    assert_eq!(conf.id, conf_id);
    assert!(conf.is_started && !conf.is_locked);
    assert!(conf.start_time.is_some());
    assert_eq!(conf.resource_uri.id().expect("uri id"), conf_id);
    let detail = client.get::<Conference>(&conf_id).await.expect("detail");
    assert_eq!(&detail, conf);
    // pexsim's extensions (layout, …) are not modelled: they stay in `extra`.
    assert!(detail.extra.contains_key("layout"), "{:?}", detail.extra);
    raw_page::<Conference>(&sim, &q.apply_to(&Conference::list_path())).await;
    let raw: Conference = raw_one(&sim, &Conference::detail_path(&conf_id)).await;
    assert_eq!(raw, detail);

    // Participant list: no per-window quality in lists.
    let q = Query::new().eq("conference", "Status room");
    let list = client.list::<Participant>(&q).await.expect("participants");
    assert_eq!(list.meta.total_count, 3);
    for p in &list.objects {
        assert!(ids.contains(&p.id), "{:?}", p.id);
        assert!(p.historic_call_quality.is_none() && p.bucketed_call_quality.is_none());
        assert!(p.has_media && p.connect_time.is_some());
        assert_eq!(p.conference, "Status room");
    }
    raw_page::<Participant>(&sim, &q.apply_to(&Participant::list_path())).await;

    // A single participant carries its 20-second windows: six of them after two minutes.
    let clean = client.get::<Participant>(&ids[1]).await.expect("detail");
    let historic = clean.historic_call_quality.clone().expect("historic");
    let bucketed = clean.bucketed_call_quality.clone().expect("bucketed");
    assert_eq!(historic, vec![1; 6], "{clean:?}");
    assert_eq!(bucketed, vec![0, 6, 0, 0, 0]);
    assert_eq!(clean.call_quality, CallQuality::Good);
    // 5 % loss is Bad in every window.
    let lossy = client.get::<Participant>(&ids[0]).await.expect("detail");
    assert_eq!(lossy.historic_call_quality, Some(vec![3; 6]), "{lossy:?}");
    assert_eq!(lossy.bucketed_call_quality, Some(vec![0, 0, 0, 6, 0]));
    assert_eq!(lossy.call_quality, CallQuality::Bad);
    for id in &ids {
        let raw: Participant = raw_one(&sim, &Participant::detail_path(id)).await;
        assert_eq!(raw.id, *id);
    }

    // Media streams: running (no end time), with packets counted.
    let streams = client
        .participant_media_streams(&ids[0])
        .await
        .expect("media streams");
    assert_eq!(streams.len(), 2, "{streams:?}");
    assert!(streams.iter().any(|s| s.stream_type == StreamType::Audio));
    assert!(streams.iter().any(|s| s.stream_type == StreamType::Video));
    for s in &streams {
        assert!(s.end_time.is_none() && s.start_time.is_some(), "{s:?}");
        assert!(s.rx_packets_received > 0 && s.tx_packets_sent > 0, "{s:?}");
        assert!(s.rx_packets_lost > 0 && s.rx_packet_loss > 0.0, "{s:?}");
    }
    let path = format!("{}media_stream/", Participant::detail_path(&ids[0]));
    let raw: ListPage<MediaStream> = raw_page(&sim, &path).await;
    assert_eq!(raw.objects, streams);
}

#[tokio::test]
async fn nodes_locations_and_their_statistics_read_and_round_trip() {
    let sim = sim(true).await;
    let client = client(&sim);
    let (_, ids) = busy_room(&sim).await;
    let me = client
        .get::<Participant>(&ids[0])
        .await
        .expect("participant");

    let nodes: Vec<WorkerVm> = client
        .list_all(&Query::new())
        .await
        .expect("worker_vm list");
    assert!(nodes.len() >= 6, "{}", nodes.len());
    let path = format!("{}?limit=100", WorkerVm::list_path());
    let raw: ListPage<WorkerVm> = raw_page(&sim, &path).await;
    assert_eq!(raw.objects, nodes);
    // The node carrying the call has load; its statistics say the same.
    let config_nodes: Vec<pexip_api::config::WorkerVm> =
        client.list_all(&Query::new()).await.expect("config nodes");
    let config_node = config_nodes
        .iter()
        .find(|n| n.address == me.media_node)
        .expect("the media node is configured");
    let node = nodes
        .iter()
        .find(|n| n.configuration_id == config_node.id.0)
        .expect("the media node has a status");
    assert!(
        node.media_tokens_used > 0 && node.media_load > 0.0,
        "{node:?}"
    );
    assert!(node.signaling_count >= 3, "{node:?}");
    assert_eq!(node.sync_status, "SYNCED");
    let stats = client
        .worker_vm_statistics(&node.id)
        .await
        .expect("node statistics");
    assert_eq!(stats.media_load, node.media_load);
    let detail: WorkerVm = raw_one(&sim, &WorkerVm::detail_path(&node.id)).await;
    assert_eq!(&detail, node);
    let path = format!("{}statistics/", WorkerVm::detail_path(&node.id));
    let raw: Statistics = raw_one(&sim, &path).await;
    assert_eq!(raw, stats);

    let locations: Vec<SystemLocation> = client
        .list_all(&Query::new())
        .await
        .expect("system_location list");
    raw_page::<SystemLocation>(&sim, &SystemLocation::list_path()).await;
    let here = locations
        .iter()
        .find(|l| l.name == me.system_location)
        .expect("the participant's location");
    assert!(
        here.media_tokens_used > 0 && here.media_load > 0.0,
        "{here:?}"
    );
    assert!(here.max_connections.contains("CONFERENCING"), "{here:?}");
    let stats = client
        .system_location_statistics(&here.id)
        .await
        .expect("location statistics");
    assert!(stats.media_load > 0.0, "{stats:?}");
    let path = format!("{}statistics/", SystemLocation::detail_path(&here.id));
    assert_eq!(raw_one::<Statistics>(&sim, &path).await, stats);
}

#[tokio::test]
async fn alarms_licensing_registrations_and_cloud_nodes_read_and_round_trip() {
    let sim = sim(true).await;
    let client = client(&sim);
    busy_room(&sim).await;

    let alarms = client.list::<Alarm>(&Query::new()).await.expect("alarms");
    assert!(alarms.meta.total_count >= 2, "{:?}", alarms.meta);
    assert!(alarms.objects.iter().all(|a| a.time_raised.is_some()));
    let raw: ListPage<Alarm> = raw_page(&sim, &Alarm::list_path()).await;
    assert_eq!(raw.objects, alarms.objects);
    let first = &alarms.objects[0];
    assert_eq!(&client.get::<Alarm>(&first.id).await.expect("alarm"), first);

    let lic = client
        .list::<Licensing>(&Query::new())
        .await
        .expect("licensing");
    assert_eq!(lic.objects.len(), 1);
    let lic = &lic.objects[0];
    // The demo's calls plus our three video calls hold port licences.
    assert!(lic.port_count >= 3 && lic.port_total > 0, "{lic:?}");
    assert!(lic.vmr_count >= 1, "{lic:?}");
    raw_page::<Licensing>(&sim, &Licensing::list_path()).await;

    let regs = client
        .list::<RegistrationAlias>(&Query::new())
        .await
        .expect("registrations");
    assert_eq!(regs.meta.total_count, 8);
    assert!(regs.objects.iter().all(|r| !r.alias.is_empty()));
    raw_page::<RegistrationAlias>(&sim, &RegistrationAlias::list_path()).await;

    let clouds = client
        .list::<CloudNode>(&Query::new())
        .await
        .expect("clouds");
    assert_eq!(clouds.meta.total_count, 2);
    let stopped = &clouds.objects[0];
    assert_eq!(stopped.cloud_instance_state, "stopped");
    assert_eq!(stopped.media_load, Some(100));
    raw_page::<CloudNode>(&sim, &CloudNode::list_path()).await;
    // Started, it runs, and its load is a real figure again.
    client
        .start_cloudnode(&stopped.cloud_instance_id)
        .await
        .expect("start_cloudnode");
    step(&sim, 1, 1).await;
    let id = CloudNodeId(stopped.cloud_instance_id.clone());
    let started = client.get::<CloudNode>(&id).await.expect("cloud node");
    assert_eq!(started.cloud_instance_state, "running");
    assert!(started.max_hd_calls.unwrap_or_default() > 0, "{started:?}");
    assert!(started.media_load.is_some_and(|l| l < 100), "{started:?}");
    let raw: CloudNode = raw_one(&sim, &CloudNode::detail_path(&id)).await;
    assert_eq!(raw, started);
}

#[tokio::test]
async fn participant_list_filters_by_conference_name() {
    let sim = sim(true).await;
    let client = client(&sim);
    new_service(&client, "Room A", "room-a@example.com").await;
    new_service(&client, "Room B", "room-b@example.com").await;
    let (_, a) = start_conference(&sim, "room-a@example.com", 3).await;
    let (_, b) = start_conference(&sim, "room-b@example.com", 2).await;
    let everyone = client
        .list::<Participant>(&Query::new())
        .await
        .expect("all participants");
    // The demo's calls are there too.
    assert!(everyone.meta.total_count > 5, "{:?}", everyone.meta);

    for (name, ids) in [("Room A", &a), ("Room B", &b)] {
        let q = Query::new().eq("conference", name);
        let page = client.list::<Participant>(&q).await.expect("filtered");
        assert_eq!(page.meta.total_count, ids.len() as u64, "{name}");
        let mut got: Vec<String> = page.objects.iter().map(|p| p.id.0.clone()).collect();
        got.sort();
        let mut want = ids.clone();
        want.sort();
        assert_eq!(got, want, "{name}");
        assert!(page.objects.iter().all(|p| p.conference == name));
    }
    // A small page keeps the filter's total and links to the rest under the filter.
    let q = Query::new().eq("conference", "Room A").limit(2);
    let first = client.list::<Participant>(&q).await.expect("first page");
    assert_eq!(first.meta.total_count, 3);
    assert_eq!(first.objects.len(), 2);
    let next = first.meta.next.clone().expect("a next page");
    assert!(next.contains("conference=Room"), "{next}");
    let rest: ListPage<Participant> = client.page_at(&next).await.expect("next page");
    assert_eq!(rest.objects.len(), 1);
    assert_eq!(rest.objects[0].conference, "Room A");
    let all: Vec<Participant> = client.list_all(&q).await.expect("stream");
    assert_eq!(all.len(), 3);
    // No such conference: an empty list, not an error.
    let none = client
        .list::<Participant>(&Query::new().eq("conference", "Room C"))
        .await
        .expect("empty");
    assert_eq!(none.meta.total_count, 0);
    assert!(none.objects.is_empty());
}
