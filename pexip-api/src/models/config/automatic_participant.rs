//! `configuration/v1/automatic_participant/` (ADPs, many-to-many with services).

use super::{AutomaticParticipantId, Conference, SystemLocation};
use crate::choice::*;
use crate::{ResourceUri, Timestamp};

resource_model! {
    /// An Automatically Dialed Participant.
    AutomaticParticipant, AutomaticParticipantPatch {
        readonly {
            /// Object id.
            id: AutomaticParticipantId,
            /// This object's URI.
            resource_uri: ResourceUri<AutomaticParticipant>,
            /// When it was created.
            #[serde(with = "crate::timestamp::opt")]
            creation_time: Option<Timestamp>,
        }
        fields {
            /// Alias to dial, max 250.
            alias: String,
            /// Description.
            description: String,
            /// Services that dial it (a list of URIs; `[]` removes it from all).
            conference: Vec<ResourceUri<Conference>>,
            /// Protocol.
            protocol: Protocol,
            /// Call type.
            call_type: CallType,
            /// Role in the conference.
            role: Role,
            /// DTMF to send after connecting (`,` pauses 2 s).
            dtmf_sequence: String,
            /// Whether the ADP keeps the conference alive.
            keep_conference_alive: KeepConferenceAlive,
            /// Routing.
            routing: Routing,
            /// Whether it is a streaming participant.
            streaming: bool,
            /// Name shown for it.
            remote_display_name: String,
            /// RTMP presentation URL.
            presentation_url: String,
        }
        nullable {
            /// Location to dial from.
            system_location: ResourceUri<SystemLocation>,
        }
    }
}
resource!(
    AutomaticParticipant,
    Configuration,
    "automatic_participant",
    AutomaticParticipantId
);
