//! Create, read, update (three-state), delete, lists, streams and bulk PATCH.

mod common;

use common::*;
use futures::TryStreamExt;
use pexip_api::client::{BulkObject, Client};
use pexip_api::config::{AliasInput, Conference, ConferencePatch, NewAlias};
use pexip_api::{Order, Patch, Query, ResourceUri, Specifier};

fn named(name: &str) -> ConferencePatch {
    ConferencePatch {
        name: Patch::Value(name.into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn create_read_update_delete() {
    let sim = sim(false).await;
    let client = client(&sim);
    let mut new = named("VMR_1");
    new.description = Patch::Value("first".into());
    new.aliases = Patch::Value(vec![
        AliasInput::New(NewAlias::new("meet@example.com")),
        AliasInput::New(NewAlias::new("meet")),
    ]);
    new.max_callrate_in = Patch::Value(1024);
    let id = client.create::<Conference>(&new).await.unwrap();
    let conf = client.get::<Conference>(&id).await.unwrap();
    assert_eq!(conf.id, id);
    assert_eq!(conf.name, "VMR_1");
    assert_eq!(conf.aliases.len(), 2);
    assert_eq!(conf.max_callrate_in, Some(1024));
    assert_eq!(conf.resource_uri.id().unwrap(), id);

    // Absent keeps, null clears, value sets.
    let patch = ConferencePatch {
        pin: Patch::Value("1234".into()),
        max_callrate_in: Patch::Null,
        ..Default::default()
    };
    client.update::<Conference>(&id, &patch).await.unwrap();
    let conf = client.get::<Conference>(&id).await.unwrap();
    assert_eq!(conf.pin, "1234");
    assert_eq!(conf.max_callrate_in, None);
    assert_eq!(conf.description, "first");

    // Read-modify-write keeps unknown fields.
    let full = conf.to_patch();
    client.update::<Conference>(&id, &full).await.unwrap();
    let again = client.get::<Conference>(&id).await.unwrap();
    assert_eq!(again.extra, conf.extra);

    client.delete::<Conference>(&id).await.unwrap();
    assert!(matches!(
        client.get::<Conference>(&id).await,
        Err(pexip_api::client::Error::NotFound)
    ));
}

#[tokio::test]
async fn filters_ordering_pages_and_the_next_stream() {
    let sim = sim(false).await;
    let client = client(&sim);
    let objects: Vec<_> = (0..25)
        .map(|i| BulkObject::<Conference, _>::create(named(&format!("room-{i:02}"))))
        .collect();
    let report = client.bulk_patch::<Conference, _>(&objects, &[]).await;
    assert!(report.all_ok(), "{report:?}");

    let q = Query::new()
        .filter("name", Specifier::StartsWith, "room-1")
        .order_by("name", Order::Desc)
        .limit(3);
    let page = client.list::<Conference>(&q).await.unwrap();
    assert_eq!(page.meta.total_count, 10);
    assert_eq!(page.objects.len(), 3);
    assert_eq!(page.objects[0].name, "room-19");
    assert!(page.meta.next.is_some());

    let all: Vec<Conference> = client
        .background()
        .stream::<Conference>(&Query::new().order_by("name", Order::Asc).limit(4))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 25);
    assert_eq!(all[24].name, "room-24");
}

#[tokio::test]
async fn bulk_patch_is_chunked_and_reports_each_chunk() {
    let sim = sim(false).await;
    let mut cfg = config(&sim);
    cfg.bulk_chunk_size = 4;
    let client = Client::new(cfg).unwrap();
    let objects: Vec<_> = (0..6)
        .map(|i| BulkObject::<Conference, _>::create(named(&format!("b-{i}"))))
        .collect();
    let report = client.bulk_patch::<Conference, _>(&objects, &[]).await;
    assert_eq!(report.chunks.len(), 2);
    assert!(report.all_ok(), "{report:?}");
    let page = client
        .list::<Conference>(&Query::new().limit(100))
        .await
        .unwrap();
    assert_eq!(page.meta.total_count, 6);

    // Update two, delete three, one of them with a name clash that fails its chunk.
    let uris: Vec<ResourceUri<Conference>> = page
        .objects
        .iter()
        .map(|c| c.resource_uri.clone())
        .collect();
    let changes = vec![
        BulkObject::update(
            uris[0].clone(),
            ConferencePatch {
                description: Patch::Value("changed".into()),
                ..Default::default()
            },
        ),
        BulkObject::update(
            uris[1].clone(),
            ConferencePatch {
                description: Patch::Value("changed".into()),
                ..Default::default()
            },
        ),
    ];
    let report = client
        .bulk_patch::<Conference, _>(&changes, &uris[2..5])
        .await;
    assert_eq!(report.chunks.len(), 2);
    assert_eq!((report.chunks[0].objects, report.chunks[0].deleted), (2, 2));
    assert_eq!((report.chunks[1].objects, report.chunks[1].deleted), (0, 1));
    assert!(report.all_ok(), "{report:?}");
    let left = client.list::<Conference>(&Query::new()).await.unwrap();
    assert_eq!(left.meta.total_count, 3);
    assert_eq!(
        left.objects
            .iter()
            .filter(|c| c.description == "changed")
            .count(),
        2
    );

    let clash = vec![BulkObject::<Conference, _>::create(named("b-0"))];
    let report = client.bulk_patch::<Conference, _>(&clash, &[]).await;
    assert!(
        report.chunks[0]
            .result
            .as_ref()
            .is_err_and(|e| e.field_errors().is_some()),
        "{report:?}"
    );
}

#[tokio::test]
async fn delete_of_a_detail_is_retried_after_a_429() {
    let sim = sim(false).await;
    let client = client(&sim);
    let id = client
        .create::<Conference>(&named("to-delete"))
        .await
        .unwrap();
    let path = <Conference as pexip_api::Resource>::detail_path(&id);
    fault(
        &sim,
        serde_json::json!({"path_prefix": path, "burst_429": {"count": 1, "retry_after": 1}}),
    )
    .await;
    client
        .delete::<Conference>(&id)
        .await
        .expect("retried after the 429");
    let left = client.list::<Conference>(&Query::new()).await.unwrap();
    assert_eq!(left.meta.total_count, 0);
}
