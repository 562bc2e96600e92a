//! Fault injection: rules that make the node slow, failing, throttling, malformed or down.
//! Set through `/_sim/faults` or the binary's `--fault-*` flags; applied by [`layer`].

pub mod layer;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::sync::{Mutex, PoisonError};

/// An error status answered for a fraction of requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorFault {
    pub status: u16,
    /// 0.0 to 1.0; 1.0 when omitted.
    #[serde(default = "one")]
    pub fraction: f64,
}

fn one() -> f64 {
    1.0
}

/// The next `count` requests answer 429 with `Retry-After: retry_after`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Burst429 {
    pub count: u32,
    #[serde(default = "default_retry_after")]
    pub retry_after: u64,
}

fn default_retry_after() -> u64 {
    1
}

/// One fault rule. Every effect is optional; a rule with none does nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// Applies to paths starting with this; all paths (never `/_sim/`) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_prefix: Option<String>,
    #[serde(default)]
    pub latency_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorFault>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burst_429: Option<Burst429>,
    #[serde(default)]
    pub malformed_json: bool,
    #[serde(default)]
    pub close_mid_response: bool,
    #[serde(default)]
    pub down: bool,
}

impl FaultRule {
    /// Checks value ranges; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(e) = &self.error {
            if !(400..=599).contains(&e.status) {
                return Err(format!(
                    "error.status: {} is not an error status (400-599)",
                    e.status
                ));
            }
            if !(0.0..=1.0).contains(&e.fraction) {
                return Err(format!(
                    "error.fraction: {} is not between 0 and 1",
                    e.fraction
                ));
            }
        }
        if self.latency_ms > 600_000 {
            return Err("latency_ms: at most 600000".into());
        }
        Ok(())
    }

    fn applies(&self, path: &str) -> bool {
        self.path_prefix
            .as_deref()
            .is_none_or(|p| path.starts_with(p))
    }
}

/// The active rules, as `GET /_sim/faults` shows them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSet {
    #[serde(default)]
    pub rules: Vec<FaultRule>,
}

/// What the fault layer does to one request.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    pub latency_ms: u64,
    pub down: bool,
    pub throttle: Option<u64>,
    pub error: Option<u16>,
    pub malformed_json: bool,
    pub close_mid_response: bool,
}

/// The live rules and the seeded generator for fractions.
pub struct FaultState {
    inner: Mutex<(FaultSet, StdRng)>,
}

impl FaultState {
    pub fn new(set: FaultSet, seed: u64) -> Self {
        FaultState {
            inner: Mutex::new((set, StdRng::seed_from_u64(seed ^ 0x5eed_fa17))),
        }
    }

    pub fn get(&self) -> FaultSet {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .0
            .clone()
    }

    pub fn set(&self, set: FaultSet) {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner).0 = set;
    }

    pub fn add(&self, rules: Vec<FaultRule>) {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .0
            .rules
            .extend(rules);
    }

    /// Decides the faults for one request, consuming 429 bursts.
    pub fn plan(&self, path: &str) -> Plan {
        let mut guard = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let (set, rng) = &mut *guard;
        let mut plan = Plan::default();
        for rule in set.rules.iter_mut().filter(|r| r.applies(path)) {
            plan.latency_ms = plan.latency_ms.saturating_add(rule.latency_ms);
            plan.down |= rule.down;
            plan.malformed_json |= rule.malformed_json;
            plan.close_mid_response |= rule.close_mid_response;
            if let Some(b) = rule.burst_429.as_mut() {
                if b.count > 0 && plan.throttle.is_none() {
                    b.count -= 1;
                    plan.throttle = Some(b.retry_after);
                }
            }
            if let Some(e) = &rule.error {
                if plan.error.is_none() && rng.gen::<f64>() < e.fraction {
                    plan.error = Some(e.status);
                }
            }
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_are_consumed_and_prefixes_respected() {
        let rule = FaultRule {
            path_prefix: Some("/api/admin/status/".into()),
            burst_429: Some(Burst429 {
                count: 2,
                retry_after: 3,
            }),
            ..Default::default()
        };
        let s = FaultState::new(FaultSet { rules: vec![rule] }, 1);
        assert_eq!(s.plan("/api/admin/configuration/v1/").throttle, None);
        assert_eq!(s.plan("/api/admin/status/v1/").throttle, Some(3));
        assert_eq!(s.plan("/api/admin/status/v1/").throttle, Some(3));
        assert_eq!(s.plan("/api/admin/status/v1/").throttle, None);
    }

    #[test]
    fn validation_names_the_field() {
        let r = FaultRule {
            error: Some(ErrorFault {
                status: 200,
                fraction: 1.0,
            }),
            ..Default::default()
        };
        assert!(r.validate().unwrap_err().starts_with("error.status"));
    }
}
