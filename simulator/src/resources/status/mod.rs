//! The status API (`/api/admin/status/v1/`): every path of the guide's table, GET only.
//! The rows are written by [`crate::live`] (conferences, participants, media, loads) and
//! derived from the configuration (nodes, locations, licences, cloud nodes).

mod calls;
mod cloud;
mod platform;
mod rest;

use crate::engine::resource::ResourceDef;

pub use cloud::INSTANCE_FIELDS;
pub use platform::LICENCE_FIELDS;

/// Every status resource definition.
pub fn defs() -> Vec<ResourceDef> {
    let mut defs = vec![
        calls::conference_def(),
        calls::shard_def(),
        calls::participant_def(),
        calls::media_stream_def(),
        calls::backplane_def(),
        calls::backplane_stream_def(),
        platform::worker_def(),
        platform::location_def(),
        platform::management_def(),
        platform::licensing_def(),
        platform::alarm_def(),
        platform::registration_def(),
        cloud::node_def(),
        cloud::monitored_def(),
        cloud::overflow_def(),
    ];
    defs.extend(rest::defs());
    defs
}
