//! Login throttling: failures per account and per client address are first
//! slowed, then blocked for a while.
//!
//! Each scope (account, address) is a keyed [`governor`] GCRA limiter whose
//! cells are failures: a burst of `max_failures_*` failures, refilled one
//! every `window / max_failures_*`. When a key's burst is used up the key is
//! blocked until governor would admit another failure. A small side table
//! remembers, per key, the failure count for the slowdown and the block
//! deadline (governor cannot be queried without consuming a cell). A
//! successful login starts the account afresh (a new governor key). Delays
//! are returned to the caller, which sleeps asynchronously.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

/// Throttle limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThrottleConfig {
    /// Failures per account before it is blocked.
    pub max_failures_per_account: u32,
    /// Failures per client address before it is blocked.
    pub max_failures_per_addr: u32,
    /// The period over which the failure allowance refills.
    pub window: Duration,
    /// Failures allowed before attempts are slowed.
    pub slowdown_after: u32,
    /// Delay added per failure beyond `slowdown_after` (grows linearly).
    pub slowdown_step: Duration,
    /// Upper bound of the delay.
    pub slowdown_cap: Duration,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        ThrottleConfig {
            max_failures_per_account: 5,
            max_failures_per_addr: 20,
            window: Duration::from_secs(15 * 60),
            slowdown_after: 2,
            slowdown_step: Duration::from_millis(250),
            slowdown_cap: Duration::from_secs(2),
        }
    }
}

/// What to do with a login attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThrottleDecision {
    /// Go ahead, after waiting `delay` (zero when there were few failures).
    Allowed {
        /// How long to wait before checking the password.
        delay: Duration,
    },
    /// Refuse without checking the password; try again after `retry_after`.
    Blocked {
        /// How long until an attempt is allowed again.
        retry_after: Duration,
    },
}

type Limiter =
    RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock, StateInformationMiddleware>;

struct Track {
    generation: u64,
    failures: u32,
    last_failure: Instant,
    blocked_until: Option<Instant>,
}

struct Scope {
    limiter: Limiter,
    max: u32,
    window: Duration,
    tracks: Mutex<HashMap<String, Track>>,
}

static GENERATION: AtomicU64 = AtomicU64::new(0);
const PRUNE_ABOVE: usize = 10_000;

impl Scope {
    fn new(max: u32, window: Duration) -> Scope {
        let max = NonZeroU32::new(max).unwrap_or(NonZeroU32::MIN);
        let period = window / max.get();
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(max))
            .allow_burst(max);
        Scope {
            limiter: RateLimiter::dashmap(quota).with_middleware::<StateInformationMiddleware>(),
            max: max.get(),
            window,
            tracks: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Track>> {
        self.tracks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn fresh(now: Instant) -> Track {
        Track {
            generation: GENERATION.fetch_add(1, Ordering::Relaxed),
            failures: 0,
            last_failure: now,
            blocked_until: None,
        }
    }

    /// (failures, blocked-for) of a key now.
    fn state(&self, key: &str, now: Instant) -> (u32, Option<Duration>) {
        let tracks = self.lock();
        match tracks.get(key) {
            Some(t) if now.duration_since(t.last_failure) < self.window => {
                let blocked = t.blocked_until.and_then(|b| b.checked_duration_since(now));
                (t.failures, blocked.filter(|d| !d.is_zero()))
            }
            _ => (0, None),
        }
    }

    fn failure(&self, key: &str, now: Instant) {
        let mut tracks = self.lock();
        if tracks.len() > PRUNE_ABOVE {
            tracks.retain(|_, t| now.duration_since(t.last_failure) < self.window);
            self.limiter.retain_recent();
        }
        let track = tracks
            .entry(key.to_owned())
            .or_insert_with(|| Self::fresh(now));
        if now.duration_since(track.last_failure) >= self.window {
            *track = Self::fresh(now);
        }
        let gkey = format!("{key}#{}", track.generation);
        let clock = self.limiter.clock();
        match self.limiter.check_key(&gkey) {
            Ok(snapshot) => {
                let left = snapshot.remaining_burst_capacity();
                track.failures = self.max.saturating_sub(left);
                if left == 0 {
                    // A probe that fails consumes nothing and says how long.
                    if let Err(not_until) = self.limiter.check_key(&gkey) {
                        track.blocked_until = Some(now + not_until.wait_time_from(clock.now()));
                    }
                }
            }
            Err(not_until) => {
                track.failures = self.max;
                track.blocked_until = Some(now + not_until.wait_time_from(clock.now()));
            }
        }
        track.last_failure = now;
    }

    fn clear(&self, key: &str) {
        self.lock().remove(key);
    }
}

/// The login throttle. Share one per process (e.g. in an `Arc`).
pub struct LoginThrottle {
    cfg: ThrottleConfig,
    accounts: Scope,
    addrs: Scope,
}

impl std::fmt::Debug for LoginThrottle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginThrottle")
            .field("cfg", &self.cfg)
            .finish_non_exhaustive()
    }
}

fn account_key(email: &str) -> String {
    email.trim().to_lowercase()
}

impl LoginThrottle {
    /// A throttle with these limits.
    pub fn new(cfg: ThrottleConfig) -> LoginThrottle {
        LoginThrottle {
            accounts: Scope::new(cfg.max_failures_per_account, cfg.window),
            addrs: Scope::new(cfg.max_failures_per_addr, cfg.window),
            cfg,
        }
    }

    /// The limits in force.
    pub fn config(&self) -> &ThrottleConfig {
        &self.cfg
    }

    /// Decides on an attempt before the password is checked.
    pub fn check(&self, email: &str, addr: IpAddr) -> ThrottleDecision {
        let now = Instant::now();
        let (acct_failures, acct_block) = self.accounts.state(&account_key(email), now);
        let (addr_failures, addr_block) = self.addrs.state(&addr.to_string(), now);
        if let Some(retry_after) = acct_block.max(addr_block) {
            return ThrottleDecision::Blocked { retry_after };
        }
        let delay = self.delay_for(acct_failures.max(addr_failures));
        ThrottleDecision::Allowed { delay }
    }

    /// Counts a failed attempt against the account and the address.
    pub fn record_failure(&self, email: &str, addr: IpAddr) {
        let now = Instant::now();
        self.accounts.failure(&account_key(email), now);
        self.addrs.failure(&addr.to_string(), now);
    }

    /// A successful login clears the account's failures (not the address's).
    pub fn record_success(&self, email: &str, _addr: IpAddr) {
        self.accounts.clear(&account_key(email));
    }

    fn delay_for(&self, failures: u32) -> Duration {
        if failures < self.cfg.slowdown_after.max(1) {
            return Duration::ZERO;
        }
        let steps = failures - self.cfg.slowdown_after.max(1) + 1;
        self.cfg
            .slowdown_step
            .saturating_mul(steps)
            .min(self.cfg.slowdown_cap)
    }
}
