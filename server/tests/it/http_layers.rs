//! The router's layers, exercised in-process with `oneshot`: security headers, the CSP
//! nonce on SSR scripts, request ids, health, and 404 status from SSR.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use server::config::Settings;

use crate::common::{app_with, TestApp};

struct Signed {
    app: TestApp,
    cookie: String,
}

async fn signed_in(settings: Settings) -> Signed {
    let app = app_with(settings).await;
    let cookie = app.sign_in("admin@example.com").await;
    Signed { app, cookie }
}

async fn get(s: &Signed, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let reply = s.app.get(path, Some(&s.cookie)).await;
    (reply.status, reply.headers, reply.body)
}

#[tokio::test]
async fn pages_carry_a_fresh_nonce_that_matches_every_inline_script() {
    let s = signed_in(Settings::default()).await;
    let (status, headers, html) = get(&s, "/").await;
    assert_eq!(status, StatusCode::OK);
    let csp = headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap()
        .to_owned();
    let mut inline = 0;
    for tag in html.split("<script").skip(1) {
        let tag = tag.split('>').next().unwrap();
        if tag.contains("src=") {
            continue;
        }
        inline += 1;
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "script without nonce: {tag}"
        );
    }
    assert!(inline > 0, "the page has inline hydration scripts");
    let (_, again, _) = get(&s, "/").await;
    assert_ne!(
        again["content-security-policy"],
        headers["content-security-policy"]
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert!(headers.contains_key("permissions-policy"));
    assert!(headers.contains_key("x-request-id"));
    assert!(!headers.contains_key("strict-transport-security"));
}

#[tokio::test]
async fn hsts_only_when_served_over_tls() {
    let settings = Settings {
        public_url: Some("https://pexdesk.example.com".into()),
        ..Settings::default()
    };
    let app = app_with(settings).await;
    let headers = app.get("/healthz", None).await.headers;
    assert!(headers["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
}

#[tokio::test]
async fn healthz_answers_json_without_auth() {
    let app = crate::common::app().await;
    let reply = app.get("/healthz", None).await;
    let (status, headers, body) = (reply.status, reply.headers, reply.body);
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert!(json["uptime_seconds"].is_u64());
}

#[tokio::test]
async fn unknown_pages_answer_404_from_ssr() {
    let (status, headers, html) =
        get(&signed_in(Settings::default()).await, "/no-such-section").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
    assert!(headers.contains_key("content-security-policy"));
}

#[tokio::test]
async fn a_section_not_built_yet_says_so() {
    let (status, _, html) = get(&signed_in(Settings::default()).await, "/routing").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Routing is not available yet."));
}

#[tokio::test]
async fn the_environment_badge_is_rendered_by_the_server() {
    let (_, _, html) = get(&signed_in(Settings::default()).await, "/").await;
    // The badge itself, and the node written on <html> for the browser to read back.
    let badge = html
        .split(r#"<span title="Connected Management Node""#)
        .nth(1)
        .and_then(|rest| rest.split("</span>").next())
        .unwrap_or_default();
    assert!(badge.ends_with(">Test node"), "{html}");
    assert!(
        html.contains(r#"data-node-label="Test node" data-node-demo="false""#),
        "{html}"
    );
}

#[tokio::test]
async fn the_page_is_rendered_with_its_user_and_carries_them_to_the_browser() {
    let s = signed_in(Settings::default()).await;
    let (status, _, html) = get(&s, "/routing").await;
    assert_eq!(status, StatusCode::OK);
    // Written on <html> for the browser to read back when it hydrates.
    let html_tag = html
        .split("<html")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap_or_default();
    for attribute in [
        r#"data-user-email="admin@example.com""#,
        r#"data-user-role="admin""#,
        "data-user-id=",
    ] {
        assert!(html_tag.contains(attribute), "{attribute} in {html_tag}");
    }
    assert!(!html_tag.contains("data-user-error"), "{html_tag}");
    // The frame and the gated page are in the first answer, with no fallback and no
    // current-user resource for the browser to resolve.
    assert!(html.contains("admin@example.com · Administrator"), "{html}");
    assert!(html.contains(r#"aria-label="Main""#), "{html}");
    assert!(html.contains("Routing is not available yet."), "{html}");
    assert!(!html.contains("Loading…"), "{html}");
    // The user is not sent again as a resource for hydration: the email is on <html>
    // and in the header, and nowhere else.
    assert_eq!(html.matches("admin@example.com").count(), 2, "{html}");

    // Nobody is signed in on the sign-in page.
    let login = s.app.get("/login", None).await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(!login.body.contains("data-user-"), "{}", login.body);
}

#[tokio::test]
async fn a_given_request_id_is_kept() {
    let app = crate::common::app().await;
    let reply = app
        .send(
            Request::get("/healthz")
                .header("x-request-id", "abc-123")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.headers["x-request-id"], "abc-123");
}
