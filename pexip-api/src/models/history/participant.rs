//! `history/v1/participant/` with embedded media streams.

use super::{Conference, HistoryParticipantId};
use crate::choice::{CallDirection, CallQuality, Role, ServiceType, StreamType};
use crate::{ResourceUri, Timestamp};

read_model! {
    /// An ended participant (a CDR).
    Participant {
        /// Id (UUID).
        id: HistoryParticipantId,
        /// Call id.
        call_uuid: String,
        /// Conversation id.
        conversation_id: String,
        /// Parent id.
        parent_id: String,
        /// The conference instance.
        conference: Option<ResourceUri<Conference>>,
        /// Conference name.
        conference_name: String,
        /// Alias of the conference.
        local_alias: String,
        /// Remote alias.
        remote_alias: String,
        /// Display name.
        display_name: String,
        /// Role.
        role: Role,
        /// Direction.
        call_direction: CallDirection,
        /// Protocol as reported.
        protocol: String,
        /// Kind of service.
        service_type: ServiceType,
        /// Service tag.
        service_tag: String,
        /// Call tag.
        call_tag: String,
        /// Location name.
        system_location: String,
        /// Start.
        #[serde(with = "crate::timestamp::opt")]
        start_time: Option<Timestamp>,
        /// End.
        #[serde(with = "crate::timestamp::opt")]
        end_time: Option<Timestamp>,
        /// Duration (s).
        duration: i64,
        /// Why it ended.
        disconnect_reason: String,
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
        /// User agent.
        vendor: String,
        /// Encryption.
        encryption: String,
        /// Had media.
        has_media: bool,
        /// Streaming.
        is_streaming: bool,
        /// Bandwidth (kbps).
        bandwidth: i64,
        /// Licences used.
        license_count: i64,
        /// Licence type.
        license_type: String,
        /// Perceived quality.
        call_quality: CallQuality,
        /// Quality per window (single participant only).
        historic_call_quality: Option<Vec<i64>>,
        /// Window counts per quality (single participant only).
        bucketed_call_quality: Option<Vec<i64>>,
        /// Media streams.
        media_streams: Vec<MediaStream>,
        /// This object's URI.
        resource_uri: ResourceUri<Participant>,
    }
}
resource!(Participant, History, "participant", HistoryParticipantId);

read_model! {
    /// One media stream of an ended participant.
    MediaStream {
        /// Id.
        id: i64,
        /// Stream number (`"0"`, `"1"`).
        stream_id: String,
        /// Stream type.
        stream_type: StreamType,
        /// The participant.
        participant: Option<ResourceUri<Participant>>,
        /// Node.
        node: String,
        /// Start.
        #[serde(with = "crate::timestamp::opt")]
        start_time: Option<Timestamp>,
        /// End.
        #[serde(with = "crate::timestamp::opt")]
        end_time: Option<Timestamp>,
        /// Receive bitrate.
        rx_bitrate: i64,
        /// Transmit bitrate.
        tx_bitrate: i64,
        /// Receive codec.
        rx_codec: String,
        /// Transmit codec.
        tx_codec: String,
        /// Receive fps.
        rx_fps: f64,
        /// Transmit fps.
        tx_fps: f64,
        /// Receive packet loss (%).
        rx_packet_loss: f64,
        /// Transmit packet loss (%).
        tx_packet_loss: f64,
        /// Receive packets lost.
        rx_packets_lost: i64,
        /// Transmit packets lost.
        tx_packets_lost: i64,
        /// Packets received.
        rx_packets_received: i64,
        /// Packets sent.
        tx_packets_sent: i64,
        /// Receive resolution.
        rx_resolution: String,
        /// Transmit resolution.
        tx_resolution: String,
    }
}
