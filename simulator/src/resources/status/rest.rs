//! The rest of the guide's status table, with minimal fields: `conference_sync` (filled by the
//! `sync` command), `exchange_scheduler`, `mjx_endpoint`, `mjx_meeting`, `teamsnode` and
//! `teamsnode_call` (empty: pexsim simulates no Exchange, One-Touch Join nor Teams Connector).

use crate::engine::field::FieldDef as F;
use crate::engine::resource::{KeyKind, ResourceDef};
use crate::resources::readonly::*;

const API: &str = "status";

fn minimal(name: &'static str, key: KeyKind, extra: Vec<F>) -> ResourceDef {
    let mut fields = vec![
        match key {
            KeyKind::Field(_) => F::string_id(),
            _ => F::id(),
        },
        text("name"),
        text("status"),
        time("last_updated"),
    ];
    fields.extend(extra);
    fields.push(F::resource_uri());
    read_only(API, name, key, fields)
}

/// The minimal status resources.
pub fn defs() -> Vec<ResourceDef> {
    vec![
        minimal(
            "conference_sync",
            KeyKind::AutoId,
            vec![
                int("configuration_id"),
                int("conferences_created"),
                int("conferences_updated"),
                int("conferences_deleted"),
                F::text("last_error", 8192),
            ],
        ),
        minimal("exchange_scheduler", KeyKind::AutoId, vec![]),
        minimal("mjx_endpoint", KeyKind::AutoId, vec![text("endpoint_type")]),
        minimal(
            "mjx_meeting",
            KeyKind::Field("id"),
            vec![time("start_time"), time("end_time"), text("organizer")],
        ),
        minimal("teamsnode", KeyKind::AutoId, vec![text("version")]),
        minimal(
            "teamsnode_call",
            KeyKind::Field("id"),
            vec![text("conference"), time("start_time")],
        ),
    ]
}
