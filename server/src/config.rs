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

/// How busy the built-in simulator of the embedded default is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmbeddedActivity {
    /// Nothing happens on its own.
    Off,
    /// A few conferences come and go (the default, so the live views have something to show).
    #[default]
    Low,
    /// Dozens of conferences, hundreds of participants.
    Busy,
}

impl EmbeddedActivity {
    /// The simulator's level.
    pub fn level(self) -> pexsim::Activity {
        match self {
            EmbeddedActivity::Off => pexsim::Activity::Off,
            EmbeddedActivity::Low => pexsim::Activity::Low,
            EmbeddedActivity::Busy => pexsim::Activity::Busy,
        }
    }
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
    /// pexdesk's own database: `sqlite://data/pexdesk.db` (created on first run) or
    /// `postgres://…`.
    pub database_url: String,
    /// A session unused this long ends, in minutes.
    pub session_idle_minutes: u64,
    /// A session ends this long after sign-in however active, in minutes.
    pub session_absolute_minutes: u64,
    /// Force the Secure flag on cookies (it is on anyway when `public_url` is https).
    pub cookie_secure: bool,
    /// Failed sign-ins per account within the window before it is blocked.
    pub login_max_failures_per_account: u32,
    /// Failed sign-ins per client address within the window before it is blocked.
    pub login_max_failures_per_addr: u32,
    /// The throttle window, in seconds.
    pub login_window_secs: u64,
    /// Audit rows older than this many days are deleted (0 keeps them forever).
    pub audit_retention_days: u64,
    /// The Management Node, e.g. `https://mgr.example.com`. Unset: the embedded default
    /// (pexsim in-process with demo data).
    pub upstream_url: Option<String>,
    /// The Management Node's API user.
    pub upstream_username: String,
    /// Its password. Prefer `upstream_password_file`. Never printed or serialised.
    #[serde(skip_serializing)]
    pub upstream_password: Option<Secret>,
    /// A file holding the password (first line).
    pub upstream_password_file: Option<String>,
    /// Extra CA certificates (PEM) to trust for the node's TLS certificate.
    pub upstream_ca_file: Option<String>,
    /// Sustained requests per second pexdesk allows itself towards the node.
    pub upstream_requests_per_second: f64,
    /// Short bursts above that rate.
    pub upstream_burst: u32,
    /// Requests in flight at once towards the node.
    pub upstream_max_in_flight: usize,
    /// Time allowed for one request to the node, in seconds.
    pub upstream_timeout_secs: u64,
    /// Embedded default only: a file where the built-in simulator's URL and credentials
    /// are written (readable by the owner only), for scripts and browser tests that check
    /// effects on the simulator directly. Unset: they are written nowhere.
    pub embedded_credentials_file: Option<String>,
    /// Embedded default only: `off`, `low` or `busy` activity on the built-in simulator.
    pub embedded_activity: EmbeddedActivity,
}

/// A secret setting: deserialised from the file or environment, never printed.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret's text, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: None,
            site_root: "target/site".to_owned(),
            log_format: LogFormat::Text,
            request_timeout_secs: 30,
            database_url: "sqlite://data/pexdesk.db".to_owned(),
            session_idle_minutes: 60,
            session_absolute_minutes: 12 * 60,
            cookie_secure: false,
            login_max_failures_per_account: 5,
            login_max_failures_per_addr: 20,
            login_window_secs: 15 * 60,
            audit_retention_days: 365,
            upstream_url: None,
            upstream_username: "admin".to_owned(),
            upstream_password: None,
            upstream_password_file: None,
            upstream_ca_file: None,
            // Well under the guide's 10,000 requests per 60 s, leaving room for others.
            upstream_requests_per_second: 20.0,
            upstream_burst: 40,
            upstream_max_in_flight: 8,
            upstream_timeout_secs: 15,
            embedded_credentials_file: None,
            embedded_activity: EmbeddedActivity::Low,
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
    "database_url",
    "session_idle_minutes",
    "session_absolute_minutes",
    "cookie_secure",
    "login_max_failures_per_account",
    "login_max_failures_per_addr",
    "login_window_secs",
    "audit_retention_days",
    "upstream_url",
    "upstream_username",
    "upstream_password",
    "upstream_password_file",
    "upstream_ca_file",
    "upstream_requests_per_second",
    "upstream_burst",
    "upstream_max_in_flight",
    "upstream_timeout_secs",
    "embedded_credentials_file",
    "embedded_activity",
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
        if self.session_idle_minutes == 0 || self.session_absolute_minutes == 0 {
            return Err(ServerError::Config(
                "session_idle_minutes and session_absolute_minutes must be at least 1".into(),
            ));
        }
        if self.login_max_failures_per_account == 0 || self.login_max_failures_per_addr == 0 {
            return Err(ServerError::Config(
                "login_max_failures_per_account and login_max_failures_per_addr must be at least 1"
                    .into(),
            ));
        }
        let rate_ok = self.upstream_requests_per_second.is_finite()
            && self.upstream_requests_per_second > 0.0;
        if !rate_ok
            || self.upstream_burst == 0
            || self.upstream_max_in_flight == 0
            || self.upstream_timeout_secs == 0
        {
            return Err(ServerError::Config(
                "upstream_requests_per_second, upstream_burst, upstream_max_in_flight and upstream_timeout_secs must be positive".into(),
            ));
        }
        if let Some(url) = &self.upstream_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(ServerError::Config(format!(
                    "upstream_url must start with https:// (or http://), got {url:?}"
                )));
            }
            if self.upstream_password.is_none() && self.upstream_password_file.is_none() {
                return Err(ServerError::Config(
                    "upstream_url is set: set upstream_password_file (or upstream_password) too"
                        .into(),
                ));
            }
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

    /// Whether cookies carry the Secure flag.
    pub fn secure_cookies(&self) -> bool {
        self.cookie_secure || self.served_over_tls()
    }

    /// The origin (`scheme://host[:port]`) of `public_url`, if set.
    pub fn public_origin(&self) -> Option<String> {
        let url = self.public_url.as_deref()?;
        let (scheme, rest) = url.split_once("://")?;
        let authority = rest.split('/').next()?;
        Some(format!("{scheme}://{authority}").to_ascii_lowercase())
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
    fn the_upstream_password_never_prints() {
        Jail::expect_with(|jail| {
            jail.set_env("PEXDESK_UPSTREAM_URL", "https://mgr.example.com");
            jail.set_env("PEXDESK_UPSTREAM_PASSWORD", "s3cret-upstream");
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(
                s.upstream_password.as_ref().map(Secret::expose),
                Some("s3cret-upstream")
            );
            assert!(!format!("{s:?}").contains("s3cret-upstream"));
            Ok(())
        });
    }

    #[test]
    fn an_upstream_needs_a_password() {
        Jail::expect_with(|jail| {
            jail.set_env("PEXDESK_UPSTREAM_URL", "https://mgr.example.com");
            let err = Settings::load(None).unwrap_err();
            assert!(err.to_string().contains("upstream_password_file"), "{err}");
            Ok(())
        });
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
