//! `status/v1/worker_vm/`, `system_location/`, their `statistics/`, and `cloud_node/`.

use super::{CloudNodeId, SystemLocationStatusId, WorkerVmStatusId};
use crate::choice::NodeType;
use crate::{ResourceUri, Timestamp};

read_model! {
    /// The status of a Conferencing Node.
    WorkerVm {
        /// Status id.
        id: WorkerVmStatusId,
        /// Configuration id of the node.
        configuration_id: i64,
        /// Name.
        name: String,
        /// Node type.
        node_type: NodeType,
        /// Location name.
        system_location: String,
        /// Software version.
        version: String,
        /// Boot time.
        #[serde(with = "crate::timestamp::opt")]
        boot_time: Option<Timestamp>,
        /// Last update.
        #[serde(with = "crate::timestamp::opt")]
        last_updated: Option<Timestamp>,
        /// Last contact attempt.
        #[serde(with = "crate::timestamp::opt")]
        last_attempted_contact: Option<Timestamp>,
        /// Deployment status.
        deploy_status: String,
        /// Sync status (`SYNCED`, `UNREACHABLE`, …).
        sync_status: String,
        /// Upgrade status.
        upgrade_status: String,
        /// Maintenance mode.
        maintenance_mode: bool,
        /// Why in maintenance.
        maintenance_mode_reason: String,
        /// CPUs.
        cpu_count: i64,
        /// CPU model.
        cpu_model: String,
        /// CPU capabilities.
        cpu_capabilities: String,
        /// Hypervisor.
        hypervisor: String,
        /// RAM (KB).
        total_ram: i64,
        /// Capacity: audio calls.
        max_audio_calls: i64,
        /// Capacity: SD calls.
        max_sd_calls: i64,
        /// Capacity: HD calls.
        max_hd_calls: i64,
        /// Capacity: Full HD calls.
        max_full_hd_calls: i64,
        /// Media tokens available.
        max_media_tokens: i64,
        /// Media tokens used.
        media_tokens_used: i64,
        /// Media load (%).
        media_load: f64,
        /// Signalling count.
        signaling_count: i64,
        /// This object's URI.
        resource_uri: ResourceUri<WorkerVm>,
    }
}
resource!(WorkerVm, Status, "worker_vm", WorkerVmStatusId);

read_model! {
    /// The load of a node or a location (`…/<id>/statistics/`).
    Statistics {
        /// Media load (%); for a location, the average of its nodes.
        media_load: f64,
    }
}

read_model! {
    /// The status of a system location.
    SystemLocation {
        /// Status id.
        id: SystemLocationStatusId,
        /// Name.
        name: String,
        /// Capacity: audio calls.
        max_audio_calls: i64,
        /// Capacity: SD calls.
        max_sd_calls: i64,
        /// Capacity: HD calls.
        max_hd_calls: i64,
        /// Capacity: Full HD calls.
        max_full_hd_calls: i64,
        /// Media tokens available.
        max_media_tokens: i64,
        /// Media tokens used.
        media_tokens_used: i64,
        /// Media load (%).
        media_load: f64,
        /// Node type and maximum connections, comma-separated.
        max_connections: String,
        /// This object's URI.
        resource_uri: ResourceUri<SystemLocation>,
    }
}
resource!(
    SystemLocation,
    Status,
    "system_location",
    SystemLocationStatusId
);

read_model! {
    /// A cloud overflow Conferencing Node.
    CloudNode {
        /// Instance id.
        cloud_instance_id: String,
        /// Instance IP.
        cloud_instance_ip: String,
        /// Instance name.
        cloud_instance_name: String,
        /// Instance state (`running`, `stopped`, …).
        cloud_instance_state: String,
        /// Launch time.
        #[serde(with = "crate::timestamp::opt")]
        cloud_instance_launch_time: Option<Timestamp>,
        /// HD call capacity.
        max_hd_calls: Option<i64>,
        /// Media load (100 when stopped).
        media_load: Option<i64>,
        /// Configuration id of the node.
        workervm_configuration_id: Option<i64>,
        /// Configuration name.
        workervm_configuration_name: Option<String>,
        /// Location name.
        workervm_configuration_location_name: Option<String>,
        /// This object's URI.
        resource_uri: ResourceUri<CloudNode>,
    }
}
resource!(CloudNode, Status, "cloud_node", CloudNodeId);
