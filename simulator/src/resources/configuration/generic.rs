//! The other paths of the guide's configuration table: list, detail and schema with a
//! minimal definition (name, description), so that every path answers.

use crate::engine::behaviour::PLAIN;
use crate::engine::field::FieldDef as F;
use crate::engine::resource::{KeyKind, Mount, ResourceDef, ALL_METHODS};

/// Paths from the guide's table without a dedicated definition.
pub const GENERIC: &[&str] = &[
    "dns_server",
    "ntp_server",
    "http_proxy",
    "syslog_server",
    "snmp_network_management_system",
    "smtp_server",
    "static_route",
    "ms_exchange_connector",
    "exchange_domain",
    "mjx_endpoint",
    "mjx_endpoint_group",
    "mjx_exchange_autodiscover_url",
    "mjx_exchange_deployment",
    "mjx_graph_deployment",
    "mjx_google_deployment",
    "mjx_integration",
    "mjx_meeting_processing_rule",
    "ca_certificate",
    "tls_certificate",
    "certificate_signing_request",
    "diagnostic_graphs",
    "h323_gatekeeper",
    "sip_credential",
    "sip_proxy",
    "mssip_proxy",
    "turn_server",
    "stun_server",
    "policy_server",
    "gms_access_token",
    "gms_gateway_token",
    "azure_tenant",
    "teams_proxy",
    "telehealth_profile",
    "break_in_allow_list_address",
    "registration",
    "device",
    "conference_sync_template",
    "ldap_sync_source",
    "ldap_sync_field",
    "recurring_conference",
    "scheduled_conference",
    "scheduled_alias",
    "media_library_entry",
    "media_library_playlist",
    "media_library_playlist_entry",
    "authentication",
    "role",
    "ldap_role",
    "permission",
    "adfs_auth_server",
    "adfs_auth_server_domain",
    "google_auth_server",
    "google_auth_server_domain",
    "identity_provider",
    "identity_provider_group",
    "webapp_alias",
    "webapp_branding",
    "upgrade",
    "software_bundle",
    "software_bundle_revision",
    "autobackup",
    "scheduled_scaling",
];

pub fn def(name: &'static str) -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name,
        key: KeyKind::AutoId,
        list_methods: ALL_METHODS,
        detail_methods: ALL_METHODS,
        behaviour: &PLAIN,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("name", 250)
                .query()
                .help("The name of this object."),
            F::text("description", 250).query(),
            F::datetime_now("creation_time").query(),
        ],
    }
}
