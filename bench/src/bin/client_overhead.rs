//! pexip-api client overhead per GET against a raw reqwest GET of the same URL
//! on an in-process pexsim, measured interleaved in one run; plus the time to
//! export 10,000 services through the `meta.next` stream at `limit=1000`.
//!
//! Run: `cargo run --release -p pexdesk-bench --bin client_overhead`

use std::time::{Duration, Instant};

use futures::TryStreamExt;
use pexip_api::client::{Client, ClientConfig, RateLimitConfig};
use pexip_api::config::{Conference, ConferenceId};
use pexip_api::{Query, Resource};

const USER: &str = "admin";
const PASS: &str = "bench-pass";
const SERVICES: usize = 10_000;
const WARMUP: usize = 200;
const ROUNDS: usize = 3_000;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = pexsim::spawn(pexsim::Config {
        username: USER.into(),
        password: PASS.into(),
        preload_services: SERVICES,
        rate_limit: pexsim::RateLimit::unlimited(),
        ..pexsim::Config::default()
    })
    .await?;
    let base = sim.base_url();

    // The client with its limiter out of the way (a bucket this large never empties).
    let mut cfg = ClientConfig::new(base.clone(), USER, PASS);
    cfg.rate_limit = RateLimitConfig::unlimited(8);
    let client = Client::new(cfg)?;
    // The baseline: plain reqwest with the same transport settings (a request
    // timeout arms the same timer in both) and the same typed decode, so the
    // ratio measures the client layer: limiter, priority queue, retry wrapper,
    // tracing span, error mapping.
    let raw = reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .build()?;

    let first = client.list::<Conference>(&Query::new().limit(1)).await?;
    let id: ConferenceId = first
        .objects
        .first()
        .map(|c| c.id)
        .ok_or("pexsim has no services")?;
    let url = format!("{base}{}", Conference::detail_path(&id));

    let raw_get = || async {
        let resp = raw.get(&url).basic_auth(USER, Some(PASS)).send().await?;
        let v: Conference = resp.error_for_status()?.json().await?;
        Ok::<_, reqwest::Error>(v)
    };

    for _ in 0..WARMUP {
        client.get::<Conference>(&id).await?;
        raw_get().await?;
    }
    // Interleaved, alternating which goes first, so drift hits both equally.
    let (mut t_client, mut t_raw) = (Duration::ZERO, Duration::ZERO);
    for i in 0..ROUNDS {
        let order_client_first = i % 2 == 0;
        for leg in 0..2 {
            let client_leg = (leg == 0) == order_client_first;
            let start = Instant::now();
            if client_leg {
                std::hint::black_box(client.get::<Conference>(&id).await?);
                t_client += start.elapsed();
            } else {
                std::hint::black_box(raw_get().await?);
                t_raw += start.elapsed();
            }
        }
    }
    let per = |t: Duration| t.as_secs_f64() * 1e6 / ROUNDS as f64;
    let ratio = t_client.as_secs_f64() / t_raw.as_secs_f64();
    println!(
        "GET detail x{ROUNDS} interleaved: client {:.1} µs/req, raw reqwest {:.1} µs/req",
        per(t_client),
        per(t_raw)
    );
    println!("client_overhead_ratio {ratio:.3} (goal <= 1.05)");

    // For information: the same client against raw reqwest that decodes into
    // an untyped `serde_json::Value` instead of the typed model.
    let (mut t_client2, mut t_value) = (Duration::ZERO, Duration::ZERO);
    for i in 0..ROUNDS / 3 {
        for leg in 0..2 {
            let start = Instant::now();
            if (leg == 0) == (i % 2 == 0) {
                std::hint::black_box(client.get::<Conference>(&id).await?);
                t_client2 += start.elapsed();
            } else {
                let resp = raw.get(&url).basic_auth(USER, Some(PASS)).send().await?;
                std::hint::black_box(resp.json::<serde_json::Value>().await?);
                t_value += start.elapsed();
            }
        }
    }
    println!(
        "info: client (typed) vs raw reqwest decoding to serde_json::Value: {:.3}",
        t_client2.as_secs_f64() / t_value.as_secs_f64()
    );

    let start = Instant::now();
    let exported: usize = client
        .background()
        .stream::<Conference>(&Query::new().limit(1000))
        .try_fold(0usize, |n, _| async move { Ok(n + 1) })
        .await?;
    let took = start.elapsed();
    println!(
        "export {exported} services via meta.next at limit=1000: {:.2} s ({:.0} services/s)",
        took.as_secs_f64(),
        exported as f64 / took.as_secs_f64()
    );
    if exported != SERVICES {
        return Err(format!("exported {exported}, expected {SERVICES}").into());
    }
    sim.shutdown().await;
    Ok(())
}
