//! Platform resources: `system_location`, `worker_vm` (with its deployment file),
//! `management_vm` and the `global` singleton.

use crate::engine::behaviour::{Behaviour, Created, PLAIN};
use crate::engine::errors::FieldErrors;
use crate::engine::field::{DefaultValue as D, FieldDef as F};
use crate::engine::resource::{KeyKind, Method, Mount, ResourceDef, RowKey, ALL_METHODS};
use crate::engine::store::Store;
use serde_json::{Map, Value};
use std::net::Ipv4Addr;

const GLOBAL_ON_OFF: &[&str] = &["GLOBAL", "OFF", "ON"];
const GET_PATCH: &[Method] = &[Method::Get, Method::Patch];

pub fn location_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "system_location",
        key: KeyKind::AutoId,
        list_methods: ALL_METHODS,
        detail_methods: ALL_METHODS,
        behaviour: &PLAIN,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("name", 250).unique().query(),
            F::text("description", 250).query(),
            F::integer("mtu", D::Int(1500)).range(512, 1500).query(),
            F::integer("media_qos", D::Int(0)).range(0, 63).query(),
            F::integer("signalling_qos", D::Int(0)).range(0, 63).query(),
            F::text("local_mssip_domain", 255),
            F::to_many("dns_servers", "dns_server"),
            F::to_many("ntp_servers", "ntp_server"),
            F::to_many("syslog_servers", "syslog_server"),
            F::to_many("event_sinks", "event_sink"),
            F::to_one("h323_gatekeeper", "h323_gatekeeper").filter_only(),
            F::to_one("sip_proxy", "sip_proxy").filter_only(),
            F::to_one("mssip_proxy", "mssip_proxy").filter_only(),
            F::to_one("teams_proxy", "teams_proxy").filter_only(),
            F::to_one("http_proxy", "http_proxy").filter_only(),
            F::to_one("turn_server", "turn_server").filter_only(),
            F::to_one("stun_server", "stun_server"),
            F::to_one(
                "snmp_network_management_system",
                "snmp_network_management_system",
            )
            .filter_only(),
            F::to_one("policy_server", "policy_server").filter_only(),
            F::to_one("transcoding_location", "system_location").filter_only(),
            F::to_one("overflow_location1", "system_location").filter_only(),
            F::to_one("overflow_location2", "system_location").filter_only(),
            F::choice("bdpm_pin_checks_enabled", GLOBAL_ON_OFF, "GLOBAL"),
            F::choice("bdpm_scan_quarantine_enabled", GLOBAL_ON_OFF, "GLOBAL"),
        ],
    }
}

pub const DEPLOYMENT_TYPES: &[&str] = &[
    "MANUAL-PROVISION-ONLY",
    "MANUAL-ESXI6_7",
    "MANUAL-ESXI6",
    "MANUAL-HYPERV2012",
    "MANUAL-KVM",
    "MANUAL-XEN",
];

pub fn worker_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "worker_vm",
        key: KeyKind::AutoId,
        list_methods: ALL_METHODS,
        detail_methods: ALL_METHODS,
        behaviour: &WorkerBehaviour,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("name", 32).unique().query(),
            F::required_text("hostname", 63).query(),
            F::required_text("domain", 192).query(),
            F::text("description", 250).query(),
            F::text("alternative_fqdn", 255).query(),
            F::to_one("system_location", "system_location")
                .required()
                .query_related(),
            F::choice("node_type", &["CONFERENCING", "PROXYING"], "CONFERENCING").query(),
            F::boolean("transcoding", true),
            F::boolean("cloud_bursting", false),
            F::boolean("enable_distributed_database", true),
            F::boolean("maintenance_mode", false).query(),
            F::text("maintenance_mode_reason", 250).query(),
            F::required_text("address", 15)
                .unique()
                .query()
                .help("IPv4 address."),
            F::required_text("netmask", 15)
                .query()
                .help("IPv4 netmask."),
            F::required_text("gateway", 15)
                .query()
                .help("IPv4 gateway."),
            F::text("ipv6_address", 250)
                .nullable()
                .default_to(D::Null)
                .query(),
            F::text("ipv6_gateway", 250)
                .nullable()
                .default_to(D::Null)
                .query(),
            F::text("secondary_address", 15)
                .nullable()
                .default_to(D::Null),
            F::text("secondary_netmask", 15)
                .nullable()
                .default_to(D::Null),
            F::text("static_nat_address", 15)
                .nullable()
                .default_to(D::Null),
            F::to_many("static_routes", "static_route"),
            F::to_one("tls_certificate", "tls_certificate"),
            F::choice("deployment_type", DEPLOYMENT_TYPES, "MANUAL-PROVISION-ONLY").write_only(),
            F::text("password", 250)
                .write_only()
                .help("Write-only: never returned."),
            F::integer("vm_cpu_count", D::Int(4))
                .range(2, 128)
                .write_only(),
            F::integer("vm_system_memory", D::Int(4096))
                .range(2000, 64000)
                .write_only(),
            F::choice("enable_ssh", GLOBAL_ON_OFF, "GLOBAL"),
            F::choice(
                "snmp_mode",
                &["DISABLED", "STANDARD", "AUTHPRIV"],
                "DISABLED",
            )
            .query(),
            F::text("snmp_community", 16)
                .default_to(D::Str("public"))
                .query(),
            F::text("snmp_username", 100).query(),
            F::text("snmp_system_contact", 70)
                .default_to(D::Str("admin@domain.com"))
                .query(),
            F::text("snmp_system_location", 70)
                .default_to(D::Str("Virtual machine"))
                .query(),
        ],
    }
}

struct WorkerBehaviour;

fn ipv4(obj: &Map<String, Value>, f: &str, errors: &mut FieldErrors) {
    if let Some(v) = obj.get(f).and_then(Value::as_str).filter(|v| !v.is_empty()) {
        if v.parse::<Ipv4Addr>().is_err() {
            errors.add(f, "Enter a valid IPv4 address.");
        }
    }
}

impl Behaviour for WorkerBehaviour {
    fn check(
        &self,
        _store: &Store,
        _key: Option<&RowKey>,
        obj: &Map<String, Value>,
        errors: &mut FieldErrors,
    ) {
        for f in [
            "address",
            "netmask",
            "gateway",
            "secondary_address",
            "secondary_netmask",
            "static_nat_address",
        ] {
            ipv4(obj, f, errors);
        }
    }

    fn created(&self, _store: &Store, key: &RowKey, request: &Map<String, Value>) -> Created {
        let text = |f: &str| xml_escape(&request.get(f).map(value_text).unwrap_or_default());
        let kind = request
            .get("deployment_type")
            .and_then(Value::as_str)
            .unwrap_or("MANUAL-PROVISION-ONLY");
        let settings = format!(
            "  <node id=\"{key}\">\n    <name>{}</name>\n    <hostname>{}</hostname>\n    <domain>{}</domain>\n    <address>{}</address>\n    <netmask>{}</netmask>\n    <gateway>{}</gateway>\n    <node_type>{}</node_type>\n    <password_hash>set</password_hash>\n  </node>\n",
            text("name"), text("hostname"), text("domain"), text("address"), text("netmask"), text("gateway"),
            if text("node_type").is_empty() { "CONFERENCING".to_string() } else { text("node_type") },
        );
        let body = if kind == "MANUAL-PROVISION-ONLY" {
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bootstrap_configuration>\n{settings}</bootstrap_configuration>\n")
        } else {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Envelope deployment_type=\"{}\" vm_cpu_count=\"{}\" vm_system_memory=\"{}\">\n{settings}</Envelope>\n",
                xml_escape(kind),
                request.get("vm_cpu_count").map(value_text).unwrap_or_else(|| "4".into()),
                request.get("vm_system_memory").map(value_text).unwrap_or_else(|| "4096".into()),
            )
        };
        Created::WithBody {
            content_type: "application/xml",
            body,
        }
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn management_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "management_vm",
        key: KeyKind::AutoId,
        list_methods: &[Method::Get],
        detail_methods: GET_PATCH,
        behaviour: &PLAIN,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::required_text("name", 32).query(),
            F::text("description", 250),
            F::required_text("hostname", 63),
            F::required_text("domain", 192),
            F::required_text("address", 15),
            F::required_text("netmask", 15),
            F::required_text("gateway", 15),
            F::text("alternative_fqdn", 255),
            F::to_many("dns_servers", "dns_server"),
            F::to_many("ntp_servers", "ntp_server"),
            F::integer("mtu", D::Int(1500)).range(512, 1500),
            F::boolean("primary", true).readonly(),
        ],
    }
}

pub fn global_def() -> ResourceDef {
    ResourceDef {
        api: "configuration",
        name: "global",
        key: KeyKind::Singleton,
        list_methods: &[Method::Get],
        detail_methods: GET_PATCH,
        behaviour: &PLAIN,
        mount: Mount::TOP,
        fields: vec![
            F::id(),
            F::resource_uri(),
            F::choice("crypto_mode", &["besteffort", "on", "off"], "besteffort"),
            F::integer("min_pin_length", D::Int(6)).range(4, 20),
            F::integer("pin_entry_timeout", D::Int(120)).range(30, 86400),
            F::choice("sip_tls_cert_verify_mode", &["OFF", "ON"], "OFF"),
            F::choice("ocsp_state", &["OFF", "ON", "OVERRIDE"], "OFF"),
            F::boolean("bdpm_pin_checks_enabled", true),
            F::boolean("bdpm_scan_quarantine_enabled", true),
            F::integer("bdpm_max_pin_failures_per_window", D::Int(20)).range(5, 200),
            F::integer("bdpm_max_scan_attempts_per_window", D::Int(20)).range(5, 200),
            F::boolean("enable_webrtc", true),
            F::boolean("enable_sip", true),
            F::boolean("enable_h323", true),
            F::boolean("enable_rtmp", true),
            F::boolean("enable_sip_udp", false),
            F::boolean("enable_chat", true),
            F::boolean("enable_dialout", true),
            F::boolean("enable_directory", true),
            F::boolean("enable_fecc", true),
            F::boolean("enable_application_api", true),
            F::boolean("enable_analytics", false),
            F::boolean("enable_denoise", true),
            F::boolean("enable_softmute", true),
            F::boolean("enable_breakout_rooms", false),
            F::choice("max_pixels_per_second", &["sd", "hd", "fullhd"], "hd"),
            F::integer("max_callrate_in", D::Null).range(128, 8192),
            F::integer("max_callrate_out", D::Null).range(128, 8192),
            F::integer("max_presentation_bandwidth_ratio", D::Int(75)).range(25, 75),
            F::integer("media_ports_start", D::Int(40000)).range(10000, 49999),
            F::integer("media_ports_end", D::Int(49999)).range(10000, 49999),
            F::integer("signalling_ports_start", D::Int(33000)).range(10000, 49999),
            F::integer("signalling_ports_end", D::Int(39999)).range(10000, 49999),
            F::integer("guests_only_timeout", D::Int(60)).range(0, 86400),
            F::integer("waiting_for_chair_timeout", D::Int(900)).range(0, 86400),
            F::integer("eject_last_participant_backstop_timeout", D::Int(0)).range(0, 86400),
            F::integer("management_session_timeout", D::Int(30)).range(5, 1440),
            F::boolean("session_timeout_enabled", true),
            F::integer("management_qos", D::Int(0)).range(0, 63),
            F::integer("logs_max_age", D::Int(0)).range(0, 3650),
            F::text("site_banner", 255),
            F::text("site_banner_bg", 7).default_to(D::Str("#c0c0c0")),
            F::text("site_banner_fg", 7).default_to(D::Str("#000000")),
            F::text("logon_banner", 4096),
            F::text("contact_email_address", 100),
            F::boolean("error_reporting_enabled", false),
            F::text("error_reporting_url", 255).default_to(D::Str("https://acr.pexip.com")),
            F::to_one("default_theme", "ivr_theme"),
            F::boolean("bursting_enabled", false),
            F::integer("bursting_threshold", D::Int(5)).range(1, 1_000_000),
            F::integer("bursting_min_lifetime", D::Int(50)).range(5, 1_000_000),
            F::choice("cloud_provider", &["AWS", "AZURE", "GCP"], "AWS"),
            F::integer("es_connection_timeout", D::Int(7)),
            F::integer("es_initial_retry_backoff", D::Int(1)),
            F::integer("es_maximum_retry_backoff", D::Int(1800)),
            F::integer("es_media_streams_wait", D::Int(1)),
            F::integer("es_metrics_update_interval", D::Int(60)),
            F::integer("es_short_term_memory_expiration", D::Int(2)),
            F::integer("es_maximum_deferred_posts", D::Int(1000)),
            F::text("default_webapp", 20).default_to(D::Str("latest")),
            F::boolean("enable_multiscreen", true),
            F::boolean("enable_push_notifications", false),
            F::boolean("legacy_api_http", false),
            F::boolean("live_captions_enabled", true),
            F::of_type(
                "deployment_uuid",
                crate::engine::field::FieldType::String,
                D::Uuid,
            )
            .readonly(),
        ],
    }
}
