//! The platform as it runs: `worker_vm`, `system_location`, `management_vm`, `licensing`,
//! `alarm` and `registration_alias`. Nodes, locations and licence totals are derived from the
//! configuration; loads and licence use follow the live calls.

use crate::engine::field::{DefaultValue as D, FieldDef as F};
use crate::engine::resource::{KeyKind, ResourceDef};
use crate::resources::readonly::*;

const API: &str = "status";

fn capacity() -> Vec<F> {
    vec![
        int("max_audio_calls"),
        int("max_sd_calls"),
        int("max_hd_calls"),
        int("max_full_hd_calls"),
        int("max_media_tokens"),
        int("media_tokens_used"),
        float("media_load").help("Media load (%), from the calls placed on the node(s)."),
    ]
}

/// `status/v1/worker_vm/`: Conferencing Nodes.
pub fn worker_def() -> ResourceDef {
    let mut fields = vec![
        F::id(),
        int("configuration_id"),
        text("name"),
        F::choice("node_type", NODE_TYPES, "CONFERENCING").query(),
        text("system_location"),
        text("version"),
        time("boot_time"),
        time("last_updated"),
        time("last_attempted_contact"),
        text("deploy_status"),
        F::text("sync_status", 50)
            .default_to(D::Str("UNREACHABLE"))
            .query(),
        F::text("upgrade_status", 50)
            .default_to(D::Str("IDLE"))
            .query(),
        flag("maintenance_mode", false),
        text("maintenance_mode_reason"),
        int("cpu_count"),
        F::text("cpu_model", 250)
            .default_to(D::Str("Unknown"))
            .query(),
        F::text("cpu_capabilities", 250)
            .default_to(D::Str("Unknown"))
            .query(),
        F::text("hypervisor", 250)
            .default_to(D::Str("Unknown"))
            .query(),
        int("total_ram"),
        int("max_direct_participants"),
        int("signaling_count"),
        F::resource_uri(),
        hidden_text("address"),
    ];
    fields.extend(capacity());
    read_only(API, "worker_vm", KeyKind::AutoId, fields)
}

/// `status/v1/system_location/`: locations and their capacity.
pub fn location_def() -> ResourceDef {
    let mut fields = vec![
        F::id(),
        text("name"),
        text("max_connections")
            .help("Comma-separated node types and their maximum number of connections."),
        F::resource_uri(),
    ];
    fields.extend(capacity());
    read_only(API, "system_location", KeyKind::AutoId, fields)
}

/// `status/v1/management_vm/`.
pub fn management_def() -> ResourceDef {
    read_only(
        API,
        "management_vm",
        KeyKind::AutoId,
        vec![
            F::id(),
            int("configuration_id"),
            text("name"),
            flag("primary", true),
            text("version"),
            F::text("sync_status", 50)
                .default_to(D::Str("UNREACHABLE"))
                .query(),
            F::text("upgrade_status", 50)
                .default_to(D::Str("IDLE"))
                .query(),
            time("last_updated"),
            time("last_attempted_contact"),
            F::resource_uri(),
        ],
    )
}

/// The licence kinds of `licensing`: each has `<kind>_count` (in use) and `<kind>_total`.
pub const LICENCE_FIELDS: &[(&str, &str)] = &[
    ("audio_count", "audio_total"),
    ("port_count", "port_total"),
    ("system_count", "system_total"),
    ("vmr_count", "vmr_total"),
    ("teams_count", "teams_total"),
    ("ghm_count", "ghm_total"),
    ("otj_count", "otj_total"),
    ("scheduling_count", "scheduling_total"),
    ("telehealth_count", "telehealth_total"),
];

/// `status/v1/licensing/`: licence totals and use (one object).
pub fn licensing_def() -> ResourceDef {
    let mut fields = vec![F::id()];
    for (count, total) in LICENCE_FIELDS {
        fields.push(int(count));
        fields.push(int(total));
    }
    fields.push(flag("customlayouts_active", false));
    fields.push(flag("googletrustedjoin_active", false));
    fields.push(flag("zoomtrustedjoin_active", false));
    fields.push(F::resource_uri());
    read_only(API, "licensing", KeyKind::AutoId, fields)
}

/// `status/v1/alarm/`: raised alarms.
pub fn alarm_def() -> ResourceDef {
    read_only(
        API,
        "alarm",
        KeyKind::AutoId,
        vec![
            F::id(),
            int("identifier"),
            text("name"),
            F::choice("level", ALARM_LEVELS, "info").query(),
            F::text("details", 8096).query(),
            text("instance"),
            text("node"),
            time("time_raised"),
            flag("acknowledged", false),
            F::resource_uri(),
        ],
    )
}

/// `status/v1/registration_alias/`: registered devices.
pub fn registration_def() -> ResourceDef {
    read_only(
        API,
        "registration_alias",
        KeyKind::AutoId,
        vec![
            F::id(),
            text("alias"),
            text("registration_id"),
            text("username"),
            text("node"),
            F::text("protocol", 50).default_to(D::Str("SIP")).query(),
            text("remote_address"),
            flag("is_natted", false),
            plain("push_token"),
            time("start_time"),
            text("vendor"),
            F::resource_uri(),
        ],
    )
}
