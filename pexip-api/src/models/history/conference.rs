//! `history/v1/conference/`.

use super::{HistoryConferenceId, Participant};
use crate::choice::ServiceType;
use crate::{ResourceUri, Timestamp};

read_model! {
    /// An ended conference instance (a CDR).
    Conference {
        /// Instance id (UUID).
        id: HistoryConferenceId,
        /// Service name.
        name: String,
        /// Kind of service.
        service_type: ServiceType,
        /// Service tag.
        tag: String,
        /// Start.
        #[serde(with = "crate::timestamp::opt")]
        start_time: Option<Timestamp>,
        /// End.
        #[serde(with = "crate::timestamp::opt")]
        end_time: Option<Timestamp>,
        /// Duration (s).
        duration: i64,
        /// Participants.
        participant_count: i64,
        /// Chat messages.
        instant_message_count: i64,
        /// Participant URIs.
        participants: Vec<ResourceUri<Participant>>,
        /// This object's URI.
        resource_uri: ResourceUri<Conference>,
    }
}
resource!(Conference, History, "conference", HistoryConferenceId);
