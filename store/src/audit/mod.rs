//! The audit log: one row per change or login attempt, with a redacted
//! before/after diff.

mod export;
mod query;
mod redact;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub use query::{AuditPage, AuditQuery};
pub use redact::{diff, is_secret_key, redact, REDACTED};

use crate::time_util::{duration_ms, now_ms};
use crate::{Db, Role, StoreError};

/// How an audited action ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// It happened.
    #[default]
    Success,
    /// It was attempted and failed (e.g. a wrong password, an upstream error).
    Failure,
    /// It was refused by authorization.
    Denied,
}

impl Outcome {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::Denied => "denied",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<Outcome, StoreError> {
        match s {
            "success" => Ok(Outcome::Success),
            "failure" => Ok(Outcome::Failure),
            "denied" => Ok(Outcome::Denied),
            _ => Err(StoreError::Corrupt("outcome".into())),
        }
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entry to record. `before`/`after` are reduced to a redacted diff.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewAuditEntry {
    /// The acting account's id, if any.
    pub actor_id: Option<i64>,
    /// The acting (or attempted, for failed logins) email.
    pub actor_email: Option<String>,
    /// The actor's role at the time.
    pub actor_role: Option<Role>,
    /// The client's address.
    pub client_addr: Option<String>,
    /// What was done, dotted: "login", "user.create", "service.update"…
    pub action: String,
    /// What it was done to, e.g. "user:7" or a service name.
    pub target: Option<String>,
    /// How it ended.
    pub outcome: Outcome,
    /// The object before the change.
    pub before: Option<serde_json::Value>,
    /// The object after the change.
    pub after: Option<serde_json::Value>,
    /// Free text; must not contain secrets (it is stored as given).
    pub detail: Option<String>,
}

/// A stored entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Row id.
    pub id: i64,
    /// When it was recorded (UTC).
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The acting account's id.
    pub actor_id: Option<i64>,
    /// The acting email.
    pub actor_email: Option<String>,
    /// The actor's role.
    pub actor_role: Option<Role>,
    /// The client's address.
    pub client_addr: Option<String>,
    /// What was done.
    pub action: String,
    /// What it was done to.
    pub target: Option<String>,
    /// How it ended.
    pub outcome: Outcome,
    /// Only the changed keys, `{"field": {"before": x, "after": y}}`, redacted.
    pub diff: Option<serde_json::Value>,
    /// Free text.
    pub detail: Option<String>,
}

/// The audit log repository.
#[derive(Clone, Debug)]
pub struct AuditLog {
    db: Db,
}

impl AuditLog {
    /// The log on `db`.
    pub fn new(db: Db) -> AuditLog {
        AuditLog { db }
    }

    /// Records an entry, storing only the redacted diff of before/after.
    pub async fn record(&self, entry: NewAuditEntry) -> Result<(), StoreError> {
        let diff = diff(entry.before.as_ref(), entry.after.as_ref())
            .map(|d| serde_json::to_string(&d))
            .transpose()
            .map_err(|_| StoreError::Corrupt("diff".into()))?;
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, actor_email, actor_role, client_addr, \
             action, target, outcome, diff, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(now_ms())
        .bind(entry.actor_id)
        .bind(entry.actor_email.map(|e| e.trim().to_lowercase()))
        .bind(entry.actor_role.map(Role::as_str))
        .bind(entry.client_addr)
        .bind(entry.action)
        .bind(entry.target)
        .bind(entry.outcome.as_str())
        .bind(diff)
        .bind(entry.detail)
        .execute(self.db.pool())
        .await?;
        Ok(())
    }

    /// One page of matching entries, newest first, and the total count.
    pub async fn query(&self, q: &AuditQuery) -> Result<AuditPage, StoreError> {
        query::page(&self.db, q).await
    }

    /// Writes every matching entry (newest first) as CSV; returns the row count.
    pub async fn export_csv(
        &self,
        q: &AuditQuery,
        out: &mut (impl std::io::Write + Send),
    ) -> Result<u64, StoreError> {
        export::write_csv(&self.db, q, out).await
    }

    /// Deletes entries older than `age`; returns how many.
    pub async fn purge_older_than(&self, age: time::Duration) -> Result<u64, StoreError> {
        let cutoff = now_ms().saturating_sub(duration_ms(age));
        let res = sqlx::query("DELETE FROM audit_log WHERE at < $1")
            .bind(cutoff)
            .execute(self.db.pool())
            .await?;
        Ok(res.rows_affected())
    }
}
