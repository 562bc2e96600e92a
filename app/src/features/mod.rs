//! One folder (or file) per capability.

pub mod audit;
pub mod home;
pub mod not_available;
pub mod users;
