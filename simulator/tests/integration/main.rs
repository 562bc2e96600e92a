//! Integration tests: pexsim in-process via `spawn`, driven with reqwest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod activity;
mod backup_restore;
mod client_models;
mod command_examples;
mod common;
mod control_faults;
mod engine_errors;
mod engine_ordering;
mod engine_queries;
mod engine_writes;
mod event_sinks;
mod guide_examples;
mod guide_uploads;
mod history_examples;
mod live_faults;
mod live_semantics;
mod platform_commands;
mod query_proptest;
mod retention;
mod security;
mod startup;
mod status_examples;
mod status_platform;
