//! Opens pexdesk's own services (database, accounts, sessions, throttle, audit) for the
//! settings, for both `serve` and the CLI.

use std::{sync::Arc, time::Duration};

use app::{
    lookups::Lookups,
    portal::{Portal, SessionPolicy},
};
use pexdesk_store::{AuditLog, Db, LoginThrottle, SessionStore, ThrottleConfig, Users};

use crate::{config::Settings, error::ServerError};

/// Connects to the database (running migrations) and builds the services around the
/// given Management Node client.
pub async fn open(
    settings: &Settings,
    upstream: pexip_api::client::Client,
) -> Result<Portal, ServerError> {
    let db = Db::connect(&settings.database_url)
        .await
        .map_err(|e| ServerError::Config(format!("database: {e}")))?;
    let throttle = LoginThrottle::new(ThrottleConfig {
        max_failures_per_account: settings.login_max_failures_per_account,
        max_failures_per_addr: settings.login_max_failures_per_addr,
        window: Duration::from_secs(settings.login_window_secs),
        ..ThrottleConfig::default()
    });
    Ok(Portal {
        users: Users::new(db.clone()),
        sessions: SessionStore::new(db.clone()),
        audit: AuditLog::new(db),
        throttle: Arc::new(throttle),
        session_policy: SessionPolicy {
            idle: Duration::from_secs(settings.session_idle_minutes * 60),
            absolute: Duration::from_secs(settings.session_absolute_minutes * 60),
        },
        upstream,
        lookups: Arc::new(Lookups::new(Duration::from_secs(60))),
    })
}

/// A client for commands that never reach the Management Node (the CLI): requests to it
/// fail at once.
pub fn offline_upstream() -> Result<pexip_api::client::Client, ServerError> {
    pexip_api::client::Client::new(pexip_api::client::ClientConfig::new(
        "http://127.0.0.1:9",
        "offline",
        "offline",
    ))
    .map_err(|e| ServerError::Config(e.user_message()))
}

/// Deletes audit rows past the retention, now and once a day.
pub fn spawn_audit_retention(portal: &Portal, days: u64) {
    if days == 0 {
        return;
    }
    let audit = portal.audit.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(24 * 3600));
        loop {
            tick.tick().await;
            let age = time::Duration::days(i64::try_from(days).unwrap_or(i64::MAX / 86_400));
            match audit.purge_older_than(age).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(rows = n, "audit rows past retention deleted"),
                Err(err) => tracing::warn!(error = %err, "audit retention failed"),
            }
        }
    });
}
