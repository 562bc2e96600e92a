//! The Management Node's password and the demo accounts' password never reach a page,
//! a script, a server-function response, the audit log or a log line.

use std::{
    io::Write,
    sync::{Arc, Mutex},
};

use base64::Engine as _;
use pexip_api::{config::Conference, Query};
use server::{
    config::{Secret, Settings},
    embedded, upstream,
};
use tracing_subscriber::fmt::MakeWriter;

use crate::common::{app_on, PASSWORD};

const UPSTREAM_PASSWORD: &str = "Upstream-Secret-8c1f";

/// Collects every log line written during the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test(flavor = "current_thread")]
async fn secrets_never_leak_into_pages_responses_audit_or_logs() {
    let logs = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("trace")
        .with_writer(logs.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let sim = pexsim::spawn(pexsim::Config {
        username: "pexdesk".into(),
        password: UPSTREAM_PASSWORD.into(),
        demo: true,
        ..pexsim::Config::default()
    })
    .await
    .unwrap();
    let settings = Settings {
        upstream_url: Some(sim.base_url()),
        upstream_username: "pexdesk".into(),
        upstream_password: Some(Secret::new(UPSTREAM_PASSWORD)),
        ..Settings::default()
    };
    assert!(!format!("{settings:?}").contains(UPSTREAM_PASSWORD));
    let up = upstream::connect(&settings).await.unwrap();
    let app = app_on(settings, up.client.clone()).await;
    let portal = app.portal.clone();
    let demo_password = embedded::ensure_demo_accounts(&portal.users)
        .await
        .unwrap()
        .unwrap();

    // The upstream client talks to the node (and fails once with bad credentials).
    let page = up
        .client
        .list::<Conference>(&Query::new().limit(5))
        .await
        .unwrap();
    assert!(!page.objects.is_empty());
    let wrong = pexip_api::client::Client::new(pexip_api::client::ClientConfig::new(
        sim.base_url(),
        "pexdesk",
        format!("{UPSTREAM_PASSWORD}-wrong"),
    ))
    .unwrap();
    let err = wrong.list::<Conference>(&Query::new()).await.unwrap_err();
    assert!(!err.user_message().contains(UPSTREAM_PASSWORD));

    // Sign in with the demo password, fail once, and visit everything.
    let mut seen = String::new();
    let failed = app
        .post_form(
            "/api/auth/login",
            &format!("email=admin%40example.com&password={UPSTREAM_PASSWORD}"),
            None,
        )
        .await;
    seen.push_str(&failed.body);
    let ok = app
        .post_form(
            "/api/auth/login",
            &format!("email=admin%40example.com&password={demo_password}"),
            None,
        )
        .await;
    assert!(ok.status.is_success(), "{}", ok.body);
    let cookie = crate::common::session_cookie(&ok.headers).unwrap();
    for path in [
        "/",
        "/login",
        "/users",
        "/audit",
        "/services",
        "/api/auth/me",
        "/api/users/list",
        "/api/audit/query",
        "/api/audit/export.csv",
        "/pkg/pexdesk.js",
    ] {
        let reply = app.get(path, Some(&cookie)).await;
        seen.push_str(&reply.body);
        for value in reply.headers.values() {
            seen.push_str(value.to_str().unwrap_or_default());
        }
    }
    let mut csv = Vec::new();
    portal
        .audit
        .export_csv(&pexdesk_store::AuditQuery::default(), &mut csv)
        .await
        .unwrap();
    seen.push_str(&String::from_utf8_lossy(&csv));

    let log_text = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(log_text.len() > 1000, "the test captured the logs");
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("pexdesk:{UPSTREAM_PASSWORD}"));
    for secret in [
        UPSTREAM_PASSWORD,
        basic.as_str(),
        demo_password.as_str(),
        PASSWORD,
    ] {
        assert!(
            !seen.contains(secret),
            "a response or the audit log holds a secret"
        );
        assert!(!log_text.contains(secret), "a log line holds a secret");
    }
    sim.shutdown().await;
}
