//! Sign-out: deletes the session on the server, then goes to the sign-in page.

use leptos::{form::ActionForm, prelude::*};

use crate::error::AppError;

/// Ends the current session (server-side) and records it.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<String, AppError> {
    use crate::auth::guard::{require, session, AuditChange};
    use crate::auth::Role;

    // Signing out an already-ended session is fine: just go to the sign-in page.
    if let Ok(cap) = require(Role::User).await {
        let email = cap.actor().email.clone();
        cap.audit(AuditChange::success("auth.logout", email))
            .await?;
    }
    // flush, not delete: it also forgets the id and the data held in memory, so nothing
    // later in this request (a layer touching the session) can save it back.
    session()
        .await?
        .flush()
        .await
        .map_err(|e| AppError::internal(&e))?;
    Ok(crate::auth::finish_at("/login".to_owned()))
}

/// A "Sign out" button (a form, so it works without JavaScript too).
#[component]
pub fn LogoutButton() -> impl IntoView {
    let action = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if let Some(Ok(next)) = action.value().get() {
            crate::auth::load_page(&next);
        }
    });
    view! {
        <ActionForm action>
            <button
                type="submit"
                class="rounded-md border border-line px-2 py-1 text-sm hover:bg-raised focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent"
            >
                "Sign out"
            </button>
        </ActionForm>
    }
}
