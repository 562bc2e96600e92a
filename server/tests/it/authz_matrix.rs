//! The authorization matrix: every server function, against anonymous, user, helpdesk
//! and admin. A server function missing from the registry fails the test, and so does a
//! guard that lets the wrong role through.

use axum::{
    body::Body,
    http::{header, Method, Request, StatusCode},
};

use crate::common::{app, TestApp, HOST, ORIGIN};

/// Who may call a server function.
#[derive(Clone, Copy, Debug)]
enum Access {
    Public,
    Role(app::auth::Role),
}

/// How the call's arguments travel.
#[derive(Clone, Copy, Debug)]
enum Args {
    /// GET with this query string.
    Query(&'static str),
    /// POST with this form body.
    Form(&'static str),
    /// POST with this JSON body.
    Json(&'static str),
    /// POST multipart with one small CSV file in `file`.
    Multipart,
}

/// Every server function, with who may call it and arguments that parse (and change
/// nothing: ids that do not exist, or input that is refused).
fn registry() -> Vec<(&'static str, Access, Args)> {
    use app::auth::Role::*;
    use Access::*;
    use Args::*;
    vec![
        ("/api/auth/me", Public, Query("")),
        (
            "/api/auth/login",
            Public,
            Form("email=x%40y.z&password=wrong-password-1"),
        ),
        ("/api/auth/logout", Public, Form("")),
        (
            "/api/forms/rejected",
            Public,
            Query("action=%2Fapi%2Fusers%2Fcreate&error=x"),
        ),
        ("/api/users/list", Role(Admin), Query("")),
        (
            "/api/users/create",
            Role(Admin),
            Form("email=&role=user&password=x"),
        ),
        ("/api/users/role", Role(Admin), Form("id=999999&role=user")),
        (
            "/api/users/password",
            Role(Admin),
            Form("id=999999&password=x"),
        ),
        (
            "/api/users/disabled",
            Role(Admin),
            Form("id=999999&disabled=true"),
        ),
        ("/api/users/delete", Role(Admin), Form("id=999999")),
        ("/api/users/sessions", Role(Admin), Query("id=999999")),
        (
            "/api/users/sessions/end",
            Role(Admin),
            Form("id=999999&handle=x"),
        ),
        ("/api/audit/query", Role(Admin), Query("filter[page]=1")),
        ("/api/audit/export.csv", Role(Admin), Query("")),
        ("/api/my-rooms/list", Role(User), Query("")),
        ("/api/my-rooms/get", Role(User), Query("id=1")),
        ("/api/my-rooms/meeting", Role(User), Query("room_id=999999")),
        (
            "/api/my-rooms/meeting/attendee",
            Role(User),
            Form("room_id=999999&participant_id=x&action=mute"),
        ),
        (
            "/api/my-rooms/meeting/act",
            Role(User),
            Form("room_id=999999&action=lock"),
        ),
        (
            "/api/services/list",
            Role(Helpdesk),
            Query("params[q]=board"),
        ),
        (
            "/api/services/get",
            Role(Helpdesk),
            Query("id=999999&pins=false"),
        ),
        ("/api/services/options", Role(Helpdesk), Query("")),
        ("/api/services/create", Role(Helpdesk), Form("form[name]=")),
        (
            "/api/services/update",
            Role(Helpdesk),
            Form("id=999999&form[name]=x"),
        ),
        ("/api/services/delete", Role(Helpdesk), Form("id=999999")),
        (
            "/api/services/aliases/add",
            Role(Helpdesk),
            Form("service_id=999999&alias=&description="),
        ),
        (
            "/api/services/aliases/describe",
            Role(Helpdesk),
            Form("service_id=1&alias_id=999999&description="),
        ),
        (
            "/api/services/aliases/remove",
            Role(Helpdesk),
            Form("service_id=1&alias_id=999999"),
        ),
        (
            "/api/services/adps/create",
            Role(Helpdesk),
            Form("service_id=999999&adp[alias]="),
        ),
        (
            "/api/services/adps/attach",
            Role(Helpdesk),
            Form("service_id=999999&adp_id=999999"),
        ),
        (
            "/api/services/adps/detach",
            Role(Helpdesk),
            Form("service_id=999999&adp_id=999999"),
        ),
        (
            "/api/services/adps/delete",
            Role(Helpdesk),
            Form("service_id=1&adp_id=999999"),
        ),
        (
            "/api/services/adps/usage",
            Role(Helpdesk),
            Query("adp_id=999999"),
        ),
        ("/api/services/pick", Role(Helpdesk), Query("ids=999999")),
        ("/api/services/bulk-delete", Role(Helpdesk), Form("ids=")),
        ("/api/services/export.csv", Role(Helpdesk), Query("")),
        ("/api/services/import/check", Role(Helpdesk), Multipart),
        (
            "/api/services/import/apply",
            Role(Helpdesk),
            Json(r#"{"rows": []}"#),
        ),
    ]
}

/// A one-file multipart body: `(content type, body)`.
pub fn multipart_csv(file_name: &str, csv: &str) -> (String, String) {
    let boundary = "pexdesk-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn call(app: &TestApp, path: &str, args: Args, cookie: Option<&str>) -> crate::common::Reply {
    let post = |content_type: String, body: String| {
        let mut req = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, content_type);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        req.body(Body::from(body)).unwrap()
    };
    match args {
        Args::Query(q) => {
            let uri = if q.is_empty() {
                path.to_owned()
            } else {
                format!("{path}?{q}")
            };
            app.get(&uri, cookie).await
        }
        Args::Form(f) => app.post_form(path, f, cookie).await,
        Args::Json(j) => app.send(post("application/json".into(), j.into())).await,
        Args::Multipart => {
            let (ct, body) = multipart_csv("rooms.csv", "name\nx\n");
            app.send(post(ct, body)).await
        }
    }
}

#[tokio::test]
async fn every_server_function_is_in_the_registry() {
    let registered: Vec<(String, Method)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_owned(), method))
        .collect();
    let table = registry();
    for (path, method) in &registered {
        let entry = table.iter().find(|(p, ..)| p == path);
        let entry = entry.unwrap_or_else(|| {
            panic!("server function {path} has no entry in the authorization registry")
        });
        let expected = if matches!(entry.2, Args::Query(_)) {
            Method::GET
        } else {
            Method::POST
        };
        assert_eq!(
            *method, expected,
            "{path}: the registry calls it with the wrong method"
        );
    }
    for (path, ..) in &table {
        assert!(
            registered.iter().any(|(p, _)| p == path),
            "stale registry entry {path}"
        );
    }
}

#[tokio::test]
async fn every_server_function_is_guarded() {
    let app = app().await;
    let sessions = [
        (None, None),
        (
            Some(app::auth::Role::User),
            Some(app.sign_in("user@example.com").await),
        ),
        (
            Some(app::auth::Role::Helpdesk),
            Some(app.sign_in("helpdesk@example.com").await),
        ),
        (
            Some(app::auth::Role::Admin),
            Some(app.sign_in("admin@example.com").await),
        ),
    ];
    for (path, access, args) in registry() {
        if path == "/api/auth/logout" || path == "/api/auth/login" {
            continue; // Public, and would end or replace the test sessions.
        }
        for (role, cookie) in &sessions {
            let reply = call(&app, path, args, cookie.as_deref()).await;
            let expected = match (access, role) {
                (Access::Public, _) => None,
                (Access::Role(_), None) => Some(StatusCode::UNAUTHORIZED),
                (Access::Role(need), Some(have)) if !have.allows(need) => {
                    Some(StatusCode::FORBIDDEN)
                }
                (Access::Role(_), Some(_)) => None,
            };
            match expected {
                Some(status) => {
                    assert_eq!(reply.status, status, "{path} as {role:?}: {}", reply.body)
                }
                None => assert!(
                    reply.status != StatusCode::UNAUTHORIZED
                        && reply.status != StatusCode::FORBIDDEN,
                    "{path} as {role:?} was refused: {} {}",
                    reply.status,
                    reply.body
                ),
            }
        }
    }
}

#[tokio::test]
async fn an_upload_endpoint_refuses_a_body_that_is_not_multipart() {
    let app = app().await;
    let cookie = app.sign_in("helpdesk@example.com").await;
    let reply = app
        .post_form("/api/services/import/check", "file=x", Some(&cookie))
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        reply.body
    );
    assert!(reply.body.contains("multipart/form-data"));
}
