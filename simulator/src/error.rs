//! Errors of starting and running a simulator.

/// Why a simulator could not start or stop cleanly.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("cannot bind: {0}")]
    Bind(#[from] std::io::Error),
    #[error("state file: {0}")]
    State(String),
    #[error("TLS: {0}")]
    Tls(String),
}
