//! A `user` reaches only services they own, whatever ids they guess; helpdesk reaches all.

use axum::http::StatusCode;
use pexdesk_store::Role;
use pexip_api::{config::Conference, Query, Specifier};

use crate::common::app_on_pexsim;

const USERS: &[(&str, Role)] = &[
    ("alice@example.com", Role::User),
    ("mallory@example.com", Role::User),
    ("helpdesk@example.com", Role::Helpdesk),
];

#[tokio::test]
async fn a_user_sees_and_opens_only_their_own_rooms() {
    let (app, sim, node) = app_on_pexsim(USERS).await;
    let owned = node
        .list::<Conference>(&Query::new().filter(
            "primary_owner_email_address",
            Specifier::IExact,
            "alice@example.com",
        ))
        .await
        .unwrap()
        .objects;
    assert!(!owned.is_empty(), "the demo data gives alice rooms");
    let others = node
        .list::<Conference>(&Query::new().limit(100))
        .await
        .unwrap()
        .objects
        .into_iter()
        .filter(|c| {
            !c.primary_owner_email_address
                .eq_ignore_ascii_case("alice@example.com")
        })
        .collect::<Vec<_>>();
    assert!(!others.is_empty());

    let alice = app.sign_in("alice@example.com").await;
    let list = app.get("/api/my-rooms/list", Some(&alice)).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let rooms: Vec<serde_json::Value> = serde_json::from_str(&list.body).unwrap();
    assert_eq!(rooms.len(), owned.len());
    assert!(rooms.iter().all(|r| r["owner"]
        .as_str()
        .unwrap()
        .eq_ignore_ascii_case("alice@example.com")));
    assert!(!list.body.contains("\"pin\""), "PINs are never sent");

    let own = app
        .get(
            &format!("/api/my-rooms/get?id={}", owned[0].id.0),
            Some(&alice),
        )
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    for other in others.iter().take(10) {
        let guessed = app
            .get(
                &format!("/api/my-rooms/get?id={}", other.id.0),
                Some(&alice),
            )
            .await;
        assert_eq!(guessed.status, StatusCode::NOT_FOUND, "{}", other.name);
        assert!(
            !guessed.body.contains(&other.name),
            "nothing of the room leaks"
        );
    }
    // An id that does not exist answers exactly the same.
    let missing = app.get("/api/my-rooms/get?id=999999", Some(&alice)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let mallory = app.sign_in("mallory@example.com").await;
    let stolen = app
        .get(
            &format!("/api/my-rooms/get?id={}", owned[0].id.0),
            Some(&mallory),
        )
        .await;
    assert_eq!(stolen.status, StatusCode::NOT_FOUND);
    let empty = app.get("/api/my-rooms/list", Some(&mallory)).await;
    assert_eq!(empty.body, "[]");

    let helpdesk = app.sign_in("helpdesk@example.com").await;
    let any = app
        .get(
            &format!("/api/my-rooms/get?id={}", others[0].id.0),
            Some(&helpdesk),
        )
        .await;
    assert_eq!(any.status, StatusCode::OK);
    sim.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_node_is_a_clear_error_not_a_hang() {
    let (app, sim, _) = app_on_pexsim(USERS).await;
    let alice = app.sign_in("alice@example.com").await;
    sim.shutdown().await;
    let reply = app.get("/api/my-rooms/list", Some(&alice)).await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY, "{}", reply.body);
    assert!(reply.body.contains("operation_id"), "{}", reply.body);
    assert!(
        !reply.body.contains("127.0.0.1"),
        "no upstream detail leaks: {}",
        reply.body
    );
}

/// Starts a meeting with `n` participants on the service with this alias, through
/// pexsim's control API; answers the participant ids.
async fn start_meeting(sim: &pexsim::SimHandle, alias: &str, n: usize) -> Vec<String> {
    let reply: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/_sim/conferences", sim.base_url()))
        .basic_auth("admin", Some(pexsim::DEFAULT_PASSWORD))
        .json(&serde_json::json!({ "alias": alias, "participants": n, "role": "guest" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    reply["participant_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

async fn muted(node: &pexip_api::client::Client, id: &str) -> bool {
    node.get::<pexip_api::status::Participant>(&pexip_api::status::ParticipantId(id.to_owned()))
        .await
        .unwrap()
        .is_muted
}

#[tokio::test]
async fn a_user_cannot_act_on_a_participant_of_another_owners_meeting() {
    let (app, sim, node) = app_on_pexsim(USERS).await;
    let all = node
        .list::<Conference>(&Query::new().eq("service_type", "conference").limit(200))
        .await
        .unwrap()
        .objects;
    let mine = all
        .iter()
        .find(|c| {
            c.primary_owner_email_address
                .eq_ignore_ascii_case("alice@example.com")
                && !c.aliases.is_empty()
        })
        .unwrap();
    let theirs = all
        .iter()
        .find(|c| {
            !c.primary_owner_email_address
                .eq_ignore_ascii_case("alice@example.com")
                && !c.aliases.is_empty()
        })
        .unwrap();
    let my_people = start_meeting(&sim, &mine.aliases[0].alias, 1).await;
    let their_people = start_meeting(&sim, &theirs.aliases[0].alias, 1).await;
    let alice = app.sign_in("alice@example.com").await;

    // Her own room, someone else's participant.
    let reply = app
        .post_form(
            "/api/my-rooms/meeting/attendee",
            &format!(
                "room_id={}&participant_id={}&action=mute",
                mine.id.0, their_people[0]
            ),
            Some(&alice),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
    // Someone else's room and participant.
    let reply = app
        .post_form(
            "/api/my-rooms/meeting/attendee",
            &format!(
                "room_id={}&participant_id={}&action=disconnect",
                theirs.id.0, their_people[0]
            ),
            Some(&alice),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
    let reply = app
        .post_form(
            "/api/my-rooms/meeting/act",
            &format!("room_id={}&action=end", theirs.id.0),
            Some(&alice),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
    let seen = app
        .get(
            &format!("/api/my-rooms/meeting?room_id={}", theirs.id.0),
            Some(&alice),
        )
        .await;
    assert_eq!(seen.status, StatusCode::NOT_FOUND);
    assert!(
        !muted(&node, &their_people[0]).await,
        "the other meeting is untouched"
    );

    // Her own participant, in her own room: that works.
    let meeting = app
        .get(
            &format!("/api/my-rooms/meeting?room_id={}", mine.id.0),
            Some(&alice),
        )
        .await;
    assert_eq!(meeting.status, StatusCode::OK, "{}", meeting.body);
    assert!(meeting.body.contains(&my_people[0]));
    let reply = app
        .post_form(
            "/api/my-rooms/meeting/attendee",
            &format!(
                "room_id={}&participant_id={}&action=mute",
                mine.id.0, my_people[0]
            ),
            Some(&alice),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(muted(&node, &my_people[0]).await);
}
