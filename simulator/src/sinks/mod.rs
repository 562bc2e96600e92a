//! Event sinks: for each configured `event_sink`, the events of the live node are POSTed to its
//! URL as Pexip's event-sink JSON (`event`, `node`, `seq`, `time`, `version`, `data`), in order,
//! with the sink's Basic credentials. A sink that some system location lists gets the events of
//! that location's nodes; a sink no location lists gets every event (pexsim's choice, so a sink
//! works without wiring locations). Delivery never blocks the simulator: each sink has a bounded
//! queue (the global `es_maximum_deferred_posts`, oldest dropped and counted when full) and its
//! own task, which retries with exponential backoff (`es_initial_retry_backoff` doubling up to
//! `es_maximum_retry_backoff`, seconds; 0 means 50 ms) and times out after
//! `es_connection_timeout` seconds.

mod worker;

use crate::engine::registry::registry;
use crate::engine::resource::RowKey;
use crate::engine::store::Store;
use crate::live::events::Event;
use crate::live::rows::Fields;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use worker::{Queue, Worker};

/// Where and how one sink is reached.
#[derive(Debug, Clone, PartialEq)]
pub struct SinkTarget {
    pub id: u64,
    pub name: String,
    pub url: String,
    pub username: String,
    pub password: String,
    pub version: i64,
    pub verify_tls: bool,
}

/// Delivery settings, from the global configuration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub timeout: Duration,
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
    pub max_queue: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(7),
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(1800),
            max_queue: 1000,
        }
    }
}

/// Delivery figures of one sink (`GET /_sim/sinks`).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct SinkStats {
    pub id: u64,
    pub name: String,
    pub url: String,
    /// Waiting to be sent.
    pub queued: usize,
    pub delivered: u64,
    /// Attempts that failed (each is retried).
    pub failed_attempts: u64,
    /// Dropped because the queue was full.
    pub dropped: u64,
    pub last_error: Option<String>,
}

/// Events addressed to sinks, ready to queue.
pub struct Routed {
    sinks: Vec<SinkTarget>,
    deliveries: Vec<(u64, Event)>,
    settings: Settings,
}

/// The per-sink queues and tasks of one simulator.
#[derive(Default)]
pub struct Dispatcher {
    workers: Mutex<HashMap<u64, Worker>>,
}

fn seconds(n: i64) -> Duration {
    match n {
        n if n <= 0 => Duration::from_millis(50),
        n => Duration::from_secs(u64::try_from(n).unwrap_or(1)),
    }
}

/// The configured sinks and settings, and the events each sink gets.
pub fn route(store: &Store, events: Vec<Event>) -> Routed {
    let reg = registry();
    let (Some(sinks_def), Some(locations), Some(workers), Some(global)) = (
        reg.get("configuration", "event_sink"),
        reg.get("configuration", "system_location"),
        reg.get("configuration", "worker_vm"),
        reg.get("configuration", "global"),
    ) else {
        return Routed {
            sinks: Vec::new(),
            deliveries: Vec::new(),
            settings: Settings::default(),
        };
    };
    let sinks: Vec<SinkTarget> = store
        .rows(sinks_def)
        .filter_map(|(k, s)| {
            let RowKey::Int(id) = k else { return None };
            Some(SinkTarget {
                id: *id,
                name: s.text("name"),
                url: s.text("url"),
                username: s.text("username"),
                password: s.text("password"),
                version: s.value("version").and_then(Value::as_i64).unwrap_or(2),
                verify_tls: s.flag("verify_tls_certificate"),
            })
        })
        .collect();
    let settings = store
        .get(global, &RowKey::Int(1))
        .map_or_else(Settings::default, |g| Settings {
            timeout: seconds(
                g.value("es_connection_timeout")
                    .and_then(Value::as_i64)
                    .unwrap_or(7),
            ),
            initial_backoff: seconds(
                g.value("es_initial_retry_backoff")
                    .and_then(Value::as_i64)
                    .unwrap_or(1),
            ),
            max_backoff: seconds(
                g.value("es_maximum_retry_backoff")
                    .and_then(Value::as_i64)
                    .unwrap_or(1800),
            ),
            max_queue: usize::try_from(
                g.value("es_maximum_deferred_posts")
                    .and_then(Value::as_i64)
                    .unwrap_or(1000),
            )
            .unwrap_or(1000)
            .max(1),
        });
    // Which sinks each location lists, and the location of each node address.
    let mut listed: HashSet<u64> = HashSet::new();
    let mut by_location: HashMap<RowKey, Vec<u64>> = HashMap::new();
    for (k, l) in store.rows(locations) {
        let ids: Vec<u64> = l
            .value("event_sinks")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .filter_map(|u| match sinks_def.key_from_uri(u) {
                        Some(RowKey::Int(i)) => Some(i),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        listed.extend(ids.iter().copied());
        by_location.insert(k.clone(), ids);
    }
    let location_of: HashMap<String, RowKey> = store
        .rows(workers)
        .filter_map(|(_, w)| {
            let loc = w.value("system_location").and_then(Value::as_str)?;
            Some((w.text("address"), locations.key_from_uri(loc)?))
        })
        .collect();
    let mut deliveries = Vec::new();
    for event in events {
        let local = location_of
            .get(&event.node)
            .and_then(|l| by_location.get(l))
            .cloned()
            .unwrap_or_default();
        for sink in &sinks {
            if !listed.contains(&sink.id) || local.contains(&sink.id) {
                deliveries.push((sink.id, event.clone()));
            }
        }
    }
    Routed {
        sinks,
        deliveries,
        settings,
    }
}

impl Dispatcher {
    /// Queues routed events (never waits). Sinks that are no longer configured stop; a sink
    /// whose URL or credentials changed restarts with its queue.
    pub fn enqueue(&self, routed: Routed) {
        let mut workers = self.workers.lock().unwrap_or_else(PoisonError::into_inner);
        workers.retain(|id, _| routed.sinks.iter().any(|s| s.id == *id));
        if routed.deliveries.is_empty() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::warn!("event sinks need a tokio runtime; events dropped");
            return;
        };
        for sink in &routed.sinks {
            match workers.get_mut(&sink.id) {
                Some(w) if w.target == *sink => {}
                Some(w) => w.restart(sink.clone(), &runtime),
                None => {
                    workers.insert(sink.id, Worker::start(sink.clone(), &runtime));
                }
            }
        }
        for (id, event) in routed.deliveries {
            let Some(w) = workers.get_mut(&id) else {
                continue;
            };
            let seq = w.next_seq(&event.node);
            let body = json!({
                "event": event.name,
                "node": event.node,
                "seq": seq,
                "time": event.time,
                "version": w.target.version,
                "data": event.data,
            });
            w.queue.push(body, routed.settings);
        }
    }

    /// Delivery figures of every sink with a queue.
    pub fn stats(&self) -> Vec<SinkStats> {
        let workers = self.workers.lock().unwrap_or_else(PoisonError::into_inner);
        let mut out: Vec<SinkStats> = workers.values().map(|w| w.queue.stats()).collect();
        out.sort_by_key(|s| s.id);
        out
    }
}

/// A queue shared by a sink's worker task and the dispatcher.
pub(crate) type SharedQueue = Arc<Queue>;
