//! The activity engine: busy means hundreds of participants across dozens of conferences; the
//! same seed gives the same activity; status-only changes never save the state file; the demo
//! has calls in progress and a month of history.

use crate::common::*;
use futures_util::FutureExt;
use pexsim::Config;
use serde_json::{json, Value};

/// What the activity produced, without times (which follow the clock).
async fn fingerprint(sim: &Sim) -> Vec<Value> {
    sim.objects(&format!("{STATUS}/participant/?limit=0"))
        .await
        .iter()
        .map(|p| {
            json!([
                p["id"],
                p["display_name"],
                p["protocol"],
                p["role"],
                p["conference"],
                p["media_node"],
                p["call_quality"],
                p["is_muted"],
                p["vendor"]
            ])
        })
        .collect()
}

#[tokio::test]
async fn busy_activity_fills_dozens_of_conferences_with_hundreds_of_participants() {
    let sim = demo().await;
    let summary = sim.step(15.0, 60, "busy").await;
    let conferences = summary["conferences"].as_u64().unwrap();
    let participants = summary["participants"].as_u64().unwrap();
    assert!(conferences >= 24, "{conferences} conferences");
    assert!(participants >= 150, "{participants} participants");
    let ps = sim.objects(&format!("{STATUS}/participant/?limit=0")).await;
    let protocols: std::collections::BTreeSet<&str> =
        ps.iter().map(|p| p["protocol"].as_str().unwrap()).collect();
    for p in ["WebRTC", "SIP", "Teams"] {
        assert!(protocols.contains(p), "{protocols:?}");
    }
    assert!(ps.iter().any(|p| p["role"] == "guest") && ps.iter().any(|p| p["role"] == "chair"));
    let nodes: std::collections::BTreeSet<&str> = ps
        .iter()
        .map(|p| p["media_node"].as_str().unwrap())
        .collect();
    assert!(
        nodes.len() >= 2,
        "calls are spread over the locations: {nodes:?}"
    );
    // Calls ended into history while it ran, and load follows the calls.
    assert!(
        sim.total(&format!("{HISTORY}/participant/?end_time__gte=2000-01-01"))
            .await
            > 2000
    );
    let loads: Vec<f64> = sim
        .objects(&format!("{STATUS}/worker_vm/?node_type=CONFERENCING"))
        .await
        .iter()
        .map(|w| w["media_load"].as_f64().unwrap())
        .collect();
    assert!(loads.iter().any(|l| *l > 5.0), "{loads:?}");
}

#[tokio::test]
async fn the_same_seed_gives_the_same_activity() {
    let a = demo().await;
    let b = demo().await;
    for sim in [&a, &b] {
        sim.post("/_sim/reset", json!({"seed": 42})).await;
        sim.step(10.0, 30, "low").await;
    }
    let fa = fingerprint(&a).await;
    assert!(fa.len() > 5, "{}", fa.len());
    assert_eq!(fa, fingerprint(&b).await);
    let ha = a
        .objects(&format!("{HISTORY}/conference/?limit=0&order_by=name"))
        .await;
    let hb = b
        .objects(&format!("{HISTORY}/conference/?limit=0&order_by=name"))
        .await;
    let ids = |h: &[Value]| h.iter().map(|c| c["id"].clone()).collect::<Vec<_>>();
    assert_eq!(ids(&ha), ids(&hb));
    // Another seed, other activity.
    b.post("/_sim/reset", json!({"seed": 43})).await;
    b.step(10.0, 30, "low").await;
    assert_ne!(fa, fingerprint(&b).await);
    // Resetting to the first seed again gives the first run back.
    b.post("/_sim/reset", json!({"seed": 42})).await;
    b.step(10.0, 30, "low").await;
    assert_eq!(fa, fingerprint(&b).await);
}

#[tokio::test]
async fn status_changes_never_trigger_a_state_file_save() {
    let sim = guide_node().await;
    let changed = sim.handle.state().changed.clone();
    // The set-up above changed the configuration: consume that signal.
    let _ = changed.notified().now_or_never();
    let config_revision = || sim.handle.state().read(|s| s.api_revision("configuration"));
    let before = config_revision();
    let (_, ids) = sim.start_call("meet@example.com", 3).await;
    sim.step(20.0, 10, "low").await;
    sim.command("participant/mute", &[("participant_id", &ids[0])])
        .await;
    sim.delete(&format!("/_sim/participants/{}", ids[1])).await;
    assert_eq!(config_revision(), before);
    assert!(
        changed.notified().now_or_never().is_none(),
        "no save was signalled"
    );
    sim.create("conference", json!({"name": "A change"})).await;
    assert!(
        changed.notified().now_or_never().is_some(),
        "a configuration change is saved"
    );
}

#[tokio::test]
async fn the_state_file_holds_the_configuration_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let sim = guide_node_with(Config {
        state_file: Some(path.clone()),
        ..Config::default()
    })
    .await;
    sim.start_call("meet@example.com", 2).await;
    let handle = sim.handle;
    handle.shutdown().await;
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("configuration/conference"));
    assert!(!text.contains("status/") && !text.contains("history/"));
}

#[tokio::test]
async fn the_demo_starts_with_calls_in_progress_and_a_month_of_history() {
    let sim = demo().await;
    let conferences = sim.objects(&format!("{STATUS}/conference/")).await;
    assert_eq!(conferences.len(), 3);
    assert!(conferences.iter().any(|c| c["is_locked"] == true));
    assert_eq!(
        sim.total(&format!("{STATUS}/participant/?is_on_hold=true"))
            .await,
        1
    );
    let history = sim.total(&format!("{HISTORY}/conference/")).await;
    assert!((600..=800).contains(&history), "{history}");
    assert!(sim.total(&format!("{HISTORY}/participant/")).await >= 2000);
    let oldest = sim
        .objects(&format!(
            "{HISTORY}/conference/?order_by=start_time&limit=1"
        ))
        .await;
    let newest = sim
        .objects(&format!(
            "{HISTORY}/conference/?order_by=-start_time&limit=1"
        ))
        .await;
    let days = |s: &Value| {
        let d = s["start_time"].as_str().unwrap();
        time::Date::parse(
            &d[..10],
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .unwrap()
    };
    let span = days(&newest[0]) - days(&oldest[0]);
    assert!((28..=31).contains(&span.whole_days()), "{span}");
    // The same seed gives the same demo.
    let again = demo().await;
    let ids = |v: Vec<Value>| v.iter().map(|c| c["id"].clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(sim.objects(&format!("{HISTORY}/conference/?limit=0")).await),
        ids(again
            .objects(&format!("{HISTORY}/conference/?limit=0"))
            .await)
    );
}
