//! backup_create, the new file in `system_backup`, its streamed download, and
//! backup_restore with the right and wrong passphrases. (Listing, downloading
//! and deleting the demo's backups is in `files.rs`.)

mod common;

use common::*;
use futures::StreamExt;
use pexip_api::client::{Client, Error, Upload};
use pexip_api::config::{Conference, SystemBackup};
use pexip_api::Query;

const RESTORE: &str = "POST /api/admin/command/v1/platform/backup_restore/";

async fn backups(client: &Client) -> Vec<SystemBackup> {
    client
        .list_all::<SystemBackup>(&Query::new())
        .await
        .expect("backups")
}

async fn services_named(client: &Client, name: &str) -> u64 {
    client
        .list::<Conference>(&Query::new().eq("name", name))
        .await
        .expect("services")
        .meta
        .total_count
}

/// The passphrase error of a failed restore.
fn passphrase_error(err: &Error) -> &str {
    let fields = err
        .field_errors()
        .unwrap_or_else(|| panic!("not a validation error: {err:?}"));
    fields
        .get("passphrase")
        .and_then(|m| m.first())
        .unwrap_or_else(|| panic!("no passphrase error: {fields:?}"))
}

#[tokio::test]
async fn a_new_backup_is_listed_streamed_and_restored_with_its_passphrase() {
    let sim = sim(true).await;
    let client = client(&sim);
    let before = backups(&client).await;

    new_service(&client, "In the backup", "in-backup@example.com").await;
    client
        .backup_create("correct horse battery")
        .await
        .expect("backup_create");
    let after = backups(&client).await;
    assert_eq!(after.len(), before.len() + 1);
    let new = after
        .iter()
        .find(|b| !before.iter().any(|o| o.filename == b.filename))
        .expect("the new backup")
        .clone();
    assert!(new.filename.ends_with(".tar.pexbak"), "{new:?}");
    assert!(new.date.is_some() && new.size > 0, "{new:?}");
    assert_eq!(new.resource_uri.id().expect("uri id"), new.key());

    // Streamed, chunk by chunk: as many bytes as listed, a pexsim backup header.
    let dl = client.download_backup(&new.key()).await.expect("download");
    assert_eq!(dl.content_length, Some(new.size));
    let mut body = dl.body;
    let mut file = Vec::new();
    while let Some(chunk) = body.next().await {
        file.extend_from_slice(&chunk.expect("a chunk"));
    }
    assert_eq!(file.len() as u64, new.size);
    assert!(file.starts_with(b"PEXSIMBK"), "{:?}", &file[..8]);

    // Changed after the backup: a restore takes it back.
    let later = new_service(&client, "After the backup", "after-backup@example.com").await;
    reset_requests(&sim).await;
    client
        .backup_restore(
            "correct horse battery",
            &Upload::new(new.filename.clone(), file.clone()),
        )
        .await
        .expect("restore");
    assert_eq!(count(&sim, RESTORE).await, 1);
    assert_eq!(services_named(&client, "In the backup").await, 1);
    assert!(matches!(
        client.get::<Conference>(&later).await,
        Err(Error::NotFound)
    ));
    // Backups are not part of what is restored.
    assert_eq!(backups(&client).await.len(), after.len());

    // Wrong passphrase: a typed error on `passphrase`, and nothing changes.
    new_service(&client, "Kept", "kept@example.com").await;
    reset_requests(&sim).await;
    let err = client
        .backup_restore(
            "wrong horse",
            &Upload::new(new.filename.clone(), file.clone()),
        )
        .await
        .expect_err("a wrong passphrase");
    assert!(
        passphrase_error(&err).contains("passphrase is wrong"),
        "{err:?}"
    );
    assert_eq!(count(&sim, RESTORE).await, 1, "sent once");
    assert_eq!(services_named(&client, "Kept").await, 1);

    // One changed byte fails the same way (the file is authenticated).
    let mut tampered = file.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 0x01;
    let err = client
        .backup_restore("correct horse battery", &Upload::new("t.pexbak", tampered))
        .await
        .expect_err("a changed file");
    assert!(passphrase_error(&err).contains("corrupt"), "{err:?}");
    assert_eq!(services_named(&client, "Kept").await, 1);
}

#[tokio::test]
async fn a_file_that_is_not_a_backup_is_rejected_on_package() {
    let sim = sim(true).await;
    let client = client(&sim);
    // The demo's backups are random bytes.
    let demo = backups(&client).await;
    let first = demo.first().expect("the demo has backups");
    let bytes = client
        .download_backup(&first.key())
        .await
        .expect("download")
        .into_bytes()
        .await
        .expect("body");
    let err = client
        .backup_restore(
            "any passphrase",
            &Upload::new(first.filename.clone(), bytes),
        )
        .await
        .expect_err("not a pexsim backup");
    let fields = err.field_errors().expect("a validation error");
    assert!(fields.contains_key("package"), "{fields:?}");
    assert!(!fields.contains_key("passphrase"), "{fields:?}");
}
