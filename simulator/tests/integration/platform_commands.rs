//! The guide's platform command examples (start_cloudnode, snapshot), the other commands'
//! validation, JSON bodies, schemas and listings.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn starting_an_overflow_conferencing_node_answers_as_documented() {
    let sim = demo().await;
    let nodes = sim.objects(&format!("{STATUS}/cloud_node/")).await;
    let id = nodes[0]["cloud_instance_id"].as_str().unwrap();
    let path = format!("{COMMAND}/platform/start_cloudnode/");
    let first = sim.post(&path, json!({"instance_id": id})).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.json(), json!({"status": "success"}));
    let node = sim.get(&format!("{STATUS}/cloud_node/{id}/")).await.json();
    assert_eq!(node["cloud_instance_state"], "running");
    assert_eq!(node["aws_instance_state"], "running");
    assert!(node["media_load"].as_i64().unwrap() < 100);
    assert!(node["max_hd_calls"].as_i64().unwrap() > 0);
    let again = sim.post(&path, json!({"instance_id": id})).await;
    assert_eq!(
        again.json(),
        json!({"status": "failed", "error": "Unable to start a cloud node which isn't in 'STOPPED' state"})
    );
    let unknown = sim.post(&path, json!({"instance_id": "i-00000000"})).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        unknown.json(),
        json!({"start_cloudnode": {"instance_id": ["Failed to find the cloud node."]}})
    );
    // The node's start is recorded in history.
    assert!(
        sim.total(&format!("{HISTORY}/workervm_status_event/"))
            .await
            >= 1
    );
}

#[tokio::test]
async fn taking_a_system_snapshot_returns_a_named_file() {
    let sim = demo().await;
    let resp = sim
        .client
        .post(sim.url(&format!("{COMMAND}/platform/snapshot/")))
        .basic_auth("admin", Some("pexsim"))
        .form(&[("limit", "12")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let disposition = resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    // The guide's client takes what follows "=".
    let name = disposition.split('=').nth(1).unwrap();
    assert!(
        name.starts_with("diagnostic_snapshot_mgr_") && name.ends_with(".tgz"),
        "{name}"
    );
    let bytes = resp.bytes().await.unwrap();
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip");
    assert!(bytes.len() > 200);
}

#[tokio::test]
async fn every_command_accepts_json_validates_and_has_a_schema() {
    let sim = guide_node().await;
    let (conf, ids) = sim.start_call("meet@example.com", 1).await;
    let r = sim
        .post(
            &format!("{COMMAND}/participant/mute/"),
            json!({"participant_id": ids[0]}),
        )
        .await;
    assert_eq!(r.json()["status"], "success");
    let r = sim
        .post(
            &format!("{COMMAND}/conference/lock/"),
            json!({"conference_id": conf}),
        )
        .await;
    assert_eq!(r.json()["status"], "success");
    let missing = sim
        .form(
            &format!("{COMMAND}/participant/dial/"),
            &[("destination", "bob")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        missing.json()["dial"]["conference_alias"],
        json!(["This field is required."])
    );
    let schema = sim
        .get(&format!("{COMMAND}/participant/dial/schema/"))
        .await
        .json();
    assert_eq!(schema["allowed_list_http_methods"], json!(["post"]));
    assert_eq!(
        schema["fields"]["routing"]["valid_choices"],
        json!(["manual", "routing_rule"])
    );
    for scope in ["participant", "conference", "platform"] {
        let list = sim.get(&format!("{COMMAND}/{scope}/")).await;
        assert_eq!(list.status, StatusCode::OK);
        for (name, entry) in list.json().as_object().unwrap() {
            assert_eq!(entry["list_endpoint"], format!("{COMMAND}/{scope}/{name}/"));
            let s = sim.get(&format!("{COMMAND}/{scope}/{name}/schema/")).await;
            assert_eq!(s.status, StatusCode::OK, "{scope}/{name}");
        }
    }
    let names = sim.get(&format!("{COMMAND}/platform/")).await.json();
    for name in [
        "backup_create",
        "backup_restore",
        "certificates_import",
        "start_cloudnode",
        "snapshot",
        "upgrade",
        "software_bundle",
    ] {
        assert!(names.get(name).is_some(), "{name}");
    }
    let get = sim.get(&format!("{COMMAND}/participant/mute/")).await;
    assert_eq!(get.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(get.header("allow"), "POST");
    assert_eq!(
        sim.form(&format!("{COMMAND}/participant/nope/"), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_remaining_commands_validate_their_input() {
    let sim = demo().await;
    let cmd = |n: &str| format!("{COMMAND}/{n}/");
    let r = sim
        .form(
            &cmd("conference/sync"),
            &[("conference_sync_template_id", "99")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["sync"]["conference_sync_template_id"].is_array());
    let t = sim
        .create("conference_sync_template", json!({"name": "Staff rooms"}))
        .await;
    let tid = t
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    sim.command("conference/sync", &[("conference_sync_template_id", &tid)])
        .await;
    let synced = sim.objects(&format!("{STATUS}/conference_sync/")).await;
    assert_eq!(synced[0]["name"], "Staff rooms");
    sim.command(
        "conference/send_conference_email",
        &[("conference_id", "1")],
    )
    .await;
    let r = sim
        .form(
            &cmd("conference/send_conference_email"),
            &[("conference_id", "99999")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = sim
        .form(&cmd("conference/send_device_email"), &[("device_id", "x")])
        .await;
    assert_eq!(
        r.json()["send_device_email"]["device_id"],
        json!(["Enter a whole number."])
    );
    let d = sim.create("device", json!({"name": "Desk phone"})).await;
    let did = d
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    sim.command("conference/send_device_email", &[("device_id", &did)])
        .await;
    // Certificates.
    let r = sim
        .form(
            &cmd("platform/certificates_import"),
            &[("bundle", "not pem")],
        )
        .await;
    assert!(r.json()["certificates_import"]["bundle"].is_array());
    let pem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0B\n-----END ENCRYPTED PRIVATE KEY-----\n";
    let r = sim
        .form(&cmd("platform/certificates_import"), &[("bundle", pem)])
        .await;
    assert!(r.json()["certificates_import"]["private_key_passphrase"].is_array());
    let before = sim.total(&format!("{CONF}/tls_certificate/")).await;
    let v = sim
        .command(
            "platform/certificates_import",
            &[("bundle", pem), ("private_key_passphrase", "k")],
        )
        .await;
    assert_eq!(v["data"]["tls_certificates"], 1);
    assert_eq!(
        sim.total(&format!("{CONF}/tls_certificate/")).await,
        before + 1
    );
    // Uploads need their package.
    for name in ["upgrade", "software_bundle"] {
        let r = sim.form(&cmd(&format!("platform/{name}")), &[]).await;
        assert_eq!(
            r.json()[name]["package"],
            json!(["No file was submitted."]),
            "{name}"
        );
        let form = reqwest::multipart::Form::new().part(
            "package",
            reqwest::multipart::Part::bytes(b"bundle bytes".to_vec()).file_name("pexip-32.tar"),
        );
        let ok = sim
            .client
            .post(sim.url(&cmd(&format!("platform/{name}"))))
            .basic_auth("admin", Some("pexsim"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), StatusCode::OK, "{name}");
    }
    assert!(
        sim.total(&format!("{CONF}/software_bundle/?name=pexip-32.tar"))
            .await
            == 1
    );
}
