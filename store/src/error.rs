//! The store's error type. Its `Display` is safe to show to a user: it never
//! contains SQL, a connection string, a password or a hash. The underlying
//! cause stays reachable through `source()` for logs.

use crate::password::PolicyViolation;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The email is not a plausible address.
    #[error("enter a valid email address")]
    InvalidEmail,
    /// Another account already uses this email (compared case-insensitively).
    #[error("an account with this email already exists")]
    EmailTaken,
    /// The password does not meet the policy; the message says why.
    #[error("{0}")]
    Policy(#[from] PolicyViolation),
    /// The change would leave no enabled admin account.
    #[error("this is the last enabled admin account; add or enable another admin first")]
    LastAdmin,
    /// The account (or other row) does not exist.
    #[error("not found")]
    NotFound,
    /// The database URL is not `sqlite:` or `postgres:`.
    #[error("unsupported database URL: use sqlite://… or postgres://…")]
    UnsupportedUrl,
    /// The SQLite folder could not be created.
    #[error("could not create the database folder")]
    Io(#[source] std::io::Error),
    /// A query failed.
    #[error("database error")]
    Database(#[source] sqlx::Error),
    /// Applying the migrations failed.
    #[error("database migration failed")]
    Migration(#[source] sqlx::migrate::MigrateError),
    /// Hashing or verifying a password failed (not a wrong password).
    #[error("password hashing failed")]
    Hashing,
    /// A stored value could not be decoded.
    #[error("corrupt stored data")]
    Corrupt(String),
    /// Writing the CSV export failed.
    #[error("could not write the export")]
    Export(#[source] csv::Error),
    /// A blocking task was cancelled or panicked.
    #[error("internal task failed")]
    Task,
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(e)
    }
}

impl StoreError {
    /// True for a unique-constraint violation reported by either backend.
    pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
        matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
    }
}
