//! pexsim's status, history and command output read into pexdesk's models (`pexip-api`) and
//! written back without losing a field: names and types agree.

use crate::common::*;
use pexip_api::command::{CommandResponse, DialData};
use pexip_api::{history, status, Timestamp};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// `out` keeps every key of `input` with an equal value (datetimes may change form; `""` may
/// become null).
fn assert_keeps(input: &Value, out: &Value, at: &str) {
    match (input, out) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                if v.is_null() && !b.contains_key(k) {
                    continue;
                }
                let w = b.get(k).unwrap_or_else(|| panic!("{at}.{k} was dropped"));
                assert_keeps(v, w, &format!("{at}.{k}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{at}");
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                assert_keeps(v, w, &format!("{at}[{i}]"));
            }
        }
        (Value::String(s), Value::Null) if s.is_empty() => {}
        (Value::String(s), Value::String(t)) if s != t => {
            assert!(
                Timestamp::parse(s).is_some() && Timestamp::parse(s) == Timestamp::parse(t),
                "{at}: {s} became {t}"
            );
        }
        (Value::Number(x), Value::Number(y)) => assert_eq!(x.as_f64(), y.as_f64(), "{at}"),
        (a, b) => assert_eq!(a, b, "{at}"),
    }
}

fn read<T: DeserializeOwned + Serialize>(v: &Value, what: &str) -> T {
    let model: T = serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{what}: {e}\n{v}"));
    assert_keeps(v, &serde_json::to_value(&model).unwrap(), what);
    model
}

async fn each<T: DeserializeOwned + Serialize>(sim: &Sim, path: &str, what: &str) -> usize {
    let objects = sim.objects(&format!("{path}?limit=50")).await;
    for o in &objects {
        read::<T>(o, what);
        if let Some(uri) = o["resource_uri"].as_str() {
            read::<T>(&sim.get(uri).await.json(), &format!("{what} detail"));
        }
    }
    objects.len()
}

#[tokio::test]
async fn status_history_and_command_output_fit_the_client_models() {
    let sim = demo().await;
    sim.step(20.0, 3, "low").await;
    assert!(
        each::<status::Conference>(&sim, &format!("{STATUS}/conference/"), "conference").await > 0
    );
    assert!(
        each::<status::Participant>(&sim, &format!("{STATUS}/participant/"), "participant").await
            > 0
    );
    assert!(each::<status::WorkerVm>(&sim, &format!("{STATUS}/worker_vm/"), "worker_vm").await > 0);
    assert!(
        each::<status::SystemLocation>(&sim, &format!("{STATUS}/system_location/"), "location")
            .await
            > 0
    );
    assert!(
        each::<status::CloudNode>(&sim, &format!("{STATUS}/cloud_node/"), "cloud_node").await > 0
    );
    assert!(each::<status::Alarm>(&sim, &format!("{STATUS}/alarm/"), "alarm").await > 0);
    assert_eq!(
        each::<status::Licensing>(&sim, &format!("{STATUS}/licensing/"), "licensing").await,
        1
    );
    assert!(
        each::<status::RegistrationAlias>(
            &sim,
            &format!("{STATUS}/registration_alias/"),
            "registration"
        )
        .await
            > 0
    );
    assert!(
        each::<history::Conference>(
            &sim,
            &format!("{HISTORY}/conference/"),
            "history conference"
        )
        .await
            > 0
    );
    assert!(
        each::<history::Participant>(
            &sim,
            &format!("{HISTORY}/participant/"),
            "history participant"
        )
        .await
            > 0
    );
    // Details with quality history, media streams and statistics.
    let p = &sim
        .objects(&format!("{STATUS}/participant/?is_on_hold=false&limit=1"))
        .await[0];
    let one: status::Participant = read(
        &sim.get(p["resource_uri"].as_str().unwrap()).await.json(),
        "participant",
    );
    assert_eq!(
        one.historic_call_quality.as_ref().map(Vec::len),
        Some(
            one.bucketed_call_quality
                .as_ref()
                .unwrap()
                .iter()
                .sum::<i64>() as usize
        )
    );
    for s in sim
        .objects(&format!(
            "{}media_stream/",
            p["resource_uri"].as_str().unwrap()
        ))
        .await
    {
        read::<status::MediaStream>(&s, "media stream");
    }
    let h = &sim
        .objects(&format!("{HISTORY}/participant/?limit=1"))
        .await[0];
    for s in sim
        .objects(&format!(
            "{}media_stream/",
            h["resource_uri"].as_str().unwrap()
        ))
        .await
    {
        read::<history::MediaStream>(&s, "history media stream");
    }
    let stats = sim
        .get(&format!("{STATUS}/worker_vm/1/statistics/"))
        .await
        .json();
    read::<status::Statistics>(&stats, "statistics");
    // Command answers.
    let dial = sim
        .command(
            "participant/dial",
            &[
                ("conference_alias", "meet.alice.team.standup@example.com"),
                ("destination", "bob@example.com"),
                ("system_location", "London"),
            ],
        )
        .await;
    let d: CommandResponse<DialData> = read(&dial, "dial");
    assert!(d.is_success());
    assert_eq!(d.data.unwrap().participant_ids.len(), 1);
    let failed = sim
        .form(
            &format!("{COMMAND}/participant/mute/"),
            &[("participant_id", "nope")],
        )
        .await
        .json();
    let f: CommandResponse<pexip_api::Extra> = read(&failed, "failure");
    assert!(f.failure_text().unwrap().contains("nope"));
    let _: CommandResponse<pexip_api::Extra> = read(&json!({"status": "success"}), "cloudnode");
}
