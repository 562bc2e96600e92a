//! A command is a POST: under injected faults it is sent exactly once (counted
//! by pexsim's `/_sim/requests`) and fails with the right typed error, while a
//! GET under the same fault is retried.

mod common;

use std::time::Duration;

use common::*;
use pexip_api::client::{Error, UnavailableReason};
use pexip_api::command::Dial;
use pexip_api::status::{Participant, ParticipantId};
use pexip_api::{Query, Resource};
use serde_json::json;

const MUTE: &str = "/api/admin/command/v1/participant/mute/";
const DIAL: &str = "/api/admin/command/v1/participant/dial/";

/// Whether the participant is muted, read past the client (and its limiter).
async fn is_muted(sim: &pexsim::SimHandle, id: &str) -> bool {
    let p = raw_get(sim, &Participant::detail_path(&ParticipantId(id.into()))).await;
    p["is_muted"].as_bool().expect("is_muted")
}

#[tokio::test]
async fn a_503_on_a_command_is_returned_after_one_attempt() {
    let sim = sim(true).await;
    let client = client(&sim);
    new_service(&client, "Fault room", "fault@example.com").await;
    let (_, ids) = start_conference(&sim, "fault@example.com", 1).await;
    fault(&sim, json!({"path_prefix": MUTE, "error": {"status": 503}})).await;
    reset_requests(&sim).await;

    let err = client
        .mute_participant(&ParticipantId(ids[0].clone()))
        .await
        .expect_err("the node fails");
    assert!(
        matches!(err, Error::Unavailable(UnavailableReason::Server(503))),
        "{err:?}"
    );
    assert_eq!(count(&sim, &format!("POST {MUTE}")).await, 1);
    assert_eq!(requests(&sim).await["total"], 1);
    // A faulted command does not run.
    assert!(!is_muted(&sim, &ids[0]).await);

    // The same fault on a GET is retried: 1 + max_retries (3) attempts.
    let list = Participant::list_path();
    fault(&sim, json!({"path_prefix": list, "error": {"status": 503}})).await;
    reset_requests(&sim).await;
    let err = client
        .list::<Participant>(&Query::new())
        .await
        .expect_err("the node fails");
    assert!(
        matches!(err, Error::Unavailable(UnavailableReason::Server(503))),
        "{err:?}"
    );
    assert_eq!(count(&sim, &format!("GET {list}")).await, 4);

    // Without the fault the command goes through, once.
    clear_faults(&sim).await;
    reset_requests(&sim).await;
    client
        .mute_participant(&ParticipantId(ids[0].clone()))
        .await
        .expect("mute");
    assert_eq!(count(&sim, &format!("POST {MUTE}")).await, 1);
    assert!(is_muted(&sim, &ids[0]).await);
}

#[tokio::test]
async fn a_429_on_a_command_is_returned_with_its_wait_not_retried() {
    let sim = sim(true).await;
    let client = client(&sim);
    new_service(&client, "Busy room", "busy@example.com").await;
    let (_, ids) = start_conference(&sim, "busy@example.com", 1).await;
    // Two 429s queued: a retry would use the second one up.
    fault(
        &sim,
        json!({"path_prefix": MUTE, "burst_429": {"count": 2, "retry_after": 1}}),
    )
    .await;
    reset_requests(&sim).await;

    let err = client
        .mute_participant(&ParticipantId(ids[0].clone()))
        .await
        .expect_err("throttled");
    assert!(
        matches!(err, Error::RateLimited(Some(d)) if d == Duration::from_secs(1)),
        "{err:?}"
    );
    assert_eq!(count(&sim, &format!("POST {MUTE}")).await, 1);
    // The rule's count went down by exactly one.
    let rules = faults(&sim).await;
    assert_eq!(rules["rules"][0]["burst_429"]["count"], 1, "{rules}");
    assert!(!is_muted(&sim, &ids[0]).await);
}

#[tokio::test]
async fn a_dial_whose_answer_breaks_is_not_sent_again() {
    let sim = sim(true).await;
    let client = client(&sim);
    let alias = "broken@example.com";
    new_service(&client, "Broken room", alias).await;
    // The node dials, then the connection breaks half-way through the answer.
    fault(
        &sim,
        json!({"path_prefix": DIAL, "close_mid_response": true}),
    )
    .await;
    reset_requests(&sim).await;

    let err = client
        .dial(&Dial {
            conference_alias: alias.into(),
            destination: "bob@example.net".into(),
            system_location: Some("London".into()),
            ..Dial::default()
        })
        .await
        .expect_err("the answer is cut");
    assert!(
        matches!(err, Error::Unavailable(UnavailableReason::Connection)),
        "{err:?}"
    );
    assert_eq!(count(&sim, &format!("POST {DIAL}")).await, 1);
    // Exactly one call was placed: a retry would have dialled twice.
    let path = Query::new()
        .eq("conference", "Broken room")
        .apply_to(&Participant::list_path());
    let placed = raw_get(&sim, &path).await;
    assert_eq!(placed["meta"]["total_count"], 1, "{placed}");
}
