//! pexsim live-status and history throughput under busy activity, with 100,000 history
//! participants loaded.
//!
//! Measures, in one run and interleaved, requests per second of:
//! - the baseline: an unfiltered single-object GET (`status/v1/participant/?limit=1`);
//! - a page of 500 live participants (`status/v1/participant/?limit=500`);
//! - the guide's packet-loss filter over history participants
//!   (`history/v1/participant/?media_streams__tx_packet_loss__gte=0.5`);
//!
//! while the activity scheduler keeps stepping (`--activity busy`, hundreds of participants),
//! and prints each against the baseline, and the process's resident memory (Linux).

use std::time::{Duration, Instant};

const HISTORY: usize = 100_000;
const ROUNDS: usize = 3;
const SLICE: Duration = Duration::from_millis(1500);

struct Case {
    name: &'static str,
    path: &'static str,
    requests: u64,
    elapsed: Duration,
}

impl Case {
    fn new(name: &'static str, path: &'static str) -> Self {
        Case {
            name,
            path,
            requests: 0,
            elapsed: Duration::ZERO,
        }
    }

    fn rate(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

async fn get(client: &reqwest::Client, url: &str) -> Result<serde_json::Value, String> {
    let resp = client
        .get(url)
        .basic_auth("admin", Some(pexsim::DEFAULT_PASSWORD))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !resp.status().is_success() {
        return Err(format!("{url}: {}", resp.status()));
    }
    resp.json().await.map_err(|e| e.to_string())
}

async fn run_slice(client: &reqwest::Client, base: &str, case: &mut Case) -> Result<(), String> {
    let start = Instant::now();
    let mut i: u64 = 0;
    while start.elapsed() < SLICE {
        let resp = client
            .get(format!("{base}{}", case.path))
            .basic_auth("admin", Some(pexsim::DEFAULT_PASSWORD))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !resp.status().is_success() {
            return Err(format!("{}: {}", case.path, resp.status()));
        }
        resp.bytes().await.map_err(|e| e.to_string())?;
        i += 1;
    }
    case.requests += i;
    case.elapsed += start.elapsed();
    Ok(())
}

/// `VmRSS` of this process (the simulator runs in it), from `/proc/self/status`.
fn rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let config = pexsim::Config {
        demo: true,
        activity: pexsim::Activity::Busy,
        preload_history: HISTORY,
        rate_limit: pexsim::RateLimit::unlimited(),
        ..pexsim::Config::default()
    };
    let loading = Instant::now();
    let sim = pexsim::spawn(config).await.map_err(|e| e.to_string())?;
    println!(
        "pexsim with {HISTORY} history participants loaded in {:.2?}, RSS {}",
        loading.elapsed(),
        rss()
    );
    // Ramp the busy activity up (15 simulated minutes) before measuring; the background task
    // keeps stepping once a second while the requests run.
    let ramp = Instant::now();
    for _ in 0..60 {
        sim.step(Duration::from_secs(15), None)
            .map_err(|e| e.to_string())?;
    }
    let base = sim.base_url();
    let client = reqwest::Client::new();
    let count = |path: &'static str| {
        let url = format!("{base}{path}");
        let client = client.clone();
        async move {
            get(&client, &url)
                .await
                .map(|v| v["meta"]["total_count"].as_u64().unwrap_or(0))
        }
    };
    println!(
        "busy activity ramped in {:.2?}: {} conferences, {} participants live; {} history participants, {} with tx packet loss >= 0.5 %",
        ramp.elapsed(),
        count("/api/admin/status/v1/conference/?limit=1").await?,
        count("/api/admin/status/v1/participant/?limit=1").await?,
        count("/api/admin/history/v1/participant/?limit=1").await?,
        count("/api/admin/history/v1/participant/?media_streams__tx_packet_loss__gte=0.5&limit=1").await?,
    );
    let mut cases = vec![
        Case::new(
            "unfiltered single GET (baseline)",
            "/api/admin/status/v1/participant/?limit=1",
        ),
        Case::new(
            "live participants, page of 500",
            "/api/admin/status/v1/participant/?limit=500",
        ),
        Case::new(
            "history participants with tx packet loss >= 0.5 %",
            "/api/admin/history/v1/participant/?media_streams__tx_packet_loss__gte=0.5",
        ),
    ];
    for _ in 0..ROUNDS {
        for case in cases.iter_mut() {
            run_slice(&client, &base, case).await?;
        }
    }
    let baseline = cases[0].rate();
    println!("\n| request | requests/s | vs baseline |\n|---|---:|---:|");
    for c in &cases {
        println!(
            "| {} | {:.0} | {:.2}x |",
            c.name,
            c.rate(),
            c.rate() / baseline
        );
    }
    println!("\nRSS after the run: {}", rss());
    sim.shutdown().await;
    Ok(())
}
