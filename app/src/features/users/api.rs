//! Server functions of the users page. Each starts with `require(crate::auth::Role::Admin)`.

use leptos::prelude::*;

use super::{SessionRow, UserRow};
use crate::error::AppError;

/// Every portal account.
#[server(endpoint = "users/list", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_users() -> Result<Vec<UserRow>, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Admin).await?;
    ssr::list(&cap).await
}

/// Creates an account.
#[server(endpoint = "users/create")]
pub async fn create_user(email: String, role: String, password: String) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Admin).await?;
    ssr::create(&cap, email, role, password).await
}

/// Changes an account's role.
#[server(endpoint = "users/role")]
pub async fn set_user_role(id: i64, role: String) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Admin).await?;
    ssr::set_role(&cap, id, role).await
}

/// Sets a new password for an account and ends its sessions.
#[server(endpoint = "users/password")]
pub async fn reset_user_password(id: i64, password: String) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Admin).await?;
    ssr::reset_password(&cap, id, password).await
}

/// Disables or re-enables an account. Disabling ends its sessions.
#[server(endpoint = "users/disabled")]
pub async fn set_user_disabled(id: i64, disabled: bool) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Admin).await?;
    ssr::set_disabled(&cap, id, disabled).await
}

/// Deletes an account and its sessions.
#[server(endpoint = "users/delete")]
pub async fn delete_user(id: i64) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Admin).await?;
    ssr::delete(&cap, id).await
}

/// The live sessions of an account.
#[server(endpoint = "users/sessions", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_user_sessions(id: i64) -> Result<Vec<SessionRow>, AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Admin).await?;
    ssr::sessions(&cap, id).await
}

/// Ends one session of an account.
#[server(endpoint = "users/sessions/end")]
pub async fn end_user_session(id: i64, handle: String) -> Result<(), AppError> {
    let cap = crate::auth::guard::require(crate::auth::Role::Admin).await?;
    ssr::end_session(&cap, id, handle).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use std::collections::BTreeMap;

    use pexdesk_store::{Password, PasswordPolicy, StoreError, User};
    use serde_json::json;
    use time::format_description::well_known::Rfc3339;

    use super::*;
    use crate::auth::guard::{from_store_role, to_store_role, AuditChange, Capability};
    use crate::auth::Role;

    /// Every account with its live sessions.
    pub async fn list(cap: &Capability) -> Result<Vec<UserRow>, AppError> {
        let portal = cap.portal();
        let users = portal.users.list().await.map_err(store_error)?;
        let mut rows = Vec::with_capacity(users.len());
        for user in users {
            let sessions = portal
                .sessions
                .list_for_user(user.id)
                .await
                .map_err(store_error)?
                .into_iter()
                .map(session_row)
                .collect();
            rows.push(row(user, sessions));
        }
        Ok(rows)
    }

    fn session_row(s: pexdesk_store::SessionInfo) -> SessionRow {
        SessionRow {
            handle: s.handle,
            created_at: s.created_at.format(&Rfc3339).unwrap_or_default(),
            last_seen_at: s.last_seen_at.format(&Rfc3339).unwrap_or_default(),
            expires_at: s.expires_at.format(&Rfc3339).unwrap_or_default(),
            client_addr: s.client_addr,
            user_agent: s.user_agent,
        }
    }

    pub fn row(user: User, sessions: Vec<SessionRow>) -> UserRow {
        UserRow {
            id: user.id,
            email: user.email,
            role: from_store_role(user.role),
            disabled: user.disabled,
            created_at: user.created_at.format(&Rfc3339).unwrap_or_default(),
            last_login_at: user.last_login_at.and_then(|t| t.format(&Rfc3339).ok()),
            sessions,
        }
    }

    fn field_error(field: &str, message: impl Into<String>) -> AppError {
        AppError::Validation {
            fields: BTreeMap::from([(field.to_owned(), vec![message.into()])]),
        }
        .respond()
    }

    fn parse_role(role: &str) -> Result<Role, AppError> {
        Role::parse(role).ok_or_else(|| field_error("role", "Choose admin, helpdesk or user."))
    }

    /// Maps a store refusal to a message beside the right field, or an internal error.
    fn store_error(err: StoreError) -> AppError {
        match err {
            StoreError::EmailTaken => field_error("email", "An account with this email exists."),
            StoreError::InvalidEmail => field_error("email", "Enter a valid email address."),
            StoreError::Policy(violation) => field_error("password", violation.to_string()),
            StoreError::LastAdmin => AppError::BadRequest {
                message: "This is the last enabled administrator: keep at least one.".into(),
            }
            .respond(),
            StoreError::NotFound => AppError::NotFound.respond(),
            other => AppError::internal(&other),
        }
    }

    async fn account(cap: &Capability, id: i64) -> Result<User, AppError> {
        cap.portal()
            .users
            .get(id)
            .await
            .map_err(store_error)?
            .ok_or_else(|| AppError::NotFound.respond())
    }

    fn snapshot(user: &User) -> serde_json::Value {
        json!({ "email": user.email, "role": user.role.to_string(), "disabled": user.disabled })
    }

    pub async fn create(
        cap: &Capability,
        email: String,
        role: String,
        password: String,
    ) -> Result<(), AppError> {
        let role = parse_role(&role)?;
        PasswordPolicy::check(&password).map_err(|v| field_error("password", v.to_string()))?;
        let user = cap
            .portal()
            .users
            .create(email.trim(), to_store_role(role), &Password::new(password))
            .await
            .map_err(store_error)?;
        cap.audit(
            AuditChange::success("user.create", user.email.clone())
                .diff(None, Some(snapshot(&user))),
        )
        .await
    }

    pub async fn set_role(cap: &Capability, id: i64, role: String) -> Result<(), AppError> {
        let role = parse_role(&role)?;
        let before = account(cap, id).await?;
        let after = cap
            .portal()
            .users
            .set_role(id, to_store_role(role))
            .await
            .map_err(store_error)?;
        cap.audit(
            AuditChange::success("user.role", after.email.clone())
                .diff(Some(snapshot(&before)), Some(snapshot(&after))),
        )
        .await
    }

    pub async fn reset_password(
        cap: &Capability,
        id: i64,
        password: String,
    ) -> Result<(), AppError> {
        PasswordPolicy::check(&password).map_err(|v| field_error("password", v.to_string()))?;
        let user = account(cap, id).await?;
        let portal = cap.portal();
        portal
            .users
            .set_password(id, &Password::new(password))
            .await
            .map_err(store_error)?;
        portal
            .sessions
            .delete_all_for_user(id)
            .await
            .map_err(store_error)?;
        cap.audit(AuditChange::success("user.password", user.email))
            .await
    }

    pub async fn set_disabled(cap: &Capability, id: i64, disabled: bool) -> Result<(), AppError> {
        let before = account(cap, id).await?;
        let portal = cap.portal();
        let after = portal
            .users
            .set_disabled(id, disabled)
            .await
            .map_err(store_error)?;
        if disabled {
            portal
                .sessions
                .delete_all_for_user(id)
                .await
                .map_err(store_error)?;
        }
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        cap.audit(
            AuditChange::success(action, after.email.clone())
                .diff(Some(snapshot(&before)), Some(snapshot(&after))),
        )
        .await
    }

    pub async fn delete(cap: &Capability, id: i64) -> Result<(), AppError> {
        let before = account(cap, id).await?;
        cap.portal().users.delete(id).await.map_err(store_error)?;
        cap.audit(
            AuditChange::success("user.delete", before.email.clone())
                .diff(Some(snapshot(&before)), None),
        )
        .await
    }

    pub async fn sessions(cap: &Capability, id: i64) -> Result<Vec<SessionRow>, AppError> {
        account(cap, id).await?;
        let list = cap
            .portal()
            .sessions
            .list_for_user(id)
            .await
            .map_err(store_error)?;
        Ok(list
            .into_iter()
            .map(|s| SessionRow {
                handle: s.handle,
                created_at: s.created_at.format(&Rfc3339).unwrap_or_default(),
                last_seen_at: s.last_seen_at.format(&Rfc3339).unwrap_or_default(),
                expires_at: s.expires_at.format(&Rfc3339).unwrap_or_default(),
                client_addr: s.client_addr,
                user_agent: s.user_agent,
            })
            .collect())
    }

    pub async fn end_session(cap: &Capability, id: i64, handle: String) -> Result<(), AppError> {
        let user = account(cap, id).await?;
        let ended = cap
            .portal()
            .sessions
            .delete_for_user(id, &handle)
            .await
            .map_err(store_error)?;
        if !ended {
            return Err(AppError::NotFound.respond());
        }
        cap.audit(AuditChange::success("user.session.end", user.email))
            .await
    }
}
