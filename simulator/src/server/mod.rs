//! Building the app and serving it: plain HTTP, TLS, handles for in-process callers.

pub mod conn;
pub mod tls;

use crate::config::Config;
use crate::engine::store::Store;
use crate::error::SimError;
use crate::state::AppState;
use crate::{activity, auth, control, demo, faults, persist, ratelimit};
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{any, delete, get, post, put};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Builds the app and its state: loads the state file, or seeds demo and preloaded data.
pub fn build(config: Config) -> Result<(Router, Arc<AppState>), SimError> {
    let mut store = Store::new(config.seed);
    let loaded = match &config.state_file {
        Some(path) => persist::load(path)?,
        None => None,
    };
    match loaded {
        Some(tables) => store.restore(tables),
        None => {
            demo::seed_base(&mut store);
            if config.demo {
                demo::seed_demo(&mut store, config.seed);
            }
        }
    }
    if config.preload_services > 0 {
        demo::preload_services(&mut store, config.preload_services);
    }
    let state = Arc::new(AppState::new(config, store));
    let seed = state.config.seed;
    state
        .live(|l| activity::seed_live(l, &state.config, seed))
        .map_err(|e| SimError::State(format!("seeding the live node: {e}")))?;
    persist::spawn_saver(state.clone(), Duration::from_millis(200));
    activity::spawn(&state);
    Ok((app(state.clone()), state))
}

fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route(
            "/_sim/faults",
            get(control::get_faults)
                .post(control::add_faults)
                .put(control::set_faults)
                .delete(control::clear_faults),
        )
        .route("/_sim/conferences", post(control::live::start_conference))
        .route(
            "/_sim/conferences/{id}",
            delete(control::live::end_conference),
        )
        .route("/_sim/participants", post(control::live::add_participant))
        .route(
            "/_sim/participants/{id}",
            delete(control::live::remove_participant),
        )
        .route(
            "/_sim/participants/{id}/packet_loss",
            put(control::live::set_packet_loss).post(control::live::set_packet_loss),
        )
        .route("/_sim/step", post(control::clock::step))
        .route("/_sim/reset", post(control::clock::reset))
        .route(
            "/_sim/activity",
            get(control::clock::get_activity).put(control::clock::set_activity),
        )
        .route("/_sim/sinks", get(control::clock::sinks))
        .route(
            "/_sim/requests",
            get(control::requests::get_counts).delete(control::requests::reset_counts),
        )
        .route("/api/admin/command", any(crate::resources::command::handle))
        .route(
            "/api/admin/command/{*rest}",
            any(crate::resources::command::handle),
        )
        .route("/api/admin/{*rest}", any(crate::engine::http::api))
        .layer(from_fn_with_state(state.clone(), ratelimit::layer))
        .layer(from_fn_with_state(state.clone(), auth::layer))
        .layer(from_fn_with_state(state.clone(), faults::layer::layer))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(from_fn_with_state(state.clone(), control::requests::count))
        .with_state(state)
}

/// The full app, with no listener. A state file that cannot be read is logged and ignored.
pub fn router(config: Config) -> Router {
    match build(config.clone()) {
        Ok((router, _)) => router,
        Err(e) => {
            tracing::error!(error = %e, "pexsim: starting without the state file");
            let fallback = Config {
                state_file: None,
                ..config
            };
            let state = Arc::new(AppState::new(fallback, Store::new(0)));
            app(state)
        }
    }
}

/// A simulator serving in the background.
pub struct SimHandle {
    addr: SocketAddr,
    scheme: &'static str,
    host: &'static str,
    state: Arc<AppState>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl SimHandle {
    /// `http://127.0.0.1:PORT` (or `https://localhost:PORT`), no trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}://{}:{}", self.scheme, self.host, self.addr.port())
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The live state: `state().with_store(|s| ...)` bulk-loads data in-process.
    pub fn state(&self) -> &Arc<AppState> {
        &self.state
    }

    /// Runs `f` on the store, e.g. to bulk-load data (see [`crate::demo::preload_services`]).
    pub fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        self.state.with_store(f)
    }

    /// Moves simulated time `dt` forward and steps the activity scheduler at `level` (or the
    /// configured one): media evolves, quality windows close, and the scheduler decides.
    pub fn step(
        &self,
        dt: Duration,
        level: Option<crate::config::Activity>,
    ) -> Result<(), crate::live::LiveError> {
        activity::step(&self.state, dt, level)
    }

    /// Stops serving and saves the state file (if any).
    pub async fn shutdown(mut self) {
        self.state.stopping.notify_one();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
        if let Some(path) = &self.state.config.state_file {
            if let Err(e) = persist::save(&self.state, path) {
                tracing::error!(error = %e, "saving the state file at shutdown failed");
            }
        }
    }
}

/// Binds `127.0.0.1:0` and serves in the background.
pub async fn spawn(config: Config) -> Result<SimHandle, SimError> {
    let (router, state) = build(config)?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let stop = async move {
            let _ = stopped.await;
        };
        if let Err(e) = conn::serve(listener, router, stop).await {
            tracing::error!(error = %e, "pexsim server failed");
        }
    });
    Ok(SimHandle {
        addr,
        scheme: "http",
        host: "127.0.0.1",
        state,
        stop: Some(stop),
        task,
    })
}

/// Like [`spawn`], over HTTPS with a fresh self-signed certificate for `localhost` and
/// `127.0.0.1`. Returns the certificate PEM for the client's CA bundle.
pub async fn spawn_tls(config: Config) -> Result<(SimHandle, String), SimError> {
    let (cert_pem, key_pem) = tls::self_signed()?;
    let acceptor = tls::acceptor(cert_pem.as_bytes(), key_pem.as_bytes())?;
    let (router, state) = build(Config {
        tls: true,
        ..config
    })?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(tls::serve(
        tls::TlsListener::new(listener, acceptor),
        router,
        stopped,
    ));
    Ok((
        SimHandle {
            addr,
            scheme: "https",
            host: "localhost",
            state,
            stop: Some(stop),
            task,
        },
        cert_pem,
    ))
}
