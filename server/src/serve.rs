//! `pexdesk serve`: bind, serve, and shut down gracefully on SIGINT or SIGTERM.

use tokio::net::TcpListener;

use crate::{
    auth::sessions::spawn_expired_deletion, config::Settings, embedded, error::ServerError, http,
    services, state::AppState, upstream,
};

/// Serves the portal until a shutdown signal arrives.
pub async fn run(settings: Settings) -> Result<(), ServerError> {
    let addr = settings.listen;
    let upstream = upstream::connect(&settings).await?;
    let environment = upstream.environment.clone();
    let portal = services::open(&settings, upstream.client.clone()).await?;
    if let (Some(sim), Some(path)) = (&upstream.embedded, &settings.embedded_credentials_file) {
        sim.write_credentials(path)?;
        tracing::info!(file = %path, "built-in simulator credentials written");
    }
    if upstream.embedded.is_some() {
        let password = embedded::ensure_demo_accounts(&portal.users).await?;
        embedded::print_banner(&addr.to_string(), password.as_deref());
    }
    spawn_expired_deletion(portal.sessions.clone());
    services::spawn_audit_retention(&portal, settings.audit_retention_days);
    let state = AppState::new(settings, environment, portal);
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
    if let Some(sim) = upstream.embedded {
        sim.shutdown().await;
    }
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
