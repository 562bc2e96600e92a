//! Who is signed in and what they may do: roles, the current user, sign-in and sign-out.
//! The checks themselves run on the server (`guard`), in every server function.

pub mod current_user;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod login;
pub mod logout;
pub mod return_to;

use serde::{Deserialize, Serialize};

/// Ends a server function that changes who is signed in. A plain form post (JavaScript
/// off) is redirected to `path`; a hydrated page gets `path` back and loads it fully, so
/// every part of the page sees the new session.
#[cfg(feature = "ssr")]
pub fn finish_at(path: String) -> String {
    let plain_form = leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
    .unwrap_or(false);
    if plain_form {
        leptos_axum::redirect(&path);
    }
    path
}

/// Loads `path` as a new page (after sign-in or sign-out).
pub fn load_page(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = leptos::prelude::window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Names of the values kept in the server-side session.
pub mod session_keys {
    /// The signed-in account's id.
    pub const USER_ID: &str = "user_id";
    /// Unix seconds of sign-in, for the absolute timeout.
    pub const SIGNED_IN_AT: &str = "signed_in_at";
    /// Unix seconds of the last time the session's idle expiry was pushed back.
    pub const ACTIVE_AT: &str = "active_at";
    /// The address the session signed in from.
    pub const CLIENT_ADDR: &str = "client_addr";
    /// The browser that signed in.
    pub const USER_AGENT: &str = "user_agent";
}

/// A portal role. Each role includes the rights of the ones below it:
/// `admin` ⊇ `helpdesk` ⊇ `user`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Self-service: only the services whose owner email is theirs.
    User,
    /// Services, aliases, dialled participants, routing, themes, live control, history.
    Helpdesk,
    /// Everything, including portal users, licences, platform and the audit log.
    Admin,
}

impl Role {
    /// Every role, least to most privileged.
    pub const ALL: [Role; 3] = [Role::User, Role::Helpdesk, Role::Admin];

    /// The lowercase name used in forms, the CLI and the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Helpdesk => "helpdesk",
            Role::Admin => "admin",
        }
    }

    /// A label for people.
    pub const fn label(self) -> &'static str {
        match self {
            Role::User => "User",
            Role::Helpdesk => "Helpdesk",
            Role::Admin => "Administrator",
        }
    }

    /// Whether this role has at least the rights of `required`.
    pub fn allows(self, required: Role) -> bool {
        self >= required
    }

    /// Parses `admin`, `helpdesk` or `user`.
    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The signed-in person, as pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_nest() {
        assert!(Role::Admin.allows(Role::Helpdesk));
        assert!(Role::Admin.allows(Role::User));
        assert!(Role::Helpdesk.allows(Role::User));
        assert!(!Role::Helpdesk.allows(Role::Admin));
        assert!(!Role::User.allows(Role::Helpdesk));
    }

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
