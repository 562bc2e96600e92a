//! Shows a page only to people whose role allows it. The server already refused the
//! data; this gives the person a clear page: sign in (401 → redirect) or not allowed (403).

use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location};

use crate::{
    auth::{current_user::use_current_user, CurrentUser, Role},
    error::{AppError, ErrorPage},
};

/// Renders `children` with the signed-in user when their role allows `role`.
#[component]
pub fn RoleGate<F, V>(role: Role, children: F) -> impl IntoView
where
    F: Fn(CurrentUser) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let location = use_location();
    let user = use_current_user();
    // A `Suspend` value, not a closure returning one: under a boundary the server calls a
    // closure twice (once to find the resources it reads, once to render), which would
    // build the page twice whenever the user is already known. A `Suspend` builds the page
    // once the user is known, and only once, and keeps it: a page's own resources are
    // created by its component, so building it again would fetch again. The user never
    // changes while a page is open (signing in or out loads a new page).
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {Suspend::new(async move {
                let Some(resource) = user else {
                    return ().into_any();
                };
                let state = resource.await;
                match state {
                    Ok(Some(me)) if me.role.allows(role) => children(me).into_any(),
                    Ok(Some(_)) => view! { <ErrorPage error=AppError::Forbidden /> }.into_any(),
                    Ok(None) | Err(AppError::Unauthorized) => {
                        let here = format!(
                            "{}{}",
                            location.pathname.get_untracked(),
                            location.search.get_untracked(),
                        );
                        let next = url_escape(&here);
                        view! { <Redirect path=format!("/login?next={next}") /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Percent-encodes a path for a query value.
pub fn url_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_query_characters() {
        assert_eq!(
            url_escape("/services?q=a b&x=1"),
            "/services%3Fq%3Da%20b%26x%3D1"
        );
    }
}
