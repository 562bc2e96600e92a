//! pexip-api client overhead per GET against a raw reqwest GET of the same URL
//! on an in-process pexsim, measured interleaved in one run; plus the time to
//! export 10,000 services through the `meta.next` stream at `limit=1000`.
//!
//! Method: after a warm-up, `BLOCKS` blocks of `PAIRS` pairs. Each pair is one
//! client GET and one raw GET, in ABBA order (the side that goes first
//! alternates), so drift and noise hit both sides equally. Each block gives a
//! ratio of the two sides' median latencies; the result is the median of the
//! block ratios, with the quartiles and the range as the spread. The ratio of
//! the blocks' mean latencies is printed too. It counts every microsecond, but
//! one request stalled by the OS (milliseconds on a shared machine) swings a
//! block's mean; the client's own work is the same on every request, so it
//! shows in the median as well.
//!
//! Both sides send the same request (URL, `Accept`, `User-Agent`, Basic auth),
//! reuse one keep-alive connection each, read the whole body, check the status
//! and decode it into the same typed model (`Conference`), as every caller of
//! `Client::get` gets it. The ratio is what the client layer adds on top:
//! path building, limiter and priority queue, retry wrapper, tracing span,
//! error mapping.
//!
//! Run: `cargo run --release -p pexdesk-bench --bin client_overhead`
//! (`… --bin client_overhead -- only client|raw|none 2000` for instruction counts).

use std::time::{Duration, Instant};

use pexdesk_bench::{mean, median, quantile, side_by_side, spread, Blocks};

use futures::TryStreamExt;
use pexip_api::client::{Client, ClientConfig, RateLimitConfig};
use pexip_api::config::{Conference, ConferenceId};
use pexip_api::{Query, Resource};

const USER: &str = "admin";
const PASS: &str = "bench-pass";
const SERVICES: usize = 10_000;
const WARMUP: usize = 300;
const BLOCKS: usize = 31;
const PAIRS: usize = 100;
/// The client's `User-Agent`, sent by the raw side too so pexsim does the same work.
const USER_AGENT: &str = concat!("pexdesk-pexip-api/", env!("CARGO_PKG_VERSION"));

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

    // The client with its limiter out of the way (no bucket; the in-flight cap
    // and the priority queue still run on every request).
    let mut cfg = ClientConfig::new(base.clone(), USER, PASS);
    cfg.rate_limit = RateLimitConfig::unlimited(8);
    let client = Client::new(cfg)?;
    // The baseline: plain reqwest with the client's transport settings (the
    // same request timeout arms the same timer in both).
    let raw = reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .pool_idle_timeout(Duration::from_secs(90))
        .pool_max_idle_per_host(8)
        .tcp_keepalive(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(USER_AGENT)
        .build()?;

    let first = client.list::<Conference>(&Query::new().limit(1)).await?;
    let id: ConferenceId = first
        .objects
        .first()
        .map(|c| c.id)
        .ok_or("pexsim has no services")?;
    let url = format!("{base}{}", Conference::detail_path(&id));

    let raw_get = || async {
        let resp = raw
            .get(&url)
            .basic_auth(USER, Some(PASS))
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await?;
        let v: Conference = resp.error_for_status()?.json().await?;
        std::hint::black_box(v);
        Ok::<_, Box<dyn std::error::Error>>(())
    };
    let client_get = || async {
        std::hint::black_box(client.get::<Conference>(&id).await?);
        Ok::<_, Box<dyn std::error::Error>>(())
    };

    for _ in 0..WARMUP {
        client_get().await?;
        raw_get().await?;
    }
    // `client_overhead only client|raw|none N`: N GETs of one side and no timing,
    // for instruction counts (`valgrind --tool=callgrind`; subtract the `none` run).
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("only") {
        let side = args.next().unwrap_or_default();
        let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2_000);
        for _ in 0..n {
            match side.as_str() {
                "client" => client_get().await?,
                "raw" => raw_get().await?,
                _ => {}
            }
        }
        sim.shutdown().await;
        return Ok(());
    }
    let started = Instant::now();
    let run = side_by_side(BLOCKS, PAIRS, client_get, raw_get, |()| Ok(())).await?;
    let took = started.elapsed();
    let by_median = run.ratios(median);
    let by_mean = run.ratios(mean);
    println!(
        "GET detail: {BLOCKS} blocks x {PAIRS} interleaved pairs (ABBA), {:.1} s",
        took.as_secs_f64()
    );
    println!(
        "  median latency: client {:.1} µs, raw reqwest {:.1} µs (median over blocks)",
        Blocks::typical(&run.a, median),
        Blocks::typical(&run.b, median)
    );
    println!(
        "  mean latency:   client {:.1} µs, raw reqwest {:.1} µs (median over blocks)",
        Blocks::typical(&run.a, mean),
        Blocks::typical(&run.b, mean)
    );
    println!("  block ratio of medians: {}", spread(&by_median));
    println!(
        "  block ratio of means:   {} (includes requests stalled by the OS)",
        spread(&by_mean)
    );
    println!(
        "client_overhead_ratio {:.3} (median over {BLOCKS} blocks of the ratio of median latencies; goal <= 1.05)",
        quantile(&by_median, 0.5)
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
