//! `command/v1/participant/*`.

use serde::{Deserialize, Serialize};

use super::{command, Command, Scope};
use crate::choice::{CallType, KeepConferenceAlive, Protocol, Role, Routing};
use crate::status::ParticipantId;

fn is_false(b: &bool) -> bool {
    !*b
}

/// `dial`: dials a participant into the conference of `conference_alias`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Dial {
    /// An alias of the conference; the callee sees the call coming from it.
    pub conference_alias: String,
    /// Who to call.
    pub destination: String,
    /// `routing_rule` (needs `system_location`) or `manual` (needs `node` and/or `system_location`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing: Option<Routing>,
    /// Protocol (manual routing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    /// Call type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_type: Option<CallType>,
    /// Role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Location **name**.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_location: Option<String>,
    /// Node IP address (overrides the location).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// Streaming participant.
    #[serde(default, skip_serializing_if = "is_false")]
    pub streaming: bool,
    /// DTMF to send.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dtmf_sequence: Option<String>,
    /// Keep-alive behaviour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keep_conference_alive: Option<KeepConferenceAlive>,
    /// Name shown for the callee.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote_display_name: Option<String>,
    /// Name the callee sees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_display_name: Option<String>,
    /// RTMP presentation URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presentation_url: Option<String>,
}

/// `data` of a dial response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DialData {
    /// The new participant.
    #[serde(default)]
    pub participant_id: ParticipantId,
    /// All new participants.
    #[serde(default)]
    pub participant_ids: Vec<ParticipantId>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
command!(Dial, Participant, "dial", DialData);

macro_rules! participant_command {
    ($(#[$m:meta])* $ty:ident, $name:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        pub struct $ty {
            /// The participant (status id).
            pub participant_id: ParticipantId,
        }
        command!($ty, Participant, $name);
    };
}

participant_command!(/// `disconnect`: disconnects a participant.
    DisconnectParticipant, "disconnect");
participant_command!(/// `mute`: mutes a participant's audio.
    MuteParticipant, "mute");
participant_command!(/// `unmute`: unmutes a participant.
    UnmuteParticipant, "unmute");
participant_command!(/// `unlock`: lets a participant waiting in a locked conference in.
    UnlockParticipant, "unlock");

/// `transfer`: moves a participant to the conference of `conference_alias`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TransferParticipant {
    /// The participant.
    pub participant_id: ParticipantId,
    /// An alias of the target conference.
    pub conference_alias: String,
    /// Role in the target conference.
    pub role: Role,
}
command!(TransferParticipant, Participant, "transfer");

/// `role`: changes a participant's role.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ChangeParticipantRole {
    /// The participant.
    pub participant_id: ParticipantId,
    /// `guest` or `chair`.
    pub role: Role,
}
command!(ChangeParticipantRole, Participant, "role");
