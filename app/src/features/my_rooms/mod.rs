//! My rooms: the services whose owner email is the signed-in person's, for self-service.
//! Ownership is checked on the server for every object; hiding a button is not a check.

pub mod api;
mod page;

pub use page::MyRoomsPage;

use serde::{Deserialize, Serialize};

/// One room as its owner sees it. PINs are never sent: only whether they are set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub service_type: String,
    pub aliases: Vec<String>,
    pub host_pin_set: bool,
    pub guest_pin_set: bool,
    pub allow_guests: bool,
    pub owner: String,
}

/// A human label for a service type.
pub fn service_type_label(kind: &str) -> &str {
    match kind {
        "conference" => "Virtual Meeting Room",
        "lecture" => "Virtual Auditorium",
        "two_stage_dialing" => "Virtual Reception",
        "test_call" => "Test Call Service",
        "media_playback" => "Media Playback Service",
        other => other,
    }
}
