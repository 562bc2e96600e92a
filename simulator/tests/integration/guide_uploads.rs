//! Guide examples with uploads and special shapes: themes, licences, backups, global.

use crate::common::*;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::json;
use std::io::Write;

fn theme_zip() -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("welcome.wav", opts).unwrap();
        zip.write_all(&[1u8; 300]).unwrap();
        zip.start_file("background.jpg", opts).unwrap();
        zip.write_all(&[2u8; 100]).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

async fn multipart(
    sim: &Sim,
    method: reqwest::Method,
    path: &str,
    form: Form,
) -> (StatusCode, String, String) {
    let r = sim
        .client
        .request(method, sim.url(path))
        .basic_auth("admin", Some("pexsim"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let loc = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (r.status(), loc, r.text().await.unwrap())
}

#[tokio::test]
async fn uploading_a_service_theme() {
    let sim = empty().await;
    let r = sim
        .post(&format!("{CONF}/ivr_theme/"), json!({"name": "New theme"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let theme = r.location_path();
    let form = Form::new().part(
        "package",
        Part::bytes(theme_zip()).file_name("test_theme.zip"),
    );
    let (status, _, text) = multipart(&sim, reqwest::Method::PATCH, &theme, form).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{text}");
    let v = sim.get(&theme).await.json();
    assert!(v["package"].as_str().unwrap().ends_with("test_theme.zip"));
    assert_eq!(v["package_contents"].as_array().unwrap().len(), 2);
    assert_eq!(v["package_contents"][0]["name"], "welcome.wav");
    assert_eq!(v["package_contents"][0]["size"], 300);
    assert!(v["uuid"].as_str().unwrap().len() == 36);

    let vmr = sim.create("conference", json!({"name": "VMR_1"})).await;
    assert_eq!(
        sim.patch(&vmr, json!({"ivr_theme": theme})).await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(sim.get(&vmr).await.json()["ivr_theme"], theme);
    assert_eq!(sim.get(&theme).await.json()["conference"], json!([vmr]));
    let missing = sim
        .patch(&vmr, json!({"ivr_theme": format!("{CONF}/ivr_theme/99/")}))
        .await;
    assert!(missing.json()["conference"]["ivr_theme"].is_array());
}

#[tokio::test]
async fn theme_uploads_reject_non_zip_and_oversized_files() {
    let sim = start(pexsim::Config {
        max_theme_bytes: 1000,
        ..Default::default()
    })
    .await;
    let theme = sim.create("ivr_theme", json!({"name": "T"})).await;
    let form = Form::new().part(
        "package",
        Part::bytes(b"not a zip".to_vec()).file_name("x.zip"),
    );
    let (status, _, text) = multipart(&sim, reqwest::Method::PATCH, &theme, form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("not a valid ZIP"), "{text}");
    let form = Form::new().part("package", Part::bytes(vec![0u8; 5000]).file_name("big.zip"));
    let (status, _, text) = multipart(&sim, reqwest::Method::PATCH, &theme, form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("too large"), "{text}");
    let form = Form::new()
        .text("name", "Uploaded")
        .part("package", Part::bytes(theme_zip()).file_name("t.zip"));
    let (status, loc, _) = multipart(
        &sim,
        reqwest::Method::POST,
        &format!("{CONF}/ivr_theme/"),
        form,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(loc.ends_with("/ivr_theme/2/"));
}

#[tokio::test]
async fn adding_and_returning_a_licence_online() {
    let sim = empty().await;
    let r = sim
        .post(
            &format!("{CONF}/licence/"),
            json!({"entitlement_id": "ABCD-1234-EF56"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let lic = sim.objects(&format!("{CONF}/licence/")).await;
    let fid = lic[0]["fulfillment_id"].as_str().unwrap().to_string();
    assert_eq!(fid.len(), 10);
    assert!(
        lic[0]["concurrent"].as_i64().unwrap() > 0
            && !lic[0]["expiration_date"].as_str().unwrap().is_empty()
    );
    assert_eq!(r.location_path(), format!("{CONF}/licence/{fid}/"));
    let bad = sim
        .post(
            &format!("{CONF}/licence/"),
            json!({"entitlement_id": "nope"}),
        )
        .await;
    assert!(bad.json()["licence"]["entitlement_id"].is_array());
    let gone = sim.delete(&format!("{CONF}/licence/{fid}")).await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(sim.total(&format!("{CONF}/licence/")).await, 0);
}

#[tokio::test]
async fn offline_licence_add_export_and_response_upload() {
    let sim = empty().await;
    let r = sim
        .post(
            &format!("{CONF}/licence/"),
            json!({"entitlement_id": "SrF1FPcyRjitSHOhtU_XGQ==", "offline_mode": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let request = r.location_path();
    assert!(request.starts_with(&format!("{CONF}/licence_request/")));
    assert_eq!(sim.total(&format!("{CONF}/licence/")).await, 0);
    let export = sim.get(&format!("{}export", request)).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.json()["actions"]
        .as_str()
        .unwrap()
        .contains("SrF1FPcyRjitSHOhtU_XGQ=="));
    let form = Form::new().part(
        "response_xml",
        Part::text("<response>ok</response>").file_name("response.xml"),
    );
    let (status, _, _) = multipart(
        &sim,
        reqwest::Method::POST,
        request.trim_end_matches('/'),
        form,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sim.total(&format!("{CONF}/licence/")).await, 1);
    assert_eq!(sim.get(&request).await.json()["status"], "completed");

    let fid = sim.objects(&format!("{CONF}/licence/")).await[0]["fulfillment_id"]
        .as_str()
        .unwrap()
        .to_string();
    let ret = sim
        .delete(&format!("{CONF}/licence/{fid}?offline_mode=True"))
        .await;
    assert_eq!(ret.status, StatusCode::ACCEPTED);
    assert!(ret.location_path().contains("/licence_request/"));
}

#[tokio::test]
async fn listing_downloading_and_deleting_backups() {
    let sim = demo().await;
    let backups = sim.objects(&format!("{CONF}/system_backup/")).await;
    assert_eq!(backups.len(), 2);
    let name = backups[0]["filename"].as_str().unwrap();
    assert!(backups[0].get("content_base64").is_none());
    let path = format!("{CONF}/system_backup/{name}/");
    let r = sim
        .client
        .get(sim.url(&path))
        .basic_auth("admin", Some("pexsim"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.bytes().await.unwrap().len() as u64,
        backups[0]["size"].as_u64().unwrap()
    );
    assert_eq!(sim.delete(&path).await.status, StatusCode::NO_CONTENT);
    assert_eq!(sim.total(&format!("{CONF}/system_backup/")).await, 1);
}

#[tokio::test]
async fn global_settings_are_a_patch_only_singleton() {
    let sim = empty().await;
    let list = sim.objects(&format!("{CONF}/global/")).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["resource_uri"], format!("{CONF}/global/1/"));
    assert_eq!(
        sim.patch(&format!("{CONF}/global/1/"), json!({"enable_chat": false}))
            .await
            .status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        sim.get(&format!("{CONF}/global/1/")).await.json()["enable_chat"],
        false
    );
    let del = sim.delete(&format!("{CONF}/global/")).await;
    assert_eq!(del.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(del.header("allow"), "GET");
    assert_eq!(
        sim.delete(&format!("{CONF}/global/1/")).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}
