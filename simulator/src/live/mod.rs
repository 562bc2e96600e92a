//! The live node: conferences, participants, media, quality windows, loads and licence use.
//! This module owns every transition of the status tables (start, join or wait in the lobby,
//! admit, leave, end into history, media evolution), so commands, the activity scheduler and
//! the `/_sim/` control API behave the same. Each transition also queues an event for the event
//! sinks. Callers get a [`Live`] context from [`crate::state::AppState::live`].

pub mod archive;
pub mod clock;
pub mod cloud;
pub mod conference;
pub mod events;
pub mod media;
pub mod nodes;
pub mod participant;
pub mod platform;
pub mod quality;
pub mod rows;
pub mod topology;

use crate::engine::registry::registry;
use crate::engine::render::new_uuid_from;
use crate::engine::resource::{ResourceDef, RowKey};
use crate::engine::store::Store;
use crate::engine::values::format_datetime;
use events::Event;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::collections::VecDeque;
use time::PrimitiveDateTime;

/// Why a live transition was refused.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error("Participant '{0}' was not found.")]
    UnknownParticipant(String),
    #[error("Conference '{0}' was not found.")]
    UnknownConference(String),
    /// A parameter is invalid: answered as a field error.
    #[error("{field}: {message}")]
    Field {
        field: &'static str,
        message: String,
    },
    /// A valid request that cannot be carried out now.
    #[error("{0}")]
    Failed(String),
    #[error("internal: {0}")]
    Internal(String),
}

impl LiveError {
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        LiveError::Field {
            field,
            message: message.into(),
        }
    }
}

/// State of the live node that is not in the tables.
pub struct LiveState {
    /// Ids and media noise: its own seeded generator, so live ids are deterministic.
    pub rng: StdRng,
    /// History conference instances, oldest first (for retention).
    pub(crate) retention: VecDeque<RowKey>,
    /// At most this many history conference instances are kept.
    pub history_cap: usize,
    /// Configuration table revisions at the last platform sync.
    pub(crate) synced: Vec<u64>,
    /// Calls changed in this transaction: loads and licence use are refreshed before it commits.
    pub(crate) loads_dirty: bool,
}

impl LiveState {
    pub fn new(seed: u64, history_cap: usize) -> Self {
        LiveState {
            rng: StdRng::seed_from_u64(seed ^ 0x11fe_5eed),
            retention: VecDeque::new(),
            history_cap,
            synced: Vec::new(),
            loads_dirty: false,
        }
    }

    /// Starts again from `seed` (the retention limit stays).
    pub fn reset(&mut self, seed: u64) {
        *self = LiveState::new(seed, self.history_cap);
    }
}

/// One transaction on the live node: the store, the live state, the simulated time, and the
/// events to deliver once it commits.
pub struct Live<'a> {
    pub store: &'a mut Store,
    pub state: &'a mut LiveState,
    pub now: PrimitiveDateTime,
    pub events: Vec<Event>,
}

impl Live<'_> {
    /// A fresh UUID4 from the live generator.
    pub fn uuid(&mut self) -> String {
        new_uuid_from(&mut self.state.rng)
    }

    /// The current simulated time in the API's format.
    pub fn now_text(&self) -> String {
        format_datetime(self.now)
    }

    /// Notes that calls changed: loads and licence use are refreshed once, before commit.
    pub fn loads_changed(&mut self) {
        self.state.loads_dirty = true;
    }

    /// Refreshes loads if calls changed (called by the transaction before it commits).
    pub fn settle(&mut self) -> Result<(), LiveError> {
        if std::mem::take(&mut self.state.loads_dirty) {
            nodes::refresh_loads(self)?;
        }
        Ok(())
    }

    /// Queues an event for the sinks.
    pub fn emit(&mut self, event: Event) {
        self.events.push(event);
    }
}

/// A resource definition the live node writes to.
pub fn def(api: &'static str, name: &'static str) -> Result<&'static ResourceDef, LiveError> {
    registry()
        .get(api, name)
        .ok_or_else(|| LiveError::Internal(format!("no resource {api}/{name}")))
}

/// A status resource definition.
pub fn status(name: &'static str) -> Result<&'static ResourceDef, LiveError> {
    def("status", name)
}

/// A history resource definition.
pub fn history(name: &'static str) -> Result<&'static ResourceDef, LiveError> {
    def("history", name)
}

/// A configuration resource definition.
pub fn config(name: &'static str) -> Result<&'static ResourceDef, LiveError> {
    def("configuration", name)
}
