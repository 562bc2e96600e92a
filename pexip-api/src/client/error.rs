//! The client's [`Error`], how responses map to it, and body redaction for logs.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;

/// Field name → messages, ready to show beside form fields. Errors that belong
/// to no field are under [`NON_FIELD`].
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// The key for errors that belong to no field (Django's convention).
pub const NON_FIELD: &str = "__all__";

/// Why the node could not be reached or did not answer properly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnavailableReason {
    /// No connection could be made.
    Connect,
    /// The TLS certificate was not trusted (or TLS failed).
    Tls,
    /// No answer within the timeout.
    Timeout,
    /// The connection broke during the exchange.
    Connection,
    /// The node answered with this 5xx status.
    Server(u16),
}

/// An error from the Management API client.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The node rejected the data (HTTP 400), per field.
    #[error("validation failed: {0:?}")]
    Validation(FieldErrors),
    /// The object does not exist (HTTP 404).
    #[error("not found")]
    NotFound,
    /// The credentials were refused (HTTP 401).
    #[error("unauthorized")]
    Unauthorized,
    /// The account may not do this (HTTP 403).
    #[error("forbidden")]
    Forbidden,
    /// Too many requests (HTTP 429); wait this long before trying again.
    #[error("rate limited (retry after {0:?})")]
    RateLimited(Option<Duration>),
    /// The node is unreachable, too slow, or failed (5xx).
    #[error("upstream unavailable: {0:?}")]
    Unavailable(UnavailableReason),
    /// The node answered something this client cannot read.
    #[error("malformed response: {0}")]
    Malformed(String),
    /// A command failed: the node answered a failure envelope (`"status":
    /// "failed"`, `"failure"` or `"error"`) on a 2xx or a 4xx; holds its message.
    #[error("command failed: {0}")]
    CommandFailed(String),
    /// Another 4xx (405, 409, 415, …).
    #[error("request rejected with HTTP {0}")]
    Rejected(u16),
    /// The client configuration is invalid (bad URL, bad CA bundle).
    #[error("invalid client configuration: {0}")]
    Config(String),
}

impl Error {
    /// A message that is safe to show to a user: no upstream body, no URL, no credentials.
    pub fn user_message(&self) -> String {
        match self {
            Error::Validation(f) => match f.get(NON_FIELD).and_then(|m| m.first()) {
                Some(m) if f.len() == 1 => format!("The Management Node rejected the request: {m}"),
                _ => "Some fields are not valid. Please correct them and try again.".to_string(),
            },
            Error::NotFound => "The item no longer exists. It may have been deleted.".to_string(),
            Error::Unauthorized => "The Management Node refused pexdesk's credentials.".to_string(),
            Error::Forbidden => {
                "pexdesk's account on the Management Node may not do this.".to_string()
            }
            Error::RateLimited(Some(d)) => format!(
                "The Management Node is busy. Please try again in {} s.",
                d.as_secs().max(1)
            ),
            Error::RateLimited(None) => {
                "The Management Node is busy. Please try again shortly.".to_string()
            }
            Error::Unavailable(UnavailableReason::Timeout) => {
                "The Management Node did not answer in time. Please try again.".to_string()
            }
            Error::Unavailable(UnavailableReason::Tls) => {
                "The Management Node's certificate is not trusted.".to_string()
            }
            Error::Unavailable(_) => {
                "The Management Node is unavailable. Please try again later.".to_string()
            }
            Error::Malformed(_) => {
                "The Management Node sent an answer pexdesk could not read.".to_string()
            }
            Error::CommandFailed(m) => format!("The command failed: {}", one_line(m, 200)),
            Error::Rejected(_) => "The Management Node rejected the request.".to_string(),
            Error::Config(_) => {
                "pexdesk is not configured correctly to reach the Management Node.".to_string()
            }
        }
    }

    /// Field errors, when this is a validation error.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            Error::Validation(f) => Some(f),
            _ => None,
        }
    }

    /// True for errors worth retrying for an idempotent request.
    pub(crate) fn is_transient(&self) -> bool {
        matches!(self, Error::Unavailable(_) | Error::RateLimited(_))
    }
}

/// Maps a non-2xx status and its body to an error.
pub(crate) fn from_status(status: u16, body: &[u8], retry_after: Option<Duration>) -> Error {
    match status {
        400 => Error::Validation(parse_field_errors(body)),
        401 => Error::Unauthorized,
        403 => Error::Forbidden,
        404 | 410 => Error::NotFound,
        429 => Error::RateLimited(retry_after),
        500..=599 => Error::Unavailable(UnavailableReason::Server(status)),
        other => Error::Rejected(other),
    }
}

/// Reads a 400 body: `{"<resource>": {"<field>": ["msg"]}}`, `{"<field>": ["msg"]}`
/// or `{"error": "msg"}`.
pub(crate) fn parse_field_errors(body: &[u8]) -> FieldErrors {
    let mut out = FieldErrors::new();
    let generic = || vec!["The request was not valid.".to_string()];
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        out.insert(NON_FIELD.to_string(), generic());
        return out;
    };
    for (key, value) in &map {
        match value {
            Value::Object(fields) => {
                for (field, msgs) in fields {
                    out.entry(field.clone()).or_default().extend(messages(msgs));
                }
            }
            Value::String(s) if key == "error" || key == "error_message" || key == "message" => {
                out.entry(NON_FIELD.to_string())
                    .or_default()
                    .push(s.clone());
            }
            Value::Array(_) | Value::String(_) => {
                out.entry(key.clone()).or_default().extend(messages(value));
            }
            _ => {}
        }
    }
    if out.is_empty() {
        out.insert(NON_FIELD.to_string(), generic());
    }
    out
}

fn messages(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(messages).collect(),
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

const SENSITIVE: &[&str] = &[
    "password",
    "passphrase",
    "pin",
    "secret",
    "token",
    "private_key",
    "authorization",
    "credential",
];

/// A body made fit for a debug log: sensitive values masked, length capped.
pub(crate) fn redact(body: &[u8]) -> String {
    match serde_json::from_slice::<Value>(body) {
        Ok(mut v) => {
            mask(&mut v);
            truncate(&v.to_string(), 2000)
        }
        Err(_) => format!("<{} bytes, not JSON>", body.len()),
    }
}

fn mask(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                let lower = k.to_ascii_lowercase();
                if SENSITIVE.iter().any(|s| lower.contains(s)) && !val.is_null() {
                    *val = Value::String("***".into());
                } else {
                    mask(val);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask),
        _ => {}
    }
}

/// An upstream message fit to show: control characters (newlines, escapes)
/// become spaces, runs of whitespace collapse, and it is capped at `max` characters.
fn one_line(s: &str, max: usize) -> String {
    let cleaned = s
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if cleaned.is_empty() {
        return "no reason was given".to_string();
    }
    truncate(&cleaned, max)
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_shapes() {
        let f = parse_field_errors(
            br#"{"conference": {"name": ["This field is required."], "pin": ["Bad", "Worse"]}}"#,
        );
        assert_eq!(f["name"], vec!["This field is required."]);
        assert_eq!(f["pin"].len(), 2);
        let f = parse_field_errors(br#"{"error": "Invalid limit 'x' provided."}"#);
        assert_eq!(f[NON_FIELD], vec!["Invalid limit 'x' provided."]);
        let f = parse_field_errors(
            br#"{"start_cloudnode": {"instance_id": ["Failed to find the cloud node."]}}"#,
        );
        assert_eq!(f["instance_id"], vec!["Failed to find the cloud node."]);
        let f = parse_field_errors(b"<html>oops</html>");
        assert!(f.contains_key(NON_FIELD));
    }

    #[test]
    fn statuses_map_to_kinds() {
        assert!(matches!(from_status(401, b"", None), Error::Unauthorized));
        assert!(matches!(from_status(403, b"", None), Error::Forbidden));
        assert!(matches!(from_status(404, b"", None), Error::NotFound));
        assert!(matches!(
            from_status(503, b"", None),
            Error::Unavailable(UnavailableReason::Server(503))
        ));
        assert!(matches!(
            from_status(429, b"", Some(Duration::from_secs(2))),
            Error::RateLimited(Some(_))
        ));
        assert!(matches!(
            from_status(405, b"GET", None),
            Error::Rejected(405)
        ));
    }

    #[test]
    fn redaction_masks_secrets_and_user_messages_hide_bodies() {
        let r = redact(br#"{"name": "x", "pin": "1234", "nested": {"passphrase": "p"}}"#);
        assert!(!r.contains("1234") && !r.contains("\"p\""), "{r}");
        assert!(redact(b"raw secret text").starts_with("<15 bytes"));
        let e = Error::Malformed("body had <script>".into());
        assert!(!e.user_message().contains("script"));
    }
}
