//! The shared state of a running simulator: the store behind one lock, faults, limiter.

use crate::config::Config;
use crate::engine::errors::ApiError;
use crate::engine::store::Store;
use crate::faults::FaultState;
use crate::ratelimit::Limiter;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::Notify;

/// One simulator instance. Requests are serialised on the store lock.
pub struct AppState {
    pub config: Config,
    store: Mutex<Store>,
    pub faults: FaultState,
    pub limiter: Limiter,
    /// Signalled after every change, for the state-file saver.
    pub changed: Arc<Notify>,
}

impl AppState {
    pub fn new(config: Config, store: Store) -> Self {
        let faults = FaultState::new(config.faults.clone(), config.seed);
        let limiter = Limiter::new(config.rate_limit);
        AppState {
            config,
            store: Mutex::new(store),
            faults,
            limiter,
            changed: Arc::new(Notify::new()),
        }
    }

    pub fn scheme(&self) -> &'static str {
        if self.config.tls {
            "https"
        } else {
            "http"
        }
    }

    /// Runs `f` with shared access to the store.
    pub fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        let guard = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        f(&guard)
    }

    /// Runs `f` as one all-or-nothing transaction: any error undoes every change it made.
    pub fn transaction<R>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let mut guard = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let before = guard.revision();
        guard.begin();
        let result = f(&mut guard);
        match &result {
            Ok(_) => guard.commit(),
            Err(_) => guard.rollback(),
        }
        let changed = guard.revision() != before;
        drop(guard);
        if changed && result.is_ok() {
            self.changed.notify_one();
        }
        result
    }

    /// Direct mutable access (bulk loading by in-process callers).
    pub fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let mut guard = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let r = f(&mut guard);
        drop(guard);
        self.changed.notify_one();
        r
    }
}
