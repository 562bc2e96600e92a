//! `configuration/v1/system_location/`.

use super::SystemLocationId;
use crate::choice::GlobalOnOff;
use crate::ResourceUri;

resource_model! {
    /// A system location.
    SystemLocation, SystemLocationPatch {
        readonly {
            /// Object id.
            id: SystemLocationId,
            /// This object's URI.
            resource_uri: ResourceUri<SystemLocation>,
        }
        fields {
            /// Name, max 250.
            name: String,
            /// Description.
            description: String,
            /// MTU, 512–1500.
            mtu: i64,
            /// Media DSCP, 0–63.
            media_qos: i64,
            /// Signalling DSCP, 0–63.
            signalling_qos: i64,
            /// Local SfB domain.
            local_mssip_domain: String,
            /// DNS server URIs.
            dns_servers: Vec<String>,
            /// NTP server URIs.
            ntp_servers: Vec<String>,
            /// Syslog server URIs.
            syslog_servers: Vec<String>,
            /// Event sink URIs.
            event_sinks: Vec<ResourceUri<super::EventSink>>,
            /// Break-in PIN checks.
            bdpm_pin_checks_enabled: GlobalOnOff,
            /// Break-in scan quarantine.
            bdpm_scan_quarantine_enabled: GlobalOnOff,
        }
        nullable {
            /// Location that transcodes for this one.
            transcoding_location: ResourceUri<SystemLocation>,
            /// First overflow location.
            overflow_location1: ResourceUri<SystemLocation>,
            /// Second overflow location.
            overflow_location2: ResourceUri<SystemLocation>,
            /// H.323 gatekeeper URI.
            h323_gatekeeper: String,
            /// SIP proxy URI.
            sip_proxy: String,
            /// SfB proxy URI.
            mssip_proxy: String,
            /// Teams connector URI.
            teams_proxy: String,
            /// Web proxy URI.
            http_proxy: String,
            /// TURN server URI.
            turn_server: String,
            /// STUN server URI.
            stun_server: String,
            /// SNMP NMS URI.
            snmp_network_management_system: String,
            /// Policy server URI.
            policy_server: String,
        }
    }
}
resource!(
    SystemLocation,
    Configuration,
    "system_location",
    SystemLocationId
);
