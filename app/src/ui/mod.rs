//! Components shared by several features.

pub mod environment_badge;
pub mod field;
pub mod gate;
pub mod layout;
pub mod nav;
pub mod query;
pub mod theme;
