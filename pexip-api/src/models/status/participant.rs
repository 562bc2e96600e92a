//! `status/v1/participant/` and `status/v1/participant/<id>/media_stream/`.

use serde::{Deserialize, Serialize};

use super::ParticipantId;
use crate::choice::{CallDirection, CallQuality, Role, ServiceType, StreamType};
use crate::{ResourceUri, Timestamp};

read_model! {
    /// A participant in a conference in progress.
    Participant {
        /// Participant id (UUID).
        id: ParticipantId,
        /// Call id.
        call_uuid: String,
        /// Conversation id.
        conversation_id: String,
        /// Conference (service) name.
        conference: String,
        /// Kind of service.
        service_type: ServiceType,
        /// Service tag.
        service_tag: String,
        /// Call tag.
        call_tag: String,
        /// Location name.
        system_location: String,
        /// Alias dialled.
        destination_alias: String,
        /// Caller's alias.
        source_alias: String,
        /// Participant's alias.
        participant_alias: String,
        /// Display name.
        display_name: String,
        /// Role.
        role: Role,
        /// Direction.
        call_direction: CallDirection,
        /// Protocol as reported (`WebRTC`, `SIP`, `H323`, …).
        protocol: String,
        /// User agent.
        vendor: String,
        /// When it connected.
        #[serde(with = "crate::timestamp::opt")]
        connect_time: Option<Timestamp>,
        /// Remote address.
        remote_address: String,
        /// Remote port.
        remote_port: i64,
        /// Media node.
        media_node: String,
        /// Signalling node.
        signalling_node: String,
        /// Proxy node.
        proxy_node: String,
        /// Bandwidth (kbps).
        bandwidth: i64,
        /// Perceived quality.
        call_quality: CallQuality,
        /// Quality per 20-second window (single participant only).
        historic_call_quality: Option<Vec<i64>>,
        /// Counts of [unknown, good, ok, bad, terrible] windows (single participant only).
        bucketed_call_quality: Option<Vec<i64>>,
        /// `On` / `Off`.
        encryption: String,
        /// Has media.
        has_media: bool,
        /// Licences used.
        license_count: i64,
        /// Licence type.
        license_type: String,
        /// Can be disconnected.
        is_disconnect_supported: bool,
        /// Can be muted.
        is_mute_supported: bool,
        /// Can present.
        is_presentation_supported: bool,
        /// Can be transferred.
        is_transfer_supported: bool,
        /// Muted.
        is_muted: bool,
        /// On hold.
        is_on_hold: bool,
        /// Presenting.
        is_presenting: bool,
        /// Streaming.
        is_streaming: bool,
        /// Always `""`.
        parent_id: String,
        /// This object's URI.
        resource_uri: ResourceUri<Participant>,
    }
}
resource!(Participant, Status, "participant", ParticipantId);

/// Statistics of one live media stream.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MediaStream {
    /// Stream id (`"0"`, `"1"`).
    #[serde(default)]
    pub id: String,
    /// Stream type.
    #[serde(default, rename = "type")]
    pub stream_type: StreamType,
    /// Node.
    #[serde(default)]
    pub node: String,
    /// Start.
    #[serde(default, with = "crate::timestamp::opt")]
    pub start_time: Option<Timestamp>,
    /// End (`""` while running).
    #[serde(default, with = "crate::timestamp::opt")]
    pub end_time: Option<Timestamp>,
    /// Receive bitrate (kbps).
    #[serde(default)]
    pub rx_bitrate: i64,
    /// Transmit bitrate (kbps).
    #[serde(default)]
    pub tx_bitrate: i64,
    /// Receive codec.
    #[serde(default)]
    pub rx_codec: String,
    /// Transmit codec.
    #[serde(default)]
    pub tx_codec: String,
    /// Receive frame rate.
    #[serde(default)]
    pub rx_fps: f64,
    /// Transmit frame rate.
    #[serde(default)]
    pub tx_fps: f64,
    /// Receive jitter (ms).
    #[serde(default)]
    pub rx_jitter: f64,
    /// Transmit jitter (ms).
    #[serde(default)]
    pub tx_jitter: f64,
    /// Receive packet loss (%).
    #[serde(default)]
    pub rx_packet_loss: f64,
    /// Transmit packet loss (%).
    #[serde(default)]
    pub tx_packet_loss: f64,
    /// Windowed receive packet loss (%).
    #[serde(default)]
    pub rx_windowed_packet_loss: f64,
    /// Windowed transmit packet loss (%).
    #[serde(default)]
    pub tx_windowed_packet_loss: f64,
    /// Receive packets lost.
    #[serde(default)]
    pub rx_packets_lost: i64,
    /// Transmit packets lost.
    #[serde(default)]
    pub tx_packets_lost: i64,
    /// Packets received.
    #[serde(default)]
    pub rx_packets_received: i64,
    /// Packets sent.
    #[serde(default)]
    pub tx_packets_sent: i64,
    /// Receive resolution (`""` for audio).
    #[serde(default)]
    pub rx_resolution: String,
    /// Transmit resolution.
    #[serde(default)]
    pub tx_resolution: String,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: crate::Extra,
}
