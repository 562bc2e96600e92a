//! The scheduler's decisions for one step: episodes, leaves, joins, new conferences, mutes and
//! presentations, alarms. Every random draw is from the scheduler's generator, and objects are
//! visited in key order, so a seed gives the same decisions.

use super::generate::caller;
use super::Scheduler;
use crate::config::Activity;
use crate::engine::resource::RowKey;
use crate::live::conference::{self, Service};
use crate::live::rows::{row, Fields};
use crate::live::{archive, config, participant, status, Live, LiveError};
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::json;

/// What a level aims at.
pub struct Targets {
    conferences: usize,
    mean_size: u64,
    /// Mean seconds a participant stays.
    stay: f64,
    /// Mean seconds between alarms.
    alarm_every: f64,
}

impl Targets {
    /// What `level` aims at (`None`: off).
    pub fn of(level: Activity) -> Option<Targets> {
        match level {
            Activity::Off => None,
            Activity::Low => Some(Targets {
                conferences: 4,
                mean_size: 4,
                stay: 900.0,
                alarm_every: 1800.0,
            }),
            Activity::Busy => Some(Targets {
                conferences: 40,
                mean_size: 10,
                stay: 600.0,
                alarm_every: 600.0,
            }),
        }
    }
}

/// An alarm the platform may raise: (identifier, name, level, details).
const ALARMS: &[(i64, &str, &str, &str)] = &[
    (
        1001,
        "Call capacity limit reached",
        "warning",
        "Media load reached 90% on this node.",
    ),
    (
        1002,
        "Connectivity lost between nodes",
        "error",
        "The backplane to a peer node timed out.",
    ),
    (
        1003,
        "NTP not synchronized",
        "warning",
        "The node's clock is not synchronised with an NTP server.",
    ),
    (
        1004,
        "License limit reached",
        "critical",
        "All port licenses are in use.",
    ),
    (
        1005,
        "Hardware IOPS warning",
        "info",
        "Disk I/O latency above 50 ms.",
    ),
];

fn chance(s: &mut Scheduler, secs: f64, mean: f64) -> bool {
    s.rng.gen::<f64>() < 1.0 - (-secs / mean.max(1e-9)).exp()
}

/// A stable number for a conference id (its target size).
fn hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// One step's decisions at the level's targets.
pub fn decide(
    s: &mut Scheduler,
    live: &mut Live<'_>,
    secs: f64,
    t: &Targets,
) -> Result<(), LiveError> {
    episodes(s, live, secs)?;
    leaves(s, live, secs, t)?;
    joins(s, live, secs, t)?;
    new_conferences(s, live, secs, t)?;
    flips(s, live, secs)?;
    alarms(s, live, secs, t)
}

fn admitted(live: &Live<'_>) -> Result<Vec<RowKey>, LiveError> {
    let def = status("participant")?;
    Ok(live
        .store
        .rows(def)
        .filter(|(_, p)| !p.flag("is_on_hold"))
        .map(|(k, _)| k.clone())
        .collect())
}

fn episodes(s: &mut Scheduler, live: &mut Live<'_>, secs: f64) -> Result<(), LiveError> {
    let def = status("participant")?;
    for k in admitted(live)? {
        let loss = live.store.get(def, &k).map_or(0.0, |p| p.float("loss_rx"));
        let id = k.to_string();
        if loss >= 1.0 {
            if chance(s, secs, 45.0) {
                let (rx, tx) = (s.rng.gen_range(0.0..0.3), s.rng.gen_range(0.0..0.2));
                participant::set_loss(live, &id, rx, tx)?;
            }
        } else if chance(s, secs, 900.0) {
            let rx = *[1.5, 2.5, 5.0, 8.0, 15.0]
                .choose(&mut s.rng)
                .unwrap_or(&2.0);
            let tx = rx * s.rng.gen_range(0.3..1.0);
            participant::set_loss(live, &id, rx, tx)?;
        }
    }
    Ok(())
}

fn leaves(s: &mut Scheduler, live: &mut Live<'_>, secs: f64, t: &Targets) -> Result<(), LiveError> {
    let def = status("participant")?;
    for k in live.store.keys(def) {
        if live.store.contains(def, &k) && chance(s, secs, t.stay) {
            let reason = if s.rng.gen_bool(0.8) {
                "Call disconnected"
            } else {
                "Remote disconnect"
            };
            participant::leave(live, &k.to_string(), reason)?;
        }
    }
    Ok(())
}

/// The configured services that activity uses (VMRs and auditoriums with an alias).
fn services(live: &Live<'_>) -> Result<Vec<Service>, LiveError> {
    let (services, aliases) = (config("conference")?, config("conference_alias")?);
    let mut out = Vec::new();
    for (k, svc) in live.store.rows(services) {
        if !matches!(svc.text("service_type").as_str(), "conference" | "lecture") {
            continue;
        }
        if let Some(alias) = live.store.referrers(aliases, "conference", k).first() {
            if let Some(a) = live.store.get(aliases, alias) {
                out.push(Service {
                    key: k.clone(),
                    row: svc.to_row(),
                    alias: a.text("alias"),
                });
            }
        }
        if out.len() >= 500 {
            break;
        }
    }
    Ok(out)
}

fn people(live: &Live<'_>) -> Result<Vec<String>, LiveError> {
    let def = config("end_user")?;
    Ok(live
        .store
        .rows(def)
        .take(500)
        .map(|(_, u)| u.text("display_name"))
        .filter(|n| !n.is_empty())
        .collect())
}

fn locations(live: &Live<'_>) -> Result<Vec<String>, LiveError> {
    let nodes = crate::live::nodes::nodes(live.store)?;
    let mut names: Vec<String> = nodes
        .into_iter()
        .filter(|n| n.conferencing && !n.cloud_bursting && !n.maintenance)
        .map(|n| n.location)
        .collect();
    names.sort_unstable();
    names.dedup();
    Ok(names)
}

/// Adds one caller to the conference of `service`.
pub fn add_caller(
    s: &mut Scheduler,
    live: &mut Live<'_>,
    service: &Service,
) -> Result<String, LiveError> {
    let people = people(live)?;
    let location = locations(live)?.choose(&mut s.rng).cloned();
    let joiner = caller(&mut s.rng, service, &people, location);
    participant::join(live, service, joiner)
}

fn joins(s: &mut Scheduler, live: &mut Live<'_>, secs: f64, t: &Targets) -> Result<(), LiveError> {
    let (conferences, services_def) = (status("conference")?, config("conference")?);
    for k in live.store.keys(conferences) {
        let id = k.to_string();
        let Ok(conf) = conference::get(live.store, &id) else {
            continue;
        };
        let size = conference::participants(live.store, &id)?.len() as u64;
        let target = 1 + hash(&id) % (2 * t.mean_size);
        if size >= target {
            continue;
        }
        let key = RowKey::Int(u64::try_from(conf.int("service_id")).unwrap_or(0));
        let Some(svc) = live.store.get(services_def, &key).map(|r| r.to_row()) else {
            continue;
        };
        let service = Service {
            key,
            row: svc,
            alias: conf.text("alias"),
        };
        for _ in size..target {
            if chance(s, secs, 40.0) {
                add_caller(s, live, &service)?;
            }
        }
    }
    Ok(())
}

fn new_conferences(
    s: &mut Scheduler,
    live: &mut Live<'_>,
    secs: f64,
    t: &Targets,
) -> Result<(), LiveError> {
    let running = live.store.len(status("conference")?);
    if running >= t.conferences {
        return Ok(());
    }
    let mut candidates = Vec::new();
    for svc in services(live)? {
        if conference::running(live.store, &svc.key)?.is_none() {
            candidates.push(svc);
        }
    }
    for _ in running..t.conferences {
        if candidates.is_empty() || !chance(s, secs, 30.0) {
            continue;
        }
        let i = s.rng.gen_range(0..candidates.len());
        let service = candidates.swap_remove(i);
        for _ in 0..s.rng.gen_range(1..=3) {
            add_caller(s, live, &service)?;
        }
    }
    Ok(())
}

fn flips(s: &mut Scheduler, live: &mut Live<'_>, secs: f64) -> Result<(), LiveError> {
    let def = status("participant")?;
    for k in admitted(live)? {
        let Some((muted, presenting)) = live
            .store
            .get(def, &k)
            .map(|p| (p.flag("is_muted"), p.flag("is_presenting")))
        else {
            continue;
        };
        let id = k.to_string();
        if chance(s, secs, 1200.0) {
            participant::set_muted(live, &id, !muted)?;
        }
        if chance(s, secs, 2400.0) {
            participant::set_presenting(live, &id, !presenting)?;
        }
    }
    Ok(())
}

fn alarms(s: &mut Scheduler, live: &mut Live<'_>, secs: f64, t: &Targets) -> Result<(), LiveError> {
    let def = status("alarm")?;
    for k in live.store.keys(def) {
        if chance(s, secs, 300.0) {
            archive::alarm(live, &k)?;
        }
    }
    if chance(s, secs, t.alarm_every) {
        raise_alarm(s, live)?;
    }
    Ok(())
}

/// Raises a random alarm on a random node.
pub fn raise_alarm(s: &mut Scheduler, live: &mut Live<'_>) -> Result<(), LiveError> {
    let nodes = crate::live::nodes::nodes(live.store)?;
    let (Some(node), Some((identifier, name, level, details))) =
        (nodes.choose(&mut s.rng), ALARMS.choose(&mut s.rng))
    else {
        return Ok(());
    };
    let def = status("alarm")?;
    let mut r = row(
        json!({"identifier": identifier, "name": name, "level": level, "details": details,
                           "instance": node.name, "node": node.address, "time_raised": live.now_text(),
                           "acknowledged": false}),
    );
    if let Some(key) = live.store.allocate_key(def, &mut r) {
        live.store.put(def, key, r);
    }
    Ok(())
}
