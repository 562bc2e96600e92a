//! `configuration/v1/global/` (singleton at `/global/1/`, PATCH only).
//! Only the fields pexdesk shows are typed; the rest stay in `extra`.

use super::{GlobalId, IvrTheme};
use crate::choice::{CryptoMode, MaxPixels};
use crate::ResourceUri;

resource_model! {
    /// Platform-wide settings.
    Global, GlobalPatch {
        readonly {
            /// Always 1.
            id: GlobalId,
            /// This object's URI.
            resource_uri: ResourceUri<Global>,
        }
        fields {
            /// Media encryption.
            crypto_mode: CryptoMode,
            /// Minimum PIN length, 4–20.
            min_pin_length: i64,
            /// PIN entry timeout (s).
            pin_entry_timeout: i64,
            /// WebRTC enabled.
            enable_webrtc: bool,
            /// SIP enabled.
            enable_sip: bool,
            /// H.323 enabled.
            enable_h323: bool,
            /// RTMP enabled.
            enable_rtmp: bool,
            /// Chat enabled.
            enable_chat: bool,
            /// Dial-out from conferences.
            enable_dialout: bool,
            /// Maximum resolution.
            max_pixels_per_second: MaxPixels,
            /// Guests-only timeout (s).
            guests_only_timeout: i64,
            /// Waiting-for-chair timeout (s).
            waiting_for_chair_timeout: i64,
            /// Admin session timeout (min).
            management_session_timeout: i64,
            /// Banner text.
            site_banner: String,
            /// Contact email.
            contact_email_address: String,
            /// Cloud bursting enabled.
            bursting_enabled: bool,
            /// Deployment identifier.
            deployment_uuid: String,
        }
        nullable {
            /// Maximum inbound rate.
            max_callrate_in: i64,
            /// Maximum outbound rate.
            max_callrate_out: i64,
            /// Default theme.
            default_theme: ResourceUri<IvrTheme>,
        }
    }
}
resource!(Global, Configuration, "global", GlobalId);
