//! Shows a page only to people whose role allows it. The server already refused the
//! data; this gives the person a clear page: sign in (401 → redirect) or not allowed (403).

use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location};

use crate::{
    auth::{
        current_user::{use_page_user, PageUser},
        CurrentUser, Role,
    },
    error::{AppError, ErrorPage},
};

/// Renders `children` with the signed-in user when their role allows `role`. The user is
/// known when the page starts to render (see `current_user`), so this decides at once:
/// no boundary, and the page is built once.
#[component]
pub fn RoleGate<F, V>(role: Role, children: F) -> impl IntoView
where
    F: Fn(CurrentUser) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    match use_page_user() {
        PageUser::SignedIn(me) if me.role.allows(role) => children(me).into_any(),
        PageUser::SignedIn(_) => view! { <ErrorPage error=AppError::Forbidden /> }.into_any(),
        PageUser::SignedOut => {
            let location = use_location();
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked(),
            );
            let next = url_escape(&here);
            view! { <Redirect path=format!("/login?next={next}") /> }.into_any()
        }
        PageUser::Unknown(error) => view! { <ErrorPage error /> }.into_any(),
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
