//! My rooms: the services whose owner email is the signed-in person's, for self-service.
//! Ownership is checked on the server for every object; hiding a button is not a check.

pub mod api;
pub mod live_api;
mod live_page;
mod page;

pub use live_page::MeetingPage;
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

/// A live meeting on one of the person's rooms, as its host sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveMeeting {
    pub room: Room,
    /// `None`: nobody is in the room right now.
    pub meeting: Option<MeetingState>,
    pub attendees: Vec<Attendee>,
}

/// The state of the conference running on a room.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingState {
    pub id: String,
    pub started: String,
    pub locked: bool,
    pub guests_muted: bool,
}

/// One person in (or waiting to join) the meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub id: String,
    pub name: String,
    /// `chair` (Host) or `guest`.
    pub role: String,
    pub muted: bool,
    /// Waiting in the lobby of a locked meeting.
    pub waiting: bool,
    pub protocol: String,
    pub since: String,
}

/// What the host may do to one attendee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendeeAction {
    Mute,
    Unmute,
    Admit,
    MakeHost,
    MakeGuest,
    Disconnect,
}

/// What the host may do to the whole meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingAction {
    Lock,
    Unlock,
    MuteGuests,
    UnmuteGuests,
    End,
}
