//! The generic Tastypie-style REST engine: definitions, store, query parser, handlers.

pub mod behaviour;
pub mod columns;
pub mod compare;
pub mod errors;
pub mod field;
pub mod filter;
pub mod http;
pub mod list;
pub mod query;
pub mod registry;
pub mod render;
pub mod resource;
pub mod row;
pub mod schema;
pub mod semijoin;
pub mod store;
pub mod validate;
pub mod values;
pub mod write;
