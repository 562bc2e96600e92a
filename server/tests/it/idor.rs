//! A `user` reaches only services they own, whatever ids they guess; helpdesk reaches all.

use axum::http::StatusCode;
use pexdesk_store::Role;
use pexip_api::{config::Conference, Query, Specifier};
use server::{
    config::{Secret, Settings},
    upstream,
};

use crate::common::{add_accounts, app_on, TestApp};

async fn app_on_pexsim() -> (TestApp, pexsim::SimHandle, pexip_api::client::Client) {
    let sim = pexsim::spawn(pexsim::Config {
        demo: true,
        ..pexsim::Config::default()
    })
    .await
    .unwrap();
    let settings = Settings {
        upstream_url: Some(sim.base_url()),
        upstream_username: "admin".into(),
        upstream_password: Some(Secret::new(pexsim::DEFAULT_PASSWORD)),
        ..Settings::default()
    };
    let node = upstream::connect(&settings).await.unwrap().client;
    let app = app_on(settings, node.clone()).await;
    add_accounts(
        &app,
        &[
            ("alice@example.com", Role::User),
            ("mallory@example.com", Role::User),
            ("helpdesk@example.com", Role::Helpdesk),
        ],
    )
    .await;
    (app, sim, node)
}

#[tokio::test]
async fn a_user_sees_and_opens_only_their_own_rooms() {
    let (app, sim, node) = app_on_pexsim().await;
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
    let (app, sim, _) = app_on_pexsim().await;
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
