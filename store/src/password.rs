//! Passwords: a redacted secret type, the policy, and argon2id hashing off
//! the async threads.
//!
//! Parameters: argon2id, m = 19 456 KiB (19 MiB), t = 2, p = 1 — the first of
//! OWASP's equivalent recommended settings for argon2id. On this project's
//! 2-core machine that costs a few tens of milliseconds per login in a release
//! build, slow enough to make offline guessing expensive and fast enough that
//! a login stays well under the throttle's slowdown step. Parameters are kept
//! in each PHC hash string, so old hashes still verify after a change.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use secrecy::{ExposeSecret, SecretString};

use crate::StoreError;

/// Argon2id memory cost in KiB (OWASP: 19 MiB).
pub const ARGON2_M_COST_KIB: u32 = 19_456;
/// Argon2id iterations (OWASP: 2 with 19 MiB).
pub const ARGON2_T_COST: u32 = 2;
/// Argon2id parallelism (OWASP: 1).
pub const ARGON2_P_COST: u32 = 1;

/// A plain-text password. Its `Debug` is redacted and it is zeroed on drop.
#[derive(Clone)]
pub struct Password(SecretString);

impl Password {
    /// Wraps a password.
    pub fn new(s: impl Into<String>) -> Password {
        Password(SecretString::from(s.into()))
    }

    /// The password text; use only to hash, verify or check the policy.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([redacted])")
    }
}

/// Why a password was refused; `Display` is the message for the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PolicyViolation {
    /// Fewer than [`PasswordPolicy::MIN_CHARS`] characters.
    #[error("the password must be at least 12 characters long")]
    TooShort,
    /// More than [`PasswordPolicy::MAX_CHARS`] characters.
    #[error("the password must be at most 1024 characters long")]
    TooLong,
    /// One character repeated.
    #[error("the password must not be one character repeated")]
    Repetitive,
    /// Same as the account's email.
    #[error("the password must not be the account's email address")]
    SameAsEmail,
}

/// The portal's password rules.
pub struct PasswordPolicy;

impl PasswordPolicy {
    /// Minimum length, in characters (not bytes).
    pub const MIN_CHARS: usize = 12;
    /// Maximum length, in characters; bounds the hashing work.
    pub const MAX_CHARS: usize = 1024;

    /// Checks the rules that do not depend on the account.
    pub fn check(password: &str) -> Result<(), PolicyViolation> {
        let n = password.chars().count();
        if n < Self::MIN_CHARS {
            return Err(PolicyViolation::TooShort);
        }
        if n > Self::MAX_CHARS {
            return Err(PolicyViolation::TooLong);
        }
        let mut chars = password.chars();
        if let Some(first) = chars.next() {
            if chars.all(|c| c == first) {
                return Err(PolicyViolation::Repetitive);
            }
        }
        Ok(())
    }

    /// All rules, including "not the account's email" (case-insensitive).
    pub fn check_for(password: &str, email: &str) -> Result<(), PolicyViolation> {
        Self::check(password)?;
        if password.trim().to_lowercase() == email.trim().to_lowercase() {
            return Err(PolicyViolation::SameAsEmail);
        }
        Ok(())
    }
}

/// Argon2id cost parameters. `Default` is the production setting above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashParams {
    /// Memory in KiB.
    pub m_cost_kib: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl Default for HashParams {
    fn default() -> Self {
        HashParams {
            m_cost_kib: ARGON2_M_COST_KIB,
            t_cost: ARGON2_T_COST,
            p_cost: ARGON2_P_COST,
        }
    }
}

impl HashParams {
    fn argon2(self) -> Result<Argon2<'static>, StoreError> {
        let params = Params::new(self.m_cost_kib, self.t_cost, self.p_cost, None)
            .map_err(|_| StoreError::Hashing)?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

static DUMMY_VERIFICATIONS: AtomicU64 = AtomicU64::new(0);

/// How many logins (process-wide) were verified against the dummy hash
/// because the email was unknown. Exposed for tests of the timing path.
#[doc(hidden)]
pub fn dummy_verifications() -> u64 {
    DUMMY_VERIFICATIONS.load(Ordering::Relaxed)
}

/// Hashes on a blocking thread.
pub(crate) async fn hash(password: &Password, params: HashParams) -> Result<String, StoreError> {
    let password = password.clone();
    tokio::task::spawn_blocking(move || hash_blocking(&password, params))
        .await
        .map_err(|_| StoreError::Task)?
}

fn hash_blocking(password: &Password, params: HashParams) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut OsRng);
    params
        .argon2()?
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| StoreError::Hashing)
}

/// Verifies on a blocking thread. With `stored == None` (unknown account) it
/// verifies against a dummy hash of the same cost and returns `false`, so
/// both paths take the same time.
pub(crate) async fn verify(
    password: &Password,
    stored: Option<String>,
    params: HashParams,
) -> Result<bool, StoreError> {
    let password = password.clone();
    tokio::task::spawn_blocking(move || match stored {
        Some(hash) => verify_blocking(&password, &hash),
        None => {
            DUMMY_VERIFICATIONS.fetch_add(1, Ordering::Relaxed);
            let dummy = dummy_hash(params)?;
            verify_blocking(&password, dummy).map(|_| false)
        }
    })
    .await
    .map_err(|_| StoreError::Task)?
}

fn verify_blocking(password: &Password, stored: &str) -> Result<bool, StoreError> {
    let parsed = PasswordHash::new(stored).map_err(|_| StoreError::Hashing)?;
    // The verifier takes its parameters from the PHC string.
    match Argon2::default().verify_password(password.expose().as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(_) => Err(StoreError::Hashing),
    }
}

/// A hash of a random password, made once per parameter set (there is one
/// set in production; tests use a second, cheaper one).
fn dummy_hash(params: HashParams) -> Result<&'static str, StoreError> {
    static DUMMIES: Mutex<Vec<(HashParams, &'static str)>> = Mutex::new(Vec::new());
    let lock = || {
        DUMMIES
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    if let Some((_, h)) = lock().iter().find(|(p, _)| *p == params) {
        return Ok(h);
    }
    let random = Password::new(uuid::Uuid::new_v4().to_string());
    let hash = hash_blocking(&random, params)?;
    let mut dummies = lock();
    if let Some((_, h)) = dummies.iter().find(|(p, _)| *p == params) {
        return Ok(h);
    }
    // Leaked once per parameter set: a few hundred bytes for the process's life.
    let leaked: &'static str = Box::leak(hash.into_boxed_str());
    dummies.push((params, leaked));
    Ok(leaked)
}

/// Computes the dummy hash ahead of the first unknown-email login.
pub(crate) fn warm_up(params: HashParams) {
    if let Ok(handle) = tokio::runtime::Handle::try_current() {
        handle.spawn_blocking(move || {
            let _ = dummy_hash(params);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let p = Password::new("correct horse battery");
        assert_eq!(format!("{p:?}"), "Password([redacted])");
    }

    #[test]
    fn policy() {
        assert_eq!(
            PasswordPolicy::check("short"),
            Err(PolicyViolation::TooShort)
        );
        assert_eq!(PasswordPolicy::check("ééééééééééé1"), Ok(()));
        assert_eq!(
            PasswordPolicy::check("aaaaaaaaaaaaaa"),
            Err(PolicyViolation::Repetitive)
        );
        assert_eq!(
            PasswordPolicy::check(&"ab".repeat(513)),
            Err(PolicyViolation::TooLong)
        );
        assert_eq!(
            PasswordPolicy::check_for("Bob@Example.com", "bob@example.com"),
            Err(PolicyViolation::SameAsEmail)
        );
    }
}
