//! The signed-in user, loaded once per page and shared as context.

use leptos::prelude::*;

use crate::{auth::CurrentUser, error::AppError};

/// The signed-in user of this request, or `None`.
#[server(endpoint = "auth/me", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    crate::auth::guard::signed_in_user().await
}

/// The current user, as a resource every component can read.
pub type CurrentUserResource = Resource<Result<Option<CurrentUser>, AppError>>;

/// Loads the current user once per page load and provides it as context. Signing in or
/// out loads a new page, so it never goes stale.
pub fn provide_current_user() {
    let resource: CurrentUserResource = Resource::new_blocking(|| (), |_| get_current_user());
    provide_context(resource);
}

/// The current user resource provided by the `App`.
pub fn use_current_user() -> Option<CurrentUserResource> {
    use_context::<CurrentUserResource>()
}
