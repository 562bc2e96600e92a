//! Ordering edge cases across pages: ties keep id order, nulls sort first (last descending),
//! several keys, filters combined with ordering, and `total_count` on every page.

use crate::common::*;
use serde_json::{json, Value};
use std::cmp::Ordering;

/// 23 services; `participant_limit` repeats (ties) and is null for every fifth.
async fn tied() -> Sim {
    let sim = empty().await;
    for i in 1..=23 {
        let limit = if i % 5 == 0 {
            json!(null)
        } else {
            json!((i * 7) % 4)
        };
        sim.create(
            "conference",
            json!({"name": format!("S{i:02}"), "participant_limit": limit}),
        )
        .await;
    }
    sim
}

/// Every object of `query` (no ordering) in store order, as (id, name, participant_limit).
async fn all(sim: &Sim, query: &str) -> Vec<(u64, String, Option<i64>)> {
    sim.objects(&format!("{CONF}/conference/?{query}&limit=0"))
        .await
        .iter()
        .map(|o| {
            (
                o["id"].as_u64().unwrap(),
                o["name"].as_str().unwrap().to_string(),
                o["participant_limit"].as_i64(),
            )
        })
        .collect()
}

/// Walks the pages of `query` with `limit`, checking `total_count` on each; returns the names.
async fn paged(sim: &Sim, query: &str, limit: usize, total: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut offset = 0;
    while offset <= total {
        let page = sim
            .get(&format!(
                "{CONF}/conference/?{query}&limit={limit}&offset={offset}"
            ))
            .await
            .json();
        assert_eq!(
            page["meta"]["total_count"], total,
            "{query} offset {offset}"
        );
        let objects: Vec<Value> = page["objects"].as_array().unwrap().clone();
        assert_eq!(objects.len(), limit.min(total.saturating_sub(offset)));
        out.extend(names(&objects));
        offset += limit;
    }
    out
}

fn expect(
    mut rows: Vec<(u64, String, Option<i64>)>,
    cmp: impl Fn(&(u64, String, Option<i64>), &(u64, String, Option<i64>)) -> Ordering,
) -> Vec<String> {
    rows.sort_by(|a, b| cmp(a, b).then(a.0.cmp(&b.0)));
    rows.into_iter().map(|r| r.1).collect()
}

#[tokio::test]
async fn ties_and_nulls_keep_a_stable_order_across_pages() {
    let sim = tied().await;
    let rows = all(&sim, "").await;
    assert_eq!(rows.len(), 23);
    let asc = expect(rows.clone(), |a, b| a.2.cmp(&b.2));
    assert_eq!(asc[..4], ["S05", "S10", "S15", "S20"], "nulls first, by id");
    for limit in [1, 4, 7, 23, 30] {
        assert_eq!(
            paged(&sim, "order_by=participant_limit", limit, 23).await,
            asc
        );
    }
    let desc = expect(rows.clone(), |a, b| b.2.cmp(&a.2));
    assert_eq!(
        desc[19..],
        ["S05", "S10", "S15", "S20"],
        "nulls last, by id"
    );
    for limit in [1, 4, 7, 23] {
        assert_eq!(
            paged(&sim, "order_by=-participant_limit", limit, 23).await,
            desc
        );
    }
    let two = expect(rows, |a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)));
    assert_eq!(
        paged(&sim, "order_by=-participant_limit&order_by=-name", 5, 23).await,
        two
    );
}

#[tokio::test]
async fn filters_with_ordering_count_every_match_and_page_past_the_end() {
    let sim = tied().await;
    let rows = all(&sim, "name__startswith=s1").await;
    assert_eq!(rows.len(), 10);
    let want = expect(rows, |a, b| b.2.cmp(&a.2));
    assert_eq!(
        paged(
            &sim,
            "name__startswith=s1&order_by=-participant_limit",
            3,
            10
        )
        .await,
        want
    );
    let beyond = sim
        .get(&format!(
            "{CONF}/conference/?name__startswith=s1&order_by=name&offset=50"
        ))
        .await
        .json();
    assert_eq!(beyond["objects"], json!([]));
    assert_eq!(beyond["meta"]["total_count"], 10);
    let none = sim
        .get(&format!(
            "{CONF}/conference/?name__startswith=zz&order_by=name"
        ))
        .await
        .json();
    assert_eq!(none["objects"], json!([]));
    assert_eq!(none["meta"]["total_count"], 0);
}

#[tokio::test]
async fn absent_and_null_values_order_together_with_related_lookups() {
    // Preloaded services store no `participant_limit` at all; they order like nulls.
    let sim = start(pexsim::Config {
        preload_services: 6,
        ..Default::default()
    })
    .await;
    sim.create("conference", json!({"name": "Zed", "participant_limit": 3}))
        .await;
    sim.create(
        "conference",
        json!({"name": "Null", "participant_limit": null}),
    )
    .await;
    let asc = names(
        &sim.objects(&format!(
            "{CONF}/conference/?order_by=participant_limit&limit=3&offset=5"
        ))
        .await,
    );
    assert_eq!(asc, ["Service 000006", "Null", "Zed"]);
    let desc = names(
        &sim.objects(&format!(
            "{CONF}/conference/?order_by=-participant_limit&limit=2"
        ))
        .await,
    );
    assert_eq!(desc, ["Zed", "Service 000001"]);
    let via_alias = names(
        &sim.objects(&format!(
            "{CONF}/conference/?aliases__alias__icontains=0000&order_by=-name&limit=2"
        ))
        .await,
    );
    assert_eq!(via_alias, ["Service 000006", "Service 000005"]);
}

#[tokio::test]
async fn filters_see_every_write_after_a_cached_scan() {
    let sim = tied().await;
    assert_eq!(filtered_names(&sim, "name__icontains=s0").await.len(), 9);
    let uri = sim.create("conference", json!({"name": "s0-new"})).await;
    assert_eq!(filtered_names(&sim, "name__icontains=s0").await.len(), 10);
    let r = sim
        .send(
            reqwest::Method::PATCH,
            &uri,
            Some(json!({"name": "renamed", "participant_limit": 9})),
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::ACCEPTED);
    assert_eq!(filtered_names(&sim, "name__icontains=s0").await.len(), 9);
    assert_eq!(
        filtered_names(&sim, "participant_limit__gte=9").await,
        ["renamed"]
    );
    // A failed write is rolled back: the filter still sees the old value.
    let r = sim
        .send(
            reqwest::Method::PATCH,
            &uri,
            Some(json!({"name": "again", "participant_limit": "x"})),
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::BAD_REQUEST);
    assert_eq!(filtered_names(&sim, "name=renamed").await, ["renamed"]);
    assert!(filtered_names(&sim, "name=again").await.is_empty());
}

async fn filtered_names(sim: &Sim, q: &str) -> Vec<String> {
    names(
        &sim.objects(&format!("{CONF}/conference/?{q}&limit=0"))
            .await,
    )
}
