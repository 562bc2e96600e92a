//! One folder (or file) per capability.

pub mod home;
pub mod not_available;
