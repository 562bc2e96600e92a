//! Multipart uploads and streamed downloads against pexsim.

mod common;

use std::io::Write;

use common::*;
use pexip_api::client::{LicenceAdded, Upload};
use pexip_api::config::{
    IvrTheme, IvrThemePatch, Licence, LicenceRequest, LicenceRequestId, NewLicence, SystemBackup,
};
use pexip_api::{Patch, Query, ResourceUri};

fn theme_zip() -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("welcome.wav", opts).unwrap();
        zip.write_all(&[1u8; 300]).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[tokio::test]
async fn theme_is_created_then_its_package_uploaded() {
    let sim = sim(false).await;
    let client = client(&sim);
    let id = client
        .create::<IvrTheme>(&IvrThemePatch {
            name: Patch::Value("New theme".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    client
        .upload_theme_package(&id, &Upload::new("test_theme.zip", theme_zip()))
        .await
        .unwrap();
    let theme = client.get::<IvrTheme>(&id).await.unwrap();
    let package = theme
        .extra
        .get("package")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    assert!(package.ends_with("test_theme.zip"), "{theme:?}");
    // Not a ZIP: rejected, and not retried.
    let err = client
        .upload_theme_package(&id, &Upload::new("x.zip", b"not a zip".to_vec()))
        .await
        .unwrap_err();
    assert!(err.field_errors().is_some(), "{err:?}");
}

#[tokio::test]
async fn licences_online_and_offline() {
    let sim = sim(false).await;
    let client = client(&sim);
    let added = client
        .add_licence(&NewLicence {
            entitlement_id: "ABCD-1234-EF56".into(),
            offline_mode: false,
        })
        .await
        .unwrap();
    let LicenceAdded::Activated { location } = added else {
        panic!("expected an online activation: {added:?}");
    };
    let fid = ResourceUri::<Licence>::parse(&location)
        .unwrap()
        .id()
        .unwrap();
    let lic = client.get::<Licence>(&fid).await.unwrap();
    assert_eq!(lic.key(), fid);
    assert!(client.return_licence(&fid, false).await.unwrap().is_none());
    assert_eq!(
        client
            .list::<Licence>(&Query::new())
            .await
            .unwrap()
            .meta
            .total_count,
        0
    );

    let added = client
        .add_licence(&NewLicence {
            entitlement_id: "SrF1FPcyRjitSHOhtU_XGQ==".into(),
            offline_mode: true,
        })
        .await
        .unwrap();
    let LicenceAdded::Offline { location } = added else {
        panic!("expected offline mode: {added:?}");
    };
    let req: LicenceRequestId = ResourceUri::<LicenceRequest>::parse(&location)
        .unwrap()
        .id()
        .unwrap();
    let export = client
        .export_licence_request(&req)
        .await
        .unwrap()
        .into_bytes()
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&export).contains("SrF1FPcyRjitSHOhtU_XGQ=="));
    client
        .upload_licence_response(
            &req,
            &Upload::new("response.xml", "<response>ok</response>"),
        )
        .await
        .unwrap();
    assert_eq!(
        client
            .list::<Licence>(&Query::new())
            .await
            .unwrap()
            .meta
            .total_count,
        1
    );
}

#[tokio::test]
async fn backups_are_listed_and_streamed() {
    let sim = sim(true).await;
    let client = client(&sim);
    let backups = client.list::<SystemBackup>(&Query::new()).await.unwrap();
    let first = backups.objects.first().expect("the demo has backups");
    let dl = client.download_backup(&first.key()).await.unwrap();
    assert_eq!(dl.content_length, Some(first.size));
    let bytes = dl.into_bytes().await.unwrap();
    assert_eq!(bytes.len() as u64, first.size);
    client.delete::<SystemBackup>(&first.key()).await.unwrap();
    let left = client.list::<SystemBackup>(&Query::new()).await.unwrap();
    assert_eq!(left.meta.total_count, backups.meta.total_count - 1);
}
