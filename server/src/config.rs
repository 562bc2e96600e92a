//! Settings: defaults, then an optional TOML file (`--config`), then `PEXDESK_*`
//! environment variables, which win. Validated once at start; a bad value is a clear
//! message and a non-zero exit.

use std::{net::SocketAddr, path::Path};

use figment::{
    providers::{Env, Format, Serialized, Toml},
    Figment,
};
use serde::{Deserialize, Serialize};

use crate::error::ServerError;

/// How log lines are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// Every setting of the server. Each field is also `PEXDESK_<FIELD>` in upper case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Where to listen (`PEXDESK_LISTEN`).
    pub listen: SocketAddr,
    /// The URL people use to reach pexdesk, e.g. `https://pexdesk.example.com`. When it is
    /// https, responses carry HSTS and cookies are Secure.
    pub public_url: Option<String>,
    /// The folder with the built site (`/pkg`, assets), as cargo-leptos lays it out.
    pub site_root: String,
    /// `text` or `json`.
    pub log_format: LogFormat,
    /// How long one request may take before it is answered with a timeout, in seconds.
    pub request_timeout_secs: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: None,
            site_root: "target/site".to_owned(),
            log_format: LogFormat::Text,
            request_timeout_secs: 30,
        }
    }
}

/// The setting names, as they appear after the `PEXDESK_` prefix.
const KEYS: &[&str] = &[
    "listen",
    "public_url",
    "site_root",
    "log_format",
    "request_timeout_secs",
];

impl Settings {
    /// Reads defaults, the optional TOML file and the environment, then validates.
    pub fn load(file: Option<&Path>) -> Result<Settings, ServerError> {
        Settings::from_figment(Settings::figment(file, Env::prefixed("PEXDESK_")))
    }

    fn figment(file: Option<&Path>, env: Env) -> Figment {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(path) = file {
            figment = figment.merge(Toml::file_exact(path));
        }
        figment.merge(env.filter(|key| {
            KEYS.iter()
                .any(|known| key.as_str().eq_ignore_ascii_case(known))
        }))
    }

    fn from_figment(figment: Figment) -> Result<Settings, ServerError> {
        let settings: Settings = figment
            .extract()
            .map_err(|e| ServerError::Config(e.to_string()))?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ServerError> {
        if self.request_timeout_secs == 0 {
            return Err(ServerError::Config(
                "request_timeout_secs must be at least 1".into(),
            ));
        }
        if let Some(url) = &self.public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(ServerError::Config(format!(
                    "public_url must start with http:// or https://, got {url:?}"
                )));
            }
        }
        Ok(())
    }

    /// Whether people reach pexdesk over TLS (possibly through a proxy).
    pub fn served_over_tls(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment's Jail closures return figment::Error
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn defaults_listen_on_loopback_3000() {
        let s = Settings::default();
        assert_eq!(s.listen.to_string(), "127.0.0.1:3000");
        assert!(!s.served_over_tls());
    }

    #[test]
    fn environment_overrides_the_file() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "pexdesk.toml",
                "listen = \"127.0.0.1:4000\"\nlog_format = \"json\"\n",
            )?;
            jail.set_env("PEXDESK_LISTEN", "127.0.0.1:5000");
            let s = Settings::load(Some(Path::new("pexdesk.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(s.listen.to_string(), "127.0.0.1:5000");
            assert_eq!(s.log_format, LogFormat::Json);
            Ok(())
        });
    }

    #[test]
    fn unknown_file_keys_and_bad_values_are_refused() {
        Jail::expect_with(|jail| {
            jail.create_file("bad.toml", "lisen = \"127.0.0.1:4000\"\n")?;
            let err = Settings::load(Some(Path::new("bad.toml"))).unwrap_err();
            assert!(err.to_string().contains("lisen"), "{err}");
            jail.create_file("bad2.toml", "public_url = \"ftp://x\"\n")?;
            let err = Settings::load(Some(Path::new("bad2.toml"))).unwrap_err();
            assert!(err.to_string().contains("public_url"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn missing_file_is_an_error() {
        let err = Settings::load(Some(Path::new("/nonexistent/pexdesk.toml"))).unwrap_err();
        assert!(matches!(err, ServerError::Config(_)));
    }

    #[test]
    fn https_public_url_means_tls() {
        let s = Settings {
            public_url: Some("https://pexdesk.example.com".into()),
            ..Settings::default()
        };
        assert!(s.served_over_tls());
    }
}
