//! Command API models (`/api/admin/command/v1/`): one request type per command
//! and the common response envelope.

mod conference;
mod participant;
mod platform;
mod response;

pub use conference::*;
pub use participant::*;
pub use platform::*;
pub use response::*;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// How a command's parameters travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `application/x-www-form-urlencoded` (the guide's `data=`).
    Form,
    /// `application/json` (`start_cloudnode`).
    Json,
}

/// The three command scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `command/v1/participant/`
    Participant,
    /// `command/v1/conference/`
    Conference,
    /// `command/v1/platform/`
    Platform,
}

impl Scope {
    /// The scope's path segment.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Participant => "participant",
            Scope::Conference => "conference",
            Scope::Platform => "platform",
        }
    }
}

/// A command: where it is posted, how, and what its `data` holds.
pub trait Command: Serialize {
    /// The scope.
    const SCOPE: Scope;
    /// The command name, e.g. `dial`.
    const NAME: &'static str;
    /// The body encoding.
    const ENCODING: Encoding = Encoding::Form;
    /// The type of the response's `data`.
    type Data: DeserializeOwned + Default;

    /// `/api/admin/command/v1/<scope>/<name>/`
    fn path() -> String {
        format!(
            "{}{}/{}/",
            crate::Api::Command.root(),
            Self::SCOPE.as_str(),
            Self::NAME
        )
    }
}

macro_rules! command {
    ($ty:ty, $scope:ident, $name:literal) => {
        command!($ty, $scope, $name, crate::Extra);
    };
    ($ty:ty, $scope:ident, $name:literal, $data:ty) => {
        impl Command for $ty {
            const SCOPE: Scope = Scope::$scope;
            const NAME: &'static str = $name;
            type Data = $data;
        }
    };
}
pub(crate) use command;

/// A secret parameter (passphrase, key passphrase): serialised as is, but
/// never shown by `Debug`.
#[derive(Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Sensitive(pub String);

impl std::fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sensitive(***)")
    }
}

impl From<&str> for Sensitive {
    fn from(s: &str) -> Self {
        Sensitive(s.to_string())
    }
}
