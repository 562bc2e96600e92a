//! Which Management Node pexdesk is connected to, for the header badge.
//!
//! The server knows it from its configuration (provided as context); it writes it on
//! `<html>` (the shell's `data-node-label` and `data-node-demo`), where the browser reads it back
//! when it hydrates and on every later navigation. So the badge needs no request, no
//! resource and no Suspense, and both sides render the same text.

use serde::{Deserialize, Serialize};

/// `<html>` attribute holding the badge's label.
pub const LABEL_ATTRIBUTE: &str = "data-node-label";
/// `<html>` attribute saying whether the node is the built-in simulator (`"true"`).
pub const DEMO_ATTRIBUTE: &str = "data-node-demo";

/// What the header badge says about the connected Management Node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvironmentInfo {
    /// Short text for the badge, e.g. "Demo: built-in simulator" or "mgr.example.com".
    pub label: String,
    /// Whether this is the built-in simulator rather than a real node.
    pub demo: bool,
}

impl EnvironmentInfo {
    /// The connected node: the server's configuration (server), or what the server wrote
    /// on `<html>` (browser). `None` when neither says.
    pub fn current() -> Option<EnvironmentInfo> {
        #[cfg(feature = "ssr")]
        {
            leptos::prelude::use_context::<EnvironmentInfo>()
        }
        #[cfg(not(feature = "ssr"))]
        {
            #[cfg(feature = "hydrate")]
            {
                let html = leptos::prelude::document().document_element()?;
                Some(EnvironmentInfo {
                    label: html.get_attribute(LABEL_ATTRIBUTE)?,
                    demo: html.get_attribute(DEMO_ATTRIBUTE).as_deref() == Some("true"),
                })
            }
            #[cfg(not(feature = "hydrate"))]
            {
                None
            }
        }
    }
}
