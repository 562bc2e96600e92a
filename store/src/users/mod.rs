//! Portal user accounts.

mod model;

pub(crate) use model::normalize_email;
pub use model::User;
use model::{other_admin_exists, UserRow, COLUMNS};
use sqlx::{Any, Transaction};

use crate::db::{Backend, Db};
use crate::password::{self, HashParams, Password, PasswordPolicy};
use crate::time_util::now_ms;
use crate::{Role, StoreError};

/// The account repository.
#[derive(Clone, Debug)]
pub struct Users {
    db: Db,
    params: HashParams,
}

impl Users {
    /// Uses the production argon2id parameters.
    pub fn new(db: Db) -> Users {
        Self::with_hash_params(db, HashParams::default())
    }

    /// Uses other argon2id parameters for new hashes (e.g. cheaper in tests).
    pub fn with_hash_params(db: Db, params: HashParams) -> Users {
        password::warm_up(params);
        Users { db, params }
    }

    /// Creates an account. The email is validated and stored lower-case;
    /// the password must pass [`PasswordPolicy::check_for`].
    pub async fn create(&self, email: &str, role: Role, pw: &Password) -> Result<User, StoreError> {
        let email = normalize_email(email)?;
        PasswordPolicy::check_for(pw.expose(), &email)?;
        let hash = password::hash(pw, self.params).await?;
        let now = now_ms();
        let sql = format!(
            "INSERT INTO users (email, role, password_hash, disabled, created_at, updated_at) \
             VALUES ($1, $2, $3, 0, $4, $4) RETURNING {COLUMNS}"
        );
        let row: UserRow = sqlx::query_as(&sql)
            .bind(&email)
            .bind(role.as_str())
            .bind(hash)
            .bind(now)
            .fetch_one(self.db.pool())
            .await
            .map_err(|e| {
                if StoreError::is_unique_violation(&e) {
                    StoreError::EmailTaken
                } else {
                    StoreError::Database(e)
                }
            })?;
        tracing::info!(user_id = row.id, role = %role, "portal account created");
        row.try_into()
    }

    /// Checks a login. `None` for an unknown email, a wrong password or a
    /// disabled account, all after the same argon2 work (an unknown email is
    /// verified against a dummy hash). Records the login time on success.
    pub async fn verify_login(
        &self,
        email: &str,
        pw: &Password,
    ) -> Result<Option<User>, StoreError> {
        let email = email.trim().to_lowercase();
        let found: Option<(i64, String, i64)> =
            sqlx::query_as("SELECT id, password_hash, disabled FROM users WHERE email = $1")
                .bind(&email)
                .fetch_optional(self.db.pool())
                .await?;
        let (id, hash, disabled) = match found {
            Some((id, hash, disabled)) => (id, Some(hash), disabled != 0),
            None => (0, None, true),
        };
        let ok = password::verify(pw, hash, self.params).await?;
        if !ok || disabled {
            return Ok(None);
        }
        sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(self.db.pool())
            .await?;
        self.get(id).await
    }

    /// The account with this id.
    pub async fn get(&self, id: i64) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
        let row: Option<UserRow> = sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(self.db.pool())
            .await?;
        row.map(User::try_from).transpose()
    }

    /// The account with this email (case-insensitive).
    pub async fn find_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE email = $1");
        let row: Option<UserRow> = sqlx::query_as(&sql)
            .bind(email.trim().to_lowercase())
            .fetch_optional(self.db.pool())
            .await?;
        row.map(User::try_from).transpose()
    }

    /// All accounts, by email.
    pub async fn list(&self) -> Result<Vec<User>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM users ORDER BY email");
        let rows: Vec<UserRow> = sqlx::query_as(&sql).fetch_all(self.db.pool()).await?;
        rows.into_iter().map(User::try_from).collect()
    }

    /// How many accounts exist.
    pub async fn count(&self) -> Result<u64, StoreError> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
            .fetch_one(self.db.pool())
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Changes the role; refuses to demote the last enabled admin.
    pub async fn set_role(&self, id: i64, role: Role) -> Result<User, StoreError> {
        let mut tx = self.begin_admin_change().await?;
        let sql = format!(
            "UPDATE users SET role = $1, updated_at = $2 WHERE id = $3 \
             AND ($1 = 'admin' OR role <> 'admin' OR disabled = 1 OR {})",
            other_admin_exists("$3")
        );
        let res = sqlx::query(&sql)
            .bind(role.as_str())
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        self.finish_admin_change(tx, id, res.rows_affected())
            .await?;
        self.get(id).await?.ok_or(StoreError::NotFound)
    }

    /// Replaces the password (policy-checked against the account's email).
    pub async fn set_password(&self, id: i64, pw: &Password) -> Result<(), StoreError> {
        let user = self.get(id).await?.ok_or(StoreError::NotFound)?;
        PasswordPolicy::check_for(pw.expose(), &user.email)?;
        let hash = password::hash(pw, self.params).await?;
        let res = sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(hash)
            .bind(now_ms())
            .bind(id)
            .execute(self.db.pool())
            .await?;
        if res.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tracing::info!(user_id = id, "portal account password changed");
        Ok(())
    }

    /// Disables or enables an account; refuses to disable the last enabled
    /// admin. Disabling also ends the account's sessions.
    pub async fn set_disabled(&self, id: i64, disabled: bool) -> Result<User, StoreError> {
        let mut tx = self.begin_admin_change().await?;
        let sql = format!(
            "UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3 \
             AND ($1 = 0 OR role <> 'admin' OR disabled = 1 OR {})",
            other_admin_exists("$3")
        );
        let res = sqlx::query(&sql)
            .bind(i16::from(disabled))
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if disabled && res.rows_affected() > 0 {
            delete_sessions(&mut tx, id).await?;
        }
        self.finish_admin_change(tx, id, res.rows_affected())
            .await?;
        self.get(id).await?.ok_or(StoreError::NotFound)
    }

    /// Deletes an account and its sessions; refuses the last enabled admin.
    pub async fn delete(&self, id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_admin_change().await?;
        let sql = format!(
            "DELETE FROM users WHERE id = $1 AND (role <> 'admin' OR disabled = 1 OR {})",
            other_admin_exists("$1")
        );
        let res = sqlx::query(&sql).bind(id).execute(&mut *tx).await?;
        if res.rows_affected() > 0 {
            delete_sessions(&mut tx, id).await?;
        }
        self.finish_admin_change(tx, id, res.rows_affected())
            .await?;
        tracing::info!(user_id = id, "portal account deleted");
        Ok(())
    }

    /// Starts a transaction that may change the set of enabled admins. On
    /// PostgreSQL it locks the enabled admin rows so that two concurrent
    /// changes cannot both see "another admin exists". SQLite serialises
    /// writers, and each guarded statement checks and writes atomically.
    async fn begin_admin_change(&self) -> Result<Transaction<'static, Any>, StoreError> {
        let mut tx = self.db.pool().begin().await?;
        if self.db.backend() == Backend::Postgres {
            sqlx::query("SELECT id FROM users WHERE role = 'admin' AND disabled = 0 FOR UPDATE")
                .fetch_all(&mut *tx)
                .await?;
        }
        Ok(tx)
    }

    /// Commits when the guarded statement changed a row; otherwise tells
    /// "no such account" from "last admin".
    async fn finish_admin_change(
        &self,
        mut tx: Transaction<'static, Any>,
        id: i64,
        affected: u64,
    ) -> Result<(), StoreError> {
        if affected > 0 {
            tx.commit().await?;
            return Ok(());
        }
        let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        tx.rollback().await?;
        Err(if exists.is_some() {
            StoreError::LastAdmin
        } else {
            StoreError::NotFound
        })
    }
}

async fn delete_sessions(
    tx: &mut Transaction<'static, Any>,
    user_id: i64,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
