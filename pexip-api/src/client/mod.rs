//! The async client (feature `client`).
//!
//! ```no_run
//! # async fn demo() -> Result<(), pexip_api::client::Error> {
//! use pexip_api::client::{Client, ClientConfig};
//! use pexip_api::{config::Conference, Query, Specifier};
//! let client = Client::new(ClientConfig::new("https://mgr.example.com", "admin", "secret"))?;
//! let page = client
//!     .list::<Conference>(&Query::new().filter("name", Specifier::IContains, "sales").limit(50))
//!     .await?;
//! println!("{} services match", page.meta.total_count);
//! # Ok(()) }
//! ```

mod bulk;
mod command_errors;
mod commands;
mod error;
mod files;
mod list;
mod ratelimit;
mod resources;
mod retry;
mod secret;
mod subresources;
mod transport;

use std::sync::Arc;
use std::time::Duration;

pub use bulk::{BulkChunkOutcome, BulkObject, BulkReport};
pub use error::{Error, FieldErrors, UnavailableReason, NON_FIELD};
pub use files::{Download, LicenceAdded, Upload};
pub use ratelimit::{Priority, RateLimitConfig};
pub use retry::RetryConfig;
pub use secret::Secret;

/// Everything the client needs to reach a Management Node.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// `https://mgr.example.com` (a path, if any, is ignored).
    pub base_url: String,
    /// API user name.
    pub username: String,
    /// API password.
    pub password: Secret,
    /// Extra trusted CA certificates (PEM bundle), on top of the system roots.
    pub ca_bundle_pem: Option<Vec<u8>>,
    /// Time allowed to connect (TCP + TLS).
    pub connect_timeout: Duration,
    /// Time allowed for a whole request.
    pub request_timeout: Duration,
    /// Time allowed for a whole download or upload.
    pub transfer_timeout: Duration,
    /// Rate limits.
    pub rate_limit: RateLimitConfig,
    /// Retries of idempotent requests.
    pub retry: RetryConfig,
    /// Objects (plus deleted URIs) per bulk PATCH request.
    pub bulk_chunk_size: usize,
}

impl ClientConfig {
    /// A configuration with the default limits and timeouts.
    pub fn new(
        base_url: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        Self {
            base_url: base_url.into(),
            username: username.into(),
            password: password.into(),
            ca_bundle_pem: None,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            transfer_timeout: Duration::from_secs(600),
            rate_limit: RateLimitConfig::default(),
            retry: RetryConfig::default(),
            bulk_chunk_size: 100,
        }
    }
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base: String,
    pub(crate) base_url: reqwest::Url,
    pub(crate) cfg: ClientConfig,
    pub(crate) limiter: ratelimit::Limiter,
}

/// The Management API client. Cheap to clone; clones share the connection
/// pool and the rate limiter.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
    pub(crate) priority: Priority,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base)
            .field("priority", &self.priority)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Builds the client: one pooled rustls connection pool with keep-alive,
    /// TLS verification on (plus `ca_bundle_pem`), and the configured timeouts.
    pub fn new(cfg: ClientConfig) -> Result<Self, Error> {
        let http = transport::build_http(&cfg)?;
        let (base, base_url) = transport::normalise_base(&cfg.base_url)?;
        let limiter = ratelimit::Limiter::new(cfg.rate_limit.clone());
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                base_url,
                cfg,
                limiter,
            }),
            priority: Priority::Interactive,
        })
    }

    /// The same client, with its requests queued as background work (polling, exports).
    pub fn background(&self) -> Client {
        self.with_priority(Priority::Background)
    }

    /// The same client with the given priority.
    pub fn with_priority(&self, priority: Priority) -> Client {
        Client {
            inner: self.inner.clone(),
            priority,
        }
    }

    /// The base URL, e.g. `https://mgr.example.com`.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }
}
