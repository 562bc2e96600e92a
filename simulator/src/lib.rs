//! pexsim: a simulator of a Pexip Infinity v32 Management Node.
//!
//! [`router`] gives the whole app; [`spawn`] and [`spawn_tls`] serve it on a loopback port.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod activity;
pub mod auth;
pub mod config;
pub mod control;
pub mod demo;
pub mod engine;
pub mod error;
pub mod faults;
pub mod live;
pub mod persist;
pub mod ratelimit;
pub mod resources;
pub mod server;
pub mod sinks;
pub mod state;

pub use config::{Activity, Config, RateLimit, DEFAULT_PASSWORD};
pub use engine::store::Store;
pub use error::SimError;
pub use server::{build, router, spawn, spawn_tls, SimHandle};
pub use state::AppState;
