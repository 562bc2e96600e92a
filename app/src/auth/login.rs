//! Sign-in: the page and its server function. Works with and without JavaScript.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;

/// The one message for every failed sign-in, so it never reveals whether an email exists.
pub const LOGIN_FAILED: &str = "The email or password is incorrect, or the account is disabled.";

/// Signs in with email and password, then goes to `next` (a local path).
#[server(endpoint = "auth/login")]
pub async fn login(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    ssr::login(email, password, next).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use pexdesk_store::{NewAuditEntry, Outcome, Password, ThrottleDecision};
    use time::OffsetDateTime;

    use super::*;
    use crate::auth::{
        guard::{client_addr, portal, session, to_store_role},
        return_to::safe_return_to,
        session_keys,
    };

    pub async fn login(
        email: String,
        password: String,
        next: Option<String>,
    ) -> Result<String, AppError> {
        let portal = portal()?;
        let email = email.trim().to_lowercase();
        let addr = client_addr()
            .await
            .unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
        let audit = |outcome: Outcome, role, actor_id, detail: Option<String>| NewAuditEntry {
            actor_id,
            actor_email: Some(email.clone()),
            actor_role: role,
            client_addr: Some(addr.to_string()),
            action: "auth.login".into(),
            target: Some(email.clone()),
            outcome,
            before: None,
            after: None,
            detail,
        };

        match portal.throttle.check(&email, addr) {
            ThrottleDecision::Blocked { retry_after } => {
                let secs = retry_after.as_secs().max(1);
                let _ = portal
                    .audit
                    .record(audit(Outcome::Denied, None, None, Some("throttled".into())))
                    .await;
                return Err(AppError::TooManyAttempts {
                    retry_after_secs: secs,
                }
                .respond());
            }
            ThrottleDecision::Allowed { delay } => {
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
            }
        }

        let verified = portal
            .users
            .verify_login(&email, &Password::new(password))
            .await
            .map_err(|e| AppError::internal(&e))?;
        let Some(user) = verified else {
            portal.throttle.record_failure(&email, addr);
            portal
                .audit
                .record(audit(Outcome::Failure, None, None, None))
                .await
                .map_err(|e| AppError::internal(&e))?;
            return Err(AppError::BadRequest {
                message: LOGIN_FAILED.into(),
            }
            .respond());
        };
        portal.throttle.record_success(&email, addr);

        // A new session id at sign-in defeats session fixation.
        let session = session().await?;
        session
            .cycle_id()
            .await
            .map_err(|e| AppError::internal(&e))?;
        let user_agent = leptos_axum::extract::<axum_extra_user_agent::UserAgent>()
            .await
            .ok()
            .map(|ua| ua.0);
        let insert = async {
            session.insert(session_keys::USER_ID, user.id).await?;
            let now = OffsetDateTime::now_utc().unix_timestamp();
            session.insert(session_keys::SIGNED_IN_AT, now).await?;
            session.insert(session_keys::ACTIVE_AT, now).await?;
            session
                .insert(session_keys::CLIENT_ADDR, addr.to_string())
                .await?;
            if let Some(agent) = user_agent {
                session.insert(session_keys::USER_AGENT, agent).await?;
            }
            Ok::<(), tower_sessions::session::Error>(())
        };
        insert.await.map_err(|e| AppError::internal(&e))?;
        portal
            .audit
            .record(audit(
                Outcome::Success,
                Some(to_store_role(crate::auth::guard::from_store_role(
                    user.role,
                ))),
                Some(user.id),
                None,
            ))
            .await
            .map_err(|e| AppError::internal(&e))?;
        Ok(crate::auth::finish_at(safe_return_to(next.as_deref())))
    }

    /// The `User-Agent` header, truncated.
    mod axum_extra_user_agent {
        use axum::{extract::FromRequestParts, http::request::Parts};

        pub struct UserAgent(pub String);

        impl<S: Send + Sync> FromRequestParts<S> for UserAgent {
            type Rejection = ();

            async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ()> {
                parts
                    .headers
                    .get(axum::http::header::USER_AGENT)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| UserAgent(v.chars().take(200).collect()))
                    .ok_or(())
            }
        }
    }
}

/// The sign-in page.
#[component]
pub fn LoginPage() -> impl IntoView {
    // Created inside the router, so an error from a plain form post (JavaScript off),
    // carried back in the URL, shows here too.
    let action = ServerAction::<Login>::new();
    Effect::new(move |_| {
        if let Some(Ok(next)) = action.value().get() {
            crate::auth::load_page(&next);
        }
    });
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    let error = move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    };
    let pending = action.pending();
    // Without JavaScript, a refused sign-in keeps the email (never the password).
    let kept = crate::forms::use_rejected_form::<Login>();
    let kept_email = move || kept.get().and_then(|k| k.get("email")).unwrap_or_default();

    view! {
        <Title text="Sign in" />
        <div class="mx-auto mt-8 w-full max-w-sm">
            <h1 class="text-2xl font-bold tracking-tight">"Sign in to pexdesk"</h1>
            // Suspense: during SSR, wait for the kept email (a refused sign-in without JavaScript).
            <Suspense fallback=|| ()>
            <ActionForm action attr:class="mt-6 space-y-4" attr:aria-describedby="login-error">
                <input type="hidden" name="next" value=next />
                <div>
                    <label for="login-email" class="block text-sm font-medium">"Email"</label>
                    <input
                        id="login-email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required
                        class="field mt-1"
                        value=kept_email
                    />
                </div>
                <div>
                    <label for="login-password" class="block text-sm font-medium">"Password"</label>
                    <input
                        id="login-password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        class="field mt-1"
                    />
                </div>
                <p id="login-error" role="alert" class="min-h-5 text-sm text-red-700 dark:text-red-300">
                    {error}
                </p>
                <button type="submit" class="btn-primary w-full" disabled=move || pending.get()>
                    {move || if pending.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            </Suspense>
        </div>
    }
}
