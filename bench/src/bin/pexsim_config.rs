//! pexsim configuration API throughput with 100,000 services loaded.
//!
//! Measures, in one run and interleaved, requests per second of:
//! - the baseline: an unfiltered single-object GET (`conference/?limit=1`);
//! - a filtered, ordered page of 20 (`name__contains`, `order_by=-creation_time`);
//! - a single GET by id (`conference/<id>/`);
//!
//! and prints each against the baseline, and the process's resident memory (Linux).

use std::time::{Duration, Instant};

const SERVICES: usize = 100_000;
const ROUNDS: usize = 3;
const SLICE: Duration = Duration::from_millis(1500);

struct Case {
    name: &'static str,
    path: String,
    requests: u64,
    elapsed: Duration,
}

impl Case {
    fn rate(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

async fn run_slice(client: &reqwest::Client, base: &str, case: &mut Case) -> Result<(), String> {
    let start = Instant::now();
    let mut i: u64 = 0;
    while start.elapsed() < SLICE {
        let path = case
            .path
            .replace("{n}", &(1 + (i * 7919) % SERVICES as u64).to_string());
        let resp = client
            .get(format!("{base}{path}"))
            .basic_auth("admin", Some(pexsim::DEFAULT_PASSWORD))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !resp.status().is_success() {
            return Err(format!("{path}: {}", resp.status()));
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
        preload_services: SERVICES,
        rate_limit: pexsim::RateLimit::unlimited(),
        ..pexsim::Config::default()
    };
    let loading = Instant::now();
    let sim = pexsim::spawn(config).await.map_err(|e| e.to_string())?;
    println!(
        "pexsim with {SERVICES} services loaded in {:.2?}, RSS {}",
        loading.elapsed(),
        rss()
    );
    let base = sim.base_url();
    let client = reqwest::Client::new();
    let conf = "/api/admin/configuration/v1/conference/";
    let mut cases = vec![
        Case {
            name: "unfiltered single GET (baseline)",
            path: format!("{conf}?limit=1"),
            requests: 0,
            elapsed: Duration::ZERO,
        },
        Case {
            name: "filtered ordered page of 20",
            path: format!("{conf}?name__contains=123&order_by=-creation_time&limit=20"),
            requests: 0,
            elapsed: Duration::ZERO,
        },
        Case {
            name: "single GET by id",
            path: format!("{conf}{{n}}/"),
            requests: 0,
            elapsed: Duration::ZERO,
        },
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
