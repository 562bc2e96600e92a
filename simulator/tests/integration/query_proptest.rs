//! Property tests of the query-string parser and list engine: arbitrary input never panics and
//! never yields an internal error.

use pexsim::engine::errors::ApiError;
use pexsim::engine::list::get_list;
use pexsim::engine::registry::registry;
use pexsim::Store;
use proptest::prelude::*;
use std::sync::LazyLock;

static STORE: LazyLock<Store> = LazyLock::new(|| {
    let mut s = Store::new(3);
    pexsim::demo::seed_base(&mut s);
    pexsim::demo::seed_demo(&mut s, 3);
    s
});

fn key_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("name".to_string()),
        Just("aliases__alias".to_string()),
        Just("limit".to_string()),
        Just("offset".to_string()),
        Just("order_by".to_string()),
        Just("participant_limit".to_string()),
        Just("creation_time".to_string()),
        Just("ivr_theme".to_string()),
        "[a-z_]{1,12}",
        "[a-z]{1,8}__(exact|iexact|contains|regex|iregex|lt|gte|in|range|isnull|year)",
        ".{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_raw_queries_never_fail_internally(raw in ".{0,80}") {
        let s = &*STORE;
        for name in ["conference", "conference_alias", "licence"] {
            let def = registry().get("configuration", name).unwrap();
            let r = get_list(s, def, &raw);
            prop_assert!(!matches!(r, Err(ApiError::Internal(_))));
        }
    }

    #[test]
    fn structured_queries_never_fail_internally(pairs in proptest::collection::vec((key_strategy(), ".{0,16}"), 0..5)) {
        let s = &*STORE;
        let raw = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs.iter()).finish();
        for name in ["conference", "automatic_participant", "worker_vm"] {
            let def = registry().get("configuration", name).unwrap();
            match get_list(s, def, &raw) {
                Ok(v) => prop_assert!(v["meta"]["total_count"].is_u64()),
                Err(ApiError::BadRequest(msg)) => prop_assert!(!msg.is_empty()),
                Err(other) => prop_assert!(false, "unexpected {other:?} for {raw}"),
            }
        }
    }
}

#[tokio::test]
async fn hostile_queries_over_http_never_get_500() {
    let sim = crate::common::demo().await;
    for q in [
        "%ff%fe=1",
        "name__regex=(?P<x",
        "limit=99999999999999999999",
        "offset=1e9",
        "order_by=",
        "order_by=-",
        "aliases__alias__alias__alias=x",
        "name__in=",
        "id__range=1",
        "=&&&=",
        "creation_time__lt=2026-13-45",
        "name__regex=a{1000000}",
    ] {
        let r = sim
            .get(&format!("{}/conference/?{q}", crate::common::CONF))
            .await;
        assert!(r.status.as_u16() < 500, "{q}: {} {}", r.status, r.text);
    }
}
