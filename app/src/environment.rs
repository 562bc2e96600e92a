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
