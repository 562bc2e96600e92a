//! Platform history: `alarm` (raised and lowered) and `workervm_status_event` (Conferencing Node
//! events: maintenance mode changes, cloud nodes starting).

use crate::engine::field::FieldDef as F;
use crate::engine::resource::{KeyKind, ResourceDef};
use crate::resources::readonly::*;

const API: &str = "history";

/// `history/v1/alarm/`: alarms raised and lowered.
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
            F::text("details", 250).query(),
            text("instance"),
            text("node"),
            time("time_raised"),
            time("time_lowered"),
            F::resource_uri(),
        ],
    )
}

/// `history/v1/workervm_status_event/`: Conferencing Node events.
pub fn node_event_def() -> ResourceDef {
    read_only(
        API,
        "workervm_status_event",
        KeyKind::AutoId,
        vec![
            F::id(),
            text("name").help("The Conferencing Node's name."),
            text("node").help("Its address."),
            text("system_location"),
            text("status"),
            F::text("details", 250).query(),
            time("time"),
            F::resource_uri(),
        ],
    )
}
