//! The signed-in user, as the page knows them.
//!
//! The server resolves the user before the page renders (a layer, once per request: see
//! `guard::RequestUser`) and writes them on `<html>` (the shell's `data-user-*`
//! attributes), where the browser reads them back when it hydrates. So the frame and
//! every role gate know the user at once, on both sides: no request, no resource and no
//! Suspense, and both sides render the same HTML. The user never changes while a page is
//! open: signing in or out loads a new page, and every server function checks again.

use leptos::prelude::*;

use crate::{
    auth::{CurrentUser, Role},
    error::AppError,
};

/// `<html>` attribute holding the signed-in account's id.
pub const ID_ATTRIBUTE: &str = "data-user-id";
/// `<html>` attribute holding the signed-in account's email.
pub const EMAIL_ATTRIBUTE: &str = "data-user-email";
/// `<html>` attribute holding the signed-in account's role (`Role::as_str`).
pub const ROLE_ATTRIBUTE: &str = "data-user-role";
/// `<html>` attribute holding the operation id when the user could not be looked up.
pub const ERROR_ATTRIBUTE: &str = "data-user-error";
/// Every `<html>` attribute that carries the user, in the order the shell writes them.
pub const ATTRIBUTES: [&str; 4] = [
    ID_ATTRIBUTE,
    EMAIL_ATTRIBUTE,
    ROLE_ATTRIBUTE,
    ERROR_ATTRIBUTE,
];

/// The signed-in user of this request, or `None`. For API clients: pages read the user
/// from the page itself ([`PageUser`]).
#[server(endpoint = "auth/me", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    crate::auth::guard::signed_in_user().await
}

/// Who the page is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageUser {
    /// Signed in.
    SignedIn(CurrentUser),
    /// Nobody is signed in (or the session ended).
    SignedOut,
    /// The session could not be checked (the portal's database failed).
    Unknown(AppError),
}

impl PageUser {
    /// The signed-in user, if there is one.
    pub fn user(&self) -> Option<&CurrentUser> {
        match self {
            PageUser::SignedIn(user) => Some(user),
            PageUser::SignedOut | PageUser::Unknown(_) => None,
        }
    }

    /// The page's user: as the server resolved it for this request (server), or as the
    /// server wrote it on `<html>` (browser).
    pub fn current() -> PageUser {
        #[cfg(feature = "ssr")]
        {
            crate::auth::guard::RequestUser::resolved()
        }
        #[cfg(not(feature = "ssr"))]
        {
            #[cfg(feature = "hydrate")]
            {
                let Some(html) = document().document_element() else {
                    return PageUser::SignedOut;
                };
                PageUser::from_attributes(|name| html.get_attribute(name))
            }
            #[cfg(not(feature = "hydrate"))]
            {
                PageUser::SignedOut
            }
        }
    }

    /// The values the shell writes on `<html>` for this user, in the order of
    /// [`ATTRIBUTES`]; `None` leaves an attribute off.
    pub fn attribute_values(&self) -> [Option<String>; 4] {
        match self {
            PageUser::SignedIn(user) => [
                Some(user.id.to_string()),
                Some(user.email.clone()),
                Some(user.role.as_str().to_owned()),
                None,
            ],
            PageUser::SignedOut => [None, None, None, None],
            PageUser::Unknown(error) => [
                None,
                None,
                None,
                Some(error.operation_id().unwrap_or_default().to_owned()),
            ],
        }
    }

    /// Reads back what [`PageUser::attribute_values`] wrote. Anything incomplete or unknown is
    /// signed out: the server checks every request anyway.
    pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> PageUser {
        if let Some(operation_id) = attribute(ERROR_ATTRIBUTE) {
            return PageUser::Unknown(AppError::Internal { operation_id });
        }
        let user = (|| {
            Some(CurrentUser {
                id: attribute(ID_ATTRIBUTE)?.parse().ok()?,
                email: attribute(EMAIL_ATTRIBUTE)?,
                role: Role::parse(&attribute(ROLE_ATTRIBUTE)?)?,
            })
        })();
        user.map_or(PageUser::SignedOut, PageUser::SignedIn)
    }
}

/// Provides the page's user to every component (the `App` does, once per page load).
pub fn provide_page_user() {
    provide_context(PageUser::current());
}

/// The page's user, as the `App` provided it.
pub fn use_page_user() -> PageUser {
    use_context::<PageUser>().unwrap_or_else(PageUser::current)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn round_trip(user: &PageUser) -> PageUser {
        let written: HashMap<&str, String> = ATTRIBUTES
            .into_iter()
            .zip(user.attribute_values())
            .filter_map(|(name, value)| Some((name, value?)))
            .collect();
        PageUser::from_attributes(|name| written.get(name).cloned())
    }

    #[test]
    fn the_user_survives_the_trip_through_html_attributes() {
        let signed_in = PageUser::SignedIn(CurrentUser {
            id: 7,
            email: "o'brien+\"desk\"@example.com".into(),
            role: Role::Helpdesk,
        });
        assert_eq!(round_trip(&signed_in), signed_in);
        assert_eq!(round_trip(&PageUser::SignedOut), PageUser::SignedOut);
        let unknown = PageUser::Unknown(AppError::Internal {
            operation_id: "op-1".into(),
        });
        assert_eq!(round_trip(&unknown), unknown);
    }

    #[test]
    fn incomplete_or_unknown_attributes_are_signed_out() {
        let only_email = |name: &str| (name == EMAIL_ATTRIBUTE).then(|| "a@b.c".to_owned());
        assert_eq!(PageUser::from_attributes(only_email), PageUser::SignedOut);
        let bad_role = |name: &str| match name {
            ID_ATTRIBUTE => Some("1".to_owned()),
            EMAIL_ATTRIBUTE => Some("a@b.c".to_owned()),
            ROLE_ATTRIBUTE => Some("root".to_owned()),
            _ => None,
        };
        assert_eq!(PageUser::from_attributes(bad_role), PageUser::SignedOut);
    }
}
