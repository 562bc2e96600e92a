//! History API models (`/api/admin/history/v1/`).

mod conference;
mod participant;

pub use conference::*;
pub use participant::*;

id_type!(/// Id of an ended conference instance (a UUID).
    HistoryConferenceId, string);
id_type!(/// Id of an ended participant (a UUID).
    HistoryParticipantId, string);
