//! The server side of sign-in: the session layer and the redirect of anonymous visitors.

pub mod pages;
pub mod sessions;
