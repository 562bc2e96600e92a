//! The `pexsim` binary: a simulated Pexip Infinity v32 Management Node.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use clap::Parser;
use pexsim::faults::{Burst429, ErrorFault, FaultRule, FaultSet};
use pexsim::{Activity, Config, RateLimit};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Simulates a Pexip Infinity v32 Management Node (configuration, status, history and command
/// APIs, live activity, event sinks, faults).
#[derive(Parser, Debug)]
#[command(name = "pexsim", version)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8443", env = "PEXSIM_LISTEN")]
    listen: SocketAddr,
    /// API username.
    #[arg(long, default_value = "admin", env = "PEXSIM_USERNAME")]
    username: String,
    /// API password (or PEXSIM_PASSWORD, or --password-file).
    #[arg(long, env = "PEXSIM_PASSWORD", conflicts_with = "password_file")]
    password: Option<String>,
    /// Read the API password from this file (first line).
    #[arg(long)]
    password_file: Option<PathBuf>,
    /// Seed the demo organisation.
    #[arg(long)]
    demo: bool,
    /// Seed for deterministic ids and data.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Load state from FILE at start; save it atomically on change and at shutdown.
    #[arg(long = "state", value_name = "FILE")]
    state: Option<PathBuf>,
    /// Rate limit as N/SECONDS.
    #[arg(long, default_value = "10000/60")]
    rate_limit: RateLimit,
    /// Generate N extra services at start.
    #[arg(long, default_value_t = 0)]
    preload_services: usize,
    /// What happens on its own: off, low (a few conferences) or busy (hundreds of participants).
    #[arg(long, default_value = "low")]
    activity: Activity,
    /// Simulated seconds per real second (60: a simulated minute per second).
    #[arg(long, default_value_t = 1.0)]
    time_scale: f64,
    /// Keep at most N history conference instances.
    #[arg(long, default_value_t = 10_000)]
    history_retention: usize,
    /// Generate about N history participants at start (benchmarks).
    #[arg(long, default_value_t = 0)]
    preload_history: usize,
    /// Serve HTTPS with a fresh self-signed certificate (printed at start).
    #[arg(long, conflicts_with_all = ["tls_cert", "tls_key"])]
    tls_self_signed: bool,
    /// Serve HTTPS with this certificate chain (PEM); needs --tls-key.
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// The private key (PEM) for --tls-cert.
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Faults apply only to paths starting with this prefix.
    #[arg(long)]
    fault_path_prefix: Option<String>,
    /// Add this much latency (ms) to every request.
    #[arg(long, default_value_t = 0)]
    fault_latency_ms: u64,
    /// Answer this error status to a fraction of requests (see --fault-error-rate).
    #[arg(long)]
    fault_error_status: Option<u16>,
    /// Fraction (0-1) of requests answered with --fault-error-status.
    #[arg(long, default_value_t = 1.0)]
    fault_error_rate: f64,
    /// The next N requests answer 429.
    #[arg(long)]
    fault_429_burst: Option<u32>,
    /// Retry-After seconds for --fault-429-burst.
    #[arg(long, default_value_t = 1)]
    fault_retry_after: u64,
    /// Corrupt JSON bodies.
    #[arg(long)]
    fault_malformed_json: bool,
    /// Close connections mid-response.
    #[arg(long)]
    fault_close_mid_response: bool,
    /// Refuse every API call (503).
    #[arg(long)]
    fault_down: bool,
}

impl Cli {
    fn fault_rule(&self) -> Option<FaultRule> {
        let rule = FaultRule {
            path_prefix: self.fault_path_prefix.clone(),
            latency_ms: self.fault_latency_ms,
            error: self.fault_error_status.map(|status| ErrorFault {
                status,
                fraction: self.fault_error_rate,
            }),
            burst_429: self.fault_429_burst.map(|count| Burst429 {
                count,
                retry_after: self.fault_retry_after,
            }),
            malformed_json: self.fault_malformed_json,
            close_mid_response: self.fault_close_mid_response,
            down: self.fault_down,
        };
        let inert = FaultRule {
            path_prefix: rule.path_prefix.clone(),
            ..FaultRule::default()
        };
        (rule != inert).then_some(rule)
    }

    fn password(&self) -> Result<String, String> {
        if let Some(p) = &self.password {
            return Ok(p.clone());
        }
        if let Some(path) = &self.password_file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("--password-file {}: {e}", path.display()))?;
            return Ok(text.lines().next().unwrap_or("").to_string());
        }
        Ok(pexsim::DEFAULT_PASSWORD.to_string())
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pexsim: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let faults = FaultSet {
        rules: cli.fault_rule().into_iter().collect(),
    };
    for r in &faults.rules {
        r.validate()?;
    }
    if !(0.0..=100_000.0).contains(&cli.time_scale) {
        return Err("--time-scale: between 0 and 100000".into());
    }
    let tls = cli.tls_self_signed || cli.tls_cert.is_some();
    let config = Config {
        username: cli.username.clone(),
        password: cli.password()?,
        demo: cli.demo,
        seed: cli.seed,
        rate_limit: cli.rate_limit,
        state_file: cli.state.clone(),
        preload_services: cli.preload_services,
        activity: cli.activity,
        time_scale: cli.time_scale,
        history_retention: cli.history_retention,
        preload_history: cli.preload_history,
        tls,
        faults,
        ..Config::default()
    };
    let (router, state) = pexsim::build(config).map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .map_err(|e| format!("{}: {e}", cli.listen))?;
    let scheme = if tls { "https" } else { "http" };
    println!(
        "pexsim listening on {scheme}://{} (user {})",
        cli.listen, cli.username
    );
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if tls {
        let (cert, key) = match (&cli.tls_cert, &cli.tls_key) {
            (Some(c), Some(k)) => (
                std::fs::read(c).map_err(|e| format!("{}: {e}", c.display()))?,
                std::fs::read(k).map_err(|e| format!("{}: {e}", k.display()))?,
            ),
            _ => {
                let (c, k) = pexsim::server::tls::self_signed().map_err(|e| e.to_string())?;
                println!("self-signed certificate (add to your CA bundle):\n{c}");
                (c.into_bytes(), k.into_bytes())
            }
        };
        let acceptor = pexsim::server::tls::acceptor(&cert, &key).map_err(|e| e.to_string())?;
        let listener = pexsim::server::tls::TlsListener::new(listener, acceptor);
        pexsim::server::conn::serve(listener, router, shutdown)
            .await
            .map_err(|e| e.to_string())?;
    } else {
        pexsim::server::conn::serve(listener, router, shutdown)
            .await
            .map_err(|e| e.to_string())?;
    }
    if let Some(path) = &state.config.state_file {
        pexsim::persist::save(&state, path).map_err(|e| e.to_string())?;
        println!("state saved to {}", path.display());
    }
    Ok(())
}
