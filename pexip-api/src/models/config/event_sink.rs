//! `configuration/v1/event_sink/`.

use super::EventSinkId;
use crate::ResourceUri;

resource_model! {
    /// An event sink: a URL the Conferencing Nodes POST events to.
    EventSink, EventSinkPatch {
        readonly {
            /// Object id.
            id: EventSinkId,
            /// This object's URI.
            resource_uri: ResourceUri<EventSink>,
        }
        fields {
            /// Name.
            name: String,
            /// Description.
            description: String,
            /// Target URL.
            url: String,
            /// Basic auth user name.
            username: String,
            /// Event format version.
            version: i64,
            /// Send events in bulk.
            bulk_support: bool,
            /// Verify the sink's TLS certificate.
            verify_tls_certificate: bool,
        }
        nullable {
            /// Write-only: basic auth password.
            password: String,
        }
    }
}
resource!(EventSink, Configuration, "event_sink", EventSinkId);
