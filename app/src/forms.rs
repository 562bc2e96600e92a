//! What a rejected form keeps when JavaScript is off.
//!
//! With JavaScript on, a refused form simply stays on the screen as the person typed it.
//! With JavaScript off, the browser posts the form, the server function fails, and Leptos
//! redirects back to the form's page with the error in the URL; the typed values would be
//! lost. So the server (`http::form_flash`) keeps the values of a refused plain form post in
//! the session for one page view, and the form reads them back with [`use_rejected_form`].
//! Passwords and other secrets are never kept: those fields come back empty, as in every
//! browser.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The session key of the kept form.
pub const FLASH_KEY: &str = "rejected_form";

/// Field names (or parts of names) whose values are never kept.
const SECRET_NAMES: [&str; 4] = ["password", "passphrase", "secret", "token"];

/// Whether a field's value must not be kept (`password`, `form[new_password]`, …).
pub fn is_secret_field(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAMES.iter().any(|s| lower.contains(s))
}

/// How long a refused form's values are kept.
pub const KEPT_FOR_SECS: i64 = 10 * 60;

/// A refused plain form post: the server function it was sent to, the refusal (the
/// `__err` of the redirect back), when, and what was typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedForm {
    /// The server function's path, e.g. `/api/users/create`.
    pub action: String,
    /// The encoded error the redirect carried (`__err`), which identifies this refusal.
    pub error: String,
    /// Unix seconds of the refusal.
    pub at: i64,
    /// The submitted name/value pairs, in order, secrets left out.
    pub values: Vec<(String, String)>,
}

/// The values a form was submitted with, looked up by field name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormValues(pub Vec<(String, String)>);

impl FormValues {
    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    /// Every value of `name` (multi-selects, repeated checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Whether a checkbox named `name` was ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| matches!(v.as_str(), "on" | "true" | "1" | "yes"))
    }

    /// Whether the form carried any value at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The values read into the server function's arguments, as the server read them
    /// (`form[name]` fills the field `name` of the argument `form`).
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        let query =
            crate::ui::query::encode_pairs(self.0.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        serde_qs::Config::new(5, false).deserialize_str(&query).ok()
    }
}

/// The values of the refused form sent to `action`, for the page that shows this refusal
/// (`error` is the page's `__err`). Reading changes nothing, so the page can ask as often
/// as it renders; the values are dropped by the next successful post, or after
/// [`KEPT_FOR_SECS`]. Anyone may call it: it only returns what this session typed.
#[server(endpoint = "forms/rejected", input = leptos::server_fn::codec::GetUrl)]
pub async fn kept_form_values(
    action: String,
    error: String,
) -> Result<Option<FormValues>, AppError> {
    let session = crate::auth::guard::session().await?;
    let kept = session
        .get::<RejectedForm>(FLASH_KEY)
        .await
        .map_err(|e| AppError::internal(&e))?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    Ok(kept
        .filter(|f| f.action == action && f.error == error && now - f.at <= KEPT_FOR_SECS)
        .map(|f| FormValues(f.values)))
}

/// The values a refused plain form post to the server function `S` was sent with, when
/// this page view is the redirect back after that refusal (the URL carries
/// `__path=<its path>` and `__err`). `None` otherwise, without asking the server.
pub fn use_rejected_form<S: leptos::server_fn::ServerFn>() -> Signal<Option<FormValues>> {
    let action: &'static str = S::PATH;
    let query = use_query_map();
    let refusal = query.with_untracked(|q| {
        (q.get("__path").as_deref() == Some(action))
            .then(|| q.get("__err"))
            .flatten()
    });
    let Some(error) = refusal else {
        return Signal::derive(|| None);
    };
    let kept = Resource::new(
        move || error.clone(),
        move |error| kept_form_values(action.to_owned(), error),
    );
    Signal::derive(move || kept.get().and_then(Result::ok).flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_recognised_in_any_position() {
        for name in [
            "password",
            "form[password]",
            "new_Password",
            "passphrase",
            "api_token",
        ] {
            assert!(is_secret_field(name), "{name}");
        }
        for name in ["email", "form[pin]", "role", "alias"] {
            assert!(!is_secret_field(name), "{name}");
        }
    }

    #[test]
    fn values_are_found_by_name() {
        let v = FormValues(vec![
            ("email".into(), "a@b.c".into()),
            ("ids".into(), "1".into()),
            ("ids".into(), "2".into()),
            ("allow".into(), "on".into()),
        ]);
        assert_eq!(v.get("email").as_deref(), Some("a@b.c"));
        assert_eq!(v.all("ids"), vec!["1", "2"]);
        assert!(v.checked("allow"));
        assert!(!v.checked("other"));
        assert_eq!(v.get("missing"), None);
    }
}
