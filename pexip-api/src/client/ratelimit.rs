//! A global token bucket plus a cap on requests in flight, with priority:
//! interactive requests go ahead of background ones.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// Who is waiting: a user (interactive) or a poller (background).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Priority {
    /// A user clicked: served first.
    #[default]
    Interactive,
    /// Polling and exports: served when no interactive request waits.
    Background,
}

/// Limits. The defaults (20 requests/s, bursts of 40, 8 in flight) use at most
/// 1,200 of the guide's 10,000 requests per 60 s, leaving room for other systems.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimitConfig {
    /// Sustained requests per second; `f64::INFINITY` disables the bucket.
    pub requests_per_second: f64,
    /// Bucket size.
    pub burst: u32,
    /// Requests in flight at once.
    pub max_in_flight: usize,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self {
            requests_per_second: 20.0,
            burst: 40,
            max_in_flight: 8,
        }
    }
}

impl RateLimitConfig {
    /// No token bucket, and `max_in_flight` requests at once (for benchmarks).
    pub fn unlimited(max_in_flight: usize) -> Self {
        Self {
            requests_per_second: f64::INFINITY,
            burst: u32::MAX,
            max_in_flight,
        }
    }
}

struct State {
    tokens: f64,
    last: Instant,
    in_flight: usize,
    /// Callers in the slow path (registered with `notify`), of any priority.
    waiters: usize,
    /// Of those, the interactive ones; background callers yield while it is > 0.
    waiting_interactive: usize,
    paused_until: Option<Instant>,
}

struct Inner {
    cfg: RateLimitConfig,
    state: Mutex<State>,
    notify: Notify,
}

/// The limiter shared by every clone of a client.
#[derive(Clone)]
pub(crate) struct Limiter(Arc<Inner>);

/// A slot in flight; dropping it frees the slot.
pub(crate) struct Permit(Arc<Inner>);

impl Drop for Permit {
    fn drop(&mut self) {
        let wake = {
            let mut st = lock(&self.0.state);
            st.in_flight -= 1;
            st.waiters > 0
        };
        // Waiters register with `notify` before they look at the state, so one
        // that saw the slot taken is woken here; with none, there is no one to wake.
        if wake {
            self.0.notify.notify_waiters();
        }
    }
}

/// A caller in the slow path, counted for as long as it waits (also if its
/// future is dropped).
struct Waiting<'a> {
    inner: &'a Inner,
    interactive: bool,
    armed: bool,
}

impl Waiting<'_> {
    /// Stops counting this caller; true when background callers should look again
    /// (the last interactive waiter left).
    fn leave(&mut self, st: &mut State) -> bool {
        if !self.armed {
            return false;
        }
        self.armed = false;
        st.waiters -= 1;
        if self.interactive {
            st.waiting_interactive -= 1;
            return st.waiting_interactive == 0 && st.waiters > 0;
        }
        false
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if self.armed {
            let wake = self.leave(&mut lock(&self.inner.state));
            if wake {
                self.inner.notify.notify_waiters();
            }
        }
    }
}

fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
    // A poisoned lock only means a panic elsewhere; the counters are still usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Limiter {
    pub(crate) fn new(cfg: RateLimitConfig) -> Self {
        let cfg = RateLimitConfig {
            max_in_flight: cfg.max_in_flight.max(1),
            burst: cfg.burst.max(1),
            ..cfg
        };
        let tokens = f64::from(cfg.burst);
        Limiter(Arc::new(Inner {
            cfg,
            state: Mutex::new(State {
                tokens,
                last: Instant::now(),
                in_flight: 0,
                waiters: 0,
                waiting_interactive: 0,
                paused_until: None,
            }),
            notify: Notify::new(),
        }))
    }

    /// Stops everyone until `until` (after a 429 with `Retry-After`).
    pub(crate) fn pause_until(&self, until: Instant) {
        let mut st = lock(&self.0.state);
        if st.paused_until.is_none_or(|t| t < until) {
            st.paused_until = Some(until);
        }
    }

    /// Waits for a token and a slot.
    pub(crate) async fn acquire(&self, priority: Priority) -> Permit {
        // Fast path: a slot and a token are free and no interactive caller is
        // waiting ahead of a background one: one lock, no waiter registration.
        if self.take(&mut lock(&self.0.state), priority).is_ok() {
            return Permit(self.0.clone());
        }
        self.acquire_slow(priority).await
    }

    /// Waits in the queue, woken when a slot frees or the interactive queue empties.
    async fn acquire_slow(&self, priority: Priority) -> Permit {
        let inner = &*self.0;
        let mut waiting = Waiting {
            inner,
            interactive: priority == Priority::Interactive,
            armed: false,
        };
        loop {
            let notified = inner.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let wait = {
                let mut st = lock(&inner.state);
                if !waiting.armed {
                    st.waiters += 1;
                    if waiting.interactive {
                        st.waiting_interactive += 1;
                    }
                    waiting.armed = true;
                }
                match self.take(&mut st, priority) {
                    Ok(()) => {
                        let wake = waiting.leave(&mut st);
                        drop(st);
                        if wake {
                            inner.notify.notify_waiters();
                        }
                        return Permit(self.0.clone());
                    }
                    Err(wait) => wait,
                }
            };
            match wait {
                Some(d) => {
                    tokio::select! {
                        _ = tokio::time::sleep(d) => {}
                        _ = &mut notified => {}
                    }
                }
                None => notified.await,
            }
        }
    }

    /// Takes a token and a slot if both are free (and the caller need not yield);
    /// otherwise says how long to wait (`None`: until notified).
    fn take(&self, st: &mut State, priority: Priority) -> Result<(), Option<Duration>> {
        let cfg = &self.0.cfg;
        let now = Instant::now();
        self.refill(st, now);
        let paused = st.paused_until.filter(|t| *t > now);
        // A waiting interactive caller other than this one goes first.
        let yield_to_interactive = priority == Priority::Background && st.waiting_interactive > 0;
        let unlimited = !cfg.requests_per_second.is_finite();
        let slot_free = st.in_flight < cfg.max_in_flight;
        if paused.is_none() && !yield_to_interactive && slot_free && (unlimited || st.tokens >= 1.0)
        {
            if !unlimited {
                st.tokens -= 1.0;
            }
            st.in_flight += 1;
            return Ok(());
        }
        Err(if let Some(t) = paused {
            Some(t - now)
        } else if slot_free && !yield_to_interactive && !unlimited {
            let missing = 1.0 - st.tokens;
            Some(Duration::from_secs_f64(missing / cfg.requests_per_second))
        } else {
            None
        })
    }

    fn refill(&self, st: &mut State, now: Instant) {
        let rate = self.0.cfg.requests_per_second;
        if rate.is_finite() {
            let elapsed = now.saturating_duration_since(st.last).as_secs_f64();
            st.tokens = (st.tokens + elapsed * rate).min(f64::from(self.0.cfg.burst));
        }
        st.last = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn bucket_limits_sustained_rate() {
        let l = Limiter::new(RateLimitConfig {
            requests_per_second: 50.0,
            burst: 5,
            max_in_flight: 100,
        });
        let start = Instant::now();
        for _ in 0..15 {
            drop(l.acquire(Priority::Interactive).await);
        }
        // 5 from the burst, 10 more at 50/s need at least ~200 ms.
        assert!(
            start.elapsed() >= Duration::from_millis(180),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test]
    async fn in_flight_cap_and_interactive_first() {
        let l = Limiter::new(RateLimitConfig::unlimited(1));
        let held = l.acquire(Priority::Background).await;
        let order = Arc::new(Mutex::new(Vec::new()));
        let (o1, l1) = (order.clone(), l.clone());
        let bg = tokio::spawn(async move {
            let _p = l1.acquire(Priority::Background).await;
            o1.lock().unwrap().push("background");
        });
        // Make sure the background request is queued first.
        tokio::task::yield_now().await;
        tokio::task::yield_now().await;
        let (o2, l2) = (order.clone(), l.clone());
        let fg = tokio::spawn(async move {
            let _p = l2.acquire(Priority::Interactive).await;
            o2.lock().unwrap().push("interactive");
        });
        // Wait until the interactive request is counted as waiting.
        while lock(&l.0.state).waiting_interactive == 0 {
            tokio::task::yield_now().await;
        }
        drop(held);
        fg.await.unwrap();
        bg.await.unwrap();
        assert_eq!(*order.lock().unwrap(), vec!["interactive", "background"]);
    }

    #[tokio::test]
    async fn a_free_slot_still_goes_to_the_waiting_interactive_caller() {
        let l = Limiter::new(RateLimitConfig::unlimited(1));
        let held = l.acquire(Priority::Background).await;
        let fg = l.acquire(Priority::Interactive);
        tokio::pin!(fg);
        assert!(futures::poll!(fg.as_mut()).is_pending());
        drop(held);
        // The slot is free, but an interactive caller waits: background queues.
        let bg = l.acquire(Priority::Background);
        tokio::pin!(bg);
        assert!(futures::poll!(bg.as_mut()).is_pending());
        let fg_permit = fg.await;
        assert!(futures::poll!(bg.as_mut()).is_pending());
        drop(fg_permit);
        drop(bg.await);
        let st = lock(&l.0.state);
        assert_eq!(
            (st.in_flight, st.waiters, st.waiting_interactive),
            (0, 0, 0)
        );
    }

    #[tokio::test]
    async fn a_cancelled_waiter_leaves_the_queue() {
        let l = Limiter::new(RateLimitConfig::unlimited(1));
        let held = l.acquire(Priority::Background).await;
        {
            let fg = l.acquire(Priority::Interactive);
            tokio::pin!(fg);
            assert!(futures::poll!(fg.as_mut()).is_pending());
            let st = lock(&l.0.state);
            assert_eq!((st.waiters, st.waiting_interactive), (1, 1));
        }
        {
            let st = lock(&l.0.state);
            assert_eq!((st.waiters, st.waiting_interactive), (0, 0));
        }
        drop(held);
        // Background work is not held back by the interactive caller that left.
        drop(l.acquire(Priority::Background).await);
        assert_eq!(lock(&l.0.state).in_flight, 0);
    }

    #[tokio::test]
    async fn pause_holds_everyone() {
        let l = Limiter::new(RateLimitConfig::unlimited(4));
        l.pause_until(Instant::now() + Duration::from_millis(150));
        let start = Instant::now();
        drop(l.acquire(Priority::Interactive).await);
        assert!(start.elapsed() >= Duration::from_millis(140));
    }
}
