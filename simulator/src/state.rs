//! The shared state of a running simulator: the store behind one lock, the live node, the
//! simulated clock, the event sinks, faults and the rate limiter.

use crate::activity::Scheduler;
use crate::config::Config;
use crate::engine::errors::ApiError;
use crate::engine::store::Store;
use crate::faults::FaultState;
use crate::live::clock::SimClock;
use crate::live::{Live, LiveError, LiveState};
use crate::ratelimit::Limiter;
use crate::sinks::{route, Dispatcher};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::Notify;

/// The API whose tables the state file keeps.
pub const PERSISTED_API: &str = "configuration";

/// One simulator instance. Requests are serialised on the store lock. Lock order, where more
/// than one is taken: scheduler, then store, then live.
pub struct AppState {
    pub config: Config,
    store: Mutex<Store>,
    live: Mutex<LiveState>,
    /// The activity scheduler (its own seeded generator and level).
    pub scheduler: Mutex<Scheduler>,
    pub clock: SimClock,
    pub faults: FaultState,
    pub limiter: Limiter,
    pub sinks: Dispatcher,
    /// Signalled after every change to the configuration, for the state-file saver.
    pub changed: Arc<Notify>,
    /// Signalled at shutdown (the activity task stops).
    pub stopping: Arc<Notify>,
    /// API requests answered, per method and path (`/_sim/requests`).
    pub requests: crate::control::requests::RequestCounts,
}

impl AppState {
    pub fn new(config: Config, store: Store) -> Self {
        let faults = FaultState::new(config.faults.clone(), config.seed);
        let limiter = Limiter::new(config.rate_limit);
        AppState {
            live: Mutex::new(LiveState::new(config.seed, config.history_retention)),
            scheduler: Mutex::new(Scheduler::new(config.seed, config.activity)),
            clock: SimClock::new(config.time_scale),
            store: Mutex::new(store),
            faults,
            limiter,
            sinks: Dispatcher::default(),
            changed: Arc::new(Notify::new()),
            stopping: Arc::new(Notify::new()),
            requests: Default::default(),
            config,
        }
    }

    pub fn scheme(&self) -> &'static str {
        if self.config.tls {
            "https"
        } else {
            "http"
        }
    }

    fn lock_store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` with shared access to the store.
    pub fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        let guard = self.lock_store();
        f(&guard)
    }

    /// Runs `f` as one all-or-nothing transaction: any error undoes every change it made.
    pub fn transaction<R>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let mut guard = self.lock_store();
        let before = guard.api_revision(PERSISTED_API);
        guard.begin();
        let result = f(&mut guard);
        match &result {
            Ok(_) => guard.commit(),
            Err(_) => guard.rollback(),
        }
        let changed = guard.api_revision(PERSISTED_API) != before;
        drop(guard);
        if changed && result.is_ok() {
            self.changed.notify_one();
        }
        result
    }

    /// Runs `f` as one all-or-nothing transaction on the live node; its events go to the
    /// event sinks once it commits. Changes that only touch status never trigger a save.
    pub fn live<R>(
        &self,
        f: impl FnOnce(&mut Live<'_>) -> Result<R, LiveError>,
    ) -> Result<R, LiveError> {
        let mut store = self.lock_store();
        let mut live_state = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        let before = store.api_revision(PERSISTED_API);
        store.begin();
        let now = self.clock.now();
        let mut ctx = Live {
            store: &mut store,
            state: &mut live_state,
            now,
            events: Vec::new(),
        };
        let result = f(&mut ctx).and_then(|r| ctx.settle().map(|()| r));
        ctx.state.loads_dirty = false;
        let events = std::mem::take(&mut ctx.events);
        match &result {
            Ok(_) => store.commit(),
            Err(_) => store.rollback(),
        }
        let routed = (result.is_ok() && !events.is_empty()).then(|| route(&store, events));
        let changed = store.api_revision(PERSISTED_API) != before;
        drop(live_state);
        drop(store);
        if let Some(routed) = routed {
            self.sinks.enqueue(routed);
        }
        if changed && result.is_ok() {
            self.changed.notify_one();
        }
        result
    }

    /// Direct mutable access (bulk loading by in-process callers).
    pub fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let mut guard = self.lock_store();
        let before = guard.api_revision(PERSISTED_API);
        let r = f(&mut guard);
        let changed = guard.api_revision(PERSISTED_API) != before;
        drop(guard);
        if changed {
            self.changed.notify_one();
        }
        r
    }
}
