//! The command response envelope: `{"status", "message", "data"}`.

use serde::{Deserialize, Serialize};

use crate::Extra;

choice!(
    /// `status` of a command response.
    CommandStatus, default Success {
        Success = "success",
        Failed = "failed",
        Failure = "failure",
        Error = "error",
    }
);

/// The response to a command.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CommandResponse<D> {
    /// `success`, or a failure status.
    #[serde(default)]
    pub status: CommandStatus,
    /// A message, usually on failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// An error text (`start_cloudnode` uses it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Command-specific data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<D>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl<D> CommandResponse<D> {
    /// True when `status` is `success`.
    pub fn is_success(&self) -> bool {
        self.status == CommandStatus::Success
    }

    /// The failure text, if the command failed.
    pub fn failure_text(&self) -> Option<&str> {
        if self.is_success() {
            return None;
        }
        Some(
            self.message
                .as_deref()
                .or(self.error.as_deref())
                .unwrap_or("the command failed"),
        )
    }
}
