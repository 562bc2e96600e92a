//! `AppState`: what every handler, server function and SSR render can reach.

use std::{ops::Deref, sync::Arc, time::Instant};

use app::{environment::EnvironmentInfo, portal::Portal};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::config::Settings;

/// Shared server state. Leptos provides it as context to server functions. A clone is one
/// reference count: axum clones the state for every layer that takes it, on every request.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// What [`AppState`] shares.
pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub settings: Settings,
    pub environment: EnvironmentInfo,
    pub portal: Portal,
    pub started: Instant,
}

impl AppState {
    /// State for the given settings and services.
    pub fn new(settings: Settings, environment: EnvironmentInfo, portal: Portal) -> AppState {
        let leptos_options = LeptosOptions::builder()
            .output_name("pexdesk")
            .site_root(settings.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(settings.listen)
            .build();
        AppState(Arc::new(Shared {
            leptos_options,
            settings,
            environment,
            portal,
            started: Instant::now(),
        }))
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What `leptos_axum` reads from the state.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
