//! The activity engine: a seeded scheduler that makes the node live. Each [`Scheduler::step`]
//! moves simulated time forward (media evolves, quality windows close) and, unless the level is
//! `off`, starts conferences on configured services, lets realistic participants join and leave,
//! starts and ends packet-loss episodes, mutes and presents, and raises and clears alarms.
//! Decisions come only from its own seeded generator and the state, so the sequence of events
//! per step is deterministic under `--seed`. A tokio task ([`spawn`]) steps once per real second,
//! by `time_scale` simulated seconds.

/// Generated history.
pub mod backfill;
/// The live demo.
pub mod demo;
/// Realistic callers.
pub mod generate;
mod schedule;

use crate::config::Activity;
use crate::live::{media, platform, Live, LiveError};
use crate::state::AppState;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

/// How often the background task steps (real time).
pub const TICK: Duration = Duration::from_secs(1);

/// The scheduler's generator and level.
pub struct Scheduler {
    pub(crate) rng: StdRng,
    pub level: Activity,
}

impl Scheduler {
    /// A scheduler seeded from `seed`, stepping at `level`.
    pub fn new(seed: u64, level: Activity) -> Self {
        Scheduler {
            rng: StdRng::seed_from_u64(seed ^ 0xac71_717e),
            level,
        }
    }

    /// Starts the generator again from `seed`.
    pub fn reseed(&mut self, seed: u64) {
        self.rng = StdRng::seed_from_u64(seed ^ 0xac71_717e);
    }

    /// Moves the node `dt` forward at the scheduler's level.
    pub fn step(&mut self, live: &mut Live<'_>, dt: Duration) -> Result<(), LiveError> {
        self.step_at(live, dt, self.level)
    }

    /// Moves the node `dt` forward at `level` (the control API may step at another level).
    pub fn step_at(
        &mut self,
        live: &mut Live<'_>,
        dt: Duration,
        level: Activity,
    ) -> Result<(), LiveError> {
        platform::sync(live)?;
        media::advance(live, dt)?;
        match schedule::Targets::of(level) {
            Some(targets) => schedule::decide(self, live, dt.as_secs_f64(), &targets),
            None => Ok(()),
        }
    }
}

/// Moves the clock `dt` forward and steps the scheduler (at `level`, or its own).
pub fn step(state: &AppState, dt: Duration, level: Option<Activity>) -> Result<(), LiveError> {
    state.clock.advance(dt);
    let mut scheduler = state
        .scheduler
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let level = level.unwrap_or(scheduler.level);
    state.live(|l| scheduler.step_at(l, dt, level))
}

/// What a node has at start (and after a reset): the platform status, and with `--demo` the
/// demo's live calls and history, and `preload_history` participants.
pub fn seed_live(
    live: &mut Live<'_>,
    config: &crate::config::Config,
    seed: u64,
) -> Result<(), LiveError> {
    platform::sync(live)?;
    if config.demo {
        demo::seed(live, seed)?;
    }
    if config.preload_history > 0 {
        let mut rng = StdRng::seed_from_u64(seed ^ 0x009e_10ad);
        backfill::preload(live, &mut rng, config.preload_history)?;
    }
    Ok(())
}

/// Clears live status and history and starts again from `seed`: the scheduler's and the live
/// node's generators are reseeded, and the start-up data is seeded again. The configuration
/// stays.
pub fn reset(state: &AppState, seed: u64) -> Result<(), LiveError> {
    let mut scheduler = state
        .scheduler
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    scheduler.reseed(seed);
    state.live(|l| {
        let reg = crate::engine::registry::registry();
        for api in ["status", "history"] {
            for def in reg.in_api(api) {
                for key in l.store.keys(def) {
                    l.store.remove(def, &key);
                }
            }
        }
        l.state.reset(seed);
        seed_live(l, &state.config, seed)
    })
}

/// One background step: `TICK` of real time, `time_scale` times that of simulated time.
pub fn tick(state: &AppState) -> Result<(), LiveError> {
    let dt = TICK.mul_f64(state.clock.scale());
    let mut scheduler = state
        .scheduler
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    state.live(|l| scheduler.step(l, dt))
}

/// Runs the scheduler in the background, stepping while the level is not `off`, until the
/// state is dropped or `stopping` is signalled.
pub fn spawn(state: &Arc<AppState>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let weak = Arc::downgrade(state);
    let stopping = state.stopping.clone();
    runtime.spawn(async move {
        let mut interval = tokio::time::interval(TICK);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tokio::select! {
                _ = interval.tick() => {}
                _ = stopping.notified() => return,
            }
            let Some(state) = weak.upgrade() else { return };
            if state
                .scheduler
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .level
                == Activity::Off
            {
                continue;
            }
            if let Err(e) = tick(&state) {
                tracing::warn!(error = %e, "activity step failed");
            }
        }
    });
}
