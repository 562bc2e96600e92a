//! Sessions: tower-sessions with the store on pexdesk's own database, so several replicas
//! share them. The cookie is HttpOnly, SameSite=Lax, Secure behind TLS, and expires after
//! the idle timeout; the absolute timeout is checked by the guard.

use std::time::Duration;

use pexdesk_store::SessionStore;
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};
use tower_sessions_core::ExpiredDeletion;

use crate::config::Settings;

/// The session cookie's name.
pub const COOKIE_NAME: &str = "pexdesk_session";

/// The session layer for these settings.
pub fn layer(store: SessionStore, settings: &Settings) -> SessionManagerLayer<SessionStore> {
    let idle = time::Duration::minutes(i64::try_from(settings.session_idle_minutes).unwrap_or(60));
    SessionManagerLayer::new(store)
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.secure_cookies())
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle))
}

/// Deletes expired sessions every few minutes, for as long as the server runs.
pub fn spawn_expired_deletion(store: SessionStore) {
    tokio::spawn(async move {
        if let Err(err) = store
            .continuously_delete_expired(Duration::from_secs(300))
            .await
        {
            tracing::warn!(error = %err, "expired-session cleanup stopped");
        }
    });
}
