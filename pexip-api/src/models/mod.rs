//! Models of the four APIs.

pub mod command;
pub mod config;
pub mod history;
pub mod status;

/// Converts a field's read shape into its write shape (e.g. embedded aliases
/// into the alias list a write accepts).
pub trait ToWrite<W> {
    /// The write shape of this value.
    fn to_write(&self) -> W;
}
