//! A tower-sessions store on the pexdesk database.
//!
//! Besides the session data, each row keeps `user_id`, `client_addr` and
//! `user_agent` (copied from the record's data map on save), `created_at` and
//! `last_seen_at`, so an admin can list a user's sessions and end them. The
//! raw session id never leaves this module: sessions are named by a
//! [`session_handle`], the first 16 hex digits of the id's SHA-256.

use std::collections::HashMap;

use async_trait::async_trait;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tower_sessions_core::session::{Id, Record};
use tower_sessions_core::session_store::{self, ExpiredDeletion};

use crate::time_util::{from_ms, now_ms, to_ms};
use crate::{Db, Role, StoreError};

/// Data-map key holding the logged-in account's id (a JSON number).
pub const USER_ID_KEY: &str = "user_id";
/// Data-map key holding the client address (a string).
pub const CLIENT_ADDR_KEY: &str = "client_addr";
/// Data-map key holding the user agent (a string).
pub const USER_AGENT_KEY: &str = "user_agent";

/// Data-map key under which [`SessionStore`]'s `load` puts the session's account, read
/// fresh with the session (so a disabled or deleted account shows on the next request).
/// Saving a session leaves it out: it is never stored.
pub const ACCOUNT_KEY: &str = "__account";

/// The account a session belongs to, as it was when the session was loaded.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SessionAccount {
    /// The account's id (the session's `user_id`).
    pub id: i64,
    /// Lower-case email.
    pub email: String,
    /// What the account may do.
    pub role: Role,
    /// A disabled account's sessions are ended on their next use.
    pub disabled: bool,
}

impl From<crate::User> for SessionAccount {
    fn from(user: crate::User) -> SessionAccount {
        SessionAccount {
            id: user.id,
            email: user.email,
            role: user.role,
            disabled: user.disabled,
        }
    }
}

/// The opaque, non-secret name of a session: hex of SHA-256 of its id, 16 digits.
pub fn session_handle(id: &Id) -> String {
    let digest = Sha256::digest(id.to_string().as_bytes());
    let mut h = hex::encode(digest);
    h.truncate(16);
    h
}

/// One live session of a user, as shown to an admin.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SessionInfo {
    /// Opaque handle, usable with [`SessionStore::delete_for_user`].
    pub handle: String,
    /// First save.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Last save.
    #[serde(with = "time::serde::rfc3339")]
    pub last_seen_at: OffsetDateTime,
    /// Expiry.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// Client address at the last save, if the app recorded it.
    pub client_addr: Option<String>,
    /// User agent at the last save, if the app recorded it.
    pub user_agent: Option<String>,
}

/// The session store. Cheap to clone.
#[derive(Clone, Debug)]
pub struct SessionStore {
    db: Db,
}

fn backend_err(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

struct Columns {
    data: String,
    expires_at: i64,
    user_id: Option<i64>,
    client_addr: Option<String>,
    user_agent: Option<String>,
}

impl Columns {
    fn of(record: &Record) -> session_store::Result<Columns> {
        // Everything but the account `load` attached.
        let stored: HashMap<&String, &serde_json::Value> = record
            .data
            .iter()
            .filter(|(k, _)| k.as_str() != ACCOUNT_KEY)
            .collect();
        let data = serde_json::to_string(&stored)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let text = |k: &str| {
            record
                .data
                .get(k)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        Ok(Columns {
            data,
            expires_at: to_ms(record.expiry_date),
            user_id: record
                .data
                .get(USER_ID_KEY)
                .and_then(serde_json::Value::as_i64),
            client_addr: text(CLIENT_ADDR_KEY),
            user_agent: text(USER_AGENT_KEY),
        })
    }
}

/// handle, created_at, last_seen_at, expires_at, client_addr, user_agent
type InfoRow = (String, i64, i64, i64, Option<String>, Option<String>);

/// A session and its account (the account's columns are empty without one).
#[derive(sqlx::FromRow)]
struct LoadedRow {
    data: String,
    expires_at: i64,
    account_id: Option<i64>,
    email: Option<String>,
    role: Option<String>,
    disabled: Option<i64>,
}

impl LoadedRow {
    /// The columns of [`LOAD`], read in place (`sqlite_reader`).
    fn from_sqlite(row: &rusqlite::Row<'_>) -> rusqlite::Result<LoadedRow> {
        Ok(LoadedRow {
            data: row.get(0)?,
            expires_at: row.get(1)?,
            account_id: row.get(2)?,
            email: row.get(3)?,
            role: row.get(4)?,
            disabled: row.get(5)?,
        })
    }

    fn account(&self) -> session_store::Result<Option<SessionAccount>> {
        let (Some(id), Some(email), Some(role), Some(disabled)) =
            (self.account_id, &self.email, &self.role, self.disabled)
        else {
            return Ok(None);
        };
        let role = role
            .parse()
            .map_err(|_| session_store::Error::Decode("the account's role".into()))?;
        Ok(Some(SessionAccount {
            id,
            email: email.clone(),
            role,
            disabled: disabled != 0,
        }))
    }
}

const LOAD: &str = "SELECT s.data, s.expires_at, u.id AS account_id, u.email, u.role, u.disabled \
    FROM sessions s LEFT JOIN users u ON u.id = s.user_id \
    WHERE s.id = $1 AND s.expires_at > $2";

const UPSERT: &str = "INSERT INTO sessions \
    (id, handle, data, expires_at, user_id, created_at, last_seen_at, client_addr, user_agent) \
    VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8)";

impl SessionStore {
    /// A store on `db`.
    pub fn new(db: Db) -> SessionStore {
        SessionStore { db }
    }

    /// The session row and its account: read in place from a SQLite file, or, for
    /// PostgreSQL and whenever that read cannot answer at once, through the pool.
    async fn load_row(&self, id: &str, now: i64) -> session_store::Result<Option<LoadedRow>> {
        if let Some(reader) = self.db.reader() {
            match reader.query_optional(LOAD, (id, now), LoadedRow::from_sqlite) {
                Ok(row) => return Ok(row),
                Err(err) => {
                    tracing::debug!(error = %err, "session read in place failed; using the pool")
                }
            }
        }
        sqlx::query_as(LOAD)
            .bind(id)
            .bind(now)
            .fetch_optional(self.db.pool())
            .await
            .map_err(backend_err)
    }

    async fn insert(&self, record: &Record, on_conflict: &str) -> session_store::Result<u64> {
        let c = Columns::of(record)?;
        let sql = format!("{UPSERT} {on_conflict}");
        let res = sqlx::query(&sql)
            .bind(record.id.to_string())
            .bind(session_handle(&record.id))
            .bind(c.data)
            .bind(c.expires_at)
            .bind(c.user_id)
            .bind(now_ms())
            .bind(c.client_addr)
            .bind(c.user_agent)
            .execute(self.db.pool())
            .await
            .map_err(backend_err)?;
        Ok(res.rows_affected())
    }

    /// The user's sessions that have not expired, most recently seen first.
    pub async fn list_for_user(&self, user_id: i64) -> Result<Vec<SessionInfo>, StoreError> {
        let rows: Vec<InfoRow> = sqlx::query_as(
            "SELECT handle, created_at, last_seen_at, expires_at, client_addr, user_agent \
             FROM sessions WHERE user_id = $1 AND expires_at > $2 \
             ORDER BY last_seen_at DESC, handle",
        )
        .bind(user_id)
        .bind(now_ms())
        .fetch_all(self.db.pool())
        .await?;
        rows.into_iter()
            .map(|(handle, c, l, e, client_addr, user_agent)| {
                Ok(SessionInfo {
                    handle,
                    created_at: from_ms(c)?,
                    last_seen_at: from_ms(l)?,
                    expires_at: from_ms(e)?,
                    client_addr,
                    user_agent,
                })
            })
            .collect()
    }

    /// Ends one of the user's sessions by handle; `false` if none matched.
    pub async fn delete_for_user(&self, user_id: i64, handle: &str) -> Result<bool, StoreError> {
        let res = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND handle = $2")
            .bind(user_id)
            .bind(handle)
            .execute(self.db.pool())
            .await?;
        Ok(res.rows_affected() > 0)
    }

    /// Ends every session of the user; returns how many.
    pub async fn delete_all_for_user(&self, user_id: i64) -> Result<u64, StoreError> {
        let res = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.db.pool())
            .await?;
        Ok(res.rows_affected())
    }
}

#[async_trait]
impl session_store::SessionStore for SessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A fresh id that collides with a stored one is drawn again.
        for _ in 0..8 {
            if self.insert(record, "ON CONFLICT (id) DO NOTHING").await? > 0 {
                return Ok(());
            }
            record.id = Id::default();
        }
        Err(session_store::Error::Backend(
            "could not allocate a session id".into(),
        ))
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.insert(
            record,
            "ON CONFLICT (id) DO UPDATE SET data = excluded.data, \
             expires_at = excluded.expires_at, user_id = excluded.user_id, \
             last_seen_at = excluded.last_seen_at, client_addr = excluded.client_addr, \
             user_agent = excluded.user_agent",
        )
        .await
        .map(|_| ())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(row) = self.load_row(&id.to_string(), now_ms()).await? else {
            return Ok(None);
        };
        let mut data: HashMap<String, serde_json::Value> = serde_json::from_str(&row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        // A stored copy (there should be none) never stands in for the fresh one.
        data.remove(ACCOUNT_KEY);
        if let Some(account) = row.account()? {
            let value = serde_json::to_value(account)
                .map_err(|e| session_store::Error::Encode(e.to_string()))?;
            data.insert(ACCOUNT_KEY.to_owned(), value);
        }
        let expiry_date =
            from_ms(row.expires_at).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(self.db.pool())
            .await
            .map_err(backend_err)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for SessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now_ms())
            .execute(self.db.pool())
            .await
            .map_err(backend_err)?;
        Ok(())
    }
}
