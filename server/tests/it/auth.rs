//! Sessions, sign-in, CSRF and the authorization matrix, through the real router.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use server::config::Settings;

use crate::common::{app, app_with, session_cookie, set_cookie_line, HOST, ORIGIN, PASSWORD};

#[tokio::test]
async fn sign_in_issues_a_new_session_id_even_when_one_was_planted() {
    let app = app().await;
    let planted = "pexdesk_session=AAAAAAAAAAAAAAAAAAAAAA";
    let reply = app
        .post_form(
            "/api/auth/login",
            &format!("email=user%40example.com&password={PASSWORD}"),
            Some(planted),
        )
        .await;
    assert!(reply.status.is_success(), "{}", reply.body);
    let issued = session_cookie(&reply.headers).unwrap();
    assert_ne!(issued, planted);
    let me = app.get("/api/auth/me", Some(&issued)).await;
    assert!(me.body.contains("user@example.com"), "{}", me.body);
    let planted_me = app.get("/api/auth/me", Some(planted)).await;
    assert_eq!(planted_me.body, "null");
}

#[tokio::test]
async fn the_cookie_is_httponly_lax_and_secure_only_behind_tls() {
    let plain = app().await;
    let reply = plain
        .post_form(
            "/api/auth/login",
            &format!("email=admin%40example.com&password={PASSWORD}"),
            None,
        )
        .await;
    let line = set_cookie_line(&reply.headers).unwrap();
    assert!(line.contains("HttpOnly"), "{line}");
    assert!(line.contains("SameSite=Lax"), "{line}");
    assert!(!line.contains("Secure"), "{line}");

    let tls = app_with(Settings {
        public_url: Some(ORIGIN.replace("http:", "https:")),
        ..Settings::default()
    })
    .await;
    let reply = tls
        .send(
            Request::post("/api/auth/login")
                .header(header::HOST, HOST)
                .header(header::ORIGIN, "https://pexdesk.test")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!(
                    "email=admin%40example.com&password={PASSWORD}"
                )))
                .unwrap(),
        )
        .await;
    let line = set_cookie_line(&reply.headers).unwrap();
    assert!(line.contains("Secure"), "{line}");
}

#[tokio::test]
async fn a_failed_sign_in_is_generic_and_sets_no_session() {
    let app = app().await;
    let wrong = app
        .post_form(
            "/api/auth/login",
            "email=user%40example.com&password=wrong-password-1",
            None,
        )
        .await;
    let unknown = app
        .post_form(
            "/api/auth/login",
            "email=nobody%40example.com&password=wrong-password-1",
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.body, unknown.body);
    assert!(session_cookie(&wrong.headers).is_none());
}

#[tokio::test]
async fn sign_out_deletes_the_session_on_the_server() {
    let app = app().await;
    let cookie = app.sign_in("helpdesk@example.com").await;
    let out = app.post_form("/api/auth/logout", "", Some(&cookie)).await;
    assert!(out.status.is_success() || out.status.is_redirection());
    let me = app.get("/api/auth/me", Some(&cookie)).await;
    assert_eq!(me.body, "null");
    let page = app.get("/", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_plain_form_sign_out_without_javascript_deletes_the_session_too() {
    // A browser without JavaScript posts the form and accepts HTML: the layer that keeps
    // refused forms' values sees this post, and must not bring the session back.
    let app = app().await;
    let cookie = app.sign_in("helpdesk@example.com").await;
    let out = app
        .post_page_form("/api/auth/logout", "", "/", &cookie)
        .await;
    assert!(out.status.is_redirection(), "{}", out.status);
    let me = app.get("/api/auth/me", Some(&cookie)).await;
    assert_eq!(me.body, "null");
    let page = app.get("/", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_disabled_account_loses_its_session_at_once() {
    let app = app().await;
    let cookie = app.sign_in("user@example.com").await;
    let user = app
        .portal
        .users
        .find_by_email("user@example.com")
        .await
        .unwrap()
        .unwrap();
    app.portal.users.set_disabled(user.id, true).await.unwrap();
    let me = app.get("/api/auth/me", Some(&cookie)).await;
    assert_eq!(me.body, "null");
}

#[tokio::test]
async fn a_role_change_applies_to_the_very_next_request() {
    // The session and its account are read in one query on every request, never
    // remembered from an earlier one.
    let app = app().await;
    let cookie = app.sign_in("helpdesk@example.com").await;
    let me = app.get("/api/auth/me", Some(&cookie)).await;
    assert!(me.body.contains("\"role\":\"helpdesk\""), "{}", me.body);
    let desk = app
        .portal
        .users
        .find_by_email("helpdesk@example.com")
        .await
        .unwrap()
        .unwrap();
    app.portal
        .users
        .set_role(desk.id, pexdesk_store::Role::User)
        .await
        .unwrap();
    let me = app.get("/api/auth/me", Some(&cookie)).await;
    assert!(me.body.contains("\"role\":\"user\""), "{}", me.body);
    let list = app
        .get("/api/services/list?params[q]=board", Some(&cookie))
        .await;
    assert_eq!(list.status, StatusCode::FORBIDDEN, "{}", list.body);
}

#[tokio::test]
async fn anonymous_pages_redirect_to_sign_in_with_the_return_path() {
    let app = app().await;
    let reply = app.get("/services?q=board", None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.headers[header::LOCATION],
        "/login?next=/services%3Fq%3Dboard"
    );
    let login = app.get("/login", None).await;
    assert_eq!(login.status, StatusCode::OK);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = app().await;
    let body = format!("email=admin%40example.com&password={PASSWORD}");
    for origin in [Some("https://evil.example"), Some("null"), None] {
        let mut req = Request::post("/api/auth/login")
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        let reply = app.send(req.body(Body::from(body.clone())).unwrap()).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "origin {origin:?}");
        assert!(session_cookie(&reply.headers).is_none());
    }
    // A Referer from this site is accepted when Origin is missing.
    let reply = app
        .send(
            Request::post("/api/auth/login")
                .header(header::HOST, HOST)
                .header(header::REFERER, format!("{ORIGIN}/login"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert!(reply.status.is_success(), "{}", reply.status);
}

/// Loads the stored session behind a `pexdesk_session=…` cookie, changes it, saves it.
async fn tamper(
    app: &crate::common::TestApp,
    cookie: &str,
    change: impl FnOnce(&mut tower_sessions_core::session::Record),
) {
    use tower_sessions_core::SessionStore as _;
    let mut record = stored(app, cookie).await;
    change(&mut record);
    app.portal.sessions.save(&record).await.unwrap();
}

#[tokio::test]
async fn a_session_past_the_absolute_timeout_is_ended() {
    let app = app().await;
    let cookie = app.sign_in("admin@example.com").await;
    let me = app.get("/api/auth/me", Some(&cookie)).await;
    assert!(me.body.contains("admin@example.com"));
    tamper(&app, &cookie, |record| {
        // Signed in 13 hours ago: past the default 12-hour absolute limit.
        let long_ago = time::OffsetDateTime::now_utc().unix_timestamp() - 13 * 3600;
        record.data.insert(
            app::auth::session_keys::SIGNED_IN_AT.into(),
            long_ago.into(),
        );
    })
    .await;
    let me = app.get("/api/auth/me", Some(&cookie)).await;
    assert_eq!(me.body, "null");
    let page = app.get("/audit", Some(&cookie)).await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "the ended session no longer opens pages"
    );
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = app().await;
    let cookie = app.sign_in("helpdesk@example.com").await;
    tamper(&app, &cookie, |record| {
        record.expiry_date = time::OffsetDateTime::now_utc() - time::Duration::seconds(1);
    })
    .await;
    let me = app.get("/api/auth/me", Some(&cookie)).await;
    assert_eq!(me.body, "null");
}

async fn stored(
    app: &crate::common::TestApp,
    cookie: &str,
) -> tower_sessions_core::session::Record {
    use tower_sessions_core::SessionStore as _;
    let id = cookie
        .trim_start_matches("pexdesk_session=")
        .parse()
        .unwrap();
    app.portal.sessions.load(&id).await.unwrap().unwrap()
}

#[tokio::test]
async fn a_session_in_use_outlives_its_first_idle_expiry_without_a_write_per_request() {
    let app = app().await;
    let cookie = app.sign_in("helpdesk@example.com").await;
    let now = time::OffsetDateTime::now_utc();
    let active_at = app::auth::session_keys::ACTIVE_AT;
    // Last pushed back two minutes ago, and about to expire.
    tamper(&app, &cookie, |record| {
        record.expiry_date = now + time::Duration::seconds(30);
        record
            .data
            .insert(active_at.into(), (now.unix_timestamp() - 120).into());
    })
    .await;
    let me = app.get("/api/auth/me", Some(&cookie)).await;
    assert!(me.body.contains("helpdesk@example.com"), "{}", me.body);
    assert!(
        me.headers.get(header::SET_COOKIE).is_some(),
        "the cookie's max-age moves too"
    );
    let record = stored(&app, &cookie).await;
    assert!(
        record.expiry_date > now + time::Duration::minutes(59),
        "idle expiry pushed back to an hour from now: {}",
        record.expiry_date
    );
    // Used again within the minute: nothing is written.
    let later = now + time::Duration::minutes(40);
    tamper(&app, &cookie, |record| record.expiry_date = later).await;
    let again = app.get("/api/auth/me", Some(&cookie)).await;
    assert!(again.body.contains("helpdesk@example.com"));
    assert!(again.headers.get(header::SET_COOKIE).is_none());
    let record = stored(&app, &cookie).await;
    assert_eq!(record.expiry_date.unix_timestamp(), later.unix_timestamp());
}

#[tokio::test]
async fn an_admin_lists_and_ends_another_users_sessions() {
    let app = app().await;
    let victim = app.sign_in("user@example.com").await;
    let admin = app.sign_in("admin@example.com").await;
    let user = app
        .portal
        .users
        .find_by_email("user@example.com")
        .await
        .unwrap()
        .unwrap();
    let list = app
        .get(&format!("/api/users/sessions?id={}", user.id), Some(&admin))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let sessions: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    let handle = sessions[0]["handle"].as_str().unwrap().to_owned();
    assert!(
        !victim.contains(&handle),
        "the handle is not the session id"
    );
    let end = app
        .post_form(
            "/api/users/sessions/end",
            &format!("id={}&handle={handle}", user.id),
            Some(&admin),
        )
        .await;
    assert!(end.status.is_success(), "{}", end.body);
    assert_eq!(app.get("/api/auth/me", Some(&victim)).await.body, "null");
}

#[tokio::test]
async fn the_last_admin_cannot_be_removed() {
    let app = app().await;
    let admin = app.sign_in("admin@example.com").await;
    let me = app
        .portal
        .users
        .find_by_email("admin@example.com")
        .await
        .unwrap()
        .unwrap();
    for (path, form) in [
        ("/api/users/delete", format!("id={}", me.id)),
        ("/api/users/disabled", format!("id={}&disabled=true", me.id)),
        ("/api/users/role", format!("id={}&role=helpdesk", me.id)),
    ] {
        let reply = app.post_form(path, &form, Some(&admin)).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            reply.body
        );
        assert!(
            reply.body.contains("last enabled administrator"),
            "{}",
            reply.body
        );
    }
    assert!(app.portal.users.get(me.id).await.unwrap().is_some());
}

#[tokio::test]
async fn changes_land_in_the_audit_log_without_secrets() {
    let app = app().await;
    let admin = app.sign_in("admin@example.com").await;
    let created = app
        .post_form(
            "/api/users/create",
            "email=new%40example.com&role=helpdesk&password=super-secret-password-9",
            Some(&admin),
        )
        .await;
    assert!(created.status.is_success(), "{}", created.body);
    let mut csv = Vec::new();
    app.portal
        .audit
        .export_csv(&pexdesk_store::AuditQuery::default(), &mut csv)
        .await
        .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains("user.create"), "{csv}");
    assert!(csv.contains("new@example.com"));
    assert!(csv.contains("auth.login"));
    assert!(!csv.contains("super-secret-password-9"));
    assert!(!csv.contains(crate::common::PASSWORD));
}
