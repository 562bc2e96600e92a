//! The connection to the Management Node: a real one from the settings, or pexsim
//! started in-process (the embedded default).

use std::time::Duration;

use app::environment::EnvironmentInfo;
use pexip_api::client::{Client, ClientConfig, RateLimitConfig, Secret};

use crate::{config::Settings, embedded::Embedded, error::ServerError};

/// The connected node: its client, what the badge says, and (embedded) the simulator.
pub struct Upstream {
    pub client: Client,
    pub environment: EnvironmentInfo,
    pub embedded: Option<Embedded>,
}

/// Connects to the configured node, or starts the embedded simulator.
pub async fn connect(settings: &Settings) -> Result<Upstream, ServerError> {
    match &settings.upstream_url {
        Some(url) => {
            let password = password(settings)?;
            let mut config = client_config(
                settings,
                url.clone(),
                settings.upstream_username.clone(),
                password,
            );
            if let Some(path) = &settings.upstream_ca_file {
                let pem = std::fs::read(path)
                    .map_err(|e| ServerError::Config(format!("upstream_ca_file {path}: {e}")))?;
                config.ca_bundle_pem = Some(pem);
            }
            let client = Client::new(config)
                .map_err(|e| ServerError::Config(format!("upstream: {}", e.user_message())))?;
            Ok(Upstream {
                client,
                environment: EnvironmentInfo {
                    label: host_of(url),
                    demo: false,
                },
                embedded: None,
            })
        }
        None => {
            let embedded = Embedded::start(settings.embedded_activity.level()).await?;
            let config = client_config(
                settings,
                embedded.base_url(),
                embedded.username().to_owned(),
                Secret::new(embedded.password().to_owned()),
            );
            let client = Client::new(config).map_err(|e| {
                ServerError::Config(format!("embedded simulator: {}", e.user_message()))
            })?;
            Ok(Upstream {
                client,
                environment: EnvironmentInfo {
                    label: "Demo: built-in simulator".into(),
                    demo: true,
                },
                embedded: Some(embedded),
            })
        }
    }
}

fn client_config(
    settings: &Settings,
    url: String,
    username: String,
    password: Secret,
) -> ClientConfig {
    let mut config = ClientConfig::new(url, username, password);
    config.rate_limit = RateLimitConfig {
        requests_per_second: settings.upstream_requests_per_second,
        burst: settings.upstream_burst,
        max_in_flight: settings.upstream_max_in_flight,
    };
    config.request_timeout = Duration::from_secs(settings.upstream_timeout_secs);
    config
}

fn password(settings: &Settings) -> Result<Secret, ServerError> {
    if let Some(path) = &settings.upstream_password_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ServerError::Config(format!("upstream_password_file {path}: {e}")))?;
        let line = text
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end()
            .to_owned();
        if line.is_empty() {
            return Err(ServerError::Config(format!(
                "upstream_password_file {path} is empty"
            )));
        }
        return Ok(Secret::new(line));
    }
    settings
        .upstream_password
        .as_ref()
        .map(|s| Secret::new(s.expose().to_owned()))
        .ok_or_else(|| ServerError::Config("upstream_password_file is not set".into()))
}

/// The host part of a URL, for the badge.
fn host_of(url: &str) -> String {
    url.split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(url)
        .split(['/', '?'])
        .next()
        .unwrap_or(url)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_shows_the_host() {
        assert_eq!(host_of("https://mgr.example.com/api"), "mgr.example.com");
        assert_eq!(
            host_of("https://mgr.example.com:8443"),
            "mgr.example.com:8443"
        );
    }
}
