//! What the services pages show, as sent from the server to the browser. PINs travel
//! only when someone allowed to see them asks to.

use serde::{Deserialize, Serialize};

use super::form::ServiceForm;

/// One row of the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRow {
    pub id: i64,
    pub name: String,
    /// `service_type` as sent by the node.
    pub service_type: String,
    pub aliases: Vec<String>,
    pub owner: String,
    pub tag: String,
    pub pin_set: bool,
    pub allow_guests: bool,
}

/// How many services match, as far as it is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Total {
    /// Exactly this many.
    Exact(u64),
    /// At least this many (an all-fields search over more matches than were fetched).
    AtLeast(u64),
}

impl Total {
    /// The count to page against.
    pub fn count(self) -> u64 {
        match self {
            Total::Exact(n) | Total::AtLeast(n) => n,
        }
    }
}

/// One page of the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePage {
    pub rows: Vec<ServiceRow>,
    pub total: Total,
    /// Whether another page follows.
    pub has_next: bool,
}

/// An alias of a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AliasRow {
    pub id: i64,
    pub alias: String,
    pub description: String,
}

/// An Automatically Dialed Participant as a service shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdpRow {
    pub id: i64,
    pub alias: String,
    pub description: String,
    pub display_name: String,
    pub protocol: String,
    pub role: String,
}

/// A conference running on the service right now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveNow {
    pub conference_id: String,
    pub started: String,
    pub locked: bool,
    pub participants: Option<u64>,
}

/// Whether the service is in use right now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LiveState {
    Idle,
    Live(LiveNow),
    /// The status API did not answer; the page still shows the configuration.
    Unknown(String),
}

/// A choice offered by the node (a theme, a location).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef {
    pub id: i64,
    pub name: String,
}

/// Everything the detail page and the edit form need about one service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDetail {
    pub id: i64,
    /// The editable settings. `pin` and `guest_pin` are empty unless `pins_shown`.
    pub form: ServiceForm,
    pub pins_shown: bool,
    pub pin_set: bool,
    pub guest_pin_set: bool,
    pub aliases: Vec<AliasRow>,
    pub adps: Vec<AdpRow>,
    pub theme: Option<NamedRef>,
    pub location: Option<NamedRef>,
    pub created: String,
    pub live: LiveState,
    /// The locations an ADP of this service may dial from.
    pub locations: Vec<NamedRef>,
    /// The ADPs matching the page's "attach an existing one" search, when there is one.
    pub adp_matches: Option<Vec<AdpChoice>>,
}

/// The themes and locations a form offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOptions {
    pub themes: Vec<NamedRef>,
    pub locations: Vec<NamedRef>,
}

/// An existing ADP offered for attaching.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdpChoice {
    pub adp: AdpRow,
    /// How many services dial it already.
    pub services: usize,
}

/// An ADP and every service that dials it (for the delete warning).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdpUsage {
    pub adp: AdpRow,
    pub services: Vec<NamedRef>,
}
