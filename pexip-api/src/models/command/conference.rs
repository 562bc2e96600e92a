//! `command/v1/conference/*`.

use serde::{Deserialize, Serialize};

use super::{command, Command, Scope};
use crate::status::ConferenceInstanceId;

macro_rules! conference_command {
    ($(#[$m:meta])* $ty:ident, $name:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        pub struct $ty {
            /// The conference instance (status id).
            pub conference_id: ConferenceInstanceId,
        }
        command!($ty, Conference, $name);
    };
}

conference_command!(/// `disconnect`: disconnects everyone.
    DisconnectConference, "disconnect");
conference_command!(/// `lock`: new participants wait for a Host.
    LockConference, "lock");
conference_command!(/// `unlock`: lets waiting participants in.
    UnlockConference, "unlock");
conference_command!(/// `mute_guests`: mutes all Guests.
    MuteGuests, "mute_guests");
conference_command!(/// `unmute_guests`: unmutes all Guests.
    UnmuteGuests, "unmute_guests");

/// `transform_layout`: layout and indicators of a conference.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TransformLayout {
    /// The conference instance.
    pub conference_id: ConferenceInstanceId,
    /// Layout for everyone, e.g. `4:0`, `1:7`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// Layout for Hosts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_layout: Option<String>,
    /// Layout for Guests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guest_layout: Option<String>,
    /// Overlay participant names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_overlay_text: Option<bool>,
}
command!(TransformLayout, Conference, "transform_layout");

/// `sync`: runs an LDAP sync template.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SyncTemplate {
    /// Template id.
    pub conference_sync_template_id: i64,
}
command!(SyncTemplate, Conference, "sync");

/// `send_conference_email`: provisioning email to a VMR's owner.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SendConferenceEmail {
    /// The VMR's **configuration** id.
    pub conference_id: crate::config::ConferenceId,
    /// Template id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conference_sync_template_id: Option<i64>,
}
command!(SendConferenceEmail, Conference, "send_conference_email");

/// `send_device_email`: provisioning email to a device's owner.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SendDeviceEmail {
    /// Device id.
    pub device_id: i64,
    /// Template id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conference_sync_template_id: Option<i64>,
}
command!(SendDeviceEmail, Conference, "send_device_email");
