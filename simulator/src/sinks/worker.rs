//! One sink's queue and delivery task: events in order, one at a time, retried with backoff.

use super::{Settings, SharedQueue, SinkStats, SinkTarget};
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// The events waiting for one sink, and its figures.
#[derive(Default)]
pub struct Queue {
    inner: Mutex<Inner>,
    notify: Notify,
}

#[derive(Default)]
struct Inner {
    /// (position number, body), oldest first.
    items: VecDeque<(u64, Value)>,
    next: u64,
    settings: Option<Settings>,
    stats: SinkStats,
}

impl Queue {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds an event; when the queue is full the oldest is dropped (and counted).
    pub fn push(&self, body: Value, settings: Settings) {
        let mut q = self.lock();
        while q.items.len() >= settings.max_queue {
            q.items.pop_front();
            q.stats.dropped += 1;
        }
        let n = q.next;
        q.next += 1;
        q.items.push_back((n, body));
        q.settings = Some(settings);
        drop(q);
        self.notify.notify_one();
    }

    fn front(&self) -> Option<(u64, Value, Settings)> {
        let q = self.lock();
        let settings = q.settings.unwrap_or_default();
        q.items.front().map(|(n, v)| (*n, v.clone(), settings))
    }

    fn delivered(&self, n: u64) {
        let mut q = self.lock();
        if q.items.front().is_some_and(|(m, _)| *m == n) {
            q.items.pop_front();
        }
        q.stats.delivered += 1;
        q.stats.last_error = None;
    }

    fn failed(&self, error: String) {
        let mut q = self.lock();
        q.stats.failed_attempts += 1;
        q.stats.last_error = Some(error);
    }

    /// The sink's delivery figures now.
    pub fn stats(&self) -> SinkStats {
        let q = self.lock();
        SinkStats {
            queued: q.items.len(),
            ..q.stats.clone()
        }
    }
}

/// A sink's queue, delivery task and sequence numbers (per originating node).
pub struct Worker {
    pub target: SinkTarget,
    pub queue: SharedQueue,
    seq: HashMap<String, u64>,
    task: JoinHandle<()>,
}

impl Worker {
    /// Starts delivering to `target`.
    pub fn start(target: SinkTarget, runtime: &tokio::runtime::Handle) -> Worker {
        let queue: SharedQueue = Arc::new(Queue::default());
        let task = runtime.spawn(run(queue.clone(), target.clone()));
        let w = Worker {
            target,
            queue,
            seq: HashMap::new(),
            task,
        };
        w.label();
        w
    }

    /// Restarts delivery with a changed target; queued events are kept.
    pub fn restart(&mut self, target: SinkTarget, runtime: &tokio::runtime::Handle) {
        self.task.abort();
        self.task = runtime.spawn(run(self.queue.clone(), target.clone()));
        self.target = target;
        self.label();
    }

    fn label(&self) {
        let mut q = self.queue.lock();
        q.stats.id = self.target.id;
        q.stats.name = self.target.name.clone();
        q.stats.url = self.target.url.clone();
    }

    /// The next sequence number of events from `node` to this sink (from 1).
    pub fn next_seq(&mut self, node: &str) -> u64 {
        let n = self.seq.entry(node.to_string()).or_insert(0);
        *n += 1;
        *n
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn run(queue: SharedQueue, target: SinkTarget) {
    let client = match reqwest::Client::builder()
        .danger_accept_invalid_certs(!target.verify_tls)
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            queue.failed(format!("cannot build an HTTP client: {e}"));
            return;
        }
    };
    let mut backoff: Option<Duration> = None;
    loop {
        let Some((n, body, settings)) = queue.front() else {
            queue.notify.notified().await;
            continue;
        };
        let mut req = client
            .post(&target.url)
            .json(&body)
            .timeout(settings.timeout);
        if !target.username.is_empty() {
            req = req.basic_auth(&target.username, Some(&target.password));
        }
        let error = match req.send().await {
            Ok(resp) if resp.status().is_success() => None,
            Ok(resp) => Some(format!("HTTP {}", resp.status())),
            Err(e) => Some(e.to_string()),
        };
        match error {
            None => {
                queue.delivered(n);
                backoff = None;
            }
            Some(e) => {
                tracing::debug!(sink = %target.name, error = %e, "event delivery failed; retrying");
                queue.failed(e);
                let wait = backoff.map_or(settings.initial_backoff, |b| {
                    (b * 2).min(settings.max_backoff)
                });
                backoff = Some(wait);
                tokio::time::sleep(wait).await;
            }
        }
    }
}
