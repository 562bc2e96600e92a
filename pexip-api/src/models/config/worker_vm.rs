//! `configuration/v1/worker_vm/` (Conferencing Nodes).
//!
//! POST answers with the deployment file (OVA, ZIP or XML) in the body, see
//! the client's `create_worker_vm`.

use super::{SystemLocation, WorkerVmId};
use crate::choice::{GlobalOnOff, NodeType, SnmpMode};
use crate::ResourceUri;

resource_model! {
    /// A Conferencing Node. `password`, `deployment_type`, `vm_cpu_count` and
    /// `vm_system_memory` are write-only: use the patch's `extra` or fields.
    WorkerVm, WorkerVmPatch {
        readonly {
            /// Object id.
            id: WorkerVmId,
            /// This object's URI.
            resource_uri: ResourceUri<WorkerVm>,
        }
        fields {
            /// Name, max 32.
            name: String,
            /// Host name, max 63.
            hostname: String,
            /// Domain, max 192.
            domain: String,
            /// Description.
            description: String,
            /// Alternative FQDN.
            alternative_fqdn: String,
            /// Location.
            system_location: ResourceUri<SystemLocation>,
            /// Conferencing or Proxying.
            node_type: NodeType,
            /// Transcoding enabled.
            transcoding: bool,
            /// Used for cloud bursting.
            cloud_bursting: bool,
            /// Part of the distributed database.
            enable_distributed_database: bool,
            /// In maintenance mode.
            maintenance_mode: bool,
            /// Why in maintenance mode.
            maintenance_mode_reason: String,
            /// IPv4 address.
            address: String,
            /// IPv4 netmask.
            netmask: String,
            /// IPv4 gateway.
            gateway: String,
            /// SSH access.
            enable_ssh: GlobalOnOff,
            /// SNMP mode.
            snmp_mode: SnmpMode,
            /// SNMP community.
            snmp_community: String,
            /// SNMP user.
            snmp_username: String,
            /// SNMP contact.
            snmp_system_contact: String,
            /// SNMP location.
            snmp_system_location: String,
            /// Static route URIs.
            static_routes: Vec<String>,
        }
        nullable {
            /// IPv6 address.
            ipv6_address: String,
            /// IPv6 gateway.
            ipv6_gateway: String,
            /// Secondary IPv4 address.
            secondary_address: String,
            /// Secondary netmask.
            secondary_netmask: String,
            /// Static NAT address.
            static_nat_address: String,
            /// TLS certificate URI.
            tls_certificate: String,
            /// Write-only: the node's password.
            password: String,
            /// Write-only: `MANUAL-PROVISION-ONLY`, `MANUAL-ESXI6_7`, ….
            deployment_type: String,
            /// Write-only: vCPUs.
            vm_cpu_count: i64,
            /// Write-only: memory in MB.
            vm_system_memory: i64,
        }
    }
}
resource!(WorkerVm, Configuration, "worker_vm", WorkerVmId);
