//! The simulator's configuration, shared by the library and the binary.

use crate::faults::FaultSet;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// The password of `Config::default()` and of the binary without `--password`.
pub const DEFAULT_PASSWORD: &str = "pexsim";

/// Requests allowed per window (the guide: 10,000 every 60 s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub requests: u32,
    pub window: Duration,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            requests: 10_000,
            window: Duration::from_secs(60),
        }
    }
}

impl RateLimit {
    /// No practical limit (benchmarks and bulk tests).
    pub fn unlimited() -> Self {
        RateLimit {
            requests: u32::MAX,
            window: Duration::from_secs(1),
        }
    }
}

/// Why a `--rate-limit` value was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("expected N/SECONDS with N >= 1 and SECONDS >= 1, got '{0}'")]
pub struct RateLimitParseError(String);

impl FromStr for RateLimit {
    type Err = RateLimitParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || RateLimitParseError(s.to_string());
        let (n, secs) = s.split_once('/').ok_or_else(err)?;
        let requests: u32 = n.trim().parse().map_err(|_| err())?;
        let secs: u64 = secs.trim().parse().map_err(|_| err())?;
        if requests == 0 || secs == 0 {
            return Err(err());
        }
        Ok(RateLimit {
            requests,
            window: Duration::from_secs(secs),
        })
    }
}

/// How much the activity scheduler does on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Activity {
    /// Nothing happens unless a command, the control API or the library makes it happen.
    #[default]
    Off,
    /// A few conferences with a few participants each.
    Low,
    /// Dozens of conferences, hundreds of participants.
    Busy,
}

impl Activity {
    /// The flag value: `off`, `low` or `busy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Activity::Off => "off",
            Activity::Low => "low",
            Activity::Busy => "busy",
        }
    }
}

/// Why an `--activity` value was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("expected off, low or busy, got '{0}'")]
pub struct ActivityParseError(String);

impl FromStr for Activity {
    type Err = ActivityParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" => Ok(Activity::Off),
            "low" => Ok(Activity::Low),
            "busy" => Ok(Activity::Busy),
            _ => Err(ActivityParseError(s.to_string())),
        }
    }
}

/// Everything that shapes one simulator instance. Every field has a default.
#[derive(Debug, Clone)]
pub struct Config {
    pub username: String,
    pub password: String,
    /// Seed the demo organisation.
    pub demo: bool,
    /// Seeds every generator: demo data, UUIDs, fault fractions.
    pub seed: u64,
    pub rate_limit: RateLimit,
    /// Load at start, save atomically on change and at shutdown.
    pub state_file: Option<PathBuf>,
    /// Generate this many extra services deterministically at start (benchmarks, scale tests).
    pub preload_services: usize,
    /// Served over TLS: `Location` headers use `https`.
    pub tls: bool,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Largest theme package accepted.
    pub max_theme_bytes: usize,
    /// Faults active from the start (the binary's fault flags).
    pub faults: FaultSet,
    /// What the activity scheduler does on its own (`Off` for the library: tests drive time).
    pub activity: Activity,
    /// Simulated seconds per real second (60: one simulated minute per second).
    pub time_scale: f64,
    /// At most this many history conference instances are kept (the guide: 10,000).
    pub history_retention: usize,
    /// Generate this many history participants at start (benchmarks), in conferences of about
    /// ten, with media streams.
    pub preload_history: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            username: "admin".into(),
            password: DEFAULT_PASSWORD.into(),
            demo: false,
            seed: 0,
            rate_limit: RateLimit::default(),
            state_file: None,
            preload_services: 0,
            tls: false,
            max_body_bytes: 16 * 1024 * 1024,
            max_theme_bytes: 10 * 1024 * 1024,
            faults: FaultSet::default(),
            activity: Activity::Off,
            time_scale: 1.0,
            history_retention: 10_000,
            preload_history: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_parses_n_per_seconds() {
        assert_eq!("10000/60".parse::<RateLimit>(), Ok(RateLimit::default()));
        assert!("0/60".parse::<RateLimit>().is_err());
        assert!("10/x".parse::<RateLimit>().is_err());
        assert!("10".parse::<RateLimit>().is_err());
    }

    #[test]
    fn activity_parses_its_three_levels() {
        assert_eq!("busy".parse::<Activity>(), Ok(Activity::Busy));
        assert_eq!("Low".parse::<Activity>(), Ok(Activity::Low));
        assert!("lots".parse::<Activity>().is_err());
    }
}
