//! The history API (`/api/admin/history/v1/`): ended conferences and participants (CDRs) with
//! their media streams, alarms, backplanes and Conferencing Node events. Written by
//! [`crate::live`] when calls end; at most `Config::history_retention` conference instances
//! are kept, the oldest leaving first with its participants.

mod calls;
mod platform;

use crate::engine::resource::ResourceDef;

/// Every history resource definition.
pub fn defs() -> Vec<ResourceDef> {
    vec![
        calls::conference_def(),
        calls::participant_def(),
        calls::media_stream_def(),
        calls::backplane_def(),
        calls::backplane_stream_def(),
        platform::alarm_def(),
        platform::node_event_def(),
    ]
}

pub use calls::delete_conference;
