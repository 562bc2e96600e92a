//! Status API models (`/api/admin/status/v1/`, GET only).

mod conference;
mod nodes;
mod participant;
mod platform;

pub use conference::*;
pub use nodes::*;
pub use participant::*;
pub use platform::*;

id_type!(/// Id of a live conference instance (a UUID).
    ConferenceInstanceId, string);
id_type!(/// Id of a live participant (a UUID).
    ParticipantId, string);
id_type!(/// Id of a Conferencing Node's status.
    WorkerVmStatusId, int);
id_type!(/// Id of a system location's status.
    SystemLocationStatusId, int);
id_type!(/// Id of an alarm.
    AlarmId, int);
id_type!(/// Id of a registration.
    RegistrationAliasId, int);
id_type!(/// Id of a cloud overflow node (its instance id).
    CloudNodeId, string);
id_type!(/// Id of the licensing status object.
    LicensingId, int);
