//! [`Secret`]: a password that never prints, and the Basic credentials built from it.

use std::fmt;

use reqwest::header::HeaderValue;

/// A secret string (the API password). `Debug` and `Display` print `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

/// The `Authorization: Basic …` value for `username` and `password`, built once
/// per client and marked sensitive (its `Debug` prints `Sensitive`, and HTTP/2
/// never indexes it), as reqwest's per-request `basic_auth` does.
pub(crate) fn basic_auth_header(
    username: &str,
    password: &Secret,
) -> Result<HeaderValue, super::Error> {
    let password = password.expose();
    let mut credentials = String::with_capacity(username.len() + password.len() + 1);
    credentials.push_str(username);
    credentials.push(':');
    credentials.push_str(password);
    let mut value = String::with_capacity(6 + credentials.len().div_ceil(3) * 4);
    value.push_str("Basic ");
    base64_into(credentials.as_bytes(), &mut value);
    // Base64 text is always a valid header value; the error is for completeness.
    let mut header = HeaderValue::from_str(&value)
        .map_err(|_| super::Error::Config("the credentials cannot be sent".into()))?;
    header.set_sensitive(true);
    Ok(header)
}

/// Standard base64 with padding (RFC 4648 §4), appended to `out`.
fn base64_into(bytes: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials() {
        let h = basic_auth_header("admin", &Secret::new("s3cret-pass")).unwrap();
        assert_eq!(h.to_str().unwrap(), "Basic YWRtaW46czNjcmV0LXBhc3M=");
        assert!(h.is_sensitive());
        assert!(!format!("{h:?}").contains("YWRt"));
        // Every padding length (RFC 4648 test vectors).
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            let mut s = String::new();
            base64_into(plain.as_bytes(), &mut s);
            assert_eq!(s, coded);
        }
        // Non-ASCII credentials are sent as their UTF-8 bytes, as reqwest does.
        let h = basic_auth_header("zoë", &Secret::new("pässword")).unwrap();
        assert_eq!(h.to_str().unwrap(), "Basic em/Dqzpww6Rzc3dvcmQ=");
    }

    #[test]
    fn never_prints() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s}"), "***");
        assert!(!format!("{s:?}").contains("hunter2"));
        assert_eq!(s.expose(), "hunter2");
    }
}
