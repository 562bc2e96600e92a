//! The account model, its row mapping and email normalisation.

use time::OffsetDateTime;

use crate::time_util::from_ms;
use crate::{Role, StoreError};

/// A portal account (never carries its password hash).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Lower-case email; compared case-insensitively.
    pub email: String,
    /// What the account may do.
    pub role: Role,
    /// A disabled account cannot log in.
    pub disabled: bool,
    /// When the account was created (UTC).
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// The last successful login (UTC).
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_login_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    pub(crate) id: i64,
    pub(crate) email: String,
    pub(crate) role: String,
    pub(crate) disabled: i64,
    pub(crate) created_at: i64,
    pub(crate) last_login_at: Option<i64>,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;

    fn try_from(r: UserRow) -> Result<Self, StoreError> {
        Ok(User {
            id: r.id,
            email: r.email,
            role: r
                .role
                .parse()
                .map_err(|_| StoreError::Corrupt("role".into()))?,
            disabled: r.disabled != 0,
            created_at: from_ms(r.created_at)?,
            last_login_at: r.last_login_at.map(from_ms).transpose()?,
        })
    }
}

pub(crate) const COLUMNS: &str = "id, email, role, disabled, created_at, last_login_at";

/// True when some other enabled admin than `$id` exists (`$id` is `$N`).
pub(crate) fn other_admin_exists(id_param: &str) -> String {
    format!(
        "(SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> {id_param}) > 0"
    )
}

/// Normalises and checks an email: trimmed, lower-case, `local@domain`.
pub(crate) fn normalize_email(email: &str) -> Result<String, StoreError> {
    let email = email.trim().to_lowercase();
    let (local, domain) = email.split_once('@').ok_or(StoreError::InvalidEmail)?;
    let ok = !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(email)
    } else {
        Err(StoreError::InvalidEmail)
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_email;

    #[test]
    fn emails() {
        assert_eq!(
            normalize_email(" Bob@Example.COM ").unwrap(),
            "bob@example.com"
        );
        for bad in [
            "",
            "bob",
            "@x.org",
            "bob@",
            "a b@x.org",
            "a@@x.org",
            "a@.x",
            "a@x.",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }
}
