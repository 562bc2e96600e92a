//! `configuration/v1/conference_alias/`.

use super::{Conference, ConferenceAliasId};
use crate::{ResourceUri, Timestamp};

resource_model! {
    /// An alias of a service. Alias strings are unique platform-wide.
    ConferenceAlias, ConferenceAliasPatch {
        readonly {
            /// Object id.
            id: ConferenceAliasId,
            /// This object's URI.
            resource_uri: ResourceUri<ConferenceAlias>,
            /// When it was created.
            #[serde(with = "crate::timestamp::opt")]
            creation_time: Option<Timestamp>,
        }
        fields {
            /// The full dial string, max 250.
            alias: String,
            /// The service it belongs to.
            conference: ResourceUri<Conference>,
            /// Description, max 250.
            description: String,
        }
        nullable {}
    }
}
resource!(
    ConferenceAlias,
    Configuration,
    "conference_alias",
    ConferenceAliasId
);
