//! Portal roles.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a portal account may do. Stored as its lower-case name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, including portal users, licences and platform.
    Admin,
    /// Services, aliases, live control and history; no user management.
    Helpdesk,
    /// Self-service on the services the account owns.
    User,
}

impl Role {
    /// The stored and displayed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Helpdesk => "helpdesk",
            Role::User => "user",
        }
    }

    /// All roles, most privileged first.
    pub const ALL: [Role; 3] = [Role::Admin, Role::Helpdesk, Role::User];
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not `admin`, `helpdesk` or `user`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role: use admin, helpdesk or user")]
pub struct ParseRoleError;

impl FromStr for Role {
    type Err = ParseRoleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(Role::Admin),
            "helpdesk" => Ok(Role::Helpdesk),
            "user" => Ok(Role::User),
            _ => Err(ParseRoleError),
        }
    }
}
