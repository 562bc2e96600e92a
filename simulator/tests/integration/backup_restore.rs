//! backup_create and backup_restore: an encrypted backup of the configuration, listed and
//! downloaded like the guide's, restored from a multipart upload; a wrong passphrase or a
//! corrupt file changes nothing.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

async fn restore(sim: &Sim, passphrase: &str, package: Vec<u8>) -> Resp {
    let form = reqwest::multipart::Form::new()
        .text("passphrase", passphrase.to_string())
        .part(
            "package",
            reqwest::multipart::Part::bytes(package).file_name("temp.bak"),
        );
    let resp = sim
        .client
        .post(sim.url(&format!("{COMMAND}/platform/backup_restore/")))
        .basic_auth("admin", Some("pexsim"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap();
    Resp {
        status,
        headers,
        text,
    }
}

async fn download(sim: &Sim, filename: &str) -> Vec<u8> {
    let resp = sim
        .client
        .get(sim.url(&format!("{CONF}/system_backup/{filename}/")))
        .basic_auth("admin", Some("pexsim"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    resp.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn a_backup_round_trips_and_bad_ones_leave_the_store_untouched() {
    let sim = guide_node().await;
    // Create, as the guide does.
    let v = sim
        .command("platform/backup_create", &[("passphrase", "correct horse")])
        .await;
    let filename = v["data"]["filename"].as_str().unwrap().to_string();
    assert!(
        filename.starts_with("pexip_backup_") && filename.ends_with(".tar.pexbak"),
        "{filename}"
    );
    // List: the guide's fields.
    let listed = sim.objects(&format!("{CONF}/system_backup/")).await;
    let entry = listed
        .iter()
        .find(|b| b["filename"] == filename.as_str())
        .unwrap();
    assert_eq!(entry["version"], "32");
    assert_eq!(entry["build"], "76214.0.0");
    assert_eq!(
        entry["resource_uri"],
        format!("{CONF}/system_backup/{filename}/")
    );
    assert!(entry["date"].is_string());
    let file = download(&sim, &filename).await;
    assert_eq!(entry["size"], file.len());
    assert!(file.starts_with(b"PEXSIMBK"));
    assert!(
        !String::from_utf8_lossy(&file).contains("VMR_1"),
        "the backup is encrypted"
    );
    // Change the configuration after the backup.
    sim.create("conference", json!({"name": "After the backup"}))
        .await;
    let vmr =
        sim.objects(&format!("{CONF}/conference/?name=VMR_1")).await[0]["resource_uri"].clone();
    sim.delete(vmr.as_str().unwrap()).await;
    let changed = sim.objects(&format!("{CONF}/conference/?limit=0")).await;
    // A wrong passphrase: rejected, nothing changes.
    let r = restore(&sim, "wrong horse", file.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let msg = r.json()["backup_restore"]["passphrase"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("passphrase is wrong"), "{msg}");
    // A corrupt file: rejected, nothing changes.
    let mut corrupt = file.clone();
    let mid = corrupt.len() / 2;
    corrupt[mid] ^= 0x40;
    let r = restore(&sim, "correct horse", corrupt).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = restore(&sim, "correct horse", b"not a backup at all".to_vec()).await;
    assert_eq!(
        r.json()["backup_restore"]["package"],
        json!(["The file is not a pexsim backup."])
    );
    assert_eq!(
        sim.objects(&format!("{CONF}/conference/?limit=0")).await,
        changed
    );
    // Without the file.
    let r = sim
        .form(
            &format!("{COMMAND}/platform/backup_restore/"),
            &[("passphrase", "x")],
        )
        .await;
    assert_eq!(
        r.json()["backup_restore"]["package"],
        json!(["No file was submitted."])
    );
    // The right passphrase restores the configuration as it was; the backups stay.
    let r = restore(&sim, "correct horse", file).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["status"], "success");
    let names = names(&sim.objects(&format!("{CONF}/conference/?limit=0")).await);
    assert_eq!(names, vec!["VMR_1", "VMR_2"]);
    assert_eq!(
        sim.total(&format!("{CONF}/conference_alias/?alias=meet@example.com"))
            .await,
        1
    );
    assert!(sim.total(&format!("{CONF}/system_backup/")).await >= 1);
    // The restored configuration is live: calls work on it.
    sim.start_call("meet@example.com", 1).await;
}

#[tokio::test]
async fn backup_create_needs_a_passphrase() {
    let sim = empty().await;
    let r = sim
        .form(&format!("{COMMAND}/platform/backup_create/"), &[])
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json()["backup_create"]["passphrase"],
        json!(["This field is required."])
    );
    let r = sim
        .post(
            &format!("{COMMAND}/platform/backup_create/"),
            json!({"passphrase": "p"}),
        )
        .await;
    assert_eq!(r.json()["status"], "success");
}
