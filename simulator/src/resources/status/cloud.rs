//! Dynamic bursting: `cloud_node` (the overflow nodes, keyed by instance id, with the deprecated
//! `aws_*` copies), `cloud_monitored_location` and `cloud_overflow_location`.

use crate::engine::field::{DefaultValue as D, FieldDef as F};
use crate::engine::resource::{KeyKind, ResourceDef};
use crate::resources::readonly::*;

const API: &str = "status";

/// The instance fields, first the current `cloud_*` name, then its deprecated `aws_*` copy.
pub const INSTANCE_FIELDS: &[(&str, &str)] = &[
    ("cloud_instance_id", "aws_instance_id"),
    ("cloud_instance_ip", "aws_instance_ip"),
    ("cloud_instance_name", "aws_instance_name"),
    ("cloud_instance_state", "aws_instance_state"),
    ("cloud_instance_launch_time", "aws_instance_launch_time"),
];

/// `status/v1/cloud_node/`: cloud overflow nodes.
pub fn node_def() -> ResourceDef {
    let mut fields = Vec::new();
    for (current, deprecated) in INSTANCE_FIELDS {
        for (name, help) in [
            (*current, ""),
            (*deprecated, "Deprecated: use the cloud_instance_ field."),
        ] {
            let f = if name.ends_with("launch_time") {
                time(name)
            } else if name.ends_with("state") {
                F::text(name, 50).default_to(D::Str("unknown")).query()
            } else {
                text(name)
            };
            fields.push(f.help(help));
        }
    }
    fields.extend([
        int_null("max_hd_calls"),
        int_null("media_load").help("100 when the node is not running."),
        int_null("workervm_configuration_id"),
        F::text("workervm_configuration_name", 250)
            .nullable()
            .default_to(D::Null),
        F::text("workervm_configuration_location_name", 250)
            .nullable()
            .default_to(D::Null),
        F::resource_uri(),
    ]);
    read_only(
        API,
        "cloud_node",
        KeyKind::Field("cloud_instance_id"),
        fields,
    )
}

fn location_fields(overflow: bool) -> Vec<F> {
    let mut fields = vec![
        F::id(),
        text("name"),
        int("free_hd_calls"),
        int("max_hd_calls"),
        int("media_load"),
        F::resource_uri(),
    ];
    if overflow {
        fields.push(int("systemlocation_id"));
    }
    fields
}

/// `status/v1/cloud_monitored_location/`.
pub fn monitored_def() -> ResourceDef {
    read_only(
        API,
        "cloud_monitored_location",
        KeyKind::AutoId,
        location_fields(false),
    )
}

/// `status/v1/cloud_overflow_location/`.
pub fn overflow_def() -> ResourceDef {
    read_only(
        API,
        "cloud_overflow_location",
        KeyKind::AutoId,
        location_fields(true),
    )
}
