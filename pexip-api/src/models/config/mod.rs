//! Configuration API models (`/api/admin/configuration/v1/`).

mod automatic_participant;
mod conference;
mod conference_alias;
mod end_user;
mod event_sink;
mod gateway_routing_rule;
mod global;
mod ivr_theme;
mod licence;
mod system_backup;
mod system_location;
mod worker_vm;

pub use automatic_participant::*;
pub use conference::*;
pub use conference_alias::*;
pub use end_user::*;
pub use event_sink::*;
pub use gateway_routing_rule::*;
pub use global::*;
pub use ivr_theme::*;
pub use licence::*;
pub use system_backup::*;
pub use system_location::*;
pub use worker_vm::*;

id_type!(/// Id of a service (VMR, Virtual Auditorium, …).
    ConferenceId, int);
id_type!(/// Id of a service alias.
    ConferenceAliasId, int);
id_type!(/// Id of an Automatically Dialed Participant.
    AutomaticParticipantId, int);
id_type!(/// Id of a Call Routing Rule.
    GatewayRoutingRuleId, int);
id_type!(/// Id of a theme.
    IvrThemeId, int);
id_type!(/// Id of a system location.
    SystemLocationId, int);
id_type!(/// Id of a Conferencing Node (configuration).
    WorkerVmId, int);
id_type!(/// Id of a user.
    EndUserId, int);
id_type!(/// Id of the global settings (always 1).
    GlobalId, int);
id_type!(/// Id of an event sink.
    EventSinkId, int);
id_type!(/// Key of a licence: its fulfillment id.
    FulfillmentId, string);
id_type!(/// Key of a stored licence request: its sequence number.
    LicenceRequestId, string);
id_type!(/// Key of a system backup: its file name.
    BackupFilename, string);
