//! `AppError`: every failure a page or server function can show, with a user-safe
//! message, the HTTP status to answer with during SSR, and an operation id for the ones
//! someone may need to report.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// A failure as the user sees it. It never carries a raw upstream body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("This page does not exist.")]
    NotFound,
    #[error("Please sign in to continue.")]
    Unauthorized,
    #[error("You do not have permission to do that.")]
    Forbidden,
    #[error("Some fields need attention.")]
    Validation {
        fields: BTreeMap<String, Vec<String>>,
    },
    #[error("{message}")]
    Upstream {
        message: String,
        operation_id: String,
    },
    #[error("Something went wrong on our side.")]
    Internal { operation_id: String },
    #[error("{message}")]
    BadRequest { message: String },
    #[error("Too many attempts. Try again in {retry_after_secs} seconds.")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("The server could not be reached. Check your connection and try again.")]
    Network,
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Request(_) | E::Response(_) => AppError::Network,
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => AppError::BadRequest {
                message: "The request was not understood. Reload the page and try again.".into(),
            },
            other => AppError::Internal {
                operation_id: short_hash(&other.to_string()),
            },
        }
    }
}

/// A stable short id for a transport failure that has no server-side operation id.
fn short_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("client-{h:016x}")
}

impl AppError {
    /// The HTTP status a page showing this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Validation { .. } => 400,
            AppError::Upstream { .. } => 502,
            AppError::Internal { .. } => 500,
            AppError::BadRequest { .. } => 400,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Network => 503,
        }
    }

    /// A short heading for the error page.
    pub fn heading(&self) -> &'static str {
        match self {
            AppError::NotFound => "Page not found",
            AppError::Unauthorized => "Sign in required",
            AppError::Forbidden => "Not allowed",
            AppError::Validation { .. } => "Check the form",
            AppError::Upstream { .. } => "The Management Node did not answer as expected",
            AppError::Internal { .. } => "Server error",
            AppError::BadRequest { .. } => "Bad request",
            AppError::TooManyAttempts { .. } => "Too many attempts",
            AppError::Network => "Connection problem",
        }
    }

    /// The id to quote to an administrator, when the error has one.
    pub fn operation_id(&self) -> Option<&str> {
        match self {
            AppError::Upstream { operation_id, .. } | AppError::Internal { operation_id } => {
                Some(operation_id)
            }
            _ => None,
        }
    }

    /// An internal error: the cause goes to the log under a fresh operation id, the user
    /// sees only that id.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: &dyn std::fmt::Display) -> AppError {
        let operation_id =
            crate::ssr::request_id().unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        tracing::error!(operation_id = %operation_id, error = %cause, "internal error");
        AppError::Internal { operation_id }
    }

    /// The error, with its HTTP status also set on the current server-function response.
    #[cfg(feature = "ssr")]
    pub fn respond(self) -> AppError {
        // A plain form post (JavaScript off) is answered with a redirect back to the form,
        // carrying the error; an error status would stop the browser from following it.
        let plain_form = with_context::<http::request::Parts, _>(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
                && parts.method == http::Method::POST
        })
        .unwrap_or(false);
        if plain_form {
            return self;
        }
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(
                http::StatusCode::from_u16(self.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
        self
    }

    /// The messages for one form field, if the error carries any.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            AppError::Validation { fields } => fields.get(name).map(|m| m.join(" ")),
            _ => None,
        }
    }
}

/// A full-page error: sets the HTTP status during SSR and shows a user-safe message.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(
                http::StatusCode::from_u16(error.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
        if let Some(id) = error.operation_id() {
            tracing::warn!(operation_id = %id, status = error.status(), "error page shown");
        }
    }
    let heading = error.heading();
    let message = error.to_string();
    let status = error.status();
    let operation_id = error.operation_id().map(str::to_owned);
    view! {
        <Title text=heading />
        <section class="mx-auto max-w-xl py-12 text-center" aria-labelledby="error-heading">
            <p class="text-sm font-semibold text-accent">{format!("Error {status}")}</p>
            <h1 id="error-heading" class="mt-2 text-3xl font-bold tracking-tight">
                {heading}
            </h1>
            <p class="mt-4 text-muted">{message}</p>
            {operation_id
                .map(|id| {
                    view! {
                        <p class="mt-4 text-sm text-muted">
                            "If this keeps happening, give your administrator this operation id: "
                            <code class="rounded bg-raised px-1 py-0.5 font-mono">{id}</code>
                        </p>
                    }
                })}
            <a
                href="/"
                class="mt-8 inline-block rounded-md bg-accent px-4 py-2 font-medium text-on-accent hover:opacity-90 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2"
            >
                "Go to the overview"
            </a>
        </section>
    }
}

/// Maps a Management API error to what the user sees, once, for every server function:
/// field errors stay beside their fields, everything else gets a safe message and an
/// operation id that is also logged. No raw upstream body ever reaches a page.
#[cfg(feature = "ssr")]
pub fn upstream_error(err: pexip_api::client::Error) -> AppError {
    use pexip_api::client::Error as E;
    let mapped = match &err {
        E::Validation(fields) => AppError::Validation {
            fields: fields.clone().into_iter().collect(),
        },
        E::NotFound => AppError::NotFound,
        _ => {
            let operation_id =
                crate::ssr::request_id().unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            tracing::warn!(operation_id = %operation_id, error = %err, "Management Node request failed");
            AppError::Upstream {
                message: err.user_message(),
                operation_id,
            }
        }
    };
    mapped.respond()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_kinds() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::Unauthorized.status(), 401);
        let internal = AppError::Internal {
            operation_id: "op-1".into(),
        };
        assert_eq!(internal.status(), 500);
        assert_eq!(internal.operation_id(), Some("op-1"));
        assert_eq!(AppError::NotFound.operation_id(), None);
    }

    #[test]
    fn upstream_message_is_the_safe_message_only() {
        let err = AppError::Upstream {
            message: "The Management Node is unreachable.".into(),
            operation_id: "op-2".into(),
        };
        assert_eq!(err.to_string(), "The Management Node is unreachable.");
        assert_eq!(err.status(), 502);
    }

    #[test]
    fn internal_error_hides_its_cause() {
        let err = AppError::Internal {
            operation_id: "op-3".into(),
        };
        assert_eq!(err.to_string(), "Something went wrong on our side.");
    }
}
