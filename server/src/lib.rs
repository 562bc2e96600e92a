//! The pexdesk server: configuration, HTTP layers, state and the command line.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod auth;
pub mod cli;
pub mod config;
pub mod embedded;
pub mod error;
pub mod http;
pub mod serve;
pub mod services;
pub mod state;
pub mod telemetry;
pub mod upstream;
