//! pexdesk's own persistence: the database and its migrations, portal user
//! accounts, password hashing, a tower-sessions session store, a login
//! throttle and the audit log.
//!
//! Backends: SQLite (the embedded default, `sqlite://data/pexdesk.db`) and
//! PostgreSQL (`postgres://…`), chosen from the URL scheme. See `README.md`.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
#![forbid(unsafe_code)]

mod audit;
mod db;
mod error;
mod password;
mod role;
mod sessions;
mod sqlite_reader;
mod throttle;
mod time_util;
mod users;

pub use audit::{
    diff, is_secret_key, redact, AuditEntry, AuditLog, AuditPage, AuditQuery, NewAuditEntry,
    Outcome, REDACTED,
};
pub use db::{Backend, Db};
pub use error::StoreError;
pub use password::{
    dummy_verifications, HashParams, Password, PasswordPolicy, PolicyViolation, ARGON2_M_COST_KIB,
    ARGON2_P_COST, ARGON2_T_COST,
};
pub use role::{ParseRoleError, Role};
pub use sessions::{session_handle, SessionAccount, SessionInfo, SessionStore, ACCOUNT_KEY};
pub use throttle::{LoginThrottle, ThrottleConfig, ThrottleDecision};
pub use users::{User, Users};
