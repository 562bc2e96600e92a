//! `AppState`: what every handler, server function and SSR render can reach.

use std::{sync::Arc, time::Instant};

use app::{environment::EnvironmentInfo, portal::Portal};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::config::Settings;

/// Shared, cheaply cloned server state. Leptos provides it as context to server functions.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
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
        AppState {
            leptos_options,
            settings: Arc::new(settings),
            environment,
            portal,
            started: Instant::now(),
        }
    }
}
