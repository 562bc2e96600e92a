//! Participant and conference commands through the typed client against
//! pexsim, each effect checked by reading status (or history) back.

mod common;

use common::*;
use pexip_api::choice::{CallDirection, Role, Routing};
use pexip_api::client::{Client, Error};
use pexip_api::command::{Dial, TransformLayout};
use pexip_api::status::{Conference, ConferenceInstanceId, Participant, ParticipantId};
use pexip_api::{config, history, Query};
use pexsim::SimHandle;

async fn participant(client: &Client, id: &ParticipantId) -> Participant {
    client
        .get::<Participant>(id)
        .await
        .expect("a live participant")
}

async fn conference(client: &Client, id: &ConferenceInstanceId) -> Conference {
    client
        .get::<Conference>(id)
        .await
        .expect("a live conference")
}

/// Starts a conference of `n` Hosts on a new service.
async fn room(
    sim: &SimHandle,
    client: &Client,
    name: &str,
    alias: &str,
    n: u32,
) -> (ConferenceInstanceId, Vec<ParticipantId>) {
    new_service(client, name, alias).await;
    let (conf, ids) = start_conference(sim, alias, n).await;
    (
        ConferenceInstanceId(conf),
        ids.into_iter().map(ParticipantId).collect(),
    )
}

/// Joins a caller; returns its id and whether it waits in the lobby.
async fn join_as(sim: &SimHandle, alias: &str, role: &str, name: &str) -> (ParticipantId, bool) {
    let (id, waiting) = join(sim, alias, role, name).await;
    (ParticipantId(id), waiting)
}

#[tokio::test]
async fn mute_unmute_role_and_disconnect_a_participant() {
    let sim = sim(true).await;
    let client = client(&sim);
    let (conf, ids) = room(&sim, &client, "Command room", "command@example.com", 2).await;

    client.mute_participant(&ids[0]).await.expect("mute");
    assert!(participant(&client, &ids[0]).await.is_muted);
    assert!(!participant(&client, &ids[1]).await.is_muted);
    client.unmute_participant(&ids[0]).await.expect("unmute");
    assert!(!participant(&client, &ids[0]).await.is_muted);

    assert_eq!(participant(&client, &ids[1]).await.role, Role::Chair);
    client
        .change_participant_role(&ids[1], Role::Guest)
        .await
        .expect("role");
    assert_eq!(participant(&client, &ids[1]).await.role, Role::Guest);
    client
        .change_participant_role(&ids[1], Role::Chair)
        .await
        .expect("role back");
    assert_eq!(participant(&client, &ids[1]).await.role, Role::Chair);

    client
        .disconnect_participant(&ids[0])
        .await
        .expect("disconnect");
    assert!(matches!(
        client.get::<Participant>(&ids[0]).await,
        Err(Error::NotFound)
    ));
    let left = client
        .list::<Participant>(&Query::new().eq("conference", "Command room"))
        .await
        .expect("participants");
    assert_eq!(left.meta.total_count, 1);
    assert_eq!(left.objects[0].id, ids[1]);
    // The conference goes on; the disconnected call is in history.
    assert!(conference(&client, &conf).await.is_started);
    let gone = client
        .get::<history::Participant>(&history::HistoryParticipantId(ids[0].0.clone()))
        .await
        .expect("history participant");
    assert_eq!(gone.disconnect_reason, "Disconnected by an administrator");
}

#[tokio::test]
async fn transfer_moves_a_participant_to_another_alias_conference() {
    let sim = sim(true).await;
    let client = client(&sim);
    let (from, ids) = room(&sim, &client, "Transfer from", "from@example.com", 2).await;
    let (to, _) = room(&sim, &client, "Transfer to", "to@example.com", 1).await;

    client
        .transfer_participant(&ids[0], "to@example.com", Role::Guest)
        .await
        .expect("transfer");
    // Same participant id, now in the other conference with the new role.
    let moved = participant(&client, &ids[0]).await;
    assert_eq!(moved.conference, "Transfer to");
    assert_eq!(moved.role, Role::Guest);
    let there = client
        .list::<Participant>(&Query::new().eq("conference", "Transfer to"))
        .await
        .expect("target participants");
    assert_eq!(there.meta.total_count, 2);
    let here = client
        .list::<Participant>(&Query::new().eq("conference", "Transfer from"))
        .await
        .expect("source participants");
    assert_eq!(here.meta.total_count, 1);
    assert_eq!(here.objects[0].id, ids[1]);
    assert!(conference(&client, &from).await.is_started);
    assert!(conference(&client, &to).await.is_started);
    // The leg in the old conference went to history as transferred.
    let legs = client
        .list::<history::Participant>(
            &Query::new()
                .eq("conference_name", "Transfer from")
                .eq("disconnect_reason", "Transferred"),
        )
        .await
        .expect("history legs");
    assert_eq!(legs.meta.total_count, 1);
    assert_eq!(legs.objects[0].display_name, moved.display_name);

    // Moving the last one ends the old conference.
    client
        .transfer_participant(&ids[1], "to@example.com", Role::Chair)
        .await
        .expect("transfer");
    assert!(matches!(
        client.get::<Conference>(&from).await,
        Err(Error::NotFound)
    ));
    assert_eq!(
        participant(&client, &ids[1]).await.conference,
        "Transfer to"
    );
}

#[tokio::test]
async fn a_locked_conference_holds_new_guests_until_unlocked() {
    let sim = sim(true).await;
    let client = client(&sim);
    let alias = "lock@example.com";
    let (conf, _) = room(&sim, &client, "Lock room", alias, 1).await;

    client.lock_conference(&conf).await.expect("lock");
    assert!(conference(&client, &conf).await.is_locked);
    let (first, waiting) = join_as(&sim, alias, "guest", "Guest one").await;
    assert!(waiting);
    let (second, waiting) = join_as(&sim, alias, "guest", "Guest two").await;
    assert!(waiting);
    // Status shows them in the lobby, without media.
    for id in [&first, &second] {
        let p = participant(&client, id).await;
        assert!(p.is_on_hold && !p.has_media, "{p:?}");
        let streams = client.participant_media_streams(id).await.expect("streams");
        assert!(streams.is_empty(), "{streams:?}");
    }
    // A Host is not held.
    let (_, waiting) = join_as(&sim, alias, "chair", "Late host").await;
    assert!(!waiting);

    // participant/unlock lets one in.
    client.unlock_participant(&first).await.expect("admit one");
    let p = participant(&client, &first).await;
    assert!(!p.is_on_hold && p.has_media, "{p:?}");
    assert!(participant(&client, &second).await.is_on_hold);
    assert!(conference(&client, &conf).await.is_locked);

    // conference/unlock lets everyone else in, and new Guests enter directly.
    client.unlock_conference(&conf).await.expect("unlock");
    assert!(!conference(&client, &conf).await.is_locked);
    let p = participant(&client, &second).await;
    assert!(!p.is_on_hold && p.has_media, "{p:?}");
    let (_, waiting) = join_as(&sim, alias, "guest", "Guest three").await;
    assert!(!waiting);
}

#[tokio::test]
async fn mute_guests_and_transform_layout_show_in_status() {
    let sim = sim(true).await;
    let client = client(&sim);
    let alias = "guests@example.com";
    let (conf, hosts) = room(&sim, &client, "Guest room", alias, 1).await;
    let (guest, _) = join_as(&sim, alias, "guest", "Guest").await;

    client.mute_guests(&conf).await.expect("mute guests");
    assert!(conference(&client, &conf).await.guests_muted);
    assert!(participant(&client, &guest).await.is_muted);
    assert!(!participant(&client, &hosts[0]).await.is_muted);
    // Guests who join while muted are muted too.
    let (late, _) = join_as(&sim, alias, "guest", "Late guest").await;
    assert!(participant(&client, &late).await.is_muted);
    client.unmute_guests(&conf).await.expect("unmute guests");
    assert!(!conference(&client, &conf).await.guests_muted);
    for id in [&guest, &late] {
        assert!(!participant(&client, id).await.is_muted);
    }

    let layout = |c: &Conference, key: &str| c.extra.get(key).cloned().unwrap_or_default();
    let before = conference(&client, &conf).await;
    assert_eq!(layout(&before, "layout"), "");
    client
        .transform_layout(&TransformLayout {
            conference_id: conf.clone(),
            layout: Some("4:0".into()),
            host_layout: Some("1:7".into()),
            enable_overlay_text: Some(true),
            ..Default::default()
        })
        .await
        .expect("transform_layout");
    let after = conference(&client, &conf).await;
    assert_eq!(layout(&after, "layout"), "4:0");
    assert_eq!(layout(&after, "host_layout"), "1:7");
    assert_eq!(layout(&after, "guest_layout"), "");
    assert_eq!(layout(&after, "enable_overlay_text"), true);
    // Absent values stay as they are.
    client
        .transform_layout(&TransformLayout {
            conference_id: conf.clone(),
            guest_layout: Some("9:0".into()),
            ..Default::default()
        })
        .await
        .expect("transform_layout");
    let again = conference(&client, &conf).await;
    assert_eq!(layout(&again, "layout"), "4:0");
    assert_eq!(layout(&again, "guest_layout"), "9:0");
    assert_eq!(layout(&again, "enable_overlay_text"), true);
    // A layout the node does not know is a validation error on `layout`.
    let err = client
        .transform_layout(&TransformLayout {
            conference_id: conf.clone(),
            layout: Some("7:7".into()),
            ..Default::default()
        })
        .await
        .expect_err("an unknown layout");
    let fields = err.field_errors().expect("a validation error");
    assert!(fields["layout"][0].contains("7:7"), "{fields:?}");
    assert_eq!(layout(&conference(&client, &conf).await, "layout"), "4:0");
}

#[tokio::test]
async fn conference_disconnect_ends_it_for_everyone() {
    let sim = sim(true).await;
    let client = client(&sim);
    let (conf, ids) = room(&sim, &client, "Ending room", "ending@example.com", 3).await;
    client
        .disconnect_conference(&conf)
        .await
        .expect("disconnect");
    assert!(matches!(
        client.get::<Conference>(&conf).await,
        Err(Error::NotFound)
    ));
    let left = client
        .list::<Participant>(&Query::new().eq("conference", "Ending room"))
        .await
        .expect("participants");
    assert_eq!(left.meta.total_count, 0);
    for id in &ids {
        assert!(matches!(
            client.get::<Participant>(id).await,
            Err(Error::NotFound)
        ));
    }
    let ended = client
        .get::<history::Conference>(&history::HistoryConferenceId(conf.0.clone()))
        .await
        .expect("history conference");
    assert_eq!(ended.participant_count, 3);
}

/// The address of a Conferencing Node in the demo's London location.
async fn london_node(client: &Client) -> String {
    let nodes: Vec<config::WorkerVm> = client
        .list_all(&Query::new().eq("system_location__name", "London"))
        .await
        .expect("nodes");
    nodes
        .iter()
        .find(|n| n.node_type == pexip_api::choice::NodeType::Conferencing)
        .map(|n| n.address.clone())
        .expect("a London conferencing node")
}

#[tokio::test]
async fn dial_with_manual_routing_adds_the_participant() {
    let sim = sim(true).await;
    let client = client(&sim);
    let alias = "dial@example.com";
    new_service(&client, "Dial room", alias).await;
    let node = london_node(&client).await;

    // By node address: the conference starts with the dialled participant.
    let data = client
        .dial(&Dial {
            conference_alias: alias.into(),
            destination: "sip:bob@example.net".into(),
            routing: Some(Routing::Manual),
            node: Some(node.clone()),
            role: Some(Role::Chair),
            remote_display_name: Some("Bob".into()),
            ..Dial::default()
        })
        .await
        .expect("dial by node");
    assert!(!data.participant_id.0.is_empty());
    assert_eq!(data.participant_ids, vec![data.participant_id.clone()]);
    let p = participant(&client, &data.participant_id).await;
    assert_eq!(p.conference, "Dial room");
    assert_eq!(p.call_direction, CallDirection::Out);
    assert_eq!(p.display_name, "Bob");
    assert_eq!(p.role, Role::Chair);
    assert_eq!(p.media_node, node);
    assert_eq!(p.system_location, "London");

    // By location only, into a locked conference: a dial-out is not held.
    let conf = ConferenceInstanceId(
        client
            .list::<Conference>(&Query::new().eq("name", "Dial room"))
            .await
            .expect("conference")
            .objects[0]
            .id
            .0
            .clone(),
    );
    client.lock_conference(&conf).await.expect("lock");
    let data = client
        .dial(&Dial {
            conference_alias: alias.into(),
            destination: "carol@example.net".into(),
            routing: Some(Routing::Manual),
            system_location: Some("New York".into()),
            ..Dial::default()
        })
        .await
        .expect("dial by location");
    let p = participant(&client, &data.participant_id).await;
    assert_eq!(p.system_location, "New York");
    assert_eq!(p.role, Role::Guest);
    assert!(!p.is_on_hold && p.has_media, "{p:?}");
    let all = client
        .list::<Participant>(&Query::new().eq("conference", "Dial room"))
        .await
        .expect("participants");
    assert_eq!(all.meta.total_count, 2);
}

/// A change to a valid dial.
type Change = fn(&mut Dial);

#[tokio::test]
async fn bad_dials_are_validation_errors_naming_the_field() {
    let sim = sim(true).await;
    let client = client(&sim);
    let alias = "baddial@example.com";
    new_service(&client, "Bad dial room", alias).await;
    let dial = |f: fn(&mut Dial)| {
        let mut d = Dial {
            conference_alias: alias.into(),
            destination: "bob@example.net".into(),
            routing: Some(Routing::Manual),
            node: Some("10.1.0.11".into()),
            ..Dial::default()
        };
        f(&mut d);
        d
    };
    let cases: [(Change, &str, &str); 5] = [
        (
            |d| d.node = None,
            "node",
            "Give node or system_location (or both) with manual routing.",
        ),
        (|d| d.node = Some("10.9.9.9".into()), "node", "10.9.9.9"),
        (
            |d| d.conference_alias = "nobody@example.com".into(),
            "conference_alias",
            "nobody@example.com",
        ),
        (
            |d| d.routing = Some(Routing::Other("teleport".into())),
            "routing",
            "teleport is not one of the available choices",
        ),
        (
            |d| {
                d.routing = Some(Routing::RoutingRule);
                d.node = None;
            },
            "system_location",
            "required",
        ),
    ];
    reset_requests(&sim).await;
    for (change, field, text) in cases {
        let d = dial(change);
        let err = client.dial(&d).await.expect_err("a bad dial");
        let fields = err
            .field_errors()
            .unwrap_or_else(|| panic!("{d:?}: not a validation error: {err:?}"));
        let msg = fields.get(field).and_then(|m| m.first());
        assert!(msg.is_some_and(|m| m.contains(text)), "{d:?}: {fields:?}");
    }
    // Each was sent once, and nobody was dialled.
    assert_eq!(
        count(&sim, "POST /api/admin/command/v1/participant/dial/").await,
        5
    );
    let none = client
        .list::<Participant>(&Query::new().eq("conference", "Bad dial room"))
        .await
        .expect("participants");
    assert_eq!(none.meta.total_count, 0);
}

#[tokio::test]
async fn unknown_ids_are_command_failures_naming_them() {
    let sim = sim(true).await;
    let client = client(&sim);
    new_service(&client, "Target room", "target@example.com").await;
    let pid = ParticipantId("no-such-participant-42".into());
    let cid = ConferenceInstanceId("no-such-conference-7".into());
    let named = |err: Error, id: &str| {
        assert!(
            matches!(&err, Error::CommandFailed(m) if m.contains(id)),
            "{err:?}"
        );
        assert!(err.user_message().contains(id), "{}", err.user_message());
    };
    named(
        client.mute_participant(&pid).await.expect_err("mute"),
        &pid.0,
    );
    named(
        client.unmute_participant(&pid).await.expect_err("unmute"),
        &pid.0,
    );
    named(
        client
            .disconnect_participant(&pid)
            .await
            .expect_err("disconnect"),
        &pid.0,
    );
    named(
        client.unlock_participant(&pid).await.expect_err("unlock"),
        &pid.0,
    );
    named(
        client
            .change_participant_role(&pid, Role::Chair)
            .await
            .expect_err("role"),
        &pid.0,
    );
    named(
        client
            .transfer_participant(&pid, "target@example.com", Role::Guest)
            .await
            .expect_err("transfer"),
        &pid.0,
    );
    named(
        client.lock_conference(&cid).await.expect_err("lock"),
        &cid.0,
    );
    named(
        client.unlock_conference(&cid).await.expect_err("unlock"),
        &cid.0,
    );
    named(
        client.mute_guests(&cid).await.expect_err("mute_guests"),
        &cid.0,
    );
    named(
        client.unmute_guests(&cid).await.expect_err("unmute_guests"),
        &cid.0,
    );
    named(
        client
            .disconnect_conference(&cid)
            .await
            .expect_err("disconnect"),
        &cid.0,
    );
    named(
        client
            .transform_layout(&TransformLayout {
                conference_id: cid.clone(),
                layout: Some("4:0".into()),
                ..Default::default()
            })
            .await
            .expect_err("transform_layout"),
        &cid.0,
    );
}
