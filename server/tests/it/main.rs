//! The server's integration tests, in one binary to keep link time down.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod auth;
mod authz_matrix;
mod common;
mod http_layers;
mod idor;
mod secrets;
mod services;
