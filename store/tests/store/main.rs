//! The store's test suite. Every test runs on SQLite (a temp dir) and, when
//! `PEXDESK_TEST_DATABASE_URL=postgres://…` is set, also on PostgreSQL in a
//! fresh schema of its own.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[macro_use]
mod common;
mod audit;
mod sessions;
mod throttle;
mod users;
