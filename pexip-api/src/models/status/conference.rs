//! `status/v1/conference/`.

use super::ConferenceInstanceId;
use crate::choice::ServiceType;
use crate::{ResourceUri, Timestamp};

read_model! {
    /// A conference in progress.
    Conference {
        /// Instance id (UUID).
        id: ConferenceInstanceId,
        /// Service name.
        name: String,
        /// Kind of service.
        service_type: ServiceType,
        /// Locked.
        is_locked: bool,
        /// A Host has joined.
        is_started: bool,
        /// All Guests muted.
        guests_muted: bool,
        /// Start time.
        #[serde(with = "crate::timestamp::opt")]
        start_time: Option<Timestamp>,
        /// Service tag.
        tag: String,
        /// This object's URI.
        resource_uri: ResourceUri<Conference>,
    }
}
resource!(Conference, Status, "conference", ConferenceInstanceId);
