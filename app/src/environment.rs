//! Which Management Node pexdesk is connected to, for the header badge.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the header badge says about the connected Management Node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvironmentInfo {
    /// Short text for the badge, e.g. "Demo: built-in simulator" or "mgr.example.com".
    pub label: String,
    /// Whether this is the built-in simulator rather than a real node.
    pub demo: bool,
}

/// The connected node, as the server was configured.
#[server(endpoint = "environment", input = server_fn::codec::GetUrl)]
pub async fn get_environment() -> Result<EnvironmentInfo, ServerFnError> {
    use_context::<EnvironmentInfo>()
        .ok_or_else(|| ServerFnError::new("The environment is not configured."))
}

/// The connected node, as a resource the header reads.
pub type EnvironmentResource = OnceResource<Result<EnvironmentInfo, ServerFnError>>;

/// Loads the connected node once per page load and provides it as context: the header
/// is rebuilt on every navigation, the node it names is not.
pub fn provide_environment() {
    let resource: EnvironmentResource = OnceResource::new_blocking(get_environment());
    provide_context(resource);
}

/// The environment resource provided by the `App`.
pub fn use_environment() -> Option<EnvironmentResource> {
    use_context::<EnvironmentResource>()
}
