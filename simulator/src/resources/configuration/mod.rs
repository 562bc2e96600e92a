//! The configuration API: every path of the guide's table.

pub mod alias;
pub mod conference;
pub mod generic;
pub mod licence;
pub mod platform;
pub mod routing;
pub mod theme;
pub mod users;

use crate::engine::resource::ResourceDef;

/// Every configuration resource definition.
pub fn defs() -> Vec<ResourceDef> {
    let mut defs = vec![
        conference::def(),
        alias::alias_def(),
        alias::participant_def(),
        routing::def(),
        theme::def(),
        licence::licence_def(),
        licence::request_def(),
        platform::location_def(),
        platform::worker_def(),
        platform::management_def(),
        platform::global_def(),
        users::end_user_def(),
        users::event_sink_def(),
        users::backup_def(),
    ];
    defs.extend(generic::GENERIC.iter().map(|n| generic::def(n)));
    defs
}
