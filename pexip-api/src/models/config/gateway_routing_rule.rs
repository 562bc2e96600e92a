//! `configuration/v1/gateway_routing_rule/` (Call Routing Rules).

use super::{GatewayRoutingRuleId, SystemLocation};
use crate::choice::*;
use crate::{ResourceUri, Timestamp};

resource_model! {
    /// A Call Routing Rule.
    GatewayRoutingRule, GatewayRoutingRulePatch {
        readonly {
            /// Object id.
            id: GatewayRoutingRuleId,
            /// This object's URI.
            resource_uri: ResourceUri<GatewayRoutingRule>,
            /// When it was created.
            #[serde(with = "crate::timestamp::opt")]
            creation_time: Option<Timestamp>,
        }
        fields {
            /// Name, max 250.
            name: String,
            /// Description.
            description: String,
            /// Priority, 1–200 (lower first).
            priority: i64,
            /// Whether the rule is enabled.
            enable: bool,
            /// Regex the destination must match.
            match_string: String,
            /// Match the full alias including the domain.
            match_string_full: bool,
            /// Replacement for the matched alias.
            replace_string: String,
            /// Applies to incoming gateway calls.
            match_incoming_calls: bool,
            /// Applies to outgoing calls from services.
            match_outgoing_calls: bool,
            /// Incoming over SIP.
            match_incoming_sip: bool,
            /// Incoming over H.323.
            match_incoming_h323: bool,
            /// Incoming over Skype for Business.
            match_incoming_mssip: bool,
            /// Incoming over WebRTC.
            match_incoming_webrtc: bool,
            /// Incoming from Teams.
            match_incoming_teams: bool,
            /// Only if the caller is registered.
            match_incoming_only_if_registered: bool,
            /// What is called.
            called_device_type: CalledDeviceType,
            /// Protocol of the outgoing call.
            outgoing_protocol: Protocol,
            /// Call type.
            call_type: CallType,
            /// Media encryption.
            crypto_mode: CryptoMode,
            /// Avatar lookup.
            external_participant_avatar_lookup: DefaultYesNo,
            /// Treat the far end as trusted.
            treat_as_trusted: bool,
            /// Free text tag.
            tag: String,
        }
        nullable {
            /// Only for calls handled in this location.
            match_source_location: ResourceUri<SystemLocation>,
            /// Location to place the call from.
            outgoing_location: ResourceUri<SystemLocation>,
            /// Maximum resolution.
            max_pixels_per_second: MaxPixels,
            /// Maximum inbound rate.
            max_callrate_in: i64,
            /// Maximum outbound rate.
            max_callrate_out: i64,
            /// Theme: a URI, or an embedded theme on some versions.
            ivr_theme: serde_json::Value,
            /// SIP proxy URI.
            sip_proxy: String,
            /// H.323 gatekeeper URI.
            h323_gatekeeper: String,
            /// SfB proxy URI.
            mssip_proxy: String,
            /// Teams connector URI.
            teams_proxy: String,
            /// STUN server URI.
            stun_server: String,
            /// TURN server URI.
            turn_server: String,
            /// Google Meet access token URI.
            gms_access_token: String,
        }
    }
}
resource!(
    GatewayRoutingRule,
    Configuration,
    "gateway_routing_rule",
    GatewayRoutingRuleId
);
