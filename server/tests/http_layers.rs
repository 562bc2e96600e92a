//! The router's layers, exercised in-process with `oneshot`: security headers, the CSP
//! nonce on SSR scripts, request ids, health, and 404 status from SSR.

use app::environment::EnvironmentInfo;
use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use http_body_util::BodyExt;
use server::{config::Settings, http::router, state::AppState};
use tower::ServiceExt;

fn app(settings: Settings) -> axum::Router {
    router(AppState::new(
        settings,
        EnvironmentInfo {
            label: "Test node".into(),
            demo: false,
        },
    ))
}

async fn get(router: axum::Router, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = router
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn pages_carry_a_fresh_nonce_that_matches_every_inline_script() {
    let router = app(Settings::default());
    let (status, headers, html) = get(router.clone(), "/").await;
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
    let (_, again, _) = get(router, "/").await;
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
    let (_, headers, _) = get(app(settings), "/healthz").await;
    assert!(headers["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
}

#[tokio::test]
async fn healthz_answers_json_without_auth() {
    let (status, headers, body) = get(app(Settings::default()), "/healthz").await;
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
    let (status, headers, html) = get(app(Settings::default()), "/no-such-section").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
    assert!(headers.contains_key("content-security-policy"));
}

#[tokio::test]
async fn a_section_not_built_yet_says_so() {
    let (status, _, html) = get(app(Settings::default()), "/routing").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Routing is not available yet."));
}

#[tokio::test]
async fn the_environment_badge_is_rendered_by_the_server() {
    let (_, _, html) = get(app(Settings::default()), "/").await;
    assert!(html.contains("Test node"));
}

#[tokio::test]
async fn a_given_request_id_is_kept() {
    let response = app(Settings::default())
        .oneshot(
            Request::get("/healthz")
                .header("x-request-id", "abc-123")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "abc-123");
}
