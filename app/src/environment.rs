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
pub type EnvironmentResource = Resource<Result<EnvironmentInfo, ServerFnError>>;

/// Loads the connected node once per page load and provides it as context: the header
/// is rebuilt on every navigation, the node it names is not.
///
/// A `Resource` (with a source that never changes), not a `OnceResource`: reading a
/// `OnceResource` synchronously takes its lock with `try_read`, so a read that meets the
/// value being stored on another thread comes back empty and `get` panics as if the
/// resource were disposed. Under load that failed about one page in 5,000 with a 500
/// (the services list bench found it). A `Resource` waits for its lock instead.
pub fn provide_environment() {
    let resource: EnvironmentResource = Resource::new(|| (), |_| get_environment());
    provide_context(resource);
}

/// The environment resource provided by the `App`.
pub fn use_environment() -> Option<EnvironmentResource> {
    use_context::<EnvironmentResource>()
}
