//! The one typed guard every server function starts with.
//!
//! `require(Role::Helpdesk).await?` checks the session, the account and the role, and
//! returns a [`Capability`]: the only way to reach pexdesk's services and the Management
//! Node from a server function (the lldap pattern). Forgetting the guard means having no
//! capability, so the code does not compile.

use leptos::prelude::*;
use pexdesk_store::{NewAuditEntry, Outcome, SessionAccount, ACCOUNT_KEY};
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::{
    auth::{current_user::PageUser, session_keys, CurrentUser, Role},
    error::AppError,
    portal::Portal,
};

/// Proof that the caller is signed in with at least some role.
pub struct Capability {
    user: CurrentUser,
    portal: Portal,
    client_addr: Option<String>,
}

impl Capability {
    /// Who is acting.
    pub fn actor(&self) -> &CurrentUser {
        &self.user
    }

    /// pexdesk's own services.
    pub fn portal(&self) -> &Portal {
        &self.portal
    }

    /// The Management Node client, for this actor's requests (interactive priority).
    pub fn upstream(&self) -> &pexip_api::client::Client {
        &self.portal.upstream
    }

    /// The caller's address, for the audit log.
    pub fn client_addr(&self) -> Option<&str> {
        self.client_addr.as_deref()
    }

    /// Records a change made by this actor in the audit log. A failure to record is
    /// logged and turned into an internal error: a change must not go unrecorded silently.
    pub async fn audit(&self, entry: AuditChange) -> Result<(), AppError> {
        let row = NewAuditEntry {
            actor_id: Some(self.user.id),
            actor_email: Some(self.user.email.clone()),
            actor_role: Some(to_store_role(self.user.role)),
            client_addr: self.client_addr.clone(),
            action: entry.action,
            target: entry.target,
            outcome: entry.outcome,
            before: entry.before,
            after: entry.after,
            detail: entry.detail,
        };
        self.portal
            .audit
            .record(row)
            .await
            .map_err(|e| AppError::internal(&e))
    }
}

/// One audited change, before the actor is attached.
#[derive(Debug)]
pub struct AuditChange {
    pub action: String,
    pub target: Option<String>,
    pub outcome: Outcome,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub detail: Option<String>,
}

impl AuditChange {
    /// A successful change of `target` by `action`, with no diff yet.
    pub fn success(action: &str, target: impl Into<String>) -> AuditChange {
        AuditChange {
            action: action.to_owned(),
            target: Some(target.into()),
            outcome: Outcome::Success,
            before: None,
            after: None,
            detail: None,
        }
    }

    /// The state before and after the change; the audit log stores the difference.
    pub fn diff(
        mut self,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> Self {
        self.before = before;
        self.after = after;
        self
    }

    /// Marks the change as failed, with a reason.
    pub fn failed(mut self, reason: impl Into<String>) -> Self {
        self.outcome = Outcome::Failure;
        self.detail = Some(reason.into());
        self
    }
}

/// The services, for the few server functions that run before anyone is signed in
/// (sign-in itself). Everything else goes through [`require`].
pub fn portal() -> Result<Portal, AppError> {
    use_context::<Portal>()
        .ok_or_else(|| AppError::internal(&"the portal services are not provided"))
}

/// The session of the current request (the session layer puts it in the request's
/// extensions; read borrowed, as every request part is here).
pub async fn session() -> Result<Session, AppError> {
    with_context::<http::request::Parts, _>(|parts| parts.extensions.get::<Session>().cloned())
        .flatten()
        .ok_or_else(|| AppError::internal(&"the request has no session"))
}

/// The caller's IP address as the server saw it.
pub async fn client_addr() -> Option<std::net::IpAddr> {
    with_context::<http::request::Parts, _>(|parts| {
        parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip())
    })
    .flatten()
}

/// The signed-in user of this request, if any; ends sessions that have outlived the
/// absolute timeout or whose account is gone or disabled.
pub async fn signed_in_user() -> Result<Option<CurrentUser>, AppError> {
    match use_context::<RequestUser>() {
        Some(request) => request.0.get_or_init(look_up_here).await.clone(),
        None => look_up_here().await,
    }
}

/// [`look_up_signed_in_user`] with this request's services and session.
async fn look_up_here() -> Result<Option<CurrentUser>, AppError> {
    look_up_signed_in_user(&portal()?, &session().await?).await
}

/// The signed-in user of one request, looked up once. The server's sign-in layer looks
/// them up before anything else runs ([`RequestUser::look_up`]) and hands the answer to
/// the request: the page renders with it at once ([`PageUser`]) and every server function
/// the request runs shares it. Never shared between requests, so a disabled account or
/// an ended session shows on the very next one.
#[derive(Clone, Debug, Default)]
pub struct RequestUser(
    std::sync::Arc<tokio::sync::OnceCell<Result<Option<CurrentUser>, AppError>>>,
);

impl RequestUser {
    /// Looks up the signed-in user of the request whose session this is.
    pub async fn look_up(portal: &Portal, session: &Session) -> RequestUser {
        let found = look_up_signed_in_user(portal, session).await;
        RequestUser(std::sync::Arc::new(tokio::sync::OnceCell::new_with(Some(
            found,
        ))))
    }

    /// What it found, as a page sees it: nobody when it was never asked.
    pub fn page_user(&self) -> PageUser {
        match self.0.get() {
            Some(Ok(Some(user))) => PageUser::SignedIn(user.clone()),
            Some(Err(error)) => PageUser::Unknown(error.clone()),
            Some(Ok(None)) | None => PageUser::SignedOut,
        }
    }

    /// The page's user for this request, as the sign-in layer found it. A request that
    /// did not pass through the layer (a static file's error page) has nobody signed in.
    pub fn resolved() -> PageUser {
        use_context::<RequestUser>().map_or(PageUser::SignedOut, |request| request.page_user())
    }
}

/// [`signed_in_user`], read from the session and the account store.
async fn look_up_signed_in_user(
    portal: &Portal,
    session: &Session,
) -> Result<Option<CurrentUser>, AppError> {
    let user_id = session
        .get::<i64>(session_keys::USER_ID)
        .await
        .map_err(|e| AppError::internal(&e))?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    let signed_in_at = session
        .get::<i64>(session_keys::SIGNED_IN_AT)
        .await
        .map_err(|e| AppError::internal(&e))?
        .unwrap_or(0);
    let age = OffsetDateTime::now_utc().unix_timestamp() - signed_in_at;
    let absolute = i64::try_from(portal.session_policy.absolute.as_secs()).unwrap_or(i64::MAX);
    if age < 0 || age > absolute {
        session.flush().await.map_err(|e| AppError::internal(&e))?;
        return Ok(None);
    }
    match session_account(portal, session, user_id).await? {
        Some(account) if !account.disabled => {
            keep_alive(session, portal.session_policy.idle).await?;
            Ok(Some(CurrentUser {
                id: account.id,
                email: account.email,
                role: from_store_role(account.role),
            }))
        }
        _ => {
            session.flush().await.map_err(|e| AppError::internal(&e))?;
            Ok(None)
        }
    }
}

/// The session's account: the one the session store read with the session (the same
/// query), or, when the session changed hands in this request (sign-in) or the store
/// found none, the account store's.
async fn session_account(
    portal: &Portal,
    session: &Session,
    user_id: i64,
) -> Result<Option<SessionAccount>, AppError> {
    let loaded = session
        .get::<SessionAccount>(ACCOUNT_KEY)
        .await
        .map_err(|e| AppError::internal(&e))?;
    if let Some(account) = loaded.filter(|a| a.id == user_id) {
        return Ok(Some(account));
    }
    let account = portal
        .users
        .get(user_id)
        .await
        .map_err(|e| AppError::internal(&e))?;
    Ok(account.map(SessionAccount::from))
}

/// Pushes the idle expiry back while the session is in use. The session layer saves a
/// session (store row and cookie, both `now + idle`) only when it changed, so a use marks
/// it changed, but at most once per [`refresh_interval`]: a page view costs no write.
async fn keep_alive(session: &Session, idle: std::time::Duration) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let active_at = session
        .get::<i64>(session_keys::ACTIVE_AT)
        .await
        .map_err(|e| AppError::internal(&e))?
        .unwrap_or(0);
    if now - active_at >= refresh_interval(idle) {
        session
            .insert(session_keys::ACTIVE_AT, now)
            .await
            .map_err(|e| AppError::internal(&e))?;
    }
    Ok(())
}

/// How often a used session's expiry moves: a minute, or a tenth of a short idle timeout.
fn refresh_interval(idle: std::time::Duration) -> i64 {
    i64::try_from((idle.as_secs() / 10).clamp(1, 60)).unwrap_or(60)
}

/// Checks that the caller is signed in with at least `role`. On failure the server
/// function answers 401 or 403 with a safe message.
pub async fn require(role: Role) -> Result<Capability, AppError> {
    let portal = portal()?;
    let Some(user) = signed_in_user().await? else {
        return Err(AppError::Unauthorized.respond());
    };
    if !user.role.allows(role) {
        return Err(AppError::Forbidden.respond());
    }
    let client_addr = client_addr().await.map(|ip| ip.to_string());
    Ok(Capability {
        user,
        portal,
        client_addr,
    })
}

/// The store's role for an app role.
pub fn to_store_role(role: Role) -> pexdesk_store::Role {
    match role {
        Role::User => pexdesk_store::Role::User,
        Role::Helpdesk => pexdesk_store::Role::Helpdesk,
        Role::Admin => pexdesk_store::Role::Admin,
    }
}

/// The app's role for a store role.
pub fn from_store_role(role: pexdesk_store::Role) -> Role {
    match role {
        pexdesk_store::Role::User => Role::User,
        pexdesk_store::Role::Helpdesk => Role::Helpdesk,
        pexdesk_store::Role::Admin => Role::Admin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn an_active_session_is_refreshed_at_most_once_a_minute() {
        assert_eq!(refresh_interval(Duration::from_secs(3600)), 60);
        assert_eq!(refresh_interval(Duration::from_secs(300)), 30);
        assert_eq!(refresh_interval(Duration::from_secs(5)), 1);
    }
}
