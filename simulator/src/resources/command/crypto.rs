//! Backup encryption: a key derived from the passphrase with Argon2id (a fresh random salt per
//! backup), and ChaCha20-Poly1305 authenticated encryption (ring) with a fresh random nonce.
//! The header is authenticated too, so any change to the file (or a wrong passphrase) is
//! detected before anything is restored.
//!
//! ```text
//! "PEXSIMBK" | version 1 | m_cost u32 LE | t_cost u32 LE | p_cost u32 LE | salt 16 | nonce 12 | ciphertext + tag 16
//! ```

use argon2::{Algorithm, Argon2, Params, Version};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};

const MAGIC: &[u8; 8] = b"PEXSIMBK";
const VERSION: u8 = 1;
const SALT_LEN: usize = 16;
const HEADER_LEN: usize = 8 + 1 + 12 + SALT_LEN + NONCE_LEN;
const TAG_LEN: usize = 16;

/// Argon2id cost: memory (KiB), passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

/// The cost of new backups (OWASP's Argon2id recommendation).
pub const COST: Cost = Cost {
    memory_kib: 19 * 1024,
    passes: 2,
    lanes: 1,
};

/// The most a backup file may ask for (a hostile header must not exhaust memory).
const MAX_MEMORY_KIB: u32 = 256 * 1024;

/// Why a backup could not be made or opened.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CryptoError {
    #[error("The file is not a pexsim backup.")]
    NotABackup,
    #[error("The backup format version {0} is not supported.")]
    Version(u8),
    #[error("The backup's key parameters are invalid.")]
    Parameters,
    #[error("The passphrase is wrong or the backup file is corrupt.")]
    Rejected,
    #[error("No random numbers are available.")]
    Random,
}

fn derive(passphrase: &str, salt: &[u8], cost: Cost) -> Result<LessSafeKey, CryptoError> {
    if cost.memory_kib > MAX_MEMORY_KIB || cost.passes > 10 || cost.lanes > 8 {
        return Err(CryptoError::Parameters);
    }
    let params = Params::new(cost.memory_kib, cost.passes, cost.lanes, Some(32))
        .map_err(|_| CryptoError::Parameters)?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|_| CryptoError::Parameters)?;
    let unbound = UnboundKey::new(&CHACHA20_POLY1305, &key).map_err(|_| CryptoError::Parameters);
    key.fill(0);
    Ok(LessSafeKey::new(unbound?))
}

/// Encrypts `plain` with a key derived from `passphrase`.
pub fn seal(plain: &[u8], passphrase: &str) -> Result<Vec<u8>, CryptoError> {
    seal_with(plain, passphrase, COST)
}

/// [`seal`] with a given cost (tests use a cheap one).
pub fn seal_with(plain: &[u8], passphrase: &str, cost: Cost) -> Result<Vec<u8>, CryptoError> {
    let rng = SystemRandom::new();
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill(&mut salt).map_err(|_| CryptoError::Random)?;
    rng.fill(&mut nonce).map_err(|_| CryptoError::Random)?;
    let mut out = Vec::with_capacity(HEADER_LEN + plain.len() + TAG_LEN);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    for n in [cost.memory_kib, cost.passes, cost.lanes] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.extend_from_slice(&salt);
    out.extend_from_slice(&nonce);
    let key = derive(passphrase, &salt, cost)?;
    let mut body = plain.to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(&out[..HEADER_LEN]),
        &mut body,
    )
    .map_err(|_| CryptoError::Rejected)?;
    out.extend_from_slice(&body);
    Ok(out)
}

fn u32_at(data: &[u8], at: usize) -> Result<u32, CryptoError> {
    let bytes: [u8; 4] = data
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .ok_or(CryptoError::NotABackup)?;
    Ok(u32::from_le_bytes(bytes))
}

/// Decrypts a sealed backup. Fails without revealing anything when the passphrase is wrong or
/// the file was changed.
pub fn open(data: &[u8], passphrase: &str) -> Result<Vec<u8>, CryptoError> {
    if data.len() < HEADER_LEN + TAG_LEN || data.get(..8) != Some(&MAGIC[..]) {
        return Err(CryptoError::NotABackup);
    }
    let version = data.get(8).copied().ok_or(CryptoError::NotABackup)?;
    if version != VERSION {
        return Err(CryptoError::Version(version));
    }
    let cost = Cost {
        memory_kib: u32_at(data, 9)?,
        passes: u32_at(data, 13)?,
        lanes: u32_at(data, 17)?,
    };
    let salt = data.get(21..21 + SALT_LEN).ok_or(CryptoError::NotABackup)?;
    let nonce: [u8; NONCE_LEN] = data
        .get(21 + SALT_LEN..HEADER_LEN)
        .and_then(|n| n.try_into().ok())
        .ok_or(CryptoError::NotABackup)?;
    let key = derive(passphrase, salt, cost)?;
    let (header, body) = data.split_at(HEADER_LEN);
    let mut body = body.to_vec();
    let plain = key
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(header),
            &mut body,
        )
        .map_err(|_| CryptoError::Rejected)?;
    Ok(plain.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: Cost = Cost {
        memory_kib: 64,
        passes: 1,
        lanes: 1,
    };

    #[test]
    fn round_trips_and_never_repeats_salt_or_nonce() {
        let a = seal_with(b"configuration", "s3cret", CHEAP).unwrap();
        let b = seal_with(b"configuration", "s3cret", CHEAP).unwrap();
        assert_ne!(a, b);
        assert_eq!(open(&a, "s3cret").unwrap(), b"configuration");
        assert!(!a.windows(13).any(|w| w == b"configuration"));
    }

    #[test]
    fn a_wrong_passphrase_or_any_changed_byte_is_rejected() {
        let sealed = seal_with(b"configuration", "s3cret", CHEAP).unwrap();
        assert_eq!(open(&sealed, "guess"), Err(CryptoError::Rejected));
        for i in [9 + 12, HEADER_LEN - 1, HEADER_LEN, sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[i] ^= 1;
            assert_eq!(open(&bad, "s3cret"), Err(CryptoError::Rejected), "byte {i}");
        }
    }

    #[test]
    fn other_files_are_not_backups() {
        assert_eq!(open(b"PK\x03\x04 a zip", "x"), Err(CryptoError::NotABackup));
        let sealed = seal_with(b"x", "p", CHEAP).unwrap();
        assert_eq!(
            open(&sealed[..HEADER_LEN + 3], "p"),
            Err(CryptoError::NotABackup)
        );
        let mut v2 = sealed.clone();
        v2[8] = 2;
        assert_eq!(open(&v2, "p"), Err(CryptoError::Version(2)));
        let mut greedy = sealed;
        greedy[9..13].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(open(&greedy, "p"), Err(CryptoError::Parameters));
    }
}
