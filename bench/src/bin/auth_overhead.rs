//! Sign-in latency, and what the session costs a request, measured side by side in one
//! run on the real router (in process, release build, SQLite):
//! - a signed-in page (session load + account lookup + SSR) against the sign-in page
//!   rendered for an anonymous visitor (SSR only);
//! - `/api/auth/me` signed in (session and account, read in one query) against the same
//!   server function for an anonymous caller (no session to read).
//!
//! Run: `cargo run --release -p pexdesk-bench --bin auth_overhead`

use std::time::{Duration, Instant};

use app::environment::EnvironmentInfo;
use axum::{
    body::Body,
    http::{header, Request},
    Router,
};
use http_body_util::BodyExt;
use pexdesk_store::{Password, Role};
use server::{config::Settings, http::router, services, state::AppState};
use tower::ServiceExt;

const ROUNDS: usize = 2_000;
const LOGINS: usize = 20;

async fn call(router: &Router, request: Request<Body>) -> (u16, axum::http::HeaderMap) {
    match router.clone().oneshot(request).await {
        Ok(response) => {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let _ = response.into_body().collect().await;
            (status, headers)
        }
        Err(never) => match never {},
    }
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut builder = Request::get(path).header(header::HOST, "bench.test");
    if let Some(c) = cookie {
        builder = builder.header(header::COOKIE, c);
    }
    builder.body(Body::empty()).unwrap_or_default()
}

fn login_request() -> Request<Body> {
    Request::post("/api/auth/login")
        .header(header::HOST, "bench.test")
        .header(header::ORIGIN, "http://bench.test")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "email=bench%40example.com&password=bench-password-123",
        ))
        .unwrap_or_default()
}

/// Mean time per call of `a` and of `b`, interleaved so both see the same machine.
async fn side_by_side(
    router: &Router,
    a: (&str, Option<&str>),
    b: (&str, Option<&str>),
) -> (Duration, Duration) {
    let (mut ta, mut tb) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let (status, _) = call(router, get(a.0, a.1)).await;
        ta += start.elapsed();
        assert_eq!(status, 200, "{}", a.0);
        let start = Instant::now();
        let (status, _) = call(router, get(b.0, b.1)).await;
        tb += start.elapsed();
        assert_eq!(status, 200, "{}", b.0);
    }
    let n = u32::try_from(ROUNDS).unwrap_or(u32::MAX);
    (ta / n, tb / n)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let settings = Settings {
        database_url: format!("sqlite://{}/bench.db", dir.path().display()),
        login_max_failures_per_account: 1_000,
        login_max_failures_per_addr: 1_000,
        ..Settings::default()
    };
    let portal = services::open(&settings, services::offline_upstream()?).await?;
    portal
        .users
        .create(
            "bench@example.com",
            Role::Admin,
            &Password::new("bench-password-123"),
        )
        .await?;
    let state = AppState::new(
        settings,
        EnvironmentInfo {
            label: "Bench".into(),
            demo: false,
        },
        portal,
    );
    let router = router(state);

    // Sign-in latency (argon2id m=19456 KiB, t=2, p=1: deliberately ~tens of ms).
    let mut times = Vec::with_capacity(LOGINS);
    let mut cookie = String::new();
    for _ in 0..LOGINS {
        let start = Instant::now();
        let (status, headers) = call(&router, login_request()).await;
        times.push(start.elapsed());
        assert_eq!(status, 200, "sign-in");
        if let Some(c) = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("pexdesk_session="))
            .and_then(|v| v.split(';').next())
        {
            cookie = c.to_owned();
        }
    }
    times.sort();
    let median = times[LOGINS / 2];
    let p95 = times[(LOGINS * 95 / 100).min(LOGINS - 1)];

    let (page_signed_in, page_anonymous) =
        side_by_side(&router, ("/routing", Some(&cookie)), ("/login", None)).await;
    let (me, anonymous) = side_by_side(
        &router,
        ("/api/auth/me", Some(&cookie)),
        ("/api/auth/me", None),
    )
    .await;

    println!("auth_overhead ({ROUNDS} interleaved rounds, {LOGINS} sign-ins)");
    println!("  sign-in latency          median {median:>9.2?}  p95 {p95:>9.2?}");
    println!(
        "  signed-in page           {page_signed_in:>9.2?}  vs anonymous page {page_anonymous:>9.2?}  ratio {:.2}",
        page_signed_in.as_secs_f64() / page_anonymous.as_secs_f64()
    );
    println!(
        "  /api/auth/me (session)   {me:>9.2?}  vs anonymous         {anonymous:>9.2?}  ratio {:.2}",
        me.as_secs_f64() / anonymous.as_secs_f64()
    );
    Ok(())
}
