//! Ended conferences and participants in the history API: typed reads, round
//! trips, filters through the query builder, and paging along `meta.next`.

mod common;

use common::*;
use futures::TryStreamExt;
use pexip_api::client::Error;
use pexip_api::history::{
    Conference as HistoryConference, HistoryConferenceId, Participant as HistoryParticipant,
};
use pexip_api::status::{self, ConferenceInstanceId};
use pexip_api::{ListPage, Order, Query, Resource, Specifier, Timestamp};

#[tokio::test]
async fn a_disconnected_conference_and_its_participants_reach_history() {
    let sim = sim(true).await;
    let client = client(&sim);
    new_service(&client, "History room", "history-room@example.com").await;
    let (conf, ids) = start_conference(&sim, "history-room@example.com", 3).await;
    let conf = ConferenceInstanceId(conf);
    step(&sim, 20, 3).await;
    let started = client
        .get::<status::Conference>(&conf)
        .await
        .expect("live conference")
        .start_time
        .expect("a start time");

    client
        .disconnect_conference(&conf)
        .await
        .expect("disconnect");
    assert!(matches!(
        client.get::<status::Conference>(&conf).await,
        Err(Error::NotFound)
    ));

    // The instance keeps its id in history.
    let hid = HistoryConferenceId(conf.0.clone());
    let h = client
        .get::<HistoryConference>(&hid)
        .await
        .expect("history conference");
    assert_eq!(h.name, "History room");
    assert_eq!(h.participant_count, 3);
    assert_eq!(h.participants.len(), 3);
    assert!(h.duration >= 60, "{h:?}");
    assert_eq!(h.start_time, Some(started));
    assert!(h.end_time.is_some_and(|e| e > started), "{h:?}");
    let raw = raw_get(&sim, &HistoryConference::detail_path(&hid)).await;
    assert_eq!(
        round_trip::<HistoryConference>(&raw, "history conference"),
        h
    );

    // Its participants, by the conference's id (a to-one relation).
    let q = Query::new().eq("conference", &hid);
    let page = client
        .list::<HistoryParticipant>(&q)
        .await
        .expect("history participants");
    assert_eq!(page.meta.total_count, 3);
    let mut got: Vec<String> = page.objects.iter().map(|p| p.id.0.clone()).collect();
    got.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(got, want);
    for p in &page.objects {
        assert_eq!(p.disconnect_reason, "Disconnected by an administrator");
        assert_eq!(p.conference_name, "History room");
        let parent = p.conference.as_ref().expect("conference URI");
        assert_eq!(parent.id().expect("uri id"), hid);
        assert!(p.duration >= 60, "{p:?}");
        assert_eq!(p.media_streams.len(), 2, "{p:?}");
        for s in &p.media_streams {
            assert!(s.end_time.is_some() && s.rx_packets_received > 0, "{s:?}");
        }
        // The nested list holds the same streams, each with its own URI
        // (embedded ones have none, as in the guide's example).
        let mut nested = client
            .history_participant_media_streams(&p.id)
            .await
            .expect("nested media streams");
        for s in &mut nested {
            let uri = s.extra.remove("resource_uri").expect("a stream URI");
            let want = format!("/api/admin/history/v1/media_stream/{}/", s.id);
            assert_eq!(uri.as_str(), Some(want.as_str()));
        }
        assert_eq!(nested, p.media_streams);
        assert!(h.participants.contains(&p.resource_uri), "{h:?}");
    }
    let raw = raw_get(&sim, &q.apply_to(&HistoryParticipant::list_path())).await;
    let raw: ListPage<HistoryParticipant> = round_trip(&raw, "history participants");
    assert_eq!(raw.objects, page.objects);
    let one = &page.objects[0];
    let detail = raw_get(&sim, &HistoryParticipant::detail_path(&one.id)).await;
    round_trip::<HistoryParticipant>(&detail, "history participant");
}

#[tokio::test]
async fn history_filters_by_end_time_and_orders_by_start_time() {
    let sim = sim(true).await;
    let client = client(&sim);
    new_service(&client, "Filter room", "filter-room@example.com").await;
    // The demo's history ends before now; ours after this point.
    step(&sim, 60, 1).await;
    let mut mine = Vec::new();
    for _ in 0..3 {
        let (conf, _) = start_conference(&sim, "filter-room@example.com", 1).await;
        step(&sim, 30, 1).await;
        let conf = ConferenceInstanceId(conf);
        client.disconnect_conference(&conf).await.expect("end");
        step(&sim, 30, 1).await;
        mine.push(HistoryConferenceId(conf.0));
    }
    let first = client
        .get::<HistoryConference>(&mine[0])
        .await
        .expect("first instance");
    let since = first.start_time.expect("a start time");

    let q = Query::new()
        .filter("end_time", Specifier::Gte, since)
        .order_by("start_time", Order::Desc);
    let page = client
        .list::<HistoryConference>(&q)
        .await
        .expect("filtered");
    let ids: Vec<HistoryConferenceId> = page.objects.iter().map(|c| c.id.clone()).collect();
    // Only our three ended since then, newest first.
    assert_eq!(ids, mine.iter().rev().cloned().collect::<Vec<_>>());
    assert_eq!(page.meta.total_count, 3);
    let all = client
        .list::<HistoryConference>(&Query::new().limit(1))
        .await
        .expect("everything");
    assert!(all.meta.total_count > 3, "the demo's history is there too");
    // The complement: everything that ended before.
    let before = client
        .list::<HistoryConference>(&Query::new().filter("end_time", Specifier::Lt, since))
        .await
        .expect("before");
    assert_eq!(before.meta.total_count + 3, all.meta.total_count);

    // Ascending order inverts it; participants filter through the conference id.
    let q = Query::new()
        .filter("end_time", Specifier::Gte, since)
        .order_by("start_time", Order::Asc);
    let page = client.list::<HistoryConference>(&q).await.expect("asc");
    assert_eq!(page.objects[0].id, mine[0]);
    let starts: Vec<Timestamp> = page.objects.iter().filter_map(|c| c.start_time).collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    let parts = client
        .list::<HistoryParticipant>(&Query::new().eq("conference", &mine[1]))
        .await
        .expect("participants of one instance");
    assert_eq!(parts.meta.total_count, 1);
    assert_eq!(
        parts.objects[0]
            .conference
            .as_ref()
            .map(|u| u.id().expect("id")),
        Some(mine[1].clone())
    );
}

#[tokio::test]
async fn the_history_stream_follows_meta_next_page_by_page() {
    let sim = sim(true).await;
    let client = client(&sim);
    new_service(&client, "Paged room", "paged-room@example.com").await;
    let mut ended = Vec::new();
    for _ in 0..5 {
        let (conf, _) = start_conference(&sim, "paged-room@example.com", 2).await;
        step(&sim, 10, 1).await;
        client
            .disconnect_conference(&ConferenceInstanceId(conf.clone()))
            .await
            .expect("end");
        ended.push(HistoryConferenceId(conf));
    }
    let q = Query::new()
        .eq("name", "Paged room")
        .order_by("start_time", Order::Desc)
        .limit(2);
    reset_requests(&sim).await;
    let pages: Vec<ListPage<HistoryConference>> = client
        .stream_pages::<HistoryConference>(&q)
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(
        pages.iter().map(|p| p.objects.len()).collect::<Vec<_>>(),
        vec![2, 2, 1]
    );
    assert!(pages.iter().all(|p| p.meta.total_count == 5));
    assert!(pages[2].meta.next.is_none());
    let got: Vec<HistoryConferenceId> = pages
        .iter()
        .flat_map(|p| p.objects.iter().map(|c| c.id.clone()))
        .collect();
    assert_eq!(got, ended.iter().rev().cloned().collect::<Vec<_>>());
    // One request per page.
    let path = format!("GET {}", HistoryConference::list_path());
    assert_eq!(count(&sim, &path).await, 3);

    // Participants stream the same way: ten over four pages of three.
    let q = Query::new().eq("conference__name", "Paged room").limit(3);
    reset_requests(&sim).await;
    let parts: Vec<HistoryParticipant> = client.list_all(&q).await.expect("participants");
    assert_eq!(parts.len(), 10);
    let mut unique: Vec<_> = parts.iter().map(|p| p.id.0.clone()).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 10, "no object twice");
    assert!(parts.iter().all(|p| p.media_streams.len() == 2));
    let path = format!("GET {}", HistoryParticipant::list_path());
    assert_eq!(count(&sim, &path).await, 4);
}
