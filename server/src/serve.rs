//! `pexdesk serve`: bind, serve, and shut down gracefully on SIGINT or SIGTERM.

use app::environment::EnvironmentInfo;
use tokio::net::TcpListener;

use crate::{config::Settings, error::ServerError, http, state::AppState};

/// Serves the portal until a shutdown signal arrives.
pub async fn run(settings: Settings) -> Result<(), ServerError> {
    let environment = EnvironmentInfo {
        label: "No Management Node configured".to_owned(),
        demo: true,
    };
    let addr = settings.listen;
    let state = AppState::new(settings, environment);
    let router = http::router(state);
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind { addr, source })?;
    let local = listener.local_addr().map_err(ServerError::Serve)?;
    tracing::info!(address = %local, "pexdesk listening on http://{local}");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("pexdesk stopped gracefully");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
