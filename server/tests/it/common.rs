//! A real router on a fresh SQLite database, plus helpers to sign in and call it.

use app::{environment::EnvironmentInfo, portal::Portal};
use axum::{
    body::Body,
    http::{header, HeaderMap, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use pexdesk_store::{Password, Role};
use server::{config::Settings, http::router, services, state::AppState};
use tempfile::TempDir;
use tower::ServiceExt;

/// The origin the tests claim, matching the Host they send.
pub const HOST: &str = "pexdesk.test";
pub const ORIGIN: &str = "http://pexdesk.test";
pub const PASSWORD: &str = "correct-horse-battery";

/// A router with its services and database folder (kept alive by the struct).
pub struct TestApp {
    pub router: Router,
    pub portal: Portal,
    _dir: TempDir,
}

/// A router on a fresh SQLite database, talking to the given Management Node client.
pub async fn app_on(settings: Settings, upstream: pexip_api::client::Client) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        database_url: format!("sqlite://{}/pexdesk.db", dir.path().display()),
        ..settings
    };
    let portal = services::open(&settings, upstream).await.unwrap();
    let state = AppState::new(
        settings,
        EnvironmentInfo {
            label: "Test node".into(),
            demo: false,
        },
        portal.clone(),
    );
    TestApp {
        router: router(state),
        portal,
        _dir: dir,
    }
}

/// Creates accounts with the shared test password.
pub async fn add_accounts(app: &TestApp, accounts: &[(&str, Role)]) {
    for (email, role) in accounts {
        app.portal
            .users
            .create(email, *role, &Password::new(PASSWORD))
            .await
            .unwrap();
    }
}

/// A server on a fresh database with one account per role, and no Management Node.
pub async fn app_with(settings: Settings) -> TestApp {
    let app = app_on(settings, services::offline_upstream().unwrap()).await;
    add_accounts(
        &app,
        &[
            ("admin@example.com", Role::Admin),
            ("helpdesk@example.com", Role::Helpdesk),
            ("user@example.com", Role::User),
        ],
    )
    .await;
    app
}

/// A server with default settings.
pub async fn app() -> TestApp {
    app_with(Settings::default()).await
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestApp {
    /// Sends a request as is.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    /// GET with an optional session cookie.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path).header(header::HOST, HOST);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// A same-origin form POST (as a server-function call from the app).
    pub async fn post_form(&self, path: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    /// A form posted by a browser without JavaScript from the page `from` (it accepts
    /// HTML and names the page it came from).
    pub async fn post_page_form(&self, path: &str, form: &str, from: &str, cookie: &str) -> Reply {
        let request = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::REFERER, format!("{ORIGIN}{from}"))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie)
            .body(Body::from(form.to_owned()))
            .unwrap();
        self.send(request).await
    }

    /// Signs in and returns the `name=value` of the session cookie.
    pub async fn sign_in(&self, email: &str) -> String {
        let reply = self
            .post_form(
                "/api/auth/login",
                &format!("email={}&password={PASSWORD}", email.replace('@', "%40")),
                None,
            )
            .await;
        assert!(
            reply.status.is_success() || reply.status.is_redirection(),
            "{}",
            reply.body
        );
        session_cookie(&reply.headers).expect("a session cookie after sign-in")
    }
}

/// The `pexdesk_session=…` pair of a response's Set-Cookie, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    set_cookie_line(headers).and_then(|line| line.split(';').next().map(str::to_owned))
}

/// The whole Set-Cookie line of the session cookie, if any.
pub fn set_cookie_line(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("pexdesk_session="))
        .map(str::to_owned)
}

/// A router on pexsim (started in-process with demo data), with these accounts, and a
/// client of pexsim for checking effects.
pub async fn app_on_pexsim(
    accounts: &[(&str, Role)],
) -> (TestApp, pexsim::SimHandle, pexip_api::client::Client) {
    let sim = pexsim::spawn(pexsim::Config {
        demo: true,
        rate_limit: pexsim::RateLimit::unlimited(),
        ..pexsim::Config::default()
    })
    .await
    .unwrap();
    let settings = Settings {
        upstream_url: Some(sim.base_url()),
        upstream_username: "admin".into(),
        upstream_password: Some(server::config::Secret::new(pexsim::DEFAULT_PASSWORD)),
        upstream_requests_per_second: 1000.0,
        upstream_burst: 1000,
        ..Settings::default()
    };
    let node = server::upstream::connect(&settings).await.unwrap().client;
    let app = app_on(settings, node.clone()).await;
    add_accounts(&app, accounts).await;
    (app, sim, node)
}
