//! One folder (or file) per capability.

pub mod audit;
pub mod home;
pub mod my_rooms;
pub mod not_available;
pub mod services;
pub mod users;
