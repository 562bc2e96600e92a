//! The services list against a node with 10,000 services (pexsim in-process), side by
//! side in one run:
//! - SSR of the list page (20 rows, a search term) against the upstream list requests it
//!   needs, made directly with the same client: the ratio is what pexdesk adds (session,
//!   guard, server function, rendering). Two searches: in one field (one request) and in
//!   all fields (five requests, sent together).
//! - Upstream requests per page view: the list, and the detail page.
//! - Importing 1,000 rows: the dry run and the apply, with the time and the requests.
//!
//! Upstream requests are counted by a layer in front of pexsim. The page and its direct
//! requests are timed in blocks of interleaved pairs, in ABBA order (`pexdesk_bench`):
//! the ratio is the median over blocks of the ratio of median latencies, printed with its
//! quartiles and range. A page's clock stops when its last byte is in; checking that it
//! shows its 20 rows happens off the clock.
//!
//! Run: `cargo run --release -p pexdesk-bench --bin services_list`

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use app::environment::EnvironmentInfo;
use axum::{
    body::Body,
    extract::Request,
    http::{header, Method},
    middleware::Next,
    response::Response,
    Router,
};
use http_body_util::BodyExt;
use pexdesk_bench::{median, side_by_side, spread, Blocks};
use pexdesk_store::{Password, Role};
use pexip_api::{config::Conference, Query, Specifier};
use server::{config::Settings, http::router, services, state::AppState};
use tower::ServiceExt;

/// Services preloaded on pexsim (`BENCH_SERVICES` overrides, for a quick run).
const SERVICES: usize = 10_000;
/// Blocks of pairs of a page and its direct requests (ABBA; see `pexdesk_bench`).
const BLOCKS: usize = 21;
const PAIRS: usize = 20;
const IMPORT_ROWS: usize = 1_000;
/// A search term that matches more than a page of the preloaded services' names
/// ("Service 000120", "Service 001200" … "Service 001299"), so the page shows 20 rows.
const TERM: &str = "0012";

static GETS: AtomicU64 = AtomicU64::new(0);
static PATCHES: AtomicU64 = AtomicU64::new(0);
static POSTS: AtomicU64 = AtomicU64::new(0);

async fn count(request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/api/admin/") {
        let counter = match *request.method() {
            Method::GET => &GETS,
            Method::PATCH => &PATCHES,
            _ => &POSTS,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
    next.run(request).await
}

fn total() -> u64 {
    GETS.load(Ordering::Relaxed) + PATCHES.load(Ordering::Relaxed) + POSTS.load(Ordering::Relaxed)
}

/// The status and the whole body, as received.
async fn call_raw(router: &Router, request: Request<Body>) -> (u16, Vec<u8>) {
    match router.clone().oneshot(request).await {
        Ok(response) => {
            let status = response.status().as_u16();
            let body = response
                .into_body()
                .collect()
                .await
                .map(|b| b.to_bytes().to_vec())
                .unwrap_or_default();
            (status, body)
        }
        Err(never) => match never {},
    }
}

async fn call(router: &Router, request: Request<Body>) -> (u16, String) {
    let (status, body) = call_raw(router, request).await;
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, "bench.test")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap_or_default()
}

fn post(path: &str, content_type: &str, body: String, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, "bench.test")
        .header(header::ORIGIN, "http://bench.test")
        .header(header::CONTENT_TYPE, content_type)
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap_or_default()
}

/// Every page of a run must show its 20 rows (checked off the clock).
fn shows_twenty_rows(page: &str) -> impl FnMut((u16, Vec<u8>)) -> BenchResult + '_ {
    move |(status, body)| {
        let body = String::from_utf8_lossy(&body);
        if status != 200 || !body.contains("Showing 1–20 of") {
            return Err(format!("{page} answered {status} without its 20 rows").into());
        }
        Ok(())
    }
}

/// Measures the page against its direct requests, and prints the ratio with its spread.
async fn compare<F, Fut>(
    label: &str,
    router: &Router,
    page: &str,
    cookie: &str,
    direct: F,
) -> BenchResult
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = BenchResult>,
{
    let run = side_by_side(
        BLOCKS,
        PAIRS,
        || async { Ok(call_raw(router, get(page, cookie)).await) },
        &direct,
        shows_twenty_rows(page),
    )
    .await?;
    let ratios = run.ratios(median);
    println!(
        "  {label}: page {:.2} ms vs {:.2} ms, ratio {}",
        Blocks::typical(&run.a, median) / 1000.0,
        Blocks::typical(&run.b, median) / 1000.0,
        spread(&ratios)
    );
    Ok(())
}

type BenchResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Runs the bench in a task on a worker thread, where the server runs every request, so
/// the tasks a page spawns and the client's requests meet the scheduler as in production
/// (the thread of `block_on` would make each of them cross threads). Both sides alike.
#[tokio::main]
async fn main() -> BenchResult {
    tokio::spawn(run()).await?
}

async fn run() -> BenchResult {
    let services: usize = std::env::var("BENCH_SERVICES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SERVICES);
    let app = pexsim::router(pexsim::Config {
        password: "bench-pass".into(),
        preload_services: services,
        demo: true,
        rate_limit: pexsim::RateLimit::unlimited(),
        ..pexsim::Config::default()
    })
    .layer(axum::middleware::from_fn(count));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let sim_url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    let dir = tempfile::tempdir()?;
    let settings = Settings {
        database_url: format!("sqlite://{}/bench.db", dir.path().display()),
        upstream_url: Some(sim_url),
        upstream_username: "admin".into(),
        upstream_password: Some(server::config::Secret::new("bench-pass")),
        upstream_requests_per_second: 100_000.0,
        upstream_burst: 100_000,
        ..Settings::default()
    };
    let node = server::upstream::connect(&settings).await?.client;
    let portal = services::open(&settings, node.clone()).await?;
    portal
        .users
        .create(
            "bench@example.com",
            Role::Helpdesk,
            &Password::new("bench-password-123"),
        )
        .await?;
    let router = router(AppState::new(
        settings,
        EnvironmentInfo {
            label: "Bench".into(),
            demo: false,
        },
        portal,
    ));
    let login = router
        .clone()
        .oneshot(post(
            "/api/auth/login",
            "application/x-www-form-urlencoded",
            "email=bench%40example.com&password=bench-password-123".into(),
            "",
        ))
        .await?;
    let cookie = login
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("pexdesk_session="))
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .to_owned();

    let one_field_page = format!("/services?q={TERM}&in=name");
    let all_fields_page = format!("/services?q={TERM}");
    // Warm the reference cache and the connections.
    for _ in 0..10 {
        call(&router, get(&all_fields_page, &cookie)).await;
    }

    println!("services_list (pexsim with {services} preloaded services; {BLOCKS} blocks of {PAIRS} interleaved pairs, ABBA; latencies are medians over blocks, the ratio is the median over blocks of the ratio of medians)");
    // 1. One field: the page against its one request.
    let field_query = Query::new()
        .filter("name", Specifier::IContains, TERM)
        .order_by("name", pexip_api::Order::Asc)
        .limit(20)
        .offset(0);
    compare(
        "list page, search in one field, vs its 1 upstream request ",
        &router,
        &one_field_page,
        &cookie,
        || async {
            node.list::<Conference>(&field_query).await?;
            Ok(())
        },
    )
    .await?;

    // 2. All fields: the page against its five requests, sent together.
    let fields = [
        "name",
        "aliases__alias",
        "description",
        "primary_owner_email_address",
        "tag",
    ];
    compare(
        "list page, search all fields, vs its 5 upstream requests",
        &router,
        &all_fields_page,
        &cookie,
        || async {
            let requests = fields.map(|f| {
                let q = Query::new()
                    .filter(f, Specifier::IContains, TERM)
                    .order_by("name", pexip_api::Order::Asc)
                    .limit(20);
                let node = node.clone();
                async move { node.list::<Conference>(&q).await }
            });
            for page in futures::future::join_all(requests).await {
                page?;
            }
            Ok(())
        },
    )
    .await?;

    // 3. Requests per page view.
    let before = total();
    call(&router, get("/services", &cookie)).await;
    let list_plain = total() - before;
    let before = total();
    call(
        &router,
        get(&format!("/services?q={TERM}&in=alias"), &cookie),
    )
    .await;
    let list_field = total() - before;
    let before = total();
    call(&router, get(&all_fields_page, &cookie)).await;
    let list_all = total() - before;
    let some = node
        .list::<Conference>(&Query::new().limit(1).offset(500))
        .await?
        .objects;
    let detail_path = format!("/services/{}", some.first().map(|c| c.id.0).unwrap_or(1));
    // The first view also fills the themes-and-locations cache (kept 60 s, shared by every
    // page and viewer); the second is what every later view costs.
    let before = total();
    call(&router, get(&detail_path, &cookie)).await;
    let detail_cold = total() - before;
    let before = total();
    call(&router, get(&detail_path, &cookie)).await;
    let detail = total() - before;

    // 4. Importing 1,000 rows.
    let mut csv = String::from("name,aliases,pin\n");
    for i in 0..IMPORT_ROWS {
        csv.push_str(&format!(
            "Bench import {i:04},bench-import-{i:04}@example.com,{}\n",
            1000 + i
        ));
    }
    let boundary = "bench-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rooms.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    let (gets0, patches0) = (
        GETS.load(Ordering::Relaxed),
        PATCHES.load(Ordering::Relaxed),
    );
    let start = Instant::now();
    let (status, plan) = call(
        &router,
        post(
            "/api/services/import/check",
            &format!("multipart/form-data; boundary={boundary}"),
            body,
            &cookie,
        ),
    )
    .await;
    assert_eq!(status, 200, "{plan}");
    let checked = start.elapsed();
    let check_gets = GETS.load(Ordering::Relaxed) - gets0;
    let plan: serde_json::Value = serde_json::from_str(&plan)?;
    let rows = plan["rows"].as_array().cloned().unwrap_or_default();
    let start = Instant::now();
    let gets1 = GETS.load(Ordering::Relaxed);
    for chunk in rows.chunks(100) {
        let body = serde_json::json!({ "rows": chunk }).to_string();
        let (status, reply) = call(
            &router,
            post(
                "/api/services/import/apply",
                "application/json",
                body,
                &cookie,
            ),
        )
        .await;
        assert_eq!(status, 200, "{reply}");
    }
    let applied = start.elapsed();
    let apply_patches = PATCHES.load(Ordering::Relaxed) - patches0;
    let apply_gets = GETS.load(Ordering::Relaxed) - gets1;

    println!("  upstream requests per page view: list {list_plain}, list searching one field {list_field}, list searching all fields {list_all}, service page {detail} ({detail_cold} when the reference cache is cold)");
    println!(
        "  import of {IMPORT_ROWS} rows: dry run {checked:.2?} ({check_gets} GETs), apply {applied:.2?} ({apply_patches} bulk PATCHes, {apply_gets} GETs)"
    );
    Ok(())
}
