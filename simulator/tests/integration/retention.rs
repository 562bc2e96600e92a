//! History retention: at most `history_retention` conference instances; the oldest leaves
//! first, with its participants and media streams.

use crate::common::*;
use pexsim::Config;
use reqwest::StatusCode;

#[tokio::test]
async fn the_oldest_conference_leaves_history_first_with_its_participants() {
    let sim = guide_node_with(Config {
        history_retention: 3,
        ..Config::default()
    })
    .await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let alias = if i % 2 == 0 {
            "meet@example.com"
        } else {
            "meet2@example.com"
        };
        let (id, _) = sim.start_call(alias, 2).await;
        sim.step(20.0, 1, "off").await;
        sim.delete(&format!("/_sim/conferences/{id}")).await;
        ids.push(id);
    }
    assert_eq!(sim.total(&format!("{HISTORY}/conference/")).await, 3);
    for old in &ids[..2] {
        assert_eq!(
            sim.get(&format!("{HISTORY}/conference/{old}/"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            sim.total(&format!("{HISTORY}/participant/?conference={old}"))
                .await,
            0
        );
    }
    for kept in &ids[2..] {
        assert_eq!(
            sim.get(&format!("{HISTORY}/conference/{kept}/"))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            sim.total(&format!("{HISTORY}/participant/?conference={kept}"))
                .await,
            2
        );
    }
    assert_eq!(sim.total(&format!("{HISTORY}/participant/")).await, 6);
    assert_eq!(sim.total(&format!("{HISTORY}/media_stream/")).await, 12);
}

#[tokio::test]
async fn the_default_limit_is_ten_thousand_and_preloads_respect_it() {
    assert_eq!(Config::default().history_retention, 10_000);
    let sim = guide_node_with(Config {
        history_retention: 50,
        preload_history: 1000,
        ..Config::default()
    })
    .await;
    assert_eq!(sim.total(&format!("{HISTORY}/conference/")).await, 50);
    assert_eq!(sim.total(&format!("{HISTORY}/participant/")).await, 1000);
}
