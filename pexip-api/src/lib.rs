//! Typed models of the Pexip Infinity Management API v32 and, behind the
//! `client` feature, a careful async client.
//!
//! The models (everything outside [`client`]) depend on serde, serde_json and
//! `time` only, so they compile for `wasm32-unknown-unknown` and can be shared
//! with the browser.
//!
//! Conventions shared by every model:
//! - choice fields are enums that keep unknown values ([`choice`]);
//! - every struct keeps the fields it does not know in `extra`, so a
//!   read-modify-write never drops data;
//! - writes use `*Patch` structs whose fields are [`Patch`]: absent, null or a value;
//! - resource URIs and ids are typed ([`ResourceUri`]).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

#[macro_use]
mod macros;

pub mod choice;
pub mod list;
pub mod models;
pub mod patch;
pub mod query;
pub mod timestamp;
pub mod uri;

#[cfg(feature = "client")]
pub mod client;

pub use list::{ListPage, Meta};
pub use models::{command, config, history, status};
pub use patch::Patch;
pub use query::{Order, Query, Specifier};
pub use timestamp::Timestamp;
pub use uri::{Api, Resource, ResourceUri, UriError};

/// A JSON object holding the fields a model does not know about.
pub type Extra = serde_json::Map<String, serde_json::Value>;
