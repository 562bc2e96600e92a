//! The simulated clock: wall-clock time at start, running `time_scale` times as fast, plus
//! whatever the control API or the library has stepped forward.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};
use time::{OffsetDateTime, PrimitiveDateTime};

struct Base {
    real: Instant,
    sim: PrimitiveDateTime,
    scale: f64,
}

/// Simulated time (UTC).
pub struct SimClock {
    base: Mutex<Base>,
}

impl SimClock {
    /// Starts at the current UTC time, running `scale` times as fast as real time.
    pub fn new(scale: f64) -> Self {
        let now = OffsetDateTime::now_utc();
        SimClock {
            base: Mutex::new(Base {
                real: Instant::now(),
                sim: PrimitiveDateTime::new(now.date(), now.time()),
                scale: scale.max(0.0),
            }),
        }
    }

    /// The current simulated time.
    pub fn now(&self) -> PrimitiveDateTime {
        let b = self.base.lock().unwrap_or_else(PoisonError::into_inner);
        let elapsed = b.real.elapsed().as_secs_f64() * b.scale;
        b.sim + time::Duration::seconds_f64(elapsed)
    }

    /// Moves simulated time forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut b = self.base.lock().unwrap_or_else(PoisonError::into_inner);
        b.sim += by;
    }

    /// The time scale.
    pub fn scale(&self) -> f64 {
        self.base
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .scale
    }

    /// Changes the time scale from now on (simulated time does not jump).
    pub fn set_scale(&self, scale: f64) {
        let now = self.now();
        let mut b = self.base.lock().unwrap_or_else(PoisonError::into_inner);
        *b = Base {
            real: Instant::now(),
            sim: now,
            scale: scale.max(0.0),
        };
    }
}

/// Seconds since the Unix epoch (event-sink `time`).
pub fn unix_seconds(t: PrimitiveDateTime) -> f64 {
    let nanos = t.assume_utc().unix_timestamp_nanos();
    nanos as f64 / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_time_forward() {
        let c = SimClock::new(0.0);
        let t0 = c.now();
        c.advance(Duration::from_secs(90));
        assert_eq!(c.now() - t0, time::Duration::seconds(90));
        c.set_scale(0.0);
        assert_eq!(c.now() - t0, time::Duration::seconds(90));
    }
}
