//! Integration tests: pexsim in-process via `spawn`, driven with reqwest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod control_faults;
mod engine_errors;
mod engine_ordering;
mod engine_queries;
mod engine_writes;
mod guide_examples;
mod guide_uploads;
mod query_proptest;
mod security;
mod startup;
